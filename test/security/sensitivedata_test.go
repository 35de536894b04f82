package security_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSensitivedataDefaults(t *testing.T) {
	st := sensitivedataConfigs().Stack(t, sensitivedataDefaultsStack)
	sess := st.Only(t, "AWS::Macie::Session")
	if got := testkit.JSON(testkit.Props(sess)); got != `{"FindingPublishingFrequency":"FIFTEEN_MINUTES","Status":"ENABLED"}` {
		t.Errorf("session = %s", got)
	}
	if sess["DeletionPolicy"] != "Retain" {
		t.Errorf("the session (Macie's findings and settings) must be retained: %s", testkit.JSON(sess))
	}
	for _, typ := range []string{"AWS::Lambda::Function", "AWS::Events::Rule", "Custom::AWS", "AWS::Macie::CustomDataIdentifier"} {
		st.Count(t, typ, 0)
	}
	if b := sensitivedataBuilt.defaults; b.Session == nil || b.Function != nil || b.Job != nil {
		t.Errorf("fields: %+v", b)
	}
}

func TestSensitivedataGate(t *testing.T) {
	st := sensitivedataConfigs().Stack(t, sensitivedataGateStack)
	sessID, sess := st.ByPath(t, "AWS::Macie::Session", sensitivedataGateStack+"/Macie/Session")
	if testkit.Props(sess)["FindingPublishingFrequency"] != "ONE_HOUR" {
		t.Errorf("session = %s", testkit.JSON(sess))
	}
	cdi := st.Only(t, "AWS::Macie::CustomDataIdentifier")
	if got := testkit.JSON(testkit.Props(cdi)); got != `{"Description":"Employee ids (E- and six digits)","IgnoreWords":["E-000000"],"Keywords":["employee","staff id"],"MaximumMatchDistance":30,"Name":"EmployeeId","Regex":"E-\\d{6}"}` {
		t.Errorf("identifier = %s", got)
	}
	if !strings.Contains(testkit.JSON(cdi["DependsOn"]), sessID) {
		t.Error("the identifier does not wait for the session")
	}
	lists := testkit.JSON(st.Resources("AWS::Macie::AllowList"))
	for _, s := range []string{`"Criteria":{"Regex":"4111[ -]?1111[ -]?1111[ -]?1111"}`, `"S3WordsList":{"BucketName":{"Ref":`, `"ObjectKey":"config/allow-words.txt"`} {
		if !strings.Contains(lists, s) {
			t.Errorf("allow lists lack %s: %s", s, lists)
		}
	}
	ff := testkit.Props(st.Only(t, "AWS::Macie::FindingsFilter"))
	if got := testkit.JSON(ff); got != `{"Action":"ARCHIVE","Description":"Known synthetic test data","FindingCriteria":{"Criterion":{"resourcesAffected.s3Bucket.name":{"eq":["example-test-fixtures"]}}},"Name":"ArchiveTestData"}` {
		t.Errorf("filter = %s", got)
	}

	// The job: created at deployment, replaced (new job, old one
	// cancelled) when its definition changes.
	_, job := st.ByPathPrefix(t, "Custom::AWS", sensitivedataGateStack+"/Macie/Job/Resource")
	jp := testkit.Props(job)
	create := testkit.JSON(jp["Create"])
	for _, s := range []string{`\"service\":\"Macie2\"`, `\"action\":\"createClassificationJob\"`, `\"jobType\":\"SCHEDULED\"`,
		`\"weeklySchedule\":{\"dayOfWeek\":\"SUNDAY\"}`, `\"initialRun\":true`, `\"managedDataIdentifierSelector\":\"RECOMMENDED\"`,
		`\"values\":[\"raw/\",\"staging/\"]`, `\"comparator\":\"STARTS_WITH\"`, `\"customDataIdentifierIds\":[\"`, `\"allowListIds\":[\"`,
		`\"physicalResourceId\":{\"responsePath\":\"jobId\"}`, `\"samplingPercentage\":100`} {
		if !strings.Contains(create, s) {
			t.Errorf("Create lacks %s: %s", s, create)
		}
	}
	if testkit.JSON(jp["Update"]) != create {
		t.Error("an update must create a new job (a job cannot be changed)")
	}
	del := testkit.JSON(jp["Delete"])
	for _, s := range []string{`\"action\":\"updateClassificationJob\"`, `\"jobStatus\":\"CANCELLED\"`, `PHYSICAL:RESOURCEID`, `ValidationException|ResourceNotFoundException`} {
		if !strings.Contains(del, s) {
			t.Errorf("Delete lacks %s: %s", s, del)
		}
	}

	// Findings → rule → function.
	rule := testkit.Props(st.Only(t, "AWS::Events::Rule"))
	if got := testkit.JSON(rule["EventPattern"]); got != `{"detail":{"severity":{"description":["Medium","High"]},"type":[{"prefix":"SensitiveData:"}]},"detail-type":["Macie Finding"],"source":["aws.macie"]}` {
		t.Errorf("pattern = %s", got)
	}
	if !strings.Contains(testkit.JSON(rule["Targets"]), "DeadLetterConfig") {
		t.Error("the rule's target has no dead-letter queue")
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", sensitivedataGateStack+"/Macie/Gate/Function/Resource")
	fp := testkit.Props(fn)
	if fp["Runtime"] != "provided.al2023" || testkit.JSON(fp["Architectures"]) != `["arm64"]` {
		t.Errorf("function = %s", testkit.JSON(fp))
	}
	env := testkit.JSON(fp["Environment"])
	for _, s := range []string{`"MODE":"QUARANTINE"`, `"/raw/,"`, `"/staging/"]]}`, `"GATED":{"Fn::Join"`, `"QUARANTINE":{"Fn::Join"`, `"/quarantine/"`, `"TOPIC_ARN":{"Ref":`} {
		if !strings.Contains(env, s) {
			t.Errorf("environment lacks %s: %s", s, env)
		}
	}
	if _, ok := fp["EventInvokeConfig"]; ok {
		t.Error("unexpected")
	}
	st.Count(t, "AWS::Lambda::EventInvokeConfig", 1)

	// Least privilege: object actions only under the prefixes.
	policies := st.Resources("AWS::IAM::Policy")
	var gate string
	for _, p := range policies {
		if s := testkit.JSON(p); strings.Contains(s, "s3:PutObjectTagging") {
			gate = s
		}
	}
	for _, s := range []string{`"/raw/*"`, `"/staging/*"`, `"/quarantine/*"`, `"s3:DeleteObject"`, `"sns:Publish"`, `"kms:Decrypt"`} {
		if !strings.Contains(gate, s) {
			t.Errorf("gate policy lacks %s: %s", s, gate)
		}
	}
	var doc struct {
		Statement []struct {
			Action   any
			Resource any
		}
	}
	var pol map[string]any
	_ = json.Unmarshal([]byte(gate), &pol)
	_ = json.Unmarshal([]byte(testkit.JSON(pol["Properties"].(map[string]any)["PolicyDocument"])), &doc)
	for _, s := range doc.Statement {
		a, r := testkit.JSON(s.Action), testkit.JSON(s.Resource)
		if strings.Contains(a, "s3:DeleteObject") && (strings.Contains(r, "raw/") || strings.Contains(r, "quarantine/")) {
			t.Errorf("delete granted beyond the gated prefix: %s on %s", a, r)
		}
		if strings.Contains(a, `"s3:*"`) || strings.Contains(r, `"*"`) && strings.Contains(a, "s3:") {
			t.Errorf("wildcard S3 statement: %s on %s", a, r)
		}
	}
	// Macie's service-linked role may decrypt the lake's objects.
	keys := testkit.JSON(st.Resources("AWS::KMS::Key"))
	if !strings.Contains(keys, "AWSServiceRoleForAmazonMacie") || !strings.Contains(keys, `"Sid":"AllowMacieToClassify"`) {
		t.Error("the lake's key does not let Macie decrypt")
	}
	st.Count(t, "AWS::SNS::Topic", 2) // notices + alarms
	b := sensitivedataBuilt.gate
	if b.QuarantineBucket == nil || b.Topic == nil || b.TopicKey == nil || b.JobId == nil || b.FailureQueue == nil || len(b.AllowLists) != 2 {
		t.Errorf("fields: %+v", b)
	}
}

func TestSensitivedataExistingSessionTagOnly(t *testing.T) {
	st := sensitivedataConfigs().Stack(t, sensitivedataExistingStack)
	st.Count(t, "AWS::Macie::Session", 0)
	st.Count(t, "AWS::S3::Bucket", 0) // no quarantine in TAG mode
	_, job := st.ByPathPrefix(t, "Custom::AWS", sensitivedataExistingStack+"/Macie/Job/Resource")
	create := testkit.JSON(testkit.Props(job)["Create"])
	for _, s := range []string{`\"jobType\":\"ONE_TIME\"`, `\"samplingPercentage\":50`, `\"buckets\":[\"` + sensitivedataImportedLake + `\"]`} {
		if !strings.Contains(create, s) {
			t.Errorf("Create lacks %s: %s", s, create)
		}
	}
	for _, s := range []string{"scoping", "scheduleFrequency", "initialRun"} {
		if strings.Contains(create, s) {
			t.Errorf("a one-time whole-bucket job has %s: %s", s, create)
		}
	}
	rule := testkit.JSON(testkit.Props(st.Only(t, "AWS::Events::Rule"))["EventPattern"])
	if !strings.Contains(rule, `"description":["High"]`) {
		t.Errorf("pattern = %s", rule)
	}
	_, fn := st.ByPath(t, "AWS::Lambda::Function", sensitivedataExistingStack+"/Macie/Gate/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	if !strings.Contains(env, `"MODE":"TAG"`) || !strings.Contains(env, `"WATCHED":"`+sensitivedataImportedLake+`/"`) || strings.Contains(env, "QUARANTINE\":") {
		t.Errorf("environment = %s", env)
	}
	for _, p := range st.Resources("AWS::IAM::Policy") {
		if s := testkit.JSON(p); strings.Contains(s, "s3:DeleteObject") || strings.Contains(s, "s3:PutObject\"") {
			t.Errorf("TAG mode may not delete or write objects: %s", s)
		}
	}
}
