package serving_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func dataapiContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

func dataapiLacks(t *testing.T, what, got string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s has %s: %s", what, w, got)
		}
	}
}

// dataapiPolicy is the JSON of the function role's default policy.
func dataapiPolicy(t *testing.T, st *testkit.Stack, path string) string {
	t.Helper()
	_, pol := st.ByPath(t, "AWS::IAM::Policy", path+"Handler/Role/DefaultPolicy/Resource")
	return testkit.JSON(testkit.Props(pol)["PolicyDocument"])
}

func TestDataapiAthenaDefaults(t *testing.T) {
	st := dataapiConfigs().Stack(t, dataapiAthenaStack)
	path := dataapiAthenaStack + "/Orders/"

	// The API: regional, no CloudWatch role of its own, stage v1 throttled
	// to 50/100, X-Ray, JSON access logs, execution logs at ERROR without
	// data traces.
	_, api := st.ByPath(t, "AWS::ApiGateway::RestApi", path+"Api/Resource")
	dataapiContains(t, "api", testkit.JSON(api), `"EndpointConfiguration":{"Types":["REGIONAL"]}`)
	st.Count(t, "AWS::ApiGateway::Account", 0)
	_, stage := st.ByPath(t, "AWS::ApiGateway::Stage", path+"Api/DeploymentStage.v1/Resource")
	accessID, _ := st.ByPath(t, "AWS::Logs::LogGroup", path+"AccessLogs/Resource")
	dataapiContains(t, "stage", testkit.JSON(testkit.Props(stage)),
		`"StageName":"v1"`, `"TracingEnabled":true`,
		`"MethodSettings":[{"DataTraceEnabled":false,"HttpMethod":"*","LoggingLevel":"ERROR","MetricsEnabled":true,"ResourcePath":"/*","ThrottlingBurstLimit":100,"ThrottlingRateLimit":50}]`,
		`"AccessLogSetting":{"DestinationArn":{"Fn::GetAtt":["`+accessID+`","Arn"]}`, `\"caller\":\"$context.identity.caller\"`)
	dataapiContains(t, "stage dependencies", testkit.JSON(stage["DependsOn"]), "OrdersExecutionLogs")

	// Every log group: one year, the construct's key, retained.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	for _, lg := range []string{"AccessLogs/Resource", "ExecutionLogs/Resource", "Handler/Logs/Resource"} {
		_, r := st.ByPath(t, "AWS::Logs::LogGroup", path+lg)
		dataapiContains(t, lg, testkit.JSON(r), `"RetentionInDays":365`, `"KmsKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]}`, `"DeletionPolicy":"Retain"`)
	}
	_, exec := st.ByPath(t, "AWS::Logs::LogGroup", path+"ExecutionLogs/Resource")
	dataapiContains(t, "execution logs", testkit.JSON(exec), `"LogGroupName":{"Fn::Join":["",["API-Gateway-Execution-Logs_",{"Ref":"OrdersApi`, `"/v1"]]}`)

	// Methods: GET, AWS_IAM, validated query strings (required unless a
	// default), invoked through the API's own role.
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"ApiRole/Resource")
	fnID, _ := st.ByPath(t, "AWS::Lambda::Function", path+"Handler/Function/Resource")
	_, orders := st.ByPath(t, "AWS::ApiGateway::Method", path+"Api/Default/orders/GET/Resource")
	dataapiContains(t, "GET /orders", testkit.JSON(testkit.Props(orders)),
		`"AuthorizationType":"AWS_IAM"`, `"HttpMethod":"GET"`,
		`"Credentials":{"Fn::GetAtt":["`+roleID+`","Arn"]}`, `"Type":"AWS_PROXY"`,
		`"RequestParameters":{"method.request.querystring.customer_id":true,"method.request.querystring.from":true,"method.request.querystring.min_amount":false,"method.request.querystring.page_size":false,"method.request.querystring.page_token":false,"method.request.querystring.to":true}`,
		`"RequestValidatorId":{"Ref":"OrdersApiValidator`)
	_, top := st.ByPath(t, "AWS::ApiGateway::Method", path+"Api/Default/top-customers/GET/Resource")
	dataapiContains(t, "GET /top-customers", testkit.JSON(testkit.Props(top)), `"AuthorizationType":"AWS_IAM"`,
		`"RequestParameters":{"method.request.querystring.page_size":false,"method.request.querystring.page_token":false}`)
	_, validator := st.ByPath(t, "AWS::ApiGateway::RequestValidator", path+"Api/Validator/Resource")
	dataapiContains(t, "validator", testkit.JSON(validator), `"ValidateRequestParameters":true`)
	st.Count(t, "AWS::Lambda::Permission", 0)
	_, invoke := st.ByPath(t, "AWS::IAM::Policy", path+"ApiRole/DefaultPolicy/Resource")
	dataapiContains(t, "invoke role", testkit.JSON(invoke), `"Action":"lambda:InvokeFunction"`, `{"Fn::GetAtt":["`+fnID+`","Arn"]}`)
	st.Count(t, "AWS::ApiGateway::Authorizer", 0)
	st.Count(t, "AWS::WAFv2::WebACLAssociation", 0)

	// The function: arm64, 256 MB, 28 s, X-Ray; the spec and the target
	// in its environment.
	_, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Handler/Function/Resource")
	fp := testkit.Props(fn)
	if fp["MemorySize"] != float64(256) || fp["Timeout"] != float64(28) || testkit.JSON(fp["TracingConfig"]) != `{"Mode":"Active"}` {
		t.Errorf("function %v MB, %v s, tracing %v", fp["MemorySize"], fp["Timeout"], fp["TracingConfig"])
	}
	env := fp["Environment"].(map[string]any)["Variables"].(map[string]any)
	tokenKeyID, tokenKey := st.ByPath(t, "AWS::KMS::Key", path+"TokenKey/Resource")
	if env["ATHENA_WORKGROUP"] != dataapiBuilt.workgroup.Name || env["DATABASE"] != "sales" || env["ATHENA_CATALOG"] != "AwsDataCatalog" ||
		env["ATHENA_REUSE_MINUTES"] != "15" || testkit.JSON(env["MAC_KEY_ID"]) != `{"Fn::GetAtt":["`+tokenKeyID+`","Arn"]}` {
		t.Errorf("environment %s", testkit.JSON(env))
	}
	var spec query.Spec
	if err := json.Unmarshal([]byte(env["SPEC"].(string)), &spec); err != nil {
		t.Fatal(err)
	}
	if spec.Backend != query.Athena || len(spec.Queries) != 2 || spec.Queries[0].SQL != dataapiQueries()[0].SQL ||
		spec.DefaultPageSize != 100 || spec.MaxPageSize != 999 || spec.TokenTTLSeconds != 3600 {
		t.Errorf("SPEC %+v", spec)
	}

	// The token key: HMAC, retained, denying grants not for AWS services.
	dataapiContains(t, "token key", testkit.JSON(tokenKey), `"KeySpec":"HMAC_256"`, `"KeyUsage":"GENERATE_VERIFY_MAC"`, `"DeletionPolicy":"Retain"`, `"kms:CreateGrant"`)

	// Least privilege: Athena on the workgroup only, Glue on the catalog,
	// database and table, the results prefix, the data bucket, MAC on the
	// token key.
	pol := dataapiPolicy(t, st, path)
	dataapiContains(t, "function policy", pol,
		`{"Action":["kms:GenerateMac","kms:VerifyMac"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+tokenKeyID+`","Arn"]}}`,
		`{"Action":["athena:GetQueryExecution","athena:GetQueryResults","athena:StartQueryExecution","athena:StopQueryExecution"],"Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":athena:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":workgroup/`+dataapiBuilt.workgroup.Name+`"]]}}`,
		`"Action":["glue:GetDatabase","glue:GetPartition","glue:GetPartitions","glue:GetTable"]`, `":catalog"]]}`, `":database/sales"]]}`, `":table/sales/orders"]]}`,
		`"/results/*"]]}`, `{"Fn::GetAtt":["LakeBucket`)
	dataapiLacks(t, "function policy", pol, `"athena:*"`, `"glue:*"`, "redshift", `":table/sales/*"`)

	// The alarms notify the construct's encrypted topic.
	for _, a := range []string{"ApiServerErrors", "FunctionErrors"} {
		_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", path+a+"/Resource")
		dataapiContains(t, a, testkit.JSON(alarm), `"AlarmActions":[{"Ref":"OrdersAlarmTopic`, `"OKActions":[{"Ref":"OrdersAlarmTopic`)
	}
	if len(dataapiBuilt.athena.Alarms) != 2 || dataapiBuilt.athena.AlarmTopicKey == nil {
		t.Errorf("alarms %d", len(dataapiBuilt.athena.Alarms))
	}

	// GrantInvoke: execute-api:Invoke on each GET of the stage.
	_, reader := st.ByPath(t, "AWS::IAM::Policy", dataapiAthenaStack+"/Reader/DefaultPolicy/Resource")
	dataapiContains(t, "reader", testkit.JSON(reader), `"Action":"execute-api:Invoke"`, `"/v1/GET/orders"]]}`, `"/v1/GET/top-customers"]]}`)
	dataapiLacks(t, "reader", testkit.JSON(reader), `/*/*`)
}

func TestDataapiRedshiftServerlessCognitoWaf(t *testing.T) {
	st := dataapiConfigs().Stack(t, dataapiRedshiftStack)
	path := dataapiRedshiftStack + "/Orders/"
	poolID, _ := st.ByPath(t, "AWS::Cognito::UserPool", dataapiRedshiftStack+"/Users/Resource")
	authID, auth := st.ByPath(t, "AWS::ApiGateway::Authorizer", path+"Authorizer/Resource")
	dataapiContains(t, "authorizer", testkit.JSON(auth), `"Type":"COGNITO_USER_POOLS"`, `"ProviderARNs":[{"Fn::GetAtt":["`+poolID+`","Arn"]}]`, `"IdentitySource":"method.request.header.Authorization"`)
	for _, m := range []string{"orders", "top-customers"} {
		_, r := st.ByPath(t, "AWS::ApiGateway::Method", path+"Api/Default/"+m+"/GET/Resource")
		dataapiContains(t, m, testkit.JSON(r), `"AuthorizationType":"COGNITO_USER_POOLS"`, `"AuthorizerId":{"Ref":"`+authID+`"}`, `"AuthorizationScopes":["data/read"]`)
	}
	_, stage := st.ByPath(t, "AWS::ApiGateway::Stage", path+"Api/DeploymentStage.prod/Resource")
	dataapiContains(t, "stage", testkit.JSON(stage), `"StageName":"prod"`, `"ThrottlingBurstLimit":40,"ThrottlingRateLimit":20`)
	stageID, _ := st.ByPath(t, "AWS::ApiGateway::Stage", path+"Api/DeploymentStage.prod/Resource")
	_, waf := st.ByPath(t, "AWS::WAFv2::WebACLAssociation", path+"WebAcl")
	dataapiContains(t, "web ACL association", testkit.JSON(waf), `"WebACLArn":"`+dataapiWebACL+`"`, `"/stages/",{"Ref":"`+stageID+`"}`)

	pol := dataapiPolicy(t, st, path)
	dataapiContains(t, "function policy", pol,
		`{"Action":["redshift-data:ExecuteStatement","redshift-serverless:GetCredentials"],"Effect":"Allow","Resource":"`+dataapiWorkgroupArn+`"}`,
		`{"Action":["redshift-data:DescribeStatement","redshift-data:GetStatementResult"],"Condition":{"StringEquals":{"redshift-data:statement-owner-iam-userid":"${aws:userid}"}},"Effect":"Allow","Resource":"*"}`)
	dataapiLacks(t, "function policy", pol, "athena:", "glue:", "redshift:GetClusterCredentials", "secretsmanager")
	_, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Handler/Function/Resource")
	env := testkit.Props(fn)["Environment"].(map[string]any)["Variables"].(map[string]any)
	if env["REDSHIFT_WORKGROUP"] != "analytics" || env["DATABASE"] != "dev" || env["CLUSTER_IDENTIFIER"] != nil || env["DB_USER"] != nil {
		t.Errorf("environment %s", testkit.JSON(env))
	}
	dataapiContains(t, "SPEC", env["SPEC"].(string), `"backend":"redshift"`, `"defaultPageSize":25,"maxPageSize":200,"tokenTtlSeconds":900`)

	// Two instances in one stack: separate APIs, functions, keys.
	st.Count(t, "AWS::ApiGateway::RestApi", 2)
	st.Count(t, "AWS::Lambda::Function", 2)
	_, second := st.ByPath(t, "AWS::ApiGateway::Method", dataapiRedshiftStack+"/Customers/Api/Default/top-customers/GET/Resource")
	dataapiContains(t, "second API", testkit.JSON(second), `"AuthorizationType":"AWS_IAM"`)
	if dataapiBuilt.second.TokenKey == dataapiBuilt.serverless.TokenKey {
		t.Error("instances share a token key")
	}
}

func TestDataapiRedshiftCluster(t *testing.T) {
	st := dataapiConfigs().Stack(t, dataapiClusterStack)
	pol := dataapiPolicy(t, st, dataapiClusterStack+"/Orders/")
	dataapiContains(t, "database user", pol,
		`{"Action":"redshift-data:ExecuteStatement","Effect":"Allow","Resource":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":redshift:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":cluster:dw"]]}}`,
		`{"Action":"redshift:GetClusterCredentials","Effect":"Allow","Resource":[{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":redshift:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":dbname:dw/sales"]]},{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":redshift:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":dbuser:dw/api_reader"]]}]}`,
		`"redshift-data:statement-owner-iam-userid":"${aws:userid}"`)
	dataapiLacks(t, "database user", pol, "secretsmanager", "redshift-serverless")

	pol = dataapiPolicy(t, st, dataapiClusterStack+"/WithSecret/")
	dataapiContains(t, "secret", pol, `"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"]`, `":secret:dw/api_reader-??????"]]}`)
	dataapiLacks(t, "secret", pol, "GetClusterCredentials")
	_, fn := st.ByPath(t, "AWS::Lambda::Function", dataapiClusterStack+"/WithSecret/Handler/Function/Resource")
	dataapiContains(t, "environment", testkit.JSON(fn), `"CLUSTER_IDENTIFIER":"dw"`, `"SECRET_ARN":{"Fn::Join"`)
	// CreateAlarms false: no alarm, no topic for WithSecret.
	for id := range st.Resources("AWS::CloudWatch::Alarm") {
		if strings.HasPrefix(id, "WithSecret") {
			t.Errorf("alarm %s without CreateAlarms", id)
		}
	}
	if dataapiBuilt.secret.AlarmTopic != nil {
		t.Error("alarm topic without CreateAlarms")
	}
}

func TestDataapiSandbox(t *testing.T) {
	st := dataapiSandboxConfigs().Stack(t, dataapiSandboxStack)
	_, key := st.ByPath(t, "AWS::KMS::Key", dataapiSandboxStack+"/Orders/TokenKey/Resource")
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", dataapiSandboxStack+"/Orders/AccessLogs/Resource")
	if key["DeletionPolicy"] != "Delete" || logs["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox: key %v, logs %v", key["DeletionPolicy"], logs["DeletionPolicy"])
	}
}
