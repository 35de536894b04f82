package cicd_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cicd"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	cicdStackName  = "Delivery"
	cicdConnection = "arn:aws:codeconnections:eu-west-1:111111111111:connection/0f3c1a2b-1111-2222-3333-444455556666"
	cicdLegacy     = "arn:aws:codestar-connections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41"
	cicdTestRole   = "arn:aws:iam::222222222222:role/e2e-tester"
)

var cicdBuilt struct {
	defaults, options *cicd.Pipeline
}

var cicdConfigs = testkit.Register("cicd", nil, func(app constructs.Construct) {
	b := &cicdBuilt
	stack := awscdk.NewStack(app, jsii.String(cicdStackName), nil)
	b.defaults = cicd.New(stack, "Pipeline", &cicd.Props{
		ConnectionArn: cicdConnection,
		Repository:    "cdk-data-patterns/patterns",
		Stages: []cicd.Stage{
			{Name: "test", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"GlueEtl", "Orchestration"}},
			{Name: "prod", Account: "333333333333", Region: "eu-central-1", Stacks: []string{"GlueEtl", "Orchestration"}},
		},
	})
	pinned := stack
	source := securebucket.New(pinned, "SourceZips", nil)
	b.options = cicd.New(pinned, "Options", &cicd.Props{
		SourceBucket:              source.Bucket,
		SourceKey:                 "releases/patterns.zip",
		EncryptionKey:             source.Key,
		ApprovalEmails:            []string{"data-owners@example.com"},
		AllowUnapprovedProduction: jsii.Bool(true),
		BuildCommands:             []string{"npm ci", "npx cdk synth --quiet"},
		CdkCliVersion:             "2.1150.0",
		BootstrapQualifier:        "data1",
		LogRetention:              awslogs.RetentionDays_TWO_YEARS,
		BuildTimeout:              awscdk.Duration_Minutes(jsii.Number(90)),
		DeployTimeout:             awscdk.Duration_Minutes(jsii.Number(45)),
		Stages: []cicd.Stage{
			{Name: "dev", Account: "222222222222", Region: "eu-west-1", Stacks: []string{"GlueEtl"},
				RequireApproval: jsii.Bool(true), PostDeployRoleArn: cicdTestRole,
				PostDeployCommands: []string{"bash .ci/e2e.sh --fixture docs/samples/orders.csv"}},
			{Name: "prod", Account: "111111111111", Region: "eu-west-1", Stacks: []string{"GlueEtl"},
				RequireApproval: jsii.Bool(false), PostDeployCommands: []string{}},
		},
	})
})

// cicdSpec returns the buildspec of the CodeBuild project at path.
func cicdSpec(t *testing.T, st *testkit.Stack, path string) map[string]any {
	t.Helper()
	_, project := st.ByPath(t, "AWS::CodeBuild::Project", path)
	raw, _ := testkit.Props(project)["Source"].(map[string]any)["BuildSpec"].(string)
	var spec map[string]any
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		t.Fatalf("%s: buildspec %q: %v", path, raw, err)
	}
	return spec
}

// cicdPipeline returns the CodePipeline of the construct at path.
func cicdPipeline(t *testing.T, st *testkit.Stack, path string) map[string]any {
	t.Helper()
	_, r := st.ByPath(t, "AWS::CodePipeline::Pipeline", path+"/Pipeline/Resource")
	return testkit.Props(r)
}

// cicdStage returns the actions of the pipeline stage called name, by action name.
func cicdStage(t *testing.T, pipeline map[string]any, name string) map[string]map[string]any {
	t.Helper()
	for _, s := range pipeline["Stages"].([]any) {
		stage := s.(map[string]any)
		if stage["Name"] != name {
			continue
		}
		out := map[string]map[string]any{}
		for _, a := range stage["Actions"].([]any) {
			action := a.(map[string]any)
			out[action["Name"].(string)] = action
		}
		return out
	}
	t.Fatalf("no stage %q in %s", name, testkit.JSON(pipeline["Stages"]))
	return nil
}

// cicdStageNames lists the pipeline's stages in order.
func cicdStageNames(pipeline map[string]any) []string {
	var names []string
	for _, s := range pipeline["Stages"].([]any) {
		names = append(names, s.(map[string]any)["Name"].(string))
	}
	return names
}

// cicdPolicy returns the JSON of the statements of the role policy at path.
func cicdPolicy(t *testing.T, st *testkit.Stack, path string) string {
	t.Helper()
	_, r := st.ByPath(t, "AWS::IAM::Policy", path+"/DefaultPolicy/Resource")
	return testkit.JSON(testkit.Props(r)["PolicyDocument"])
}

// cicdCommands returns the commands of a buildspec phase.
func cicdCommands(spec map[string]any, phase string) []string {
	var out []string
	p, _ := spec["phases"].(map[string]any)[phase].(map[string]any)
	cmds, _ := p["commands"].([]any)
	for _, c := range cmds {
		out = append(out, c.(string))
	}
	return out
}

func TestCicdDefaults(t *testing.T) {
	st := cicdConfigs().Stack(t, cicdStackName)
	b := cicdBuilt.defaults
	pipeline := cicdPipeline(t, st, cicdStackName+"/Pipeline")
	if pipeline["PipelineType"] != "V2" {
		t.Errorf("PipelineType = %v, want V2", pipeline["PipelineType"])
	}
	if got := cicdStageNames(pipeline); !slices.Equal(got, []string{"Source", "Build", "test", "prod"}) {
		t.Errorf("stages = %v", got)
	}
	store := testkit.JSON(pipeline["ArtifactStore"])
	if !strings.Contains(store, `"Type":"KMS"`) || !strings.Contains(store, "PipelineKey") || !strings.Contains(store, "PipelineArtifactsBucket") {
		t.Errorf("artifact store = %s, want the artifact bucket with the pipeline's key", store)
	}

	source := cicdStage(t, pipeline, "Source")["Source"]
	if got := testkit.JSON(source["Configuration"]); got != `{"BranchName":"main","ConnectionArn":"`+cicdConnection+`","FullRepositoryId":"cdk-data-patterns/patterns"}` {
		t.Errorf("source configuration = %s", got)
	}
	if pol := cicdPolicy(t, st, cicdStackName+"/Pipeline/SourceRole"); !strings.Contains(pol, `{"Action":["codeconnections:UseConnection","codestar-connections:UseConnection"],"Effect":"Allow","Resource":"`+cicdConnection+`"}`) {
		t.Errorf("source role policy lacks UseConnection with both prefixes on the connection: %s", pol)
	}

	_, build := st.ByPath(t, "AWS::CodeBuild::Project", cicdStackName+"/Pipeline/Build/Resource")
	bp := testkit.Props(build)
	env := testkit.JSON(bp["Environment"])
	for _, want := range []string{`"ComputeType":"BUILD_GENERAL1_MEDIUM"`, `"Image":"aws/codebuild/standard:7.0"`, `"PrivilegedMode":false`} {
		if !strings.Contains(env, want) {
			t.Errorf("build environment %s lacks %s", env, want)
		}
	}
	if bp["TimeoutInMinutes"] != 60.0 || bp["EncryptionKey"] == nil || !strings.Contains(testkit.JSON(bp["LogsConfig"]), "PipelineBuildLogs") {
		t.Errorf("build project: timeout %v, key %v, logs %v", bp["TimeoutInMinutes"], bp["EncryptionKey"], bp["LogsConfig"])
	}
	spec := cicdSpec(t, st, cicdStackName+"/Pipeline/Build/Resource")
	if got := cicdCommands(spec, "build"); !slices.Equal(got, []string{"npm test", "npm run synth"}) {
		t.Errorf("build commands = %v", got)
	}
	if got := testkit.JSON(spec["artifacts"]); got != `{"files":["cdk.out/**/*"]}` {
		t.Errorf("build artifacts = %s", got)
	}
	if got := testkit.JSON(spec["env"]); !strings.Contains(got, `"GOTOOLCHAIN":"auto"`) {
		t.Errorf("build env = %s", got)
	}

	// test: deploy then the default end-to-end script, no approval.
	test := cicdStage(t, pipeline, "test")
	if _, ok := test["Approve"]; ok || b.Stages[0].Approval {
		t.Error("stage test has an approval by default")
	}
	if test["Deploy"]["RunOrder"] != 2.0 || test["EndToEndTest"]["RunOrder"] != 3.0 {
		t.Errorf("test stage run orders: %v", testkit.JSON(test))
	}
	deploy := cicdSpec(t, st, cicdStackName+"/Pipeline/Deploy-test/Resource")
	if got := cicdCommands(deploy, "build"); !slices.Equal(got, []string{"npx cdk deploy --app cdk.out GlueEtl Orchestration --require-approval never --ci --progress events"}) {
		t.Errorf("deploy commands = %v", got)
	}
	if got := cicdCommands(deploy, "install"); !slices.Equal(got, []string{"npm install --no-save --no-package-lock --no-audit --no-fund aws-cdk@" + cicd.DefaultCdkCliVersion}) {
		t.Errorf("deploy install = %v", got)
	}
	if got := cicdCommands(cicdSpec(t, st, cicdStackName+"/Pipeline/Test-test/Resource"), "build"); !slices.Equal(got, []string{"bash .ci/e2e.sh"}) {
		t.Errorf("post-deploy commands = %v", got)
	}
	for _, stage := range []struct{ name, account, region string }{{"test", "222222222222", "eu-west-1"}, {"prod", "333333333333", "eu-central-1"}} {
		pol := cicdPolicy(t, st, cicdStackName+"/Pipeline/Deploy-"+stage.name+"/Role")
		want := `{"Action":"sts:AssumeRole","Effect":"Allow","Resource":[` +
			`{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::` + stage.account + `:role/cdk-hnb659fds-deploy-role-` + stage.account + `-` + stage.region + `"]]},` +
			`{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::` + stage.account + `:role/cdk-hnb659fds-file-publishing-role-` + stage.account + `-` + stage.region + `"]]}],"Sid":"AssumeCdkBootstrapRoles"}`
		if !strings.Contains(pol, want) || strings.Count(pol, "sts:AssumeRole") != 1 {
			t.Errorf("deploy role of %s: want exactly %s\ngot %s", stage.name, want, pol)
		}
		if strings.Contains(cicdPolicy(t, st, cicdStackName+"/Pipeline/Test-"+stage.name+"/Role"), "sts:AssumeRole") {
			t.Errorf("test role of %s may assume a role without PostDeployRoleArn", stage.name)
		}
		_, project := st.ByPath(t, "AWS::CodeBuild::Project", cicdStackName+"/Pipeline/Deploy-"+stage.name+"/Resource")
		vars := testkit.JSON(testkit.Props(project)["Environment"].(map[string]any)["EnvironmentVariables"])
		for _, want := range []string{`"Name":"AWS_REGION","Type":"PLAINTEXT","Value":"` + stage.region, `"Name":"TARGET_ACCOUNT","Type":"PLAINTEXT","Value":"` + stage.account, `"Name":"STAGE","Type":"PLAINTEXT","Value":"` + stage.name} {
			if !strings.Contains(vars, want) {
				t.Errorf("deploy %s variables %s lack %s", stage.name, vars, want)
			}
		}
	}

	// prod (named prod and last): approval first, notifying the encrypted topic.
	prod := cicdStage(t, pipeline, "prod")
	approve, ok := prod["Approve"]
	if !ok || !b.Stages[1].Approval || approve["RunOrder"] != 1.0 {
		t.Fatalf("prod stage has no approval at run order 1: %s", testkit.JSON(prod))
	}
	if got := testkit.JSON(approve["Configuration"]); !strings.Contains(got, `"NotificationArn":{"Ref":"PipelineApprovalTopic`) ||
		!strings.Contains(got, "Deploys GlueEtl, Orchestration to 333333333333/eu-central-1 (stage prod).") {
		t.Errorf("approval configuration = %s", got)
	}
	_, topic := st.ByPath(t, "AWS::SNS::Topic", cicdStackName+"/Pipeline/ApprovalTopic/Resource")
	if !strings.Contains(testkit.JSON(testkit.Props(topic)["KmsMasterKeyId"]), "PipelineKey") {
		t.Errorf("approval topic not encrypted with the pipeline key: %s", testkit.JSON(topic))
	}
	if pol := cicdPolicy(t, st, cicdStackName+"/Pipeline/Pipeline/prod/Approve/CodePipelineActionRole"); !strings.Contains(pol, `"sns:Publish"`) || !strings.Contains(pol, `"kms:GenerateDataKey*"`) {
		t.Errorf("approval role cannot publish to the encrypted topic: %s", pol)
	}

	// Every log group of the pipeline: CMK, one year.
	n := 0
	for _, lg := range st.Resources("AWS::Logs::LogGroup") {
		md, _ := lg["Metadata"].(map[string]any)
		if p, _ := md["aws:cdk:path"].(string); !strings.HasPrefix(p, cicdStackName+"/Pipeline/") {
			continue
		}
		n++
		props := testkit.Props(lg)
		if props["RetentionInDays"] != 365.0 || props["KmsKeyId"] == nil {
			t.Errorf("log group %s: retention %v, key %v", md["aws:cdk:path"], props["RetentionInDays"], props["KmsKeyId"])
		}
	}
	if n != 5 {
		t.Errorf("%d log groups under the pipeline, want 5 (build, 2 deploys, 2 tests)", n)
	}
	if b.SourceRule != nil || b.ApprovalTopic == nil || b.Build == nil || b.Stages[0].Test == nil || b.Pipeline == nil || b.ArtifactBucket == nil || b.Key == nil {
		t.Errorf("exposed resources: %+v", b)
	}
}

func TestCicdS3Source(t *testing.T) {
	st := cicdConfigs().Stack(t, cicdStackName)
	b := cicdBuilt.options
	pipeline := cicdPipeline(t, st, cicdStackName+"/Options")
	source := testkit.JSON(cicdStage(t, pipeline, "Source")["Source"]["Configuration"])
	for _, want := range []string{`"PollForSourceChanges":false`, `"S3ObjectKey":"releases/patterns.zip"`, `"S3Bucket":{"Ref":"SourceZipsBucket`} {
		if !strings.Contains(source, want) {
			t.Errorf("S3 source %s lacks %s", source, want)
		}
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", cicdStackName+"/Options/SourceChanged/Resource")
	pattern := testkit.JSON(testkit.Props(rule)["EventPattern"])
	if want := `"detail":{"bucket":{"name":[{"Ref":"SourceZipsBucket`; !strings.Contains(pattern, want) || !strings.Contains(pattern, `"object":{"key":["releases/patterns.zip"]}`) || !strings.Contains(pattern, `"detail-type":["Object Created"]`) {
		t.Errorf("source rule pattern = %s", pattern)
	}
	if !strings.Contains(testkit.JSON(testkit.Props(rule)["Targets"]), "OptionsPipeline") || b.SourceRule == nil {
		t.Error("the source rule does not start the pipeline")
	}
	if store := testkit.JSON(pipeline["ArtifactStore"]); !strings.Contains(store, "SourceZipsKey") {
		t.Errorf("artifact store ignores EncryptionKey: %s", store)
	}
	dev := cicdStage(t, pipeline, "dev")
	if !strings.Contains(testkit.JSON(dev["Approve"]["Configuration"]), `"NotificationArn":{"Ref":"OptionsApprovalTopic`) || !b.Stages[0].Approval {
		t.Errorf("dev: RequireApproval true gives no approval: %s", testkit.JSON(dev))
	}
	st.Has(t, "AWS::SNS::Subscription", map[string]any{"Protocol": "email", "Endpoint": "data-owners@example.com"})
	if got := cicdCommands(cicdSpec(t, st, cicdStackName+"/Options/Build/Resource"), "build"); !slices.Equal(got, []string{"npm ci", "npx cdk synth --quiet"}) {
		t.Errorf("build commands = %v", got)
	}
	if got := cicdCommands(cicdSpec(t, st, cicdStackName+"/Options/Deploy-dev/Resource"), "install"); !slices.Equal(got, []string{"npm install --no-save --no-package-lock --no-audit --no-fund aws-cdk@2.1150.0"}) {
		t.Errorf("deploy install = %v", got)
	}
	if pol := cicdPolicy(t, st, cicdStackName+"/Options/Deploy-dev/Role"); !strings.Contains(pol, ":role/cdk-data1-deploy-role-222222222222-eu-west-1") || !strings.Contains(pol, ":role/cdk-data1-file-publishing-role-222222222222-eu-west-1") {
		t.Errorf("deploy role ignores the qualifier: %s", pol)
	}
	for path, minutes := range map[string]float64{"Build": 90, "Deploy-dev": 45, "Test-dev": 45} {
		_, p := st.ByPath(t, "AWS::CodeBuild::Project", cicdStackName+"/Options/"+path+"/Resource")
		if got := testkit.Props(p)["TimeoutInMinutes"]; got != minutes {
			t.Errorf("%s timeout = %v, want %v", path, got, minutes)
		}
		_, lg := st.ByPath(t, "AWS::Logs::LogGroup", cicdStackName+"/Options/"+path+"Logs/Resource")
		if got := testkit.Props(lg)["RetentionInDays"]; got != 731.0 {
			t.Errorf("%s log retention = %v, want 731", path, got)
		}
	}
	spec := cicdSpec(t, st, cicdStackName+"/Options/Test-dev/Resource")
	if got := cicdCommands(spec, "build"); len(got) != 2 || !strings.Contains(got[0], `aws sts assume-role --role-arn "$POST_DEPLOY_ROLE_ARN"`) || got[1] != "bash .ci/e2e.sh --fixture docs/samples/orders.csv" {
		t.Errorf("post-deploy commands = %v", got)
	}
	if pol := cicdPolicy(t, st, cicdStackName+"/Options/Test-dev/Role"); !strings.Contains(pol, `{"Action":"sts:AssumeRole","Effect":"Allow","Resource":"`+cicdTestRole+`","Sid":"AssumeTestRole"}`) {
		t.Errorf("test role may not assume the stage's test role: %s", pol)
	}
	_, project := st.ByPath(t, "AWS::CodeBuild::Project", cicdStackName+"/Options/Test-dev/Resource")
	if vars := testkit.JSON(testkit.Props(project)["Environment"]); !strings.Contains(vars, `"Name":"POST_DEPLOY_ROLE_ARN","Type":"PLAINTEXT","Value":"`+cicdTestRole+`"`) {
		t.Errorf("test variables = %s", vars)
	}
	// prod without approval (AllowUnapprovedProduction) and without test.
	prod := cicdStage(t, pipeline, "prod")
	if _, ok := prod["Approve"]; ok || b.Stages[1].Approval || b.Stages[1].Test != nil || len(prod) != 1 {
		t.Errorf("prod: %s", testkit.JSON(prod))
	}
}
