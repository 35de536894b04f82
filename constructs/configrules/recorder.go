package configrules

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsconfig"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// record creates the recorder (with the service-linked role), the bucket
// and the delivery channel.
func (r *Rules) record(c constructs.Construct, p *Props) {
	stack := awscdk.Stack_Of(c)
	r.RecorderRoleArn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("iam"), Region: jsii.String(""),
		Resource: jsii.String("role"), ResourceName: jsii.String("aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"),
	})
	if isTrue(p.CreateServiceLinkedRole) {
		r.ServiceLinkedRole = awsiam.NewCfnServiceLinkedRole(c, jsii.String("ServiceLinkedRole"), &awsiam.CfnServiceLinkedRoleProps{
			AwsServiceName: jsii.String("config.amazonaws.com"),
		})
		r.ServiceLinkedRole.ApplyRemovalPolicy(awscdk.RemovalPolicy_RETAIN, nil)
	}

	group := &awsconfig.CfnConfigurationRecorder_RecordingGroupProperty{}
	if len(p.ResourceTypes) > 0 {
		group.AllSupported = jsii.Bool(false)
		group.IncludeGlobalResourceTypes = jsii.Bool(false)
		group.ResourceTypes = jsii.Strings(p.ResourceTypes...)
		group.RecordingStrategy = &awsconfig.CfnConfigurationRecorder_RecordingStrategyProperty{UseOnly: jsii.String("INCLUSION_BY_RESOURCE_TYPES")}
	} else {
		group.AllSupported = jsii.Bool(true)
		group.IncludeGlobalResourceTypes = jsii.Bool(p.GlobalResourceTypes == nil || *p.GlobalResourceTypes)
		group.RecordingStrategy = &awsconfig.CfnConfigurationRecorder_RecordingStrategyProperty{UseOnly: jsii.String("ALL_SUPPORTED_RESOURCE_TYPES")}
	}
	frequency := p.RecordingFrequency
	if frequency == "" {
		frequency = Continuous
	}
	r.Recorder = awsconfig.NewCfnConfigurationRecorder(c, jsii.String("Recorder"), &awsconfig.CfnConfigurationRecorderProps{
		RoleArn:        r.RecorderRoleArn,
		RecordingGroup: group,
		RecordingMode:  &awsconfig.CfnConfigurationRecorder_RecordingModeProperty{RecordingFrequency: jsii.String(frequency)},
	})
	if r.ServiceLinkedRole != nil {
		r.Recorder.Node().AddDependency(r.ServiceLinkedRole)
	}

	r.BucketPrefix = "config"
	if p.BucketPrefix != nil {
		r.BucketPrefix = *p.BucketPrefix
	}
	r.Bucket = p.Bucket
	if r.Bucket == nil {
		r.Key = p.EncryptionKey
		// SSE-KMS: Config uploads with x-amz-server-side-encryption aws:kms
		// and the key of S3KmsKeyArn, which the securebucket's policy
		// accepts; a DSSE bucket would deny those uploads.
		r.Bucket = securebucket.New(c, "Bucket", &securebucket.Props{Encryption: securebucket.SSEKMS, EncryptionKey: r.Key}).Bucket
	}
	if r.Key == nil {
		r.Key = r.Bucket.EncryptionKey()
	}
	allowConfig(r.Bucket, r.BucketPrefix)
	channel := &awsconfig.CfnDeliveryChannelProps{
		S3BucketName: r.Bucket.BucketName(),
		ConfigSnapshotDeliveryProperties: &awsconfig.CfnDeliveryChannel_ConfigSnapshotDeliveryPropertiesProperty{
			DeliveryFrequency: jsii.String(orString(p.DeliveryFrequency, TwentyFourHours)),
		},
	}
	if r.BucketPrefix != "" {
		channel.S3KeyPrefix = jsii.String(r.BucketPrefix)
	}
	if r.Key != nil {
		channel.S3KmsKeyArn = r.Key.KeyArn()
		// The service-linked role has no KMS permissions: Config delivers
		// as its service principal, for this account only.
		keys.AllowService(r.Key, "config.amazonaws.com", nil)
	}
	if p.DeliveryTopic != nil {
		channel.SnsTopicArn = p.DeliveryTopic.TopicArn()
		p.DeliveryTopic.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("AWSConfigSNSPolicy"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("config.amazonaws.com"), nil)},
			Actions:    jsii.Strings("sns:Publish"),
			Resources:  &[]*string{p.DeliveryTopic.TopicArn()},
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}))
	}
	r.DeliveryChannel = awsconfig.NewCfnDeliveryChannel(c, jsii.String("DeliveryChannel"), channel)
	// The channel needs the recorder, and the bucket policy before Config
	// checks the bucket.
	r.DeliveryChannel.Node().AddDependency(r.Recorder)
	if b, ok := r.Bucket.(awss3.Bucket); ok && b.Policy() != nil {
		r.DeliveryChannel.Node().AddDependency(b.Policy())
	}
}

// allowConfig adds the bucket policy of AWS Config's guide for delivery
// with the service-linked role (Config then writes as config.amazonaws.com):
// the ACL and existence checks on the bucket and PutObject under
// <prefix>/AWSLogs/<account>/Config/ with bucket-owner-full-control, all for
// this account only (aws:SourceAccount).
func allowConfig(bucket awss3.IBucket, prefix string) {
	account := awscdk.Stack_Of(bucket).Account()
	config := []awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("config.amazonaws.com"), nil)}
	source := map[string]any{"aws:SourceAccount": account}
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("AWSConfigBucketPermissionsCheck"), Principals: &config,
		Actions: jsii.Strings("s3:GetBucketAcl"), Resources: &[]*string{bucket.BucketArn()},
		Conditions: &map[string]any{"StringEquals": source},
	}))
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("AWSConfigBucketExistenceCheck"), Principals: &config,
		Actions: jsii.Strings("s3:ListBucket"), Resources: &[]*string{bucket.BucketArn()},
		Conditions: &map[string]any{"StringEquals": source},
	}))
	key := "AWSLogs/" + *account + "/Config/*"
	if prefix != "" {
		key = prefix + "/" + key
	}
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid: jsii.String("AWSConfigBucketDelivery"), Principals: &config,
		Actions: jsii.Strings("s3:PutObject"), Resources: &[]*string{bucket.ArnForObjects(jsii.String(key))},
		Conditions: &map[string]any{"StringEquals": map[string]any{
			"s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceAccount": account,
		}},
	}))
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}
