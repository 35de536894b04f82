package sparkjobs

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// PutMetricDataStatement allows cloudwatch:PutMetricData into the
// construct's MetricNamespace only. PutMetricData has no resource-level
// permission (its resource is always "*"); the condition key
// cloudwatch:namespace is how IAM narrows it.
func (j *Jobs) PutMetricDataStatement() awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("PublishSparkSkewMetrics"),
		Actions:    jsii.Strings("cloudwatch:PutMetricData"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": j.MetricNamespace}},
	})
}

// GrantPutMetricData lets role publish the skew metrics (MON-11): a policy
// of this construct, attached to role, holding PutMetricDataStatement. The
// policy's cdk-nag IAM5 finding on "*" is suppressed there with the reason,
// so the caller's role carries no suppression. Granting the same role again
// does nothing.
func (j *Jobs) GrantPutMetricData(role awsiam.IRole) awsiam.ManagedPolicy {
	key := *role.Node().Path()
	if j.grantee[key] {
		return nil
	}
	j.grantee[key] = true
	j.grants++
	id := "PutMetricDataPolicy"
	if j.grants > 1 {
		id += strconv.Itoa(j.grants)
	}
	// A customer managed policy attached to role: the compliance packs
	// flag inline policies a construct writes (IAMNoInlinePolicy).
	policy := awsiam.NewManagedPolicy(j.Construct, jsii.String(id), &awsiam.ManagedPolicyProps{
		Roles:      &[]awsiam.IRole{role},
		Statements: &[]awsiam.PolicyStatement{j.PutMetricDataStatement()},
	})
	nag.Suppress(policy.Node().DefaultChild(), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*"},
		Reason:    "CloudWatch PutMetricData supports no resource-level permission (its resource is always *); the statement is limited to the skew metrics' namespace by the condition cloudwatch:namespace.",
	})
	return policy
}
