package csvvalidate

import (
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3notifications"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// notificationsHandler is the id of CDK's singleton function that writes
// bucket notifications of imported buckets.
const notificationsHandler = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834"

// lambdaConfigs keeps, per bucket resource, the Lambda notifications the
// validators of this process added, so that two validators on one bucket
// (on different prefixes) both end in its template.
var lambdaConfigs = struct {
	sync.Mutex
	m map[string][]any
}{m: map[string][]any{}}

// suppressed holds the notifications handlers' roles already suppressed.
var suppressed = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// notify makes S3 invoke fn for every object created under the incoming
// prefix whose key ends in ".csv".
//
// A bucket of this stack gets the notification in its own template
// (NotificationConfiguration.LambdaConfigurations, next to a securebucket's
// EventBridgeConfiguration), and depends on the invoke permission, which S3
// checks when the configuration is written. The permission is limited to
// this account (AWS:SourceAccount): naming the bucket's ARN would close a
// dependency cycle (bucket → permission → bucket), and the function's
// grants reach this bucket only. CDK's AddEventNotification is not used
// there: its custom resource would rewrite the whole configuration and drop
// the EventBridge one.
//
// Any other bucket (imported, or of another stack) can only be reached
// through CDK's notifications custom resource, which merges this
// notification with the bucket's others.
func notify(c constructs.Construct, v *Validator, fn awslambda.IFunction) {
	stack := awscdk.Stack_Of(c)
	cfn, own := v.Bucket.Node().DefaultChild().(awss3.CfnBucket)
	if own && *awscdk.Stack_Of(v.Bucket).Node().Path() != *stack.Node().Path() {
		own = false
	}
	if !own {
		v.Bucket.AddEventNotification(awss3.EventType_OBJECT_CREATED, awss3notifications.NewLambdaDestination(fn),
			&awss3.NotificationKeyFilter{Prefix: jsii.String(v.IncomingPrefix), Suffix: jsii.String(".csv")})
		suppressHandler(stack)
		suppressHandlerPolicy(v.Bucket)
		return
	}
	perm := awslambda.NewCfnPermission(c, jsii.String("S3Invoke"), &awslambda.CfnPermissionProps{
		Action:        jsii.String("lambda:InvokeFunction"),
		FunctionName:  fn.FunctionArn(),
		Principal:     jsii.String("s3.amazonaws.com"),
		SourceAccount: stack.Account(),
	})
	config := map[string]any{
		"Event":    "s3:ObjectCreated:*",
		"Function": fn.FunctionArn(),
		"Filter": map[string]any{"S3Key": map[string]any{"Rules": []any{
			map[string]any{"Name": "prefix", "Value": v.IncomingPrefix},
			map[string]any{"Name": "suffix", "Value": ".csv"},
		}}},
	}
	addr := *cfn.Node().Addr()
	lambdaConfigs.Lock()
	lambdaConfigs.m[addr] = append(lambdaConfigs.m[addr], config)
	all := append([]any(nil), lambdaConfigs.m[addr]...)
	lambdaConfigs.Unlock()
	cfn.AddPropertyOverride(jsii.String("NotificationConfiguration.LambdaConfigurations"), all)
	cfn.Node().AddDependency(perm)
}

// suppressHandlerPolicy records why CDK's policy for an imported bucket's
// notifications (Notifications/HandlerPolicy, attached to the handler's
// role) is inline, for the compliance packs' IAMNoInlinePolicy.
func suppressHandlerPolicy(bucket awss3.IBucket) {
	n := bucket.Node().TryFindChild(jsii.String("Notifications"))
	if n == nil {
		return
	}
	if policy := n.Node().TryFindChild(jsii.String("HandlerPolicy")); policy != nil {
		nag.Suppress(policy.Node().DefaultChild(), nag.InPacks("IAMNoInlinePolicy", "CDK's bucket notifications write this policy for an imported bucket: "+
			"s3:PutBucketNotification on that bucket, attached only to the role of CDK's notifications handler; it lives and dies with the notification.",
			nag.HIPAA, nag.NIST, nag.PCI)...)
	}
}

// suppressHandler records the cdk-nag suppressions of CDK's notifications
// handler (once per stack).
func suppressHandler(stack awscdk.Stack) {
	h := stack.Node().TryFindChild(jsii.String(notificationsHandler))
	if h == nil {
		return
	}
	role := h.Node().TryFindChild(jsii.String("Role"))
	if role == nil {
		return
	}
	suppressed.Lock()
	done := suppressed.m[*role.Node().Addr()]
	suppressed.m[*role.Node().Addr()] = true
	suppressed.Unlock()
	if done {
		return
	}
	nag.Suppress(role.Node().DefaultChild(), nag.Suppression{
		Rule:      "AwsSolutions-IAM4",
		AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
		Reason:    "CDK's own singleton function that writes the notification configuration of an imported bucket at deployment; its role's AWS managed basic-execution policy only lets it write its logs.",
	})
	if policy := role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		nag.Suppress(policy.Node().DefaultChild(), nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Resource::*"},
			Reason:    "CDK's notifications handler calls s3:PutBucketNotification, which CDK grants on every bucket because the bucket is imported by name; it runs only at deployment.",
		})
	}
}
