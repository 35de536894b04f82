package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestAccessrolesRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *accessroles.Props
		wants []string
	}{
		{"job functions", func(awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{JobFunctions: []accessroles.JobFunction{
				{Name: "data-analyst", Level: accessroles.Analyst},
				{Name: "Ops", Level: "root"},
				{Name: "Idle"},
				{Name: "ops", Level: accessroles.Engineer},
			}, Databases: []string{"Sales"}, Workgroups: []string{}}
		}, []string{"accessroles Bad/Access: invalid props", "JobFunctions[0].Name = data-analyst: 1 to 32 letters and digits",
			`JobFunctions[1].Level = root: Analyst, Engineer, Admin or "" (none)`, "JobFunctions[2] = Idle: a Level, Grants or ManagedPolicies",
			"JobFunctions[3].Name = ops: a name no other job function has", "Databases = Sales: Glue database names", "Workgroups = []: at least one workgroup"}},
		{"trust", func(stack awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{TrustedAccount: "12345", SamlProvider: awsiam.SamlProvider_FromSamlProviderArn(stack, jsii.String("Idp"), jsii.String(accessrolesSamlArn)),
				MaxSessionDuration: awscdk.Duration_Hours(jsii.Number(24))}
		}, []string{"TrustedAccount = 12345: not with SamlProvider", "TrustedAccount = 12345: a 12-digit account id", "MaxSessionDuration = 1 day: whole seconds from 1 hour to 12 hours"}},
		{"analyzer", func(awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{AnalyzerType: "REGION", UnusedAccessAgeDays: 400}
		}, []string{`AnalyzerType = REGION: "ACCOUNT" or "ORGANIZATION"`, "UnusedAccessAgeDays = 400: only with UnusedAccessAnalyzer: true", "UnusedAccessAgeDays = 400: a whole number of days from 1 to 365"}},
		{"analyzer type for an existing analyzer", func(awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{ExistingAnalyzer: jsii.Bool(true), AnalyzerType: "ORGANIZATION"}
		}, []string{"AnalyzerType = ORGANIZATION: only when an analyzer is created"}},
		{"ABAC", func(awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{Abac: &accessroles.Abac{TagKey: "aws:project", Values: []string{"Heart", "Heart", "a/b"},
				Actions: []string{"s3:GetObject", "kms:*", "athena:StartQueryExecution"}}}
		}, []string{"Abac.TagKey = aws:project: 1 to 128 letters", "Abac.Values = Heart: each value once", `Abac.Values = "a/b": 1 to 256 letters`,
			"Abac.Actions = s3:GetObject: an action of secretsmanager, kms, dynamodb, athena, glue, kinesis, states: the policy must deny retagging",
			"Abac.Actions = kms:*: service:Action without wildcards"}},
		{"ABAC without values", func(awscdk.Stack) *accessroles.Props {
			return &accessroles.Props{Abac: &accessroles.Abac{Actions: []string{}}}
		}, []string{"Abac.Values = []: the tag values, one per project", "Abac.Actions = []: at least one action"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				accessroles.New(stack, "Access", c.props(stack))
			}, c.wants...)
		})
	}
}
