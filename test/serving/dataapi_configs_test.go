package serving_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/dataapi"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	dataapiAthenaStack   = "DataApiAthena"
	dataapiRedshiftStack = "DataApiRedshift"
	dataapiClusterStack  = "DataApiCluster"
	dataapiSandboxStack  = "DataApiSandbox"
	dataapiWebACL        = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/data-api/0a1b2c3d-1111-4222-8333-444455556666"
	dataapiWorkgroupArn  = "arn:aws:redshift-serverless:eu-west-1:111122223333:workgroup/7d4e2f10-1111-4222-8333-944455556666"
)

var dataapiBuilt struct {
	athena, serverless, second, cluster, secret, sandbox *dataapi.DataAPI
	workgroup                                            *athena.WorkGroup
	reader                                               awsiam.Role
}

func dataapiI64(v int64) *int64 { return &v }

// dataapiQueries are the example of the issue: orders of a customer in a
// date range, and a query without parameters.
func dataapiQueries() []dataapi.Query {
	return []dataapi.Query{
		{
			Name: "orders",
			SQL:  "SELECT order_id, order_date, amount FROM orders WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to AND amount >= :min_amount ORDER BY order_id",
			Params: []dataapi.Param{
				{Name: "customer_id", Type: dataapi.String, Pattern: `C-[0-9]{1,10}`},
				{Name: "from", Type: dataapi.Date},
				{Name: "to", Type: dataapi.Date},
				{Name: "min_amount", Type: dataapi.Int, Min: dataapiI64(0), Max: dataapiI64(1_000_000), Default: "0"},
			},
		},
		{Name: "top-customers", SQL: "SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id ORDER BY total DESC LIMIT 100"},
	}
}

func dataapiWorkGroup(scope constructs.Construct) *athena.WorkGroup {
	return athena.New(scope, "WorkGroup", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1_000_000_000)})
}

var dataapiConfigs = testkit.Register("dataapi", nil, func(app constructs.Construct) {
	// Athena, every default (IAM).
	s1 := awscdk.NewStack(app, jsii.String(dataapiAthenaStack), nil)
	dataapiBuilt.workgroup = dataapiWorkGroup(s1)
	lake := securebucket.New(s1, "Lake", nil)
	dataapiBuilt.athena = dataapi.New(s1, "Orders", &dataapi.Props{
		Queries: dataapiQueries(),
		Athena: &dataapi.Athena{WorkGroup: dataapiBuilt.workgroup, Database: "sales", Tables: []string{"orders"},
			DataBuckets: []awss3.IBucket{lake.Bucket}, ReuseResultsMinutes: 15},
	})
	dataapiBuilt.reader = awsiam.NewRole(s1, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	dataapiBuilt.athena.GrantInvoke(dataapiBuilt.reader)

	// Redshift Serverless, Cognito, WAF, own throttling and page sizes; a
	// second instance in the same stack.
	s2 := awscdk.NewStack(app, jsii.String(dataapiRedshiftStack), nil)
	pool := awscognito.NewUserPool(s2, jsii.String("Users"), &awscognito.UserPoolProps{
		PasswordPolicy:               &awscognito.PasswordPolicy{MinLength: jsii.Number(12), RequireSymbols: jsii.Bool(true), RequireDigits: jsii.Bool(true), RequireLowercase: jsii.Bool(true), RequireUppercase: jsii.Bool(true)},
		Mfa:                          awscognito.Mfa_REQUIRED,
		MfaSecondFactor:              &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		FeaturePlan:                  awscognito.FeaturePlan_PLUS,
		StandardThreatProtectionMode: awscognito.StandardThreatProtectionMode_FULL_FUNCTION,
		RemovalPolicy:                awscdk.RemovalPolicy_RETAIN,
	})
	rs := &dataapi.Redshift{WorkgroupName: "analytics", WorkgroupArn: dataapiWorkgroupArn, Database: "dev"}
	dataapiBuilt.serverless = dataapi.New(s2, "Orders", &dataapi.Props{
		Queries: dataapiQueries(), Redshift: rs,
		Auth: dataapi.Cognito, UserPool: pool, AuthorizationScopes: []string{"data/read"},
		StageName: "prod", RateLimit: 20, BurstLimit: 40, WebAclArn: dataapiWebACL,
		DefaultPageSize: 25, MaxPageSize: 200, TokenTTL: awscdk.Duration_Minutes(jsii.Number(15)),
	})
	dataapiBuilt.second = dataapi.New(s2, "Customers", &dataapi.Props{Queries: dataapiQueries()[1:], Redshift: rs})

	// Provisioned cluster: as a database user, and with a secret (no alarms).
	s3 := awscdk.NewStack(app, jsii.String(dataapiClusterStack), nil)
	dataapiBuilt.cluster = dataapi.New(s3, "Orders", &dataapi.Props{
		Queries: dataapiQueries(), Redshift: &dataapi.Redshift{ClusterIdentifier: "dw", DbUser: "api_reader", Database: "sales"},
	})
	secret := awssecretsmanager.Secret_FromSecretNameV2(s3, jsii.String("Secret"), jsii.String("dw/api_reader"))
	dataapiBuilt.secret = dataapi.New(s3, "WithSecret", &dataapi.Props{
		Queries: dataapiQueries(), Redshift: &dataapi.Redshift{ClusterIdentifier: "dw", Secret: secret, Database: "sales"},
		CreateAlarms: jsii.Bool(false),
	})
})

var dataapiSandboxConfigs = testkit.Register("dataapi-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(dataapiSandboxStack), nil)
	dataapiBuilt.sandbox = dataapi.New(s, "Orders", &dataapi.Props{Queries: dataapiQueries(), Athena: &dataapi.Athena{WorkGroup: dataapiWorkGroup(s), Database: "sales", Tables: []string{"orders"}}})
})
