package security_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	sensitivedataApprovalDeleting = sensitivedataApprovalStack + "/Macie/Approval/"
	sensitivedataApprovalKeeping  = sensitivedataApprovalStack + "/Macie2/Approval/"
)

// sensitivedataApprovalPolicy is the policy document (JSON) of the
// AWS::IAM::Policy at path.
func sensitivedataApprovalPolicy(t *testing.T, st *testkit.Stack, path string) (string, map[string]any) {
	t.Helper()
	_, pol := st.ByPath(t, "AWS::IAM::Policy", path)
	return testkit.JSON(testkit.Props(pol)["PolicyDocument"]), testkit.Props(pol)
}

func sensitivedataApprovalWants(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func TestSensitivedataApprovalWorkflow(t *testing.T) {
	st := sensitivedataApprovalConfigs().Stack(t, sensitivedataApprovalStack)
	deciderID, _ := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalDeleting+"Decider/Function/Resource")
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", sensitivedataApprovalDeleting+"Workflow/StateMachine/Resource")
	asl, tokens := testkit.Definition(t, sm)
	if asl["StartAt"] != "AskApprovers" || asl["TimeoutSeconds"] != float64(25*3600) {
		t.Errorf("StartAt %v, TimeoutSeconds %v; want AskApprovers and the 24 h wait plus an hour", asl["StartAt"], asl["TimeoutSeconds"])
	}
	ask := testkit.State(t, asl, "AskApprovers")
	if r, _ := ask["Resource"].(string); !strings.HasSuffix(r, ":states:::lambda:invoke.waitForTaskToken") {
		t.Errorf("AskApprovers resource = %v, want lambda:invoke.waitForTaskToken", ask["Resource"])
	}
	if ask["TimeoutSeconds"] != float64(24*3600) || ask["ResultPath"] != "$.decision" || ask["Next"] != "Release" {
		t.Errorf("AskApprovers = %s", testkit.JSON(ask))
	}
	if got := testkit.JSON(ask["Parameters"]); !strings.Contains(got, `"Payload":{"action":"request","request.$":"$","token.$":"$$.Task.Token"}`) {
		t.Errorf("AskApprovers parameters = %s", got)
	}
	if !strings.Contains(tokens, deciderID) {
		t.Errorf("the definition does not refer to the approval function %s: %s", deciderID, tokens)
	}
	if got := testkit.JSON(ask["Catch"]); got != `[{"ErrorEquals":["Denied","States.Timeout"],"Next":"DeleteDenied","ResultPath":"$.denial"}]` {
		t.Errorf("AskApprovers catch = %s", got)
	}
	release := testkit.State(t, asl, "Release")
	if r, _ := release["Resource"].(string); !strings.HasSuffix(r, ":states:::aws-sdk:s3:copyObject") || release["Next"] != "RemoveQuarantined" {
		t.Errorf("Release = %s", testkit.JSON(release))
	}
	if got := testkit.JSON(release["Parameters"]); got != `{"Bucket.$":"$.bucket","CopySource.$":"$.copySource","Key.$":"$.releaseKey","Tagging.$":"$.releaseTagging","TaggingDirective":"REPLACE"}` {
		t.Errorf("Release parameters = %s", got)
	}
	for name, next := range map[string]string{"RemoveQuarantined": "Released", "DeleteDenied": "Deleted"} {
		s := testkit.State(t, asl, name)
		if r, _ := s["Resource"].(string); !strings.HasSuffix(r, ":states:::aws-sdk:s3:deleteObject") || s["Next"] != next {
			t.Errorf("%s = %s", name, testkit.JSON(s))
		}
		if got := testkit.JSON(s["Parameters"]); got != `{"Bucket.$":"$.quarantineBucket","Key.$":"$.quarantineKey"}` {
			t.Errorf("%s parameters = %s", name, got)
		}
	}
	for _, name := range []string{"Released", "Deleted"} {
		if s := testkit.State(t, asl, name); s["Type"] != "Succeed" {
			t.Errorf("%s = %s, want Succeed (a denial is not a failed execution)", name, testkit.JSON(s))
		}
	}
	p := testkit.Props(sm)
	if got := testkit.JSON(p["TracingConfiguration"]); got != `{"Enabled":true}` {
		t.Errorf("tracing = %s", got)
	}
	if got := testkit.JSON(p["LoggingConfiguration"]); !strings.Contains(got, `"Level":"ALL"`) {
		t.Errorf("logging = %s", got)
	}

	// The defaults: 72 hours, kept on denial.
	_, sm2 := st.ByPath(t, "AWS::StepFunctions::StateMachine", sensitivedataApprovalKeeping+"Workflow/StateMachine/Resource")
	asl2, _ := testkit.Definition(t, sm2)
	ask2 := testkit.State(t, asl2, "AskApprovers")
	if ask2["TimeoutSeconds"] != float64(72*3600) || asl2["TimeoutSeconds"] != float64(73*3600) {
		t.Errorf("default timeout: task %v, workflow %v; want 72 h and 73 h", ask2["TimeoutSeconds"], asl2["TimeoutSeconds"])
	}
	if got := testkit.JSON(ask2["Catch"]); got != `[{"ErrorEquals":["Denied","States.Timeout"],"Next":"KeptInQuarantine","ResultPath":"$.denial"}]` {
		t.Errorf("default catch = %s", got)
	}
	if s := testkit.State(t, asl2, "KeptInQuarantine"); s["Type"] != "Succeed" {
		t.Errorf("KeptInQuarantine = %s", testkit.JSON(s))
	}
	if _, ok := asl2["States"].(map[string]any)["DeleteDenied"]; ok {
		t.Error("KEEP deletes denied objects")
	}

	// The workflow's role: copy into the lake's release prefix, read and
	// delete under the quarantine prefix, invoke the approval function.
	doc, _ := sensitivedataApprovalPolicy(t, st, sensitivedataApprovalDeleting+"Workflow/Role/DefaultPolicy/Resource")
	lakeID, _ := st.ByPath(t, "AWS::S3::Bucket", sensitivedataApprovalStack+"/Lake/Bucket/Resource")
	quarantineID, _ := st.ByPath(t, "AWS::S3::Bucket", sensitivedataApprovalStack+"/Macie/Quarantine/Bucket/Resource")
	sensitivedataApprovalWants(t, "workflow policy", doc, `"Action":["s3:PutObject","s3:PutObjectTagging"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+lakeID+`","Arn"]},"/reviewed/*"]]}`,
		`"Action":["s3:DeleteObject","s3:GetObject","s3:GetObjectTagging"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+quarantineID+`","Arn"]},"/quarantine/*"]]}`,
		`"lambda:InvokeFunction"`, deciderID, lakeID, `"kms:GenerateDataKey"`, `"kms:Decrypt"`)
	// The failure alarm of the workflow goes to the gate's alarm topic.
	_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", sensitivedataApprovalDeleting+"Workflow/Failed/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", sensitivedataApprovalStack+"/Macie/Gate/AlarmTopic/Resource")
	if got := testkit.JSON(testkit.Props(alarm)["AlarmActions"]); !strings.Contains(got, topicID) {
		t.Errorf("workflow alarm actions = %s, want the gate's alarm topic %s", got, topicID)
	}
}

func TestSensitivedataApprovalApi(t *testing.T) {
	st := sensitivedataApprovalConfigs().Stack(t, sensitivedataApprovalStack)
	apiID, _ := st.ByPath(t, "AWS::ApiGateway::RestApi", sensitivedataApprovalDeleting+"Api/Resource")
	validatorID, validator := st.ByPath(t, "AWS::ApiGateway::RequestValidator", sensitivedataApprovalDeleting+"Api/Validator/Resource")
	if p := testkit.Props(validator); p["ValidateRequestBody"] != true {
		t.Errorf("validator = %s", testkit.JSON(p))
	}
	modelID, model := st.ByPath(t, "AWS::ApiGateway::Model", sensitivedataApprovalDeleting+"Api/Decision/Resource")
	if got := testkit.JSON(testkit.Props(model)["Schema"]); !strings.Contains(got, `"id":{"pattern":"^[0-9a-f]{32}$","type":"string"}`) ||
		!strings.Contains(got, `"additionalProperties":false`) || !strings.Contains(got, `"required":["id"]`) {
		t.Errorf("model schema = %s", got)
	}
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", sensitivedataApprovalDeleting+"ApiRole/Resource")
	deciderID, _ := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalDeleting+"Decider/Function/Resource")
	for _, path := range []string{"approve", "deny"} {
		_, m := st.ByPath(t, "AWS::ApiGateway::Method", sensitivedataApprovalDeleting+"Api/Default/"+path+"/POST/Resource")
		p := testkit.Props(m)
		if p["AuthorizationType"] != "AWS_IAM" || p["HttpMethod"] != "POST" {
			t.Errorf("%s: authorization %v, method %v; want AWS_IAM POST", path, p["AuthorizationType"], p["HttpMethod"])
		}
		sensitivedataApprovalWants(t, path+" method", testkit.JSON(p), validatorID, `"RequestModels":{"application/json":{"Ref":"`+modelID+`"}}`)
		integ := testkit.JSON(p["Integration"])
		sensitivedataApprovalWants(t, path+" integration", integ, `"Type":"AWS_PROXY"`, `"Credentials":{"Fn::GetAtt":["`+roleID+`","Arn"]}`, deciderID)
	}
	// API Gateway invokes through its role, so no Lambda permission is
	// open to the service (CT.LAMBDA.PR.2).
	for _, perm := range st.Resources("AWS::Lambda::Permission") {
		if strings.Contains(testkit.JSON(perm), deciderID) {
			t.Errorf("Lambda permission on the approval function: %s", testkit.JSON(perm))
		}
	}
	doc, _ := sensitivedataApprovalPolicy(t, st, sensitivedataApprovalDeleting+"ApiRole/DefaultPolicy/Resource")
	sensitivedataApprovalWants(t, "API role policy", doc, `"Action":"lambda:InvokeFunction"`, deciderID)

	_, stage := st.ByPath(t, "AWS::ApiGateway::Stage", sensitivedataApprovalDeleting+"Api/DeploymentStage.v1/Resource")
	sp := testkit.Props(stage)
	if sp["StageName"] != "v1" || sp["TracingEnabled"] != true {
		t.Errorf("stage %v, tracing %v", sp["StageName"], sp["TracingEnabled"])
	}
	if got := testkit.JSON(sp["MethodSettings"]); !strings.Contains(got, `"LoggingLevel":"ERROR"`) || !strings.Contains(got, `"DataTraceEnabled":false`) ||
		!strings.Contains(got, `"ThrottlingRateLimit":5`) || !strings.Contains(got, `"ThrottlingBurstLimit":10`) || !strings.Contains(got, `"ResourcePath":"/*"`) {
		t.Errorf("method settings = %s", got)
	}
	accessID, access := st.ByPath(t, "AWS::Logs::LogGroup", sensitivedataApprovalDeleting+"AccessLogs/Resource")
	if got := testkit.JSON(sp["AccessLogSetting"]); !strings.Contains(got, accessID) || !strings.Contains(got, `\"caller\":\"$context.identity.caller\"`) {
		t.Errorf("access log setting = %s", got)
	}
	execID, exec := st.ByPath(t, "AWS::Logs::LogGroup", sensitivedataApprovalDeleting+"ExecutionLogs/Resource")
	if got := testkit.JSON(testkit.Props(exec)["LogGroupName"]); got != `{"Fn::Join":["",["API-Gateway-Execution-Logs_",{"Ref":"`+apiID+`"},"/v1"]]}` {
		t.Errorf("execution log group name = %s", got)
	}
	for name, lg := range map[string]map[string]any{"access": access, "execution": exec} {
		p := testkit.Props(lg)
		if p["RetentionInDays"] != float64(365) || p["KmsKeyId"] == nil {
			t.Errorf("%s logs: retention %v, key %v", name, p["RetentionInDays"], p["KmsKeyId"])
		}
	}
	if deps := testkit.JSON(stage["DependsOn"]); !strings.Contains(deps, execID) {
		t.Errorf("the stage does not wait for its execution log group: DependsOn %s", deps)
	}
	// The account's API Gateway CloudWatch role is not the construct's.
	st.Count(t, "AWS::ApiGateway::Account", 0)
	st.Count(t, "AWS::ApiGateway::RestApi", 2)
}

func TestSensitivedataApprovalTableAndTopic(t *testing.T) {
	st := sensitivedataApprovalConfigs().Stack(t, sensitivedataApprovalStack)
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", sensitivedataApprovalDeleting+"Table/Resource")
	p := testkit.Props(table)
	for what, want := range map[string]string{
		"KeySchema":                        `[{"AttributeName":"id","KeyType":"HASH"}]`,
		"TimeToLiveSpecification":          `{"AttributeName":"expiresAt","Enabled":true}`,
		"PointInTimeRecoverySpecification": `{"PointInTimeRecoveryEnabled":true}`,
		"BillingMode":                      `"PAY_PER_REQUEST"`,
		"DeletionProtectionEnabled":        `true`,
	} {
		if got := testkit.JSON(p[what]); got != want {
			t.Errorf("table %s = %s, want %s", what, got, want)
		}
	}
	if got := testkit.JSON(p["SSESpecification"]); !strings.Contains(got, `"SSEType":"KMS"`) {
		t.Errorf("table encryption = %s", got)
	}
	if table["DeletionPolicy"] != "Retain" {
		t.Errorf("table DeletionPolicy = %v, want Retain", table["DeletionPolicy"])
	}
	var emails []string
	for _, sub := range st.Resources("AWS::SNS::Subscription") {
		if sp := testkit.Props(sub); sp["Protocol"] == "email" {
			emails = append(emails, sp["Endpoint"].(string))
		}
	}
	sort.Strings(emails)
	if strings.Join(emails, ",") != "data-steward@example.com,data-steward@example.com,dpo@example.com" {
		t.Errorf("e-mail subscriptions = %v, want the two approvers of Macie and the one of Macie2", emails)
	}
	_, topic := st.ByPath(t, "AWS::SNS::Topic", sensitivedataApprovalDeleting+"Topic/Resource")
	if testkit.Props(topic)["KmsMasterKeyId"] == nil {
		t.Error("the approvers' topic is not encrypted")
	}
}

func TestSensitivedataApprovalFunctions(t *testing.T) {
	st := sensitivedataApprovalConfigs().Stack(t, sensitivedataApprovalStack)
	smID, _ := st.ByPath(t, "AWS::StepFunctions::StateMachine", sensitivedataApprovalDeleting+"Workflow/StateMachine/Resource")
	tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", sensitivedataApprovalDeleting+"Table/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", sensitivedataApprovalDeleting+"Topic/Resource")
	apiID, _ := st.ByPath(t, "AWS::ApiGateway::RestApi", sensitivedataApprovalDeleting+"Api/Resource")

	_, gate := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalStack+"/Macie/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(gate)["Environment"])
	sensitivedataApprovalWants(t, "gate environment", env, `"STATE_MACHINE_ARN":{"Ref":"`+smID+`"}`, `"RELEASE_PREFIX":"reviewed/"`, `"MODE":"QUARANTINE"`)
	_, gate2 := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalStack+"/Macie2/Gate/Function/Resource")
	sensitivedataApprovalWants(t, "second gate environment", testkit.JSON(testkit.Props(gate2)["Environment"]), `"RELEASE_PREFIX":"released/"`)

	_, decider := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalDeleting+"Decider/Function/Resource")
	denv := testkit.JSON(testkit.Props(decider)["Environment"])
	sensitivedataApprovalWants(t, "approval environment", denv, `"ROLE":"approval"`, `"TABLE_NAME":{"Ref":"`+tableID+`"}`,
		`"APPROVAL_TOPIC_ARN":{"Ref":"`+topicID+`"}`, `"TIMEOUT_HOURS":"24"`, `{"Ref":"`+apiID+`"},".execute-api."`, `"/v1/"`)
	if strings.Contains(denv, "Stage") || strings.Contains(denv, smID) {
		t.Errorf("the approval function's environment refers to the stage or the workflow (a dependency cycle): %s", denv)
	}
	_, decider2 := st.ByPath(t, "AWS::Lambda::Function", sensitivedataApprovalKeeping+"Decider/Function/Resource")
	sensitivedataApprovalWants(t, "second approval environment", testkit.JSON(testkit.Props(decider2)["Environment"]), `"TIMEOUT_HOURS":"72"`)

	// The gate starts the workflow.
	doc, _ := sensitivedataApprovalPolicy(t, st, sensitivedataApprovalStack+"/Macie/Gate/Role/DefaultPolicy/Resource")
	sensitivedataApprovalWants(t, "gate policy", doc, `{"Action":"states:StartExecution","Effect":"Allow","Resource":{"Ref":"`+smID+`"}}`)
	// The approval function stores and consumes requests, e-mails, and
	// decides (a separate policy: the function does not wait for the
	// workflow that invokes it).
	doc, _ = sensitivedataApprovalPolicy(t, st, sensitivedataApprovalDeleting+"Decider/Role/DefaultPolicy/Resource")
	sensitivedataApprovalWants(t, "approval function policy", doc, `"Action":["dynamodb:DeleteItem","dynamodb:PutItem"]`, tableID, `"Action":"sns:Publish"`, topicID)
	if strings.Contains(doc, "dynamodb:Scan") || strings.Contains(doc, "dynamodb:Query") || strings.Contains(doc, "states:") {
		t.Errorf("approval function default policy = %s", doc)
	}
	// A managed policy of its own (the compliance packs allow no construct-written inline policy).
	_, decidePolicy := st.ByPath(t, "AWS::IAM::ManagedPolicy", sensitivedataApprovalDeleting+"DecidePolicy/Resource")
	decide := testkit.Props(decidePolicy)
	doc = testkit.JSON(decide["PolicyDocument"])
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", sensitivedataApprovalDeleting+"Decider/Role/Resource")
	sensitivedataApprovalWants(t, "decide policy", doc, `"Action":["states:SendTaskFailure","states:SendTaskSuccess"],"Effect":"Allow","Resource":{"Ref":"`+smID+`"}`)
	if got := testkit.JSON(decide["Roles"]); got != `[{"Ref":"`+roleID+`"}]` {
		t.Errorf("decide policy roles = %s", got)
	}
	for _, a := range []string{"DeciderErrors", "ApiServerErrors"} {
		st.ByPath(t, "AWS::CloudWatch::Alarm", sensitivedataApprovalDeleting+a+"/Resource")
	}
}

func TestSensitivedataApprovalGrantDecide(t *testing.T) {
	st := sensitivedataApprovalConfigs().Stack(t, sensitivedataApprovalStack)
	apiID, _ := st.ByPath(t, "AWS::ApiGateway::RestApi", sensitivedataApprovalDeleting+"Api/Resource")
	doc, _ := sensitivedataApprovalPolicy(t, st, sensitivedataApprovalStack+"/Reviewer/DefaultPolicy/Resource")
	sensitivedataApprovalWants(t, "reviewer policy", doc, `"Action":"execute-api:Invoke"`, apiID, `"/v1/POST/approve"`, `"/v1/POST/deny"`)
	if strings.Count(doc, "execute-api:Invoke") != 1 || strings.Contains(doc, `/*"`) {
		t.Errorf("reviewer policy = %s, want execute-api:Invoke on the two methods only", doc)
	}

	testkit.MustPanic(t, func() {
		s := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		sd := sensitivedata.New(s, "Macie", nil)
		sd.GrantDecide(awsiam.NewAccountRootPrincipal())
	}, "sensitivedata Bad/Macie: GrantDecide needs Props.Approval")
}
