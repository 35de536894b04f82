// Package firehose holds what this library's Firehose constructs share: the
// delivery role (trusted by this account's Firehose only) and its S3 access
// under the configured prefixes, the error log group, prefix and buffering
// checks, the delivery metrics and their alarms.
package firehose

import (
	"fmt"
	"math"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// ErrorLogStream is the log stream Firehose writes destination errors to.
const ErrorLogStream = "DestinationDelivery"

// NewRole is the role Firehose assumes, trusted by firehose.amazonaws.com
// for this account only (sts:ExternalId, the confused-deputy guard of the
// Firehose developer guide). Grants are added by the caller.
func NewRole(c constructs.Construct) awsiam.Role {
	return awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("firehose.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"sts:ExternalId": awscdk.Stack_Of(c).Account()}},
		}),
		Description: jsii.String("Firehose delivery role of " + *c.Node().Path()),
	})
}

// GrantS3 gives role exactly the developer guide's S3 actions for a
// destination (no s3:DeleteObject): bucket-level listing, and object writes
// under the static part of each prefix, plus kms:GenerateDataKey and
// kms:Decrypt on the bucket's key when known.
func GrantS3(role awsiam.IRole, bucket awss3.IBucket, prefixes ...string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
		Resources: jsii.Strings(*bucket.BucketArn()),
	}))
	var objects []*string
	seen := map[string]bool{}
	for _, p := range prefixes {
		if s := StaticPart(p); !seen[s] {
			seen[s] = true
			objects = append(objects, bucket.ArnForObjects(jsii.String(s+"*")))
		}
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"),
		Resources: &objects,
	}))
	if key := bucket.EncryptionKey(); key != nil {
		// Multipart uploads to a KMS-encrypted bucket need Decrypt as well.
		key.Grant(role, jsii.String("kms:GenerateDataKey"), jsii.String("kms:Decrypt"))
	}
}

// StaticPart is the prefix up to its first !{...} expression: the part of
// every object key a role can be scoped to.
func StaticPart(prefix string) string {
	if i := strings.Index(prefix, "!{"); i >= 0 {
		return prefix[:i]
	}
	return prefix
}

// NewErrorLogs creates the log group "Logs" (encrypted with key, kept for
// retention) with the ErrorLogStream stream, writable by role.
func NewErrorLogs(c constructs.Construct, key awskms.IKey, retention awslogs.RetentionDays, role awsiam.IRole) awslogs.LogGroup {
	logs := awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	logs.AddStream(jsii.String("DeliveryErrors"), &awslogs.StreamOptions{LogStreamName: jsii.String(ErrorLogStream)})
	logs.GrantWrite(role)
	return logs
}

// Logging is the CloudWatchLoggingOptions pointing at NewErrorLogs' stream.
func Logging(logs awslogs.ILogGroup) *awskinesisfirehose.CfnDeliveryStream_CloudWatchLoggingOptionsProperty {
	return &awskinesisfirehose.CfnDeliveryStream_CloudWatchLoggingOptionsProperty{
		Enabled:       jsii.Bool(true),
		LogGroupName:  logs.LogGroupName(),
		LogStreamName: jsii.String(ErrorLogStream),
	}
}

// Backup is the S3 configuration of a non-S3 destination (Splunk,
// OpenSearch): failed records under prefix in bucket, GZIP, errors logged
// to NewErrorLogs' stream.
func Backup(bucket awss3.IBucket, role awsiam.IRole, prefix string, logs awslogs.ILogGroup) *awskinesisfirehose.CfnDeliveryStream_S3DestinationConfigurationProperty {
	return &awskinesisfirehose.CfnDeliveryStream_S3DestinationConfigurationProperty{
		BucketArn:                bucket.BucketArn(),
		RoleArn:                  role.RoleArn(),
		Prefix:                   jsii.String(prefix),
		CompressionFormat:        jsii.String("GZIP"),
		CloudWatchLoggingOptions: Logging(logs),
	}
}

// Metric is one of a delivery stream's AWS/Firehose metrics, with the
// DeliveryStreamName dimension.
func Metric(stream awskinesisfirehose.CfnDeliveryStream, name string, opts *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	props := &awscloudwatch.MetricProps{
		Namespace:     jsii.String("AWS/Firehose"),
		MetricName:    jsii.String(name),
		DimensionsMap: &map[string]*string{"DeliveryStreamName": stream.Ref()},
	}
	if opts != nil {
		props.Period, props.Statistic = opts.Period, opts.Statistic
	}
	return awscloudwatch.NewMetric(props)
}

// DeliveryAlarms are the freshness alarm (DeliveryTo<dest>.DataFreshness
// Maximum above freshness seconds) and the failure alarm
// (DeliveryTo<dest>.Success Average below 1), named "FreshnessAlarm" and
// "DeliveryFailureAlarm". dest is "S3", "Splunk" or
// "AmazonOpenSearchService".
func DeliveryAlarms(c constructs.Construct, stream awskinesisfirehose.CfnDeliveryStream, dest string, freshness float64, topic awssns.ITopic) (fresh, failure awscloudwatch.Alarm) {
	path := *c.Node().Path()
	fresh = alarms.New(c, "FreshnessAlarm", alarms.Spec{
		Metric:      Metric(stream, "DeliveryTo"+dest+".DataFreshness", alarms.PerMinute("Maximum")),
		Threshold:   freshness,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("Records of %s wait more than %g s for %s: deliveries fail or are throttled. Firehose retries, then writes them under the error or backup prefix.", path, freshness, dest),
	}, topic)
	// DeliveryTo<dest>.Success is 1 for a successful delivery and 0 for a
	// failed one: an average below 1 means at least one failure.
	failure = alarms.New(c, "DeliveryFailureAlarm", alarms.Spec{
		Metric:      Metric(stream, "DeliveryTo"+dest+".Success", alarms.PerMinute("Average")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		Description: fmt.Sprintf("Deliveries of %s to %s failed: check the delivery error log group.", path, dest),
	}, topic)
	return fresh, failure
}

// ProcessingAlarm is "ProcessingFailureAlarm": ExecuteProcessing.Success
// (Average per minute) below 1, that is Firehose failed to invoke the
// processor (errors, timeouts, throttling). failedTo says where the records
// go after Firehose's retries ("under the error prefix").
func ProcessingAlarm(c constructs.Construct, stream awskinesisfirehose.CfnDeliveryStream, failedTo string, topic awssns.ITopic) awscloudwatch.Alarm {
	return alarms.New(c, "ProcessingFailureAlarm", alarms.Spec{
		Metric:      Metric(stream, "ExecuteProcessing.Success", alarms.PerMinute("Average")),
		Threshold:   1,
		Comparison:  awscloudwatch.ComparisonOperator_LESS_THAN_THRESHOLD,
		Description: fmt.Sprintf("Firehose could not invoke the processor of %s (errors, timeouts, throttling): after its retries the records go %s.", *c.Node().Path(), failedTo),
	}, topic)
}

// CheckRetry checks a retry duration against Firehose's 0 to 7,200 seconds
// (the Splunk and OpenSearch destinations).
func CheckRetry(pr *propcheck.Problems, prop string, d awscdk.Duration) {
	if d == nil {
		return
	}
	if s := propcheck.Seconds(d); s < 0 || s > 7200 || s != math.Trunc(s) {
		pr.Add(prop, *d.ToHumanString(), "0 to 7,200 seconds of retries before the S3 backup")
	}
}

// CheckInterval checks a buffer interval against [lo, hi] whole seconds.
func CheckInterval(pr *propcheck.Problems, prop string, d awscdk.Duration, lo, hi float64, dest string) {
	if d == nil {
		return
	}
	if s := propcheck.Seconds(d); s < lo || s > hi || s != math.Trunc(s) {
		pr.Add(prop, *d.ToHumanString(), fmt.Sprintf("Firehose buffers %g to %g seconds for %s, in whole seconds", lo, hi, dest))
	}
}

// CheckSize checks a buffer size against [lo, hi] whole MiB.
func CheckSize(pr *propcheck.Problems, prop string, b awscdk.Size, lo, hi float64, dest string) {
	if b == nil {
		return
	}
	n := *b.ToBytes(&awscdk.SizeConversionOptions{Rounding: awscdk.SizeRoundingBehavior_NONE})
	if n < lo*(1<<20) || n > hi*(1<<20) || math.Mod(n, 1<<20) != 0 {
		pr.Add(prop, *b.ToHumanString(), fmt.Sprintf("Firehose buffers %g to %g MiB for %s, in whole MiB", lo, hi, dest))
	}
}

// CheckPrefixes applies Firehose's rules for custom S3 prefixes: a prefix
// with !{...} expressions needs an error prefix, an error prefix with
// expressions must hold !{firehose:error-output-type}, neither starts with a
// slash, and expressions are closed.
func CheckPrefixes(pr *propcheck.Problems, prefix, errPrefix *string) {
	p, e := "", ""
	if prefix != nil {
		p = *prefix
	}
	if errPrefix != nil {
		e = *errPrefix
	}
	if prefix != nil && (p == "" || strings.HasPrefix(p, "/") || len(p) > 1024) {
		pr.Add("Prefix", p, "a non-empty key prefix of at most 1,024 characters, not starting with /")
	}
	if errPrefix != nil && (e == "" || strings.HasPrefix(e, "/") || len(e) > 1024) {
		pr.Add("ErrorPrefix", e, "a non-empty key prefix of at most 1,024 characters, not starting with /")
	}
	if errPrefix != nil && strings.Contains(e, "!{") && !strings.Contains(e, "!{firehose:error-output-type}") {
		pr.Add("ErrorPrefix", e, "an error prefix with expressions must include !{firehose:error-output-type}")
	}
	if prefix != nil && strings.Contains(p, "!{") && errPrefix == nil {
		pr.Add("ErrorPrefix", "unset", "a Prefix with !{...} expressions needs an ErrorPrefix (Firehose rejects it otherwise)")
	}
	if strings.Count(p, "!{") != strings.Count(p, "}") {
		pr.Add("Prefix", p, "every !{ must be closed by }")
	}
}
