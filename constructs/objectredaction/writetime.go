package objectredaction

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
)

// FunctionCode is the package of both functions: one binary, two entry
// points chosen by the event's shape.
const FunctionCode = "functions/objectredact"

// functionProps are the functions' settings: the caller's, then 1024 MB
// (the redacted copy is held in memory) and the given timeout.
func functionProps(p *Props, env map[string]*string, description string, timeout awscdk.Duration) *awslambda.FunctionProps {
	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	if fp.MemorySize == nil {
		fp.MemorySize = jsii.Number(1024)
	}
	if fp.Timeout == nil {
		fp.Timeout = timeout
	}
	if fp.Description == nil {
		fp.Description = jsii.String(description)
	}
	max := p.MaxObjectBytes
	if max == 0 {
		max = DefaultMaxObjectBytes
	}
	env["MAX_OBJECT_BYTES"] = jsii.String(strconv.FormatInt(int64(max), 10))
	fp.Environment = &env
	return &fp
}

// writeTime creates the rule on Object Created and Object Deleted under the
// source prefix and the function that writes (and deletes) the redacted
// copy.
func (r *Redaction) writeTime(p *Props) {
	b := p.Bucket
	env := map[string]*string{
		"BUCKET":          b.BucketName(),
		"SOURCE_PREFIX":   jsii.String(r.SourcePrefix),
		"REDACTED_PREFIX": jsii.String(r.RedactedPrefix),
	}
	rf := rulefunction.New(r.Construct, "WriteTime", &rulefunction.Props{
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.s3"),
			DetailType: jsii.Strings("Object Created", "Object Deleted"),
			Detail: &map[string]any{
				"bucket": map[string]any{"name": []any{b.BucketName()}},
				"object": map[string]any{"key": []any{map[string]any{"prefix": r.SourcePrefix}}},
			},
		},
		Description:   jsii.String("Objects created or deleted under " + r.SourcePrefix + " to the redaction function of " + *r.Node().Path()),
		Code:          golambda.Code(FunctionCode),
		FunctionProps: functionProps(p, env, "Keeps a PII-redacted copy of each object under "+r.SourcePrefix+" in "+r.RedactedPrefix+" ("+*r.Node().Path()+")", awscdk.Duration_Minutes(jsii.Number(5))),
		LogRetention:  p.LogRetention,
		Reaches:       "only the S3 API (TLS, IAM authentication)",
		CreateAlarms:  p.CreateAlarms,
		AlarmTopic:    p.AlarmTopic,
	})
	r.Rule, r.Function, r.Role, r.LogGroup, r.FailureQueue, r.AlarmTopic, r.Key = rf.Rule, rf.Function, rf.Role, rf.LogGroup, rf.FailureQueue, rf.AlarmTopic, rf.Key

	add := func(actions []string, resources ...*string) {
		r.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings(actions...), Resources: &resources}))
	}
	add([]string{"s3:GetObject"}, b.ArnForObjects(jsii.String(r.SourcePrefix+"*")))
	// PutObject for the copies, DeleteObject to follow the originals'
	// deletions.
	add([]string{"s3:PutObject", "s3:DeleteObject"}, b.ArnForObjects(jsii.String(r.RedactedPrefix+"*")))
	// Without ListBucket a missing object answers 403, not 404 (NoSuchKey,
	// NotFound): the function must tell "deleted" from "denied". No
	// s3:prefix condition: GetObject and HeadObject carry no prefix, so
	// S3's 404-or-403 check would fail it. It reveals key names only.
	add([]string{"s3:ListBucket"}, b.BucketArn())
	if k := bucketKey(p); k != nil {
		k.Grant(r.Role, jsii.String("kms:Decrypt"), jsii.String("kms:GenerateDataKey"))
	}
	nag.Suppress(nag.DefaultPolicy(r.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{`/^Resource::<.*\.Arn>\/.*\*$/`, `/^Resource::arn:.*:s3:::.*\/.*\*$/`},
		Reason:    "The function reads objects under the source prefix and writes objects under the redacted prefix (\"<prefix>*\"), whose keys are not known in advance; it has no other object access.",
	})
}
