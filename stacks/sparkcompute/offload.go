package sparkcompute

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Warehouse is what the offload job (ETL-22) uses of the Warehouse stack:
// a provisioned cluster in its isolated VPC, a database user that signs in
// with temporary credentials, the connector's tempdir in the staging
// bucket, and the tables read and written.
type Warehouse struct {
	Warehouse *dw.Warehouse
	// Bucket and Prefix are the tempdir (SSE-KMS with the bucket's key).
	Bucket awss3.IBucket
	Prefix string
	// EndpointSecurityGroup guards the VPC's interface endpoints (Glue,
	// KMS, Logs, Monitoring, STS, Redshift).
	EndpointSecurityGroup awsec2.ISecurityGroup
	// User signs in; Source is read and Target written (schema.table).
	User, Source, Target string
}

// OffloadDaysBack is the window the nightly offload recomputes: the last
// three days, so late orders are counted.
const OffloadDaysBack = 3

// offload is ETL-22 on EMR Serverless: a Spark application in the
// warehouse's VPC (its private subnets; HTTPS to the endpoints, the
// cluster's port) runs redshift_offload.py, which reads the lake orders
// through the Redshift connector (UNLOAD to the tempdir with Redshift's
// role), sums them per customer and day in Spark and COPYs the result
// back. It returns the state that runs it.
func (s *Stack) offload(w *work, wh *Warehouse, common func(string) *emrserverless.Props) awsstepfunctions.IChainable {
	dwh := wh.Warehouse
	p := common(emrserverless.Spark)
	p.LogPrefix = "emr-serverless/offload/"
	p.LogBucket, p.EncryptionKey = s.Spark.LogBucket, s.Spark.Key
	p.Vpc = dwh.Vpc
	p.VpcSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
	p.ReadWriteLocations = []emrserverless.Location{{Bucket: wh.Bucket, Prefix: wh.Prefix}}
	s.Offload = emrserverless.New(s.Stack, "Offload", p)
	allowOffload(s, dwh, wh.EndpointSecurityGroup)
	dwh.GrantCredentials(s.Offload.JobRole, wh.User)

	url := fmt.Sprintf("jdbc:redshift:iam://%s:%d/%s", *dwh.Endpoint, int(dwh.PortNumber()), dwh.DatabaseName)
	args := []string{
		"--jdbc-url", url, "--db-user", wh.User, "--iam-role", *dwh.Role.RoleArn(),
		"--tempdir", "s3://" + *wh.Bucket.BucketName() + "/" + wh.Prefix,
		"--source-table", wh.Source, "--target-table", wh.Target,
		"--days-back", fmt.Sprint(OffloadDaysBack),
	}
	if key := wh.Bucket.EncryptionKey(); key != nil {
		// UNLOAD encrypts with the bucket's own key: the staging bucket
		// denies uploads naming another.
		args = append(args, "--tempdir-kms-key", *key.KeyArn())
	}
	return s.Offload.StartJobRun(s.Stack, "CustomerDailyTotals", &emrserverless.JobRunProps{
		EntryPoint:            *s.Jobs.S3Url(sparkjobs.RedshiftOffload),
		EntryPointArguments:   args,
		SparkSubmitParameters: sparkjobs.RedshiftConnectorJars,
		ExecutionTimeout:      awscdk.Duration_Hours(jsii.Number(1)),
		ResultPath:            "$.customerDailyTotals",
	})
}

// allowOffload opens the path from the offload's workers to the cluster's
// port and to the VPC's interface endpoints. Every rule is a resource of
// this stack (the Warehouse stack cannot refer to this one: it deploys
// first), so CDK's Connections, which would put the ingress rules in the
// Warehouse stack, are not used.
func allowOffload(s *Stack, dwh *dw.Warehouse, endpoints awsec2.ISecurityGroup) {
	sg := s.Offload.SecurityGroup
	port := dwh.PortNumber()
	sg.AddEgressRule(awsec2.Peer_SecurityGroupId(dwh.SecurityGroup.SecurityGroupId(), nil), dwh.Port(), jsii.String("The offload job's JDBC connection to the warehouse (ETL-22)"), nil)
	ingress := func(id string, group *string, from float64, description string) {
		awsec2.NewCfnSecurityGroupIngress(s.Stack, jsii.String(id), &awsec2.CfnSecurityGroupIngressProps{
			GroupId: group, SourceSecurityGroupId: sg.SecurityGroupId(), IpProtocol: jsii.String("tcp"),
			FromPort: jsii.Number(from), ToPort: jsii.Number(from), Description: jsii.String(description),
		})
	}
	ingress("OffloadToWarehouse", dwh.SecurityGroup.SecurityGroupId(), port, "The SparkCompute offload job's JDBC connection (ETL-22)")
	ingress("OffloadToEndpoints", endpoints.SecurityGroupId(), 443, "The SparkCompute offload job's workers to the interface endpoints (ETL-22)")
}
