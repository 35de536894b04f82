package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudtrail"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

const cloudtrailService = "cloudtrail.amazonaws.com"

// newTrail creates the key, bucket, log group, role and the trail.
func (a *AuditTrail) newTrail(p *Props) {
	c := a.Construct
	stack := awscdk.Stack_Of(c)
	a.TrailName = awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(128), Separator: jsii.String("-")})
	a.TrailArn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("cloudtrail"), Resource: jsii.String("trail"), ResourceName: a.TrailName,
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	key := p.EncryptionKey
	if key == nil {
		key = keys.New(c, "Key", "Encrypts the CloudTrail trail "+*c.Node().Path()+" (log files, digests, bucket, log group)", nil)
	}
	a.Key = key
	keys.AllowLogs(key)
	allowTrail(key, a.TrailArn)

	bp := securebucket.Props{}
	if p.TrailBucketProps != nil {
		bp = *p.TrailBucketProps
	}
	bp.Encryption = securebucket.SSEKMS
	bp.EncryptionKey = key
	a.Bucket = securebucket.New(c, "Bucket", &bp).Bucket
	bucketPolicy(a.Bucket, a.TrailArn)

	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logGroup := awslogs.NewLogGroup(c, jsii.String("LogGroup"), &awslogs.LogGroupProps{
		EncryptionKey: key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	a.LogGroup = logGroup
	role := awsiam.NewRole(c, jsii.String("LogsRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String(cloudtrailService), nil),
		Description: jsii.String("CloudTrail delivers the trail " + *c.Node().Path() + " to its log group"),
	})
	logGroup.GrantWrite(role)
	a.LogsRole = role

	var insights any
	if yes(p.Insights) {
		insights = []*awscloudtrail.CfnTrail_InsightSelectorProperty{
			{InsightType: jsii.String("ApiCallRateInsight")},
			{InsightType: jsii.String("ApiErrorRateInsight")},
		}
	}
	trail := awscloudtrail.NewCfnTrail(c, jsii.String("Trail"), &awscloudtrail.CfnTrailProps{
		TrailName:                  a.TrailName,
		IsLogging:                  true,
		IsMultiRegionTrail:         true,
		IncludeGlobalServiceEvents: true,
		EnableLogFileValidation:    true,
		KmsKeyId:                   key.KeyArn(),
		S3BucketName:               a.Bucket.BucketName(),
		CloudWatchLogsLogGroupArn:  logGroup.LogGroupArn(),
		CloudWatchLogsRoleArn:      role.RoleArn(),
		AdvancedEventSelectors:     trailSelectors(p),
		InsightSelectors:           insights,
	})
	// CloudTrail checks the bucket policy and the role when the trail is
	// created or updated.
	trail.Node().AddDependency(a.Bucket.Policy(), role)
	a.Trail = trail
}

// allowTrail adds the key policy statements of the CloudTrail guide for
// trails: encrypt with the trail's encryption context, decrypt (needed with
// an S3 Bucket Key) and describe, each only for this trail (aws:SourceArn).
// Readers decrypt through IAM (GrantReadLogs), which the key's default
// account statement allows.
func allowTrail(key awskms.IKey, trailArn *string) {
	principal := []awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(cloudtrailService), nil)}
	source := map[string]any{"aws:SourceArn": trailArn}
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudTrailToEncryptLogs"),
		Principals: &principal,
		Actions:    jsii.Strings("kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{
			"StringEquals": source,
			"StringLike": map[string]any{
				"kms:EncryptionContext:aws:cloudtrail:arn": awscdk.Fn_Sub(jsii.String("arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*"), nil),
			},
		},
	}), jsii.Bool(true))
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudTrailToDecryptAndDescribe"),
		Principals: &principal,
		Actions:    jsii.Strings("kms:Decrypt", "kms:DescribeKey"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": source},
	}), jsii.Bool(true))
}

// bucketPolicy adds the CloudTrail guide's bucket policy: the ACL check and
// the writes under AWSLogs/<account>/ with bucket-owner-full-control, both
// only for this trail (aws:SourceArn).
func bucketPolicy(bucket awss3.IBucket, trailArn *string) {
	principal := []awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(cloudtrailService), nil)}
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AWSCloudTrailAclCheck"),
		Principals: &principal,
		Actions:    jsii.Strings("s3:GetBucketAcl"),
		Resources:  &[]*string{bucket.BucketArn()},
		Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceArn": trailArn}},
	}))
	bucket.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AWSCloudTrailWrite"),
		Principals: &principal,
		Actions:    jsii.Strings("s3:PutObject"),
		Resources:  &[]*string{bucket.ArnForObjects(jsii.String("AWSLogs/" + *awscdk.Stack_Of(bucket).Account() + "/*"))},
		Conditions: &map[string]any{"StringEquals": map[string]any{
			"s3:x-amz-acl":  "bucket-owner-full-control",
			"aws:SourceArn": trailArn,
		}},
	}))
}
