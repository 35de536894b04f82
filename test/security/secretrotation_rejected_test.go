package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// secretrotationBadFixture is what a rejected configuration may use: a VPC,
// a database group without default port, and a Redshift secret.
type secretrotationBadFixture struct {
	vpc    awsec2.IVpc
	db     awsec2.ISecurityGroup
	secret awssecretsmanager.ISecret
	fn     awslambda.IFunction
}

func secretrotationFixture(stack awscdk.Stack) secretrotationBadFixture {
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Db"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
	db := awsec2.NewSecurityGroup(stack, jsii.String("Db"), &awsec2.SecurityGroupProps{Vpc: vpc, AllowAllOutbound: jsii.Bool(false)})
	secret := secretrotationSecret(stack, "Secret", `{"engine":"redshift","host":"h","username":"u"}`, nil)
	fn := awslambda.Function_FromFunctionArn(stack, jsii.String("Fn"), jsii.String(secretrotationFunctionArn))
	return secretrotationBadFixture{vpc, db, secret, fn}
}

func TestSecretrotationRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack, secretrotationBadFixture) *secretrotation.Props { return nil },
			[]string{"secretrotation Bad/Rotation: invalid props", "Secret = nil: the secret to rotate (required)", `Engine = "": a hosted rotation (RedshiftSingleUser, `}},
		// The bad input: a rotation above 365 days.
		{"rotation above 365 days", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser, Vpc: f.vpc, Target: f.db, Port: jsii.Number(5439),
				AutomaticallyAfterDays: jsii.Number(400)}
		}, []string{"secretrotation Bad/Rotation: invalid props", "AutomaticallyAfterDays = 400: a whole number of days from 1 to 365: this library rotates credentials at least once a year"}},
		{"rate above 365 days", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ScheduleExpression: "rate(366 days)"}
		}, []string{"ScheduleExpression = rate(366 days): a whole number of days from 1 to 365"}},
		{"zero and half days", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, AutomaticallyAfterDays: jsii.Number(0.5)}
		}, []string{"AutomaticallyAfterDays = 0.5: a whole number of days from 1 to 365"}},
		{"malformed schedules", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ScheduleExpression: "rate(12 hours)"}
		}, []string{`ScheduleExpression = rate(12 hours): "rate(N days)" with N from 1 to 365, or a six-field cron in UTC`}},
		{"cron out of range", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ScheduleExpression: "cron(0 25 * * ? *)"}
		}, []string{`ScheduleExpression = cron(0 25 * * ? *): a cron expression AWS accepts, but hours "25"`}},
		{"singular and plural", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ScheduleExpression: "rate(1 days)"}
		}, []string{`ScheduleExpression = rate(1 days): "rate(1 day)" for one day`}},
		{"days and expression", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, AutomaticallyAfterDays: jsii.Number(30), ScheduleExpression: "rate(30 days)"}
		}, []string{"AutomaticallyAfterDays = 30: not with ScheduleExpression (rate(30 days))"}},
		{"multi user without master", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftMultiUser, Vpc: f.vpc, Target: f.db, Port: jsii.Number(5439)}
		}, []string{"MasterSecret = nil: the administrator secret that signs the RedshiftMultiUser rotation in (required"}},
		{"master with single user", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser, MasterSecret: f.secret, Vpc: f.vpc, Target: f.db, Port: jsii.Number(5439)}
		}, []string{"MasterSecret = set: only with a *MultiUser engine"}},
		{"engine and function", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser, RotationFunction: f.fn, Vpc: f.vpc}
		}, []string{"Engine = RedshiftSingleUser: not with RotationFunction", "Vpc = set: only with a hosted rotation (Engine)"}},
		{"unknown engine", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: "OracleSingleUser"}
		}, []string{"Engine = OracleSingleUser: one of RedshiftSingleUser, RedshiftMultiUser, PostgreSQLSingleUser"}},
		{"hosted without network", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser}
		}, []string{"Vpc = nil: the database's VPC (required with Engine)", "Target = nil: the database (its connections)"}},
		{"no port", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser, Vpc: f.vpc, Target: f.db}
		}, []string{"Port = nil: the database port: Target has no default port, so give Port"}},
		{"bad port and subnets", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, Engine: secretrotation.RedshiftSingleUser, Vpc: f.vpc, Target: f.db, Port: jsii.Number(70000),
				Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC}}
		}, []string{"Port = 70000: a TCP port from 1 to 65535", "Subnets = selection: subnets that exist in Vpc"}},
		{"secret without engine and host", func(stack awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			s := secretrotationSecret(stack, "UserOnly", `{"username":"orders_loader"}`, nil)
			return &secretrotation.Props{Secret: s, Engine: secretrotation.RedshiftSingleUser, Vpc: f.vpc, Target: f.db, Port: jsii.Number(5439)}
		}, []string{"Secret = Bad/UserOnly: a secret whose JSON has engine, host for the RedshiftSingleUser function"}},
		{"secret of another engine", func(stack awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			s := secretrotationSecret(stack, "Postgres", `{"engine":"postgres","host":"h","username":"u"}`, nil)
			return &secretrotation.Props{Secret: s, Engine: secretrotation.RedshiftSingleUser, Vpc: f.vpc, Target: f.db, Port: jsii.Number(5439)}
		}, []string{`Secret = engine "postgres": "engine": "redshift" for the RedshiftSingleUser function`}},
		{"parameter paths", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ParameterPath: "/aws/reference/secretsmanager/x"}
		}, []string{"ParameterPath = /aws/reference/secretsmanager/x: a path not starting with /aws or /ssm"}},
		{"relative parameter path", func(_ awscdk.Stack, f secretrotationBadFixture) *secretrotation.Props {
			return &secretrotation.Props{Secret: f.secret, RotationFunction: f.fn, ParameterPath: "lake/loader/"}
		}, []string{`ParameterPath = lake/loader/: a path such as "/lake/warehouse/loader"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				secretrotation.New(stack, "Rotation", c.props(stack, secretrotationFixture(stack)))
			}, c.wants...)
		})
	}
}
