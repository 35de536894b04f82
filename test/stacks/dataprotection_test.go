package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/stacks/dataprotection"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDataProtectionDefaults: as committed, Macie scans GlueEtl's raw
// prefix daily and its findings reach the gate, which may quarantine the
// raw objects (tag, move) and notifies the stack's topic; AWS Backup
// protects the lake, SecureStorage's data bucket and Streaming's table
// (read from those stacks) besides the tagged resources, into a CMK vault
// without a lock.
func TestDataProtectionDefaults(t *testing.T) {
	const name = "DataProtection"
	st := configured("cdk.json").Stack(t, name)
	st.Count(t, "AWS::Macie::Session", 1)
	_, job := st.ByPath(t, "Custom::AWS", name+"/Sensitive/Job/Resource/Default")
	create := testkit.JSON(testkit.Props(job)["Create"])
	for _, want := range []string{`createClassificationJob`, `\"jobType\":\"SCHEDULED\"`, `\"dailySchedule\":{}`, `\"samplingPercentage\":100`,
		`"OutputName":"PublishOutputRefLakeBucket`, `\"values\":[\"raw/orders/\"]`} {
		if !strings.Contains(create, want) {
			t.Errorf("job lacks %s: %s", want, create)
		}
	}
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", name+"/Alarms/Resource")
	// The stack's topic, and the PII discovery's own (its delivery, job and
	// workgroup alarms).
	st.Count(t, "AWS::SNS::Topic", 2)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/Sensitive/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, want := range []string{`"MODE":"QUARANTINE"`, `{"Ref":"` + topicID + `"}`, "raw/orders/"} {
		if !strings.Contains(env, want) {
			t.Errorf("gate environment lacks %s: %s", want, env)
		}
	}
	_, vault := st.ByPath(t, "AWS::Backup::BackupVault", name+"/Backup/Vault/Resource")
	vp := testkit.JSON(testkit.Props(vault))
	if strings.Contains(vp, "LockConfiguration") || !strings.Contains(vp, `"SNSTopicArn":{"Ref":"`+topicID+`"}`) {
		t.Errorf("vault = %s", vp)
	}
	_, explicit := st.ByPath(t, "AWS::Backup::BackupSelection", name+"/Backup/Explicit/Resource")
	sel := testkit.JSON(testkit.Props(explicit))
	for _, want := range []string{`"OutputName":"PublishOutputFnGetAttLakeBucket`, `"OutputName":"PublishOutputFnGetAttDataBucket`, `"OutputName":"PublishOutputFnGetAttLatestReadingsTable`} {
		if !strings.Contains(sel, want) {
			t.Errorf("selection lacks %s: %s", want, sel)
		}
	}
	plan := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupPlan")))
	if strings.Contains(plan, "EnableContinuousBackup") {
		t.Errorf("continuous backup by default: %s", plan)
	}
	if rules := testkit.JSON(st.Resources("AWS::Events::Rule")); strings.Contains(rules, "Policy:IAMUser") {
		t.Errorf("public-bucket remediation is on by default: %s", rules)
	}
}

// TestDataProtectionAllOptions: weekly half-sampled job, human approval
// of the quarantined objects (the Admin job function decides), continuous
// backups and a compliance-mode vault lock.
func TestDataProtectionAllOptions(t *testing.T) {
	const name = "DataProtection"
	st := configured("all-options").Stack(t, name)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/Sensitive/Gate/Function/Resource")
	if env := testkit.JSON(testkit.Props(fn)["Environment"]); !strings.Contains(env, `"MODE":"QUARANTINE"`) || !strings.Contains(env, "STATE_MACHINE_ARN") ||
		!strings.Contains(env, `"RELEASE_PREFIX":"released/sales/"`) {
		t.Errorf("gate environment = %s", env)
	}
	workflow := testkit.JSON(st.Resources("AWS::StepFunctions::StateMachine"))
	for _, want := range []string{"waitForTaskToken", `\"TimeoutSeconds\":172800`, "DeleteDenied"} {
		if !strings.Contains(workflow, want) {
			t.Errorf("approval workflow lacks %s: %s", want, workflow)
		}
	}
	adminID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Roles/Roles/Admin/Resource")
	decide := false
	for _, pol := range st.Resources("AWS::IAM::Policy") {
		j := testkit.JSON(pol)
		if strings.Contains(j, `"execute-api:Invoke"`) && strings.Contains(j, adminID) && strings.Contains(j, "/v1/POST/approve") {
			decide = true
		}
	}
	if !decide {
		t.Errorf("the Admin role may not decide")
	}
	if outs := testkit.JSON(st.Template["Outputs"]); !strings.Contains(outs, `"ApprovalApi"`) || !strings.Contains(outs, `"/v1/"`) {
		t.Errorf("no ApprovalApi output: %s", outs)
	}
	for _, m := range st.Resources("AWS::ApiGateway::Method") {
		if a := testkit.Props(m)["AuthorizationType"]; a != "AWS_IAM" {
			t.Errorf("approval method authorization = %v", a)
		}
	}
	_, job := st.ByPath(t, "Custom::AWS", name+"/Sensitive/Job/Resource/Default")
	if create := testkit.JSON(testkit.Props(job)["Create"]); !strings.Contains(create, `\"weeklySchedule\":{\"dayOfWeek\":\"MONDAY\"}`) ||
		!strings.Contains(create, `\"samplingPercentage\":50`) || !strings.Contains(create, `\"values\":[\"landing/sales/\"]`) {
		t.Errorf("job = %s", create)
	}
	_, vault := st.ByPath(t, "AWS::Backup::BackupVault", name+"/Backup/Vault/Resource")
	if lock := testkit.JSON(testkit.Props(vault)["LockConfiguration"]); lock != `{"ChangeableForDays":3,"MinRetentionDays":30}` {
		t.Errorf("lock = %s", lock)
	}
	if plan := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupPlan"))); !strings.Contains(plan, `"EnableContinuousBackup":true`) {
		t.Errorf("plan = %s", plan)
	}
	// MON-07: public-bucket findings reach the function, which may not
	// touch the excluded website bucket.
	if rules := testkit.JSON(st.Resources("AWS::Events::Rule")); !strings.Contains(rules, "Policy:IAMUser/S3BucketPublic") {
		t.Errorf("no public-bucket rule: %s", rules)
	}
	if env := testkit.JSON(st.Resources("AWS::Lambda::Function")); !strings.Contains(env, "www.example.com") {
		t.Errorf("the exclusion does not reach the function")
	}
}

// TestDataProtectionVaultAndPerimeter: as committed, the tokenization
// vault's two functions run in a VPC without NAT, and every endpoint of
// that VPC admits only this account's principals to this account's
// resources, narrowed to the lake's bucket, the vault's table and its keys
// (SEC-10, SEC-07). No Secrets Manager endpoint without deterministic
// tokens; with them and an organization id (all-options), both change.
func TestDataProtectionVaultAndPerimeter(t *testing.T) {
	const name = "DataProtection"
	st := configured("cdk.json").Stack(t, name)
	st.Count(t, "AWS::EC2::NatGateway", 0)
	for _, fn := range []string{"Tokenize", "Detokenize"} {
		_, f := st.ByPath(t, "AWS::Lambda::Function", name+"/Vault/"+fn+"/Function/Resource")
		if vpc := testkit.JSON(testkit.Props(f)["VpcConfig"]); !strings.Contains(vpc, "NetworkVpcPrivateSubnet") {
			t.Errorf("%s is not in the VPC's private subnets: %s", fn, vpc)
		}
	}
	tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", name+"/Vault/Table/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", name+"/Vault/Key/Resource")
	own := `"Condition":{"StringEquals":{"aws:PrincipalAccount":{"Ref":"AWS::AccountId"},"aws:ResourceAccount":{"Ref":"AWS::AccountId"}}}`
	for path, wants := range map[string][]string{
		name + "/Network/Vpc/S3/Resource":       {own, `"OutputName":"PublishOutputFnGetAttLakeBucket`},
		name + "/Network/Vpc/DynamoDB/Resource": {own, `{"Fn::GetAtt":["` + tableID + `","Arn"]}`},
		name + "/Endpoints/Kms/Resource":        {own, `{"Fn::GetAtt":["` + keyID + `","Arn"]}`},
	} {
		_, ep := st.ByPath(t, "AWS::EC2::VPCEndpoint", path)
		policy := testkit.JSON(testkit.Props(ep)["PolicyDocument"])
		for _, w := range wants {
			if !strings.Contains(policy, w) {
				t.Errorf("%s policy lacks %s: %s", path, w, policy)
			}
		}
	}
	st.Count(t, "AWS::EC2::VPCEndpoint", 3)

	all := configured("all-options").Stack(t, name)
	_, sm := all.ByPath(t, "AWS::EC2::VPCEndpoint", name+"/Endpoints/SecretsManager/Resource")
	if p := testkit.JSON(testkit.Props(sm)["PolicyDocument"]); !strings.Contains(p, `"aws:PrincipalOrgID":"o-a1b2c3d4e5"`) {
		t.Errorf("Secrets Manager endpoint policy = %s", p)
	}
	all.Count(t, "AWS::SecretsManager::Secret", 1)
}

// TestDataProtectionRolesAndPii: the analyst, engineer and admin roles and
// one ABAC role per notes' value, with an account analyzer; the IoT
// diagnostics reach the PII job and the RBAC Analyst role gets the
// curated columns from Lake Formation. all-options: other ABAC values,
// the account's existing analyzer, no PII flow, and the field-encrypting
// distribution.
func TestDataProtectionRolesAndPii(t *testing.T) {
	const name = "DataProtection"
	st := configured("cdk.json").Stack(t, name)
	analystID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Roles/Roles/Analyst/Resource")
	for _, r := range []string{"Roles/Engineer", "Roles/Admin", "Abac/ProjectHeart", "Abac/ProjectStar", "Abac/ProjectBolt"} {
		st.ByPath(t, "AWS::IAM::Role", name+"/Roles/"+r+"/Resource")
	}
	st.Count(t, "AWS::AccessAnalyzer::Analyzer", 1)
	_, rule := st.ByPath(t, "AWS::IoT::TopicRule", name+"/PiiDiscovery/Ingest/TopicRule")
	if sql := testkit.JSON(testkit.Props(rule)); !strings.Contains(sql, `FROM 'devices/+/diag'`) {
		t.Errorf("topic rule = %s", sql)
	}
	grants := testkit.JSON(st.Resources("AWS::LakeFormation::PrincipalPermissions"))
	if !strings.Contains(grants, `{"Fn::GetAtt":["`+analystID+`","Arn"]}`) || !strings.Contains(grants, "ColumnNames") {
		t.Errorf("the RBAC analyst has no column grant: %s", grants)
	}
	if job := testkit.JSON(st.Resources("AWS::Glue::Job")); !strings.Contains(job, `"--masking":"mask"`) || !strings.Contains(job, `"--entity_types":"ALL"`) {
		t.Errorf("job = %s", job)
	}
	st.Count(t, "AWS::CloudFront::Distribution", 0)

	all := configured("all-options").Stack(t, name)
	all.ByPath(t, "AWS::IAM::Role", name+"/Roles/Abac/ProjectOrders/Resource")
	all.ByPath(t, "AWS::IAM::Role", name+"/Roles/Abac/ProjectPayments/Resource")
	for typ, n := range map[string]int{"AWS::AccessAnalyzer::Analyzer": 0, "AWS::IoT::TopicRule": 0, "AWS::Glue::Job": 0, "AWS::CloudFront::PublicKey": 1} {
		if got := len(all.Resources(typ)); got != n {
			t.Errorf("all-options: %d %s, want %d", got, typ, n)
		}
	}
	dist := testkit.JSON(testkit.Props(all.Only(t, "AWS::CloudFront::Distribution")))
	for _, want := range []string{`"FieldLevelEncryptionId"`, `"PathPattern":"/ingest/*"`, `"ingest.example.com"`, `"MinimumProtocolVersion":"TLSv1.2_2021"`} {
		if !strings.Contains(dist, want) {
			t.Errorf("distribution lacks %s: %s", want, dist)
		}
	}
}

// TestDataProtectionRedaction: the shop application reads the shared
// bucket's originals and the analysts the redacted copies, each through a
// VPC-only access point to which the bucket policy delegates; raw/
// objects are redacted at write time; the VPC's S3 endpoint admits the
// account's access points. all-options adds the S3 Object Lambda access
// point (existing customers).
func TestDataProtectionRedaction(t *testing.T) {
	const name = "DataProtection"
	st := configured("cdk.json").Stack(t, name)
	points := st.Resources("AWS::S3::AccessPoint")
	if len(points) != 2 {
		t.Fatalf("%d access points, want 2 (Original, Redacted)", len(points))
	}
	for id, pt := range points {
		if vpc := testkit.JSON(testkit.Props(pt)["VpcConfiguration"]); !strings.Contains(vpc, "NetworkVpc") {
			t.Errorf("access point %s is not VPC-only: %s", id, vpc)
		}
	}
	all := testkit.JSON(points)
	analystID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Roles/Roles/Analyst/Resource")
	shopID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/ShopApplication/Resource")
	if !strings.Contains(all, `"Prefix":"raw/"`) && !strings.Contains(all, "/object/raw/*") || !strings.Contains(all, analystID) || !strings.Contains(all, shopID) {
		t.Errorf("access points = %s", all)
	}
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", name+"/Shared/Bucket/Resource")
	delegated := false
	for _, bp := range st.Resources("AWS::S3::BucketPolicy") {
		j := testkit.JSON(bp)
		if strings.Contains(j, `{"Ref":"`+bucketID+`"}`) && strings.Contains(j, `"s3:DataAccessPointAccount"`) {
			delegated = true
		}
	}
	if !delegated {
		t.Errorf("the shared bucket's policy does not delegate to the account's access points")
	}
	_, s3ep := st.ByPath(t, "AWS::EC2::VPCEndpoint", name+"/Network/Vpc/S3/Resource")
	if p := testkit.JSON(testkit.Props(s3ep)["PolicyDocument"]); !strings.Contains(p, ":accesspoint/*/object/*") || !strings.Contains(p, bucketID) {
		t.Errorf("S3 endpoint policy = %s", p)
	}
	if rules := testkit.JSON(st.Resources("AWS::Events::Rule")); !strings.Contains(rules, `"Object Created"`) {
		t.Errorf("no write-time redaction rule: %s", rules)
	}
	st.Count(t, "AWS::S3ObjectLambda::AccessPoint", 0)
	configured("all-options").Stack(t, name).Count(t, "AWS::S3ObjectLambda::AccessPoint", 1)
}

// dataProtectionTagOnly is the stack alone, over a stand-in lake, with the
// gate only tagging and every other part off.
var dataProtectionTagOnly = testkit.Register("dataprotection-tag", map[string]any{"dataProtection": map[string]any{
	"macie": map[string]any{"mode": "TAG"}, "vault": map[string]any{"enabled": false}, "piiDiscovery": map[string]any{"enabled": false},
	"roles": map[string]any{"enabled": false}, "redaction": map[string]any{"enabled": false},
}}, func(scope constructs.Construct) {
	lake := securebucket.New(awscdk.NewStack(scope, jsii.String("Lake"), nil), "Lake", nil)
	dataprotection.New(scope, "DataProtection", dataprotection.ConfigFrom(scope), &dataprotection.Lake{Bucket: lake.Bucket, RawPrefix: "raw/"})
})

// TestDataProtectionTagOnly: macie.mode TAG tags and moves nothing (no
// quarantine bucket, no gated prefix); the parts switched off are absent.
func TestDataProtectionTagOnly(t *testing.T) {
	s := dataProtectionTagOnly()
	s.Require(t)
	st := s.Stack(t, "DataProtection")
	_, fn := st.ByPath(t, "AWS::Lambda::Function", "DataProtection/Sensitive/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	if !strings.Contains(env, `"MODE":"TAG"`) || !strings.Contains(env, `"GATED":""`) || strings.Contains(env, "QUARANTINE\"") {
		t.Errorf("gate environment = %s", env)
	}
	for typ, n := range map[string]int{"AWS::EC2::VPC": 0, "AWS::DynamoDB::Table": 0, "AWS::Glue::Job": 0, "AWS::AccessAnalyzer::Analyzer": 0,
		"AWS::S3::AccessPoint": 0, "AWS::StepFunctions::StateMachine": 0, "AWS::Backup::BackupPlan": 1} {
		if got := len(st.Resources(typ)); got != n {
			t.Errorf("%d %s, want %d", got, typ, n)
		}
	}
}
