package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchserverless"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	opensearchserverlessDefaultsStack = "AossDefaults"
	opensearchserverlessOptionsStack  = "AossOptions"
	opensearchserverlessPublicStack   = "AossPublic"
	opensearchserverlessPipelineStack = "AossPipeline"
)

var opensearchserverlessBuilt struct {
	defaults, second, options, public, pipeline *opensearchserverless.Collection
	reader, admin, lateWriter                   awsiam.Role
	vpc                                         awsec2.IVpc
}

func opensearchserverlessRole(scope constructs.Construct, id string) awsiam.Role {
	return awsiam.NewRole(scope, jsii.String(id), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
}

var opensearchserverlessConfigs = testkit.Register("opensearchserverless", nil, func(app constructs.Construct) {
	b := &opensearchserverlessBuilt
	// Defaults, and a second instance in the same stack (names must not
	// collide).
	s1 := awscdk.NewStack(app, jsii.String(opensearchserverlessDefaultsStack), nil)
	b.defaults = opensearchserverless.New(s1, "Weblogs", nil)
	b.second = opensearchserverless.New(s1, "Sensors", &opensearchserverless.Props{Delivery: jsii.Bool(false), Vpc: b.defaults.Vpc,
		Readers: []awsiam.IRole{opensearchserverlessRole(s1, "SensorReader")}})

	// The StreamAnalytics shape: a VPC of the app with private subnets
	// with egress, an existing stream of sensor readings, a SEARCH
	// collection without standby replicas, readers/admins, a grant after
	// New, Bedrock as a source service and account capacity limits.
	s2 := awscdk.NewStack(app, jsii.String(opensearchserverlessOptionsStack), nil)
	b.vpc = analyticsVpc(s2, 2)
	stream := awskinesis.NewStream(s2, jsii.String("Readings"), &awskinesis.StreamProps{StreamMode: awskinesis.StreamMode_ON_DEMAND, Encryption: awskinesis.StreamEncryption_MANAGED, RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	b.reader = opensearchserverlessRole(s2, "Reader")
	b.admin = opensearchserverlessRole(s2, "Admin")
	b.options = opensearchserverless.New(s2, "Search", &opensearchserverless.Props{
		CollectionName:      jsii.String("sensor-readings"),
		Type:                opensearchserverless.Search,
		StandbyReplicas:     jsii.Bool(false),
		Vpc:                 b.vpc,
		VpcSubnets:          &awsec2.SubnetSelection{SubnetGroupName: jsii.String("Private")},
		AllowFrom:           []awsec2.IPeer{awsec2.Peer_Ipv4(jsii.String("10.0.0.0/16"))},
		SourceServices:      []*string{jsii.String("bedrock.amazonaws.com")},
		ExistingStream:      stream,
		IndexName:           jsii.String("readings"),
		BufferInterval:      awscdk.Duration_Seconds(jsii.Number(0)),
		BufferSize:          awscdk.Size_Mebibytes(jsii.Number(1)),
		RetryDuration:       awscdk.Duration_Seconds(jsii.Number(60)),
		Readers:             []awsiam.IRole{b.reader},
		Admins:              []awsiam.IRole{b.admin},
		MaxIndexingCapacity: jsii.Number(4),
		MaxSearchCapacity:   jsii.Number(4),
	})
	b.lateWriter = opensearchserverlessRole(s2, "LateWriter")
	b.options.GrantWrite(b.lateWriter)

	// Public with the opt-in, AWS owned key, no delivery, an existing
	// encryption policy for a second collection.
	s3 := awscdk.NewStack(app, jsii.String(opensearchserverlessPublicStack), nil)
	b.public = opensearchserverless.New(s3, "Demo", &opensearchserverless.Props{
		AwsOwnedKey:        jsii.Bool(true),
		PublicAccess:       jsii.Bool(true),
		PublicAccessReason: jsii.String("A public demo collection reached from laptops through Dashboards."),
		Delivery:           jsii.Bool(false),
		Admins:             []awsiam.IRole{opensearchserverlessRole(s3, "DemoAdmin")},
	})
	opensearchserverless.New(s3, "Shared", &opensearchserverless.Props{
		CollectionName:               jsii.String("shared-logs"),
		CreateEncryptionPolicy:       jsii.Bool(false),
		ExistingEncryptionPolicyName: jsii.String("org-logs-encryption"),
		Type:                         opensearchserverless.VectorSearch,
	})

	// OpenSearch Ingestion instead of Firehose.
	s4 := awscdk.NewStack(app, jsii.String(opensearchserverlessPipelineStack), nil)
	b.pipeline = opensearchserverless.New(s4, "Osis", &opensearchserverless.Props{
		IngestWith:       opensearchserverless.OpenSearchIngestion,
		PipelineMaxUnits: jsii.Number(2),
		IndexName:        jsii.String("weblogs"),
	})
})
