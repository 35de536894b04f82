package serving_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/dataapi"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func dataapiRedshift() *dataapi.Redshift {
	return &dataapi.Redshift{ClusterIdentifier: "dw", DbUser: "api_reader", Database: "sales"}
}

func TestDataapiRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *dataapi.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *dataapi.Props { return nil }, []string{
			"dataapi Bad/Api: invalid props",
			"Athena, Redshift = nil: one backend: Athena (a workgroup and database) or Redshift",
			"Queries = []: at least one query"}},
		{"an API without auth", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), Auth: dataapi.None}
		}, []string{"Auth = NONE: IAM (the default) or Cognito: an API without authentication lets anyone on the internet run its queries and read the data"}},
		{"unknown auth", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), Auth: "API_KEY"}
		}, []string{"Auth = API_KEY: IAM (the default) or Cognito"}},
		{"cognito without a pool", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), Auth: dataapi.Cognito}
		}, []string{"UserPool = nil: the Cognito user pool whose tokens the API accepts"}},
		{"pool and scopes with IAM", func(stack awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(),
				UserPool: awscognito.UserPool_FromUserPoolId(stack, jsii.String("P"), jsii.String("eu-west-1_x")), AuthorizationScopes: []string{"a/b"}}
		}, []string{"UserPool = Bad/P: only with Auth: Cognito", "AuthorizationScopes = a/b: only with Auth: Cognito"}},
		{"both backends", func(stack awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), Athena: &dataapi.Athena{}}
		}, []string{"Athena, Redshift = both: one backend only"}},
		{"athena", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Athena: &dataapi.Athena{Database: "", Tables: []string{"Orders"}, ReuseResultsMinutes: 20000}}
		}, []string{"Athena.WorkGroup = nil", "Athena.Database = : the Glue database", "Athena.Tables = Orders: Glue table names", "Athena.ReuseResultsMinutes = 20000: whole minutes from 0 to 10080"}},
		{"athena without tables", func(stack awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Athena: &dataapi.Athena{WorkGroup: dataapiWorkGroup(stack), Database: "sales"}}
		}, []string{"Athena.Tables = []: the tables the queries read"}},
		{"redshift target", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: &dataapi.Redshift{ClusterIdentifier: "dw", WorkgroupName: "wg"}}
		}, []string{"Redshift.Database = : the database", `Redshift.ClusterIdentifier, Redshift.WorkgroupName = "dw", "wg": exactly one`}},
		{"redshift cluster credentials", func(stack awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: &dataapi.Redshift{ClusterIdentifier: "DW_1", DbUser: "u", Database: "d",
				Secret: awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("S"), jsii.String("s")), WorkgroupArn: "x"}}
		}, []string{"Redshift.ClusterIdentifier = DW_1: a cluster identifier", "Redshift.DbUser, Redshift.Secret = u: exactly one on a provisioned cluster", "Redshift.WorkgroupArn = x: only with WorkgroupName"}},
		{"redshift serverless", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: &dataapi.Redshift{WorkgroupName: "wg", WorkgroupArn: "arn:aws:redshift:eu-west-1:111122223333:cluster:x", DbUser: "u", Database: "d"}}
		}, []string{"Redshift.WorkgroupArn = arn:aws:redshift:eu-west-1:111122223333:cluster:x: the workgroup's ARN", "Redshift.DbUser = u: only on a provisioned cluster"}},
		{"queries", func(awscdk.Stack) *dataapi.Props {
			q := dataapiQueries()
			q = append(q, q[1], dataapi.Query{Name: "drop", SQL: "DROP TABLE orders"},
				dataapi.Query{Name: "concat", SQL: "SELECT * FROM orders WHERE id = '' || :id", Params: []dataapi.Param{{Name: "id", Type: dataapi.String}}},
				dataapi.Query{Name: "two", SQL: "SELECT 1; SELECT 2"})
			return &dataapi.Props{Queries: q, Redshift: dataapiRedshift()}
		}, []string{"Queries[2].Name = top-customers: a name no other query has",
			`Queries[3] = drop: query "drop": sql: starts with "DROP": a read-only SELECT`,
			`Queries[4] = concat: query "concat": parameter "id": a string parameter needs a Pattern`,
			`Queries[5] = two: query "two": sql: ';' at offset 8: one statement only`}},
		{"queries too large", func(awscdk.Stack) *dataapi.Props {
			var q []dataapi.Query
			for i := range 30 {
				q = append(q, dataapi.Query{Name: "q" + strings.Repeat("x", i), SQL: "SELECT customer_id, order_id, amount FROM orders ORDER BY order_id DESC"})
			}
			return &dataapi.Props{Queries: q, Redshift: dataapiRedshift()}
		}, []string{"bytes of JSON: at most 3072 bytes in all"}},
		{"api settings", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), StageName: "prod-1", RateLimit: 20000, BurstLimit: 1.5,
				WebAclArn:   "arn:aws:wafv2:us-east-1:111122223333:global/webacl/x/0a1b2c3d-1111-4222-8333-444455556666",
				MaxPageSize: 5000, TokenTTL: awscdk.Duration_Days(jsii.Number(2)), LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"StageName = prod-1: 1 to 128 letters, digits or '_'", "RateLimit = 20000: 1 to 10000", "BurstLimit = 1.5: a whole number",
			"WebAclArn = arn:aws:wafv2:us-east-1:111122223333:global/webacl/x/0a1b2c3d-1111-4222-8333-444455556666: the ARN of a regional AWS WAF",
			"MaxPageSize = 5000: a whole number from 1 to 999", "TokenTTL = 2 days: whole seconds from 1 minute to 24 hours", "LogRetention = INFINITE: a finite retention"}},
		{"page size", func(awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), DefaultPageSize: 50, MaxPageSize: 20}
		}, []string{"DefaultPageSize = 50: a whole number from 1 to MaxPageSize (20)"}},
		{"alarm topic without alarms", func(stack awscdk.Stack) *dataapi.Props {
			return &dataapi.Props{Queries: dataapiQueries(), Redshift: dataapiRedshift(), CreateAlarms: jsii.Bool(false),
				AlarmTopic: awssns.Topic_FromTopicArn(stack, jsii.String("T"), jsii.String("arn:aws:sns:eu-west-1:111122223333:t"))}
		}, []string{"AlarmTopic = Bad/T: CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				dataapi.New(stack, "Api", c.props(stack))
			}, c.wants...)
		})
	}
}
