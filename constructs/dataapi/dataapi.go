package dataapi

import (
	"encoding/json"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awswafv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// Function settings (docs/patterns/lambda-tuning.md).
const (
	functionMemory = 256
	// functionTimeout is under API Gateway's 29-second integration
	// timeout, so the handler's own 503 reaches the caller.
	functionTimeout = 28
)

// DataAPI is a REST API whose GET resources answer named, parameterised
// queries from Athena or Redshift, page by page.
type DataAPI struct {
	constructs.Construct
	// Api is the REST API; Stage its deployment stage.
	Api   awsapigateway.RestApi
	Stage awsapigateway.Stage
	// StageName of the deployment.
	StageName string
	// Function answers the requests; Role is its execution role.
	Function awslambda.IFunction
	Role     awsiam.IRole
	// InvokeRole is the role API Gateway invokes the function with.
	InvokeRole awsiam.IRole
	// TokenKey is the KMS HMAC key that signs the page tokens.
	TokenKey awskms.IKey
	// Key encrypts the log groups (created, or Props.EncryptionKey).
	Key awskms.IKey
	// AccessLogs, ExecutionLogs and FunctionLogs are the log groups.
	AccessLogs, ExecutionLogs, FunctionLogs awslogs.ILogGroup
	// Authorizer is the Cognito authorizer (Auth Cognito), else nil.
	Authorizer awsapigateway.IAuthorizer
	// WebAclAssociation associates Props.WebAclArn, else nil.
	WebAclAssociation awswafv2.CfnWebACLAssociation
	// Alarms on the API's 5xx answers and the function's errors (nil
	// without alarms); AlarmTopic receives them and AlarmTopicKey encrypts
	// it when the construct created it.
	Alarms        []awscloudwatch.Alarm
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// Paths are the resources, "/<query name>", in the order of Props.Queries.
	Paths []string
}

// New creates the API, its function and their logs. Queries and one
// backend are required; invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *DataAPI {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &DataAPI{Construct: c, StageName: p.StageName}
	d.Key = p.EncryptionKey
	if d.Key == nil {
		d.Key = keys.NewForLogs(c, "Key", "Encrypts the logs of the data API "+*c.Node().Path())
	}
	d.TokenKey = keys.New(c, "TokenKey", "Signs the page tokens of the data API "+*c.Node().Path(), &awskms.KeyProps{
		KeySpec: awskms.KeySpec_HMAC_256, KeyUsage: awskms.KeyUsage_GENERATE_VERIFY_MAC,
		// HMAC keys cannot rotate automatically; a token lives TokenTTL.
		EnableKeyRotation: jsii.Bool(false),
	})
	d.function(&p)
	d.api(&p)
	d.grantBackend(&p)
	d.alarms(&p)
	d.suppressions(&p)
	return d
}

func fill(p *Props) {
	if p.Auth == "" {
		p.Auth = IAM
	}
	if p.StageName == "" {
		p.StageName = DefaultStage
	}
	if p.RateLimit == 0 {
		p.RateLimit = DefaultRateLimit
	}
	if p.BurstLimit == 0 {
		p.BurstLimit = DefaultBurstLimit
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
}

// spec is what the function gets in SPEC.
func spec(p *Props) query.Spec {
	s := query.Spec{Backend: query.Athena, Queries: p.Queries, DefaultPageSize: DefaultPageSize, MaxPageSize: DefaultMaxPageSize, TokenTTLSeconds: 3600}
	if p.Redshift != nil {
		s.Backend = query.Redshift
	}
	if p.MaxPageSize != 0 {
		s.MaxPageSize = int(p.MaxPageSize)
	}
	if p.DefaultPageSize != 0 {
		s.DefaultPageSize = int(p.DefaultPageSize)
	} else {
		s.DefaultPageSize = min(s.DefaultPageSize, s.MaxPageSize)
	}
	if p.TokenTTL != nil {
		s.TokenTTLSeconds = int(*p.TokenTTL.ToSeconds(nil))
	}
	return s
}

func (d *DataAPI) function(p *Props) {
	raw, _ := json.Marshal(spec(p))
	env := map[string]*string{
		"SPEC":       jsii.String(string(raw)),
		"MAC_KEY_ID": d.TokenKey.KeyArn(),
	}
	if a := p.Athena; a != nil {
		catalog := a.Catalog
		if catalog == "" {
			catalog = "AwsDataCatalog"
		}
		env["ATHENA_WORKGROUP"] = jsii.String(a.WorkGroup.Name)
		env["ATHENA_CATALOG"] = jsii.String(catalog)
		env["DATABASE"] = jsii.String(a.Database)
		if a.ReuseResultsMinutes > 0 {
			env["ATHENA_REUSE_MINUTES"] = jsii.String(strconv.Itoa(int(a.ReuseResultsMinutes)))
		}
	} else {
		r := p.Redshift
		env["DATABASE"] = jsii.String(r.Database)
		set := func(k, v string) {
			if v != "" {
				env[k] = jsii.String(v)
			}
		}
		set("CLUSTER_IDENTIFIER", r.ClusterIdentifier)
		set("REDSHIFT_WORKGROUP", r.WorkgroupName)
		set("DB_USER", r.DbUser)
		if r.Secret != nil {
			env["SECRET_ARN"] = r.Secret.SecretArn()
		}
	}
	fn := gofunction.New(constructs.NewConstruct(d.Construct, jsii.String("Handler")), gofunction.Spec{
		Code: golambda.Code("functions/dataapi"),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Answers the queries of the data API " + *d.Node().Path()),
			Environment: &env,
			Tracing:     awslambda.Tracing_ACTIVE,
		},
		Key: d.Key, LogRetention: p.LogRetention,
		Memory: functionMemory, Timeout: awscdk.Duration_Seconds(jsii.Number(functionTimeout)),
		Invocation: gofunction.Invocation{
			Caller:  gofunction.APIHandler,
			Bound:   "the stage's throttling (RateLimit, BurstLimit) bounds the requests that reach it",
			Reaches: "only the Athena and KMS APIs (TLS, IAM authentication)",
		},
	})
	d.Function, d.Role, d.FunctionLogs = fn.Function, fn.Role, fn.LogGroup
	d.TokenKey.Grant(fn.Role, jsii.String("kms:GenerateMac"), jsii.String("kms:VerifyMac"))
}

func (d *DataAPI) api(p *Props) {
	stack := awscdk.Stack_Of(d.Construct)
	d.AccessLogs = awslogs.NewLogGroup(d.Construct, jsii.String("AccessLogs"), &awslogs.LogGroupProps{
		Retention: p.LogRetention, EncryptionKey: d.Key, RemovalPolicy: removal(d.Construct),
	})
	methodAuth := &awsapigateway.MethodOptions{AuthorizationType: awsapigateway.AuthorizationType_IAM}
	api := awsapigateway.NewRestApi(d.Construct, jsii.String("Api"), &awsapigateway.RestApiProps{
		Description:    jsii.String("Data API " + *d.Node().Path() + ": named, parameterised queries"),
		CloudWatchRole: jsii.Bool(false),
		EndpointTypes:  &[]awsapigateway.EndpointType{awsapigateway.EndpointType_REGIONAL},
		DeployOptions: &awsapigateway.StageOptions{
			StageName:            jsii.String(p.StageName),
			TracingEnabled:       jsii.Bool(true),
			LoggingLevel:         awsapigateway.MethodLoggingLevel_ERROR,
			DataTraceEnabled:     jsii.Bool(false),
			MetricsEnabled:       jsii.Bool(true),
			ThrottlingRateLimit:  jsii.Number(p.RateLimit),
			ThrottlingBurstLimit: jsii.Number(p.BurstLimit),
			AccessLogDestination: awsapigateway.NewLogGroupLogDestination(d.AccessLogs),
			AccessLogFormat: awsapigateway.AccessLogFormat_JsonWithStandardFields(&awsapigateway.JsonWithStandardFieldProps{
				Caller: jsii.Bool(true), HttpMethod: jsii.Bool(true), Ip: jsii.Bool(true), Protocol: jsii.Bool(true),
				RequestTime: jsii.Bool(true), ResourcePath: jsii.Bool(true), ResponseLength: jsii.Bool(true),
				Status: jsii.Bool(true), User: jsii.Bool(true),
			}),
		},
	})
	d.Api, d.Stage = api, api.DeploymentStage()
	// API Gateway's execution log group, created here so that it is
	// encrypted and kept a finite time (API Gateway would create it kept
	// forever on its first log line).
	d.ExecutionLogs = awslogs.NewLogGroup(d.Construct, jsii.String("ExecutionLogs"), &awslogs.LogGroupProps{
		LogGroupName: jsii.String("API-Gateway-Execution-Logs_" + *api.RestApiId() + "/" + p.StageName),
		Retention:    p.LogRetention, EncryptionKey: d.Key, RemovalPolicy: removal(d.Construct),
	})
	d.Stage.Node().AddDependency(d.ExecutionLogs)

	if p.Auth == Cognito {
		d.Authorizer = awsapigateway.NewCognitoUserPoolsAuthorizer(d.Construct, jsii.String("Authorizer"), &awsapigateway.CognitoUserPoolsAuthorizerProps{
			CognitoUserPools: &[]awscognito.IUserPool{p.UserPool},
		})
		methodAuth = &awsapigateway.MethodOptions{AuthorizationType: awsapigateway.AuthorizationType_COGNITO, Authorizer: d.Authorizer}
		if len(p.AuthorizationScopes) > 0 {
			methodAuth.AuthorizationScopes = jsii.Strings(p.AuthorizationScopes...)
		}
	}

	// API Gateway invokes the function with a role of its own instead of a
	// Lambda permission: CDK's permission names the method by an Fn::Join
	// ARN, which Control Tower's CT.LAMBDA.PR.2 cannot tell from an open
	// one; the role is as narrow (this function only).
	invoker := awsiam.NewRole(d.Construct, jsii.String("ApiRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("apigateway.amazonaws.com"), nil),
		Description: jsii.String("Lets the data API " + *d.Node().Path() + " invoke its function"),
	})
	d.Function.GrantInvoke(invoker)
	d.InvokeRole = invoker
	integration := awsapigateway.NewIntegration(&awsapigateway.IntegrationProps{
		Type:                  awsapigateway.IntegrationType_AWS_PROXY,
		IntegrationHttpMethod: jsii.String("POST"),
		Uri: jsii.String("arn:" + *stack.Partition() + ":apigateway:" + *stack.Region() + ":lambda:path/2015-03-31/functions/" +
			*d.Function.FunctionArn() + "/invocations"),
		Options: &awsapigateway.IntegrationOptions{CredentialsRole: invoker},
	})
	// API Gateway checks that the required parameters are present before
	// the function runs (their values are checked by the function).
	validator := api.AddRequestValidator(jsii.String("Validator"), &awsapigateway.RequestValidatorOptions{
		ValidateRequestParameters: jsii.Bool(true), ValidateRequestBody: jsii.Bool(true),
	})
	for _, q := range p.Queries {
		params := map[string]*bool{
			"method.request.querystring." + query.PageSizeKey:  jsii.Bool(false),
			"method.request.querystring." + query.PageTokenKey: jsii.Bool(false),
		}
		for _, prm := range q.Params {
			params["method.request.querystring."+prm.Name] = jsii.Bool(prm.Default == "")
		}
		opts := *methodAuth
		opts.RequestValidator = validator
		opts.RequestParameters = &params
		api.Root().AddResource(jsii.String(q.Name), nil).AddMethod(jsii.String("GET"), integration, &opts)
		d.Paths = append(d.Paths, "/"+q.Name)
	}

	if p.WebAclArn != "" {
		d.WebAclAssociation = awswafv2.NewCfnWebACLAssociation(d.Construct, jsii.String("WebAcl"), &awswafv2.CfnWebACLAssociationProps{
			ResourceArn: d.Stage.StageArn(), WebAclArn: jsii.String(p.WebAclArn),
		})
	}
}

// GrantInvoke lets grantee call every GET resource of the API's stage
// (execute-api:Invoke; Auth IAM).
func (d *DataAPI) GrantInvoke(grantee awsiam.IGrantable) awsiam.Grant {
	arns := make([]*string, 0, len(d.Paths))
	for _, path := range d.Paths {
		arns = append(arns, d.Api.ArnForExecuteApi(jsii.String("GET"), jsii.String(path), jsii.String(d.StageName)))
	}
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: grantee, Actions: jsii.Strings("execute-api:Invoke"), ResourceArns: &arns,
	})
}

func (d *DataAPI) alarms(p *Props) {
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		return
	}
	d.AlarmTopic = p.AlarmTopic
	if d.AlarmTopic == nil {
		t := alarms.NewTopic(d.Construct, "AlarmTopic")
		d.AlarmTopic, d.AlarmTopicKey = t.Topic, t.Key
	}
	every := alarms.Every(300, "Sum")
	d.Alarms = append(d.Alarms,
		alarms.New(d.Construct, "ApiServerErrors", alarms.Spec{
			Metric: d.Api.MetricServerError(every), Threshold: 0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: "The data API " + *d.Node().Path() + " answered 5xx (failed or slow queries, or the function failed).",
		}, d.AlarmTopic),
		alarms.New(d.Construct, "FunctionErrors", alarms.Spec{
			Metric: d.Function.MetricErrors(every), Threshold: 0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: "The function of the data API " + *d.Node().Path() + " failed (not a refused request: those are answered 400).",
		}, d.AlarmTopic),
	)
}
