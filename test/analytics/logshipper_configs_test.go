package analytics_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/logshipper"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	logshipperDefaultsStack = "LogShipperDefaults"
	logshipperAgentStack    = "LogShipperKinesisAgent"
)

var logshipperBuilt struct {
	defaults, agent *logshipper.Shipper
	stream          awskinesis.Stream
}

// logshipperStream is the StreamAnalytics weblogs stream: CMK, retained.
func logshipperStream(scope constructs.Construct) awskinesis.Stream {
	key := awskms.NewKey(scope, jsii.String("StreamKey"), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true), RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	stream := awskinesis.NewStream(scope, jsii.String("Weblogs"), &awskinesis.StreamProps{
		Encryption: awskinesis.StreamEncryption_KMS, EncryptionKey: key, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
		StreamMode: awskinesis.StreamMode_ON_DEMAND,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(stream, &[]*cdknag.NagPackSuppression{{Id: jsii.String("AwsSolutions-KDS3"),
		Reason: jsii.String("The test stream uses a customer managed key so that the shipper's role is seen to get the key grant.")}}, jsii.Bool(true))
	return stream
}

var logshipperConfigs = testkit.Register("logshipper", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(logshipperDefaultsStack), nil)
	logshipperBuilt.stream = logshipperStream(s1)
	logshipperBuilt.defaults = logshipper.New(s1, "WebServer", &logshipper.Props{Stream: logshipperBuilt.stream})

	// The legacy agent, to Firehose, in a given VPC, on x86, two flows.
	s2 := awscdk.NewStack(app, jsii.String(logshipperAgentStack), nil)
	logshipperBuilt.agent = logshipper.New(s2, "WebServer", &logshipper.Props{
		Agent:          logshipper.KinesisAgent,
		DeliveryStream: awskinesisfirehose.DeliveryStream_FromDeliveryStreamName(s2, jsii.String("Weblogs"), jsii.String("weblogs-to-s3")),
		Vpc:            datavpc.New(s2, "Net", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0)}).Vpc, VpcSubnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		InstanceType: awsec2.NewInstanceType(jsii.String("c7a.medium")),
		Flows: []logshipper.Flow{
			{FilePattern: "/var/log/httpd/access_log*", Processing: []logshipper.Processing{{Option: logshipper.LogToJSON, LogFormat: "COMBINEDAPACHELOG"}}},
			{FilePattern: "/var/log/app/orders-*.csv", Processing: []logshipper.Processing{{Option: logshipper.SingleLine}, {Option: logshipper.CSVToJSON, CustomFieldNames: []string{"id", "amount"}}}},
		},
	})
})
