package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/configrules"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	configrulesDefaultsStack = "ConfigRulesDefaults"
	configrulesOptionsStack  = "ConfigRulesOptions"
	configrulesExistingStack = "ConfigRulesExisting"
)

var configrulesBuilt struct {
	defaults, options, existing *configrules.Rules
	bucket                      *securebucket.SecureBucket
	deliveryTopic, alarmTopic   awssns.ITopic
}

var configrulesConfigs = testkit.Register("configrules", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(configrulesDefaultsStack), nil)
	configrulesBuilt.defaults = configrules.New(s1, "Config", nil)

	// A recorder of a few types, daily, with the service-linked role, into
	// a given SSE-KMS securebucket without prefix, hourly snapshots, the
	// channel's own topic, and two rules.
	s2 := awscdk.NewStack(app, jsii.String(configrulesOptionsStack), nil)
	configrulesBuilt.bucket = securebucket.New(s2, "Audit", &securebucket.Props{Encryption: securebucket.SSEKMS})
	topic := awssns.NewTopic(s2, jsii.String("ConfigStream"), &awssns.TopicProps{EnforceSSL: jsii.Bool(true)})
	cdknag.NagSuppressions_AddResourceSuppressions(topic, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SNS2"),
		Reason: jsii.String("AWS Config's delivery channel does not support encrypted topics, so its configuration stream topic is not encrypted."),
	}}, jsii.Bool(false))
	testkit.AcceptNag(topic, "SNSEncryptedKMS", "This topic stands in for the user's configuration stream topic, which AWS Config's delivery channel needs unencrypted.")
	configrulesBuilt.deliveryTopic = topic
	configrulesBuilt.options = configrules.New(s2, "Config", &configrules.Props{
		ResourceTypes:           []string{"AWS::S3::Bucket", "AWS::DynamoDB::Table"},
		RecordingFrequency:      configrules.Daily,
		CreateServiceLinkedRole: jsii.Bool(true),
		Bucket:                  configrulesBuilt.bucket.Bucket,
		BucketPrefix:            jsii.String(""),
		DeliveryFrequency:       configrules.OneHour,
		DeliveryTopic:           topic,
		Rules:                   []string{"S3_BUCKET_SSL_REQUESTS_ONLY", "DYNAMODB_PITR_ENABLED"},
	})

	// An account with Control Tower's recorder: only a conformance pack,
	// rolled out to an OU through a stack set, notifying a given topic.
	s3 := awscdk.NewStack(app, jsii.String(configrulesExistingStack), nil)
	configrulesBuilt.alarmTopic = configrulesTopic(s3, "Security")
	configrulesBuilt.existing = configrules.New(s3, "Config", &configrules.Props{
		ExistingRecorder: jsii.Bool(true),
		ConformancePack:  jsii.Bool(true),
		InputParameters:  map[string]map[string]any{"RDS_STORAGE_ENCRYPTED": {"kmsKeyId": "alias/lake-rds"}},
		StackSet: &configrules.StackSet{
			OrganizationalUnitIds: []string{"ou-ab12-cdef3456"},
			Regions:               []string{"eu-west-1", "us-east-1"},
			DelegatedAdmin:        jsii.Bool(true),
		},
		AlarmTopic: configrulesBuilt.alarmTopic,
	})
})
