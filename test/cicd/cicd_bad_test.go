package cicd_test

import (
	"strconv"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestCicdRejectedProps(t *testing.T) {
	stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
	zips := awss3.Bucket_FromBucketName(stack, jsii.String("Zips"), jsii.String("release-zips"))
	topic := awssns.Topic_FromTopicArn(stack, jsii.String("Topic"), jsii.String("arn:aws:sns:eu-west-1:111111111111:approvals"))
	test := cicd.Stage{Name: "test", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"GlueEtl"}}
	prod := cicd.Stage{Name: "prod", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"GlueEtl"}}
	test2 := cicd.Stage{Name: "after", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"Checks"}, RequireApproval: jsii.Bool(true)}
	conn := func(stages ...cicd.Stage) *cicd.Props {
		return &cicd.Props{ConnectionArn: cicdConnection, Repository: "org/repo", Stages: stages}
	}
	with := func(p *cicd.Props, f func(*cicd.Props)) *cicd.Props { f(p); return p }
	cases := []struct {
		name  string
		props *cicd.Props
		wants []string
	}{
		{"nil props", nil, []string{"cicd Bad/P0: invalid props", "ConnectionArn/SourceBucket = none: one source", "Stages = none: at least one target environment"}},
		{"both sources", with(conn(test), func(p *cicd.Props) { p.SourceBucket, p.SourceKey = zips, "a.zip" }),
			[]string{"ConnectionArn/SourceBucket = both given: one source"}},
		{"CodeCommit and malformed source", &cicd.Props{ConnectionArn: "arn:aws:codecommit:eu-west-1:111111111111:patterns", Repository: "patterns", Branch: "a..b", Stages: []cicd.Stage{test}},
			[]string{`ConnectionArn = "arn:aws:codecommit:eu-west-1:111111111111:patterns": a connection ARN`, "CodeCommit is closed to new customers",
				`Repository = "patterns": "owner/name"`, `Branch = "a..b": a branch name`}},
		{"S3 source without key", &cicd.Props{SourceBucket: zips, Stages: []cicd.Stage{test}},
			[]string{`SourceBucket/SourceKey = "": a bucket and the key of a zip object`}},
		{"bad account and region", conn(cicd.Stage{Name: "test", Account: "12345", Region: "Europe", Stacks: []string{"GlueEtl"}}),
			[]string{`Stages[0].Account = "12345": a 12-digit account id`, `Stages[0].Region = "Europe": a region such as "eu-west-1"`}},
		{"duplicate and reserved names, no stacks, bad selector", conn(test, cicd.Stage{Name: "TEST", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"GlueEtl; rm -rf /"}},
			cicd.Stage{Name: "Build", Account: "222222222222", Region: "eu-west-1"}, cicd.Stage{Name: "my stage", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"A"}}),
			[]string{`Stages[1].Name = "TEST": a name no other stage has`, `Stages[1].Stacks = "GlueEtl; rm -rf /": stack ids`,
				`Stages[2].Name = "Build": a name other than Source and Build`, "Stages[2].Stacks = none", `Stages[3].Name = "my stage": 1 to 100 letters`}},
		{"production without approval", conn(test, cicd.Stage{Name: "prod", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"GlueEtl"}, RequireApproval: jsii.Bool(false)}, test2),
			[]string{"Stages[1].RequireApproval = false: true for a production stage"}},
		{"last stage without approval", conn(cicd.Stage{Name: "live", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"GlueEtl"}, RequireApproval: jsii.Bool(false)}),
			[]string{"Stages[0].RequireApproval = false: true for a production stage (named prod, production or prd, or the last stage), unless AllowUnapprovedProduction is true"}},
		{"approval topic twice, bad e-mail", with(conn(test, prod), func(p *cicd.Props) {
			p.ExistingApprovalTopic, p.ApprovalEmails = topic, []string{"owners"}
		}), []string{"ExistingApprovalTopic and ApprovalEmails = both given", `ApprovalEmails = "owners": e-mail addresses`}},
		{"approval topic without approvals", with(conn(cicd.Stage{Name: "dev", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"A"}, RequireApproval: jsii.Bool(false)}), func(p *cicd.Props) {
			p.AllowUnapprovedProduction, p.ApprovalEmails = jsii.Bool(true), []string{"owners@example.com"}
		}), []string{"ExistingApprovalTopic/ApprovalEmails = given: no stage requires an approval"}},
		{"test role without commands, bad role, blank command", conn(cicd.Stage{Name: "test", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"A"},
			PostDeployCommands: []string{}, PostDeployRoleArn: "e2e-tester"}, cicd.Stage{Name: "prod", Account: "333333333333", Region: "eu-west-1", Stacks: []string{"A"}, PostDeployCommands: []string{" "}}),
			[]string{`Stages[0].PostDeployRoleArn = "e2e-tester": an IAM role ARN`, `Stages[0].PostDeployRoleArn = "e2e-tester": nothing: the stage runs no post-deploy commands`, `Stages[1].PostDeployCommands[0] = " ": a command`}},
		{"tooling, timeouts and logs", with(conn(test), func(p *cicd.Props) {
			p.BuildCommands, p.CdkCliVersion, p.BootstrapQualifier = []string{}, "latest", "My-Qualifier"
			p.LogRetention, p.BuildTimeout, p.DeployTimeout = awslogs.RetentionDays_INFINITE, awscdk.Duration_Minutes(jsii.Number(2)), awscdk.Duration_Hours(jsii.Number(37))
		}), []string{"BuildCommands = []: at least one command", `CdkCliVersion = "latest": an exact aws-cdk version`, `BootstrapQualifier = "My-Qualifier": the bootstrap qualifier`,
			"LogRetention = INFINITE", "BuildTimeout = 2 minutes: whole minutes from 5 minutes to 36 hours", "DeployTimeout = 1 day 13 hours: whole minutes"}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() { cicd.New(stack, "P"+strconv.Itoa(i), c.props) }, c.wants...)
		})
	}
}
