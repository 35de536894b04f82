package spark_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emreks"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	emreksCreatedStack = "EmrEksCreated"
	emreksGivenStack   = "EmrEksGiven"
	// emreksOidcArn is the IAM OIDC provider of the given cluster.
	emreksOidcArn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B7"
)

var emreksBuilt struct {
	defaults, held, given *emreks.VirtualCluster
}

var emreksConfigs = testkit.Register("emreks", nil, func(app constructs.Construct) {
	// Created clusters: the defaults (cluster, namespace and virtual
	// cluster in one deployment), and one with an admin role and another
	// namespace whose virtual cluster is held back (NamespaceReady false).
	s1 := awscdk.NewStack(app, jsii.String(emreksCreatedStack), nil)
	emreksBuilt.defaults = emreks.New(s1, "Default", nil)
	admin := awsiam.Role_FromRoleName(s1, jsii.String("Admin"), jsii.String("platform-admin"), nil)
	emreksBuilt.held = emreks.New(s1, "Spark", &emreks.Props{
		Cluster:        &emreks.ClusterProps{AdminRole: admin},
		Namespace:      "etl",
		NamespaceReady: jsii.Bool(false),
	})

	// An existing cluster given by name and OIDC provider: no Kubernetes
	// or network resource, the role and the virtual cluster only.
	s2 := awscdk.NewStack(app, jsii.String(emreksGivenStack), nil)
	lake := securebucket.New(s2, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	emreksBuilt.given = emreks.New(s2, "Spark", &emreks.Props{
		ClusterName:        "analytics",
		OidcProviderArn:    emreksOidcArn,
		JobRoleName:        "emr-job-role",
		VirtualClusterName: "analytics-spark",
		ReadLocations:      []emreks.Location{{Bucket: lake.Bucket, Prefix: "raw/"}},
		ReadWriteLocations: []emreks.Location{{Bucket: lake.Bucket, Prefix: "curated/"}},
		GlueDatabases:      []string{"lake_curated"},
	})
})
