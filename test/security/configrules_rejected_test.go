package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/configrules"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestConfigrulesRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *configrules.Props
		wants []string
	}{
		{"existing recorder and recorder options", func(stack awscdk.Stack) *configrules.Props {
			return &configrules.Props{ExistingRecorder: jsii.Bool(true), Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("bkt")),
				DeliveryFrequency: configrules.OneHour, ResourceTypes: []string{"AWS::S3::Bucket"}, CreateServiceLinkedRole: jsii.Bool(true)}
		}, []string{"configrules Bad/Config: invalid props", "ResourceTypes = set: not with ExistingRecorder", "Bucket = set: not with ExistingRecorder",
			"DeliveryFrequency = set: not with ExistingRecorder", "CreateServiceLinkedRole = set: not with ExistingRecorder"}},
		{"bad delivery frequency", func(awscdk.Stack) *configrules.Props {
			return &configrules.Props{DeliveryFrequency: "Daily"}
		}, []string{"DeliveryFrequency = Daily: one of One_Hour, Three_Hours, Six_Hours, Twelve_Hours, TwentyFour_Hours"}},
		{"recording and types", func(awscdk.Stack) *configrules.Props {
			return &configrules.Props{RecordingFrequency: "HOURLY", ResourceTypes: []string{"S3::Bucket"}, GlobalResourceTypes: jsii.Bool(true)}
		}, []string{"RecordingFrequency = HOURLY: CONTINUOUS or DAILY", `ResourceTypes = S3::Bucket: a CloudFormation resource type`,
			"GlobalResourceTypes = true: only when all supported types are recorded"}},
		{"rules", func(awscdk.Stack) *configrules.Props {
			return &configrules.Props{Rules: []string{"s3-bucket-ssl-requests-only", "DYNAMODB_PITR_ENABLED", "DYNAMODB_PITR_ENABLED"},
				InputParameters: map[string]map[string]any{"RDS_STORAGE_ENCRYPTED": {"kmsKeyId": "k"}}}
		}, []string{"Rules = s3-bucket-ssl-requests-only: an AWS Config managed rule identifier in upper snake case", "Rules = DYNAMODB_PITR_ENABLED: each rule once",
			"InputParameters[RDS_STORAGE_ENCRYPTED] = set: parameters of a rule in Rules"}},
		{"bucket, key, prefix", func(stack awscdk.Stack) *configrules.Props {
			return &configrules.Props{Bucket: awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("bkt")),
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("K"), jsii.String("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")),
				BucketPrefix:  jsii.String("config/")}
		}, []string{"EncryptionKey = set: only for the new bucket", "BucketPrefix = config/: a key prefix without leading or trailing slash"}},
		{"DSSE bucket", func(stack awscdk.Stack) *configrules.Props {
			return &configrules.Props{Bucket: securebucket.New(stack, "Dsse", nil).Bucket}
		}, []string{"Bucket = Bad/Dsse/Bucket: a bucket encrypted with SSE-KMS or SSE-S3: Config uploads with x-amz-server-side-encryption aws:kms"}},
		{"object lock", func(stack awscdk.Stack) *configrules.Props {
			return &configrules.Props{Bucket: awss3.NewBucket(stack, jsii.String("Locked"), &awss3.BucketProps{ObjectLockEnabled: jsii.Bool(true)})}
		}, []string{"Bucket = Bad/Locked: a bucket without Object Lock"}},
		{"stack set", func(awscdk.Stack) *configrules.Props {
			return &configrules.Props{StackSet: &configrules.StackSet{OrganizationalUnitIds: []string{"123456789012"}}}
		}, []string{`StackSet.OrganizationalUnitIds = 123456789012: an organizational unit id`, "StackSet.Regions = []: at least one region"}},
		{"topic with alarms off", func(stack awscdk.Stack) *configrules.Props {
			return &configrules.Props{CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("Topic"), nil)}
		}, []string{"AlarmTopic = Bad/Topic: CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				configrules.New(stack, "Config", c.props(stack))
			}, c.wants...)
		})
	}
}
