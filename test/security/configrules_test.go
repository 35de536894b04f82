package security_test

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/configrules"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestConfigrulesDefaults(t *testing.T) {
	st := configrulesConfigs().Stack(t, configrulesDefaultsStack)
	rec := testkit.Props(st.Only(t, "AWS::Config::ConfigurationRecorder"))
	if got := testkit.JSON(rec["RecordingGroup"]); got != `{"AllSupported":true,"IncludeGlobalResourceTypes":true,"RecordingStrategy":{"UseOnly":"ALL_SUPPORTED_RESOURCE_TYPES"}}` {
		t.Errorf("RecordingGroup = %s", got)
	}
	if got := testkit.JSON(rec["RecordingMode"]); got != `{"RecordingFrequency":"CONTINUOUS"}` {
		t.Errorf("RecordingMode = %s", got)
	}
	// The service-linked role by ARN, in the stack's partition.
	role := testkit.JSON(rec["RoleARN"])
	for _, s := range []string{`"Ref":"AWS::Partition"`, `:iam::`, `"Ref":"AWS::AccountId"`, `:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`} {
		if !strings.Contains(role, s) {
			t.Errorf("RoleArn lacks %s: %s", s, role)
		}
	}
	st.Count(t, "AWS::IAM::ServiceLinkedRole", 0)

	// The channel: the new SSE-KMS bucket under config/, its key, daily
	// snapshots, no topic; after the recorder and the bucket policy.
	chID, ch := st.ByPath(t, "AWS::Config::DeliveryChannel", configrulesDefaultsStack+"/Config/DeliveryChannel")
	cp := testkit.Props(ch)
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", configrulesDefaultsStack+"/Config/Bucket/Bucket/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", configrulesDefaultsStack+"/Config/Bucket/Key/Resource")
	if got := testkit.JSON(cp["S3BucketName"]); got != `{"Ref":"`+bucketID+`"}` {
		t.Errorf("S3BucketName = %s", got)
	}
	if cp["S3KeyPrefix"] != "config" || testkit.JSON(cp["ConfigSnapshotDeliveryProperties"]) != `{"DeliveryFrequency":"TwentyFour_Hours"}` {
		t.Errorf("channel = %s", testkit.JSON(cp))
	}
	if !strings.Contains(testkit.JSON(cp["S3KmsKeyArn"]), keyID) {
		t.Errorf("S3KmsKeyArn = %s", testkit.JSON(cp["S3KmsKeyArn"]))
	}
	if _, ok := cp["SnsTopicARN"]; ok {
		t.Errorf("channel has a topic by default: %s", testkit.JSON(cp))
	}
	deps := testkit.JSON(ch["DependsOn"])
	recID, _ := st.ByPath(t, "AWS::Config::ConfigurationRecorder", configrulesDefaultsStack+"/Config/Recorder")
	if !strings.Contains(deps, recID) || !strings.Contains(deps, "BucketPolicy") {
		t.Errorf("channel DependsOn = %s", deps)
	}
	enc := testkit.JSON(testkit.Props(bucket)["BucketEncryption"])
	if !strings.Contains(enc, `"SSEAlgorithm":"aws:kms"`) {
		t.Errorf("bucket encryption = %s", enc)
	}

	// The bucket policy of Config's guide, scoped to the account.
	_, bp := st.ByPath(t, "AWS::S3::BucketPolicy", configrulesDefaultsStack+"/Config/Bucket/Bucket/Policy/Resource")
	policy := testkit.JSON(testkit.Props(bp)["PolicyDocument"])
	for _, s := range []string{`"Sid":"AWSConfigBucketPermissionsCheck"`, `"Sid":"AWSConfigBucketExistenceCheck"`, `"Sid":"AWSConfigBucketDelivery"`,
		`"s3:x-amz-acl":"bucket-owner-full-control"`, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`, `/config/AWSLogs/`, `/Config/*`,
		`"Service":"config.amazonaws.com"`, `"DenyOtherEncryption"`} {
		if !strings.Contains(policy, s) {
			t.Errorf("bucket policy lacks %s", s)
		}
	}
	// Config may use the key as its service principal for this account.
	kp := testkit.JSON(testkit.Props(st.Resources("AWS::KMS::Key")[keyID])["KeyPolicy"])
	if !strings.Contains(kp, `"Service":"config.amazonaws.com"`) || !strings.Contains(kp, `"aws:SourceAccount"`) {
		t.Errorf("key policy lacks Config: %s", kp)
	}

	// The seven data-store rules, each after the recorder and channel.
	rules := st.Resources("AWS::Config::ConfigRule")
	var ids []string
	for _, r := range rules {
		p := testkit.Props(r)
		src := p["Source"].(map[string]any)
		if src["Owner"] != "AWS" {
			t.Errorf("rule owner = %v", src["Owner"])
		}
		ids = append(ids, src["SourceIdentifier"].(string))
		if d := testkit.JSON(r["DependsOn"]); !strings.Contains(d, recID) || !strings.Contains(d, chID) {
			t.Errorf("rule %s DependsOn = %s", src["SourceIdentifier"], d)
		}
	}
	sort.Strings(ids)
	want := append([]string{}, configrules.DataStoreRules...)
	sort.Strings(want)
	if strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("rules = %v, want %v", ids, want)
	}
	st.Count(t, "AWS::Config::ConformancePack", 0)
	st.Count(t, "AWS::CloudFormation::StackSet", 0)

	// NON_COMPLIANT changes of these rules → the encrypted topic.
	ev := testkit.Props(st.Only(t, "AWS::Events::Rule"))
	pattern := testkit.JSON(ev["EventPattern"])
	for _, s := range []string{`"source":["aws.config"]`, `"detail-type":["Config Rules Compliance Change"]`, `"complianceType":["NON_COMPLIANT"]`, `"messageType":["ComplianceChangeNotification"]`} {
		if !strings.Contains(pattern, s) {
			t.Errorf("pattern lacks %s: %s", s, pattern)
		}
	}
	if n := strings.Count(pattern, `"Ref":"Config`); n != len(configrules.DataStoreRules) {
		t.Errorf("pattern names %d rules, want %d: %s", n, len(configrules.DataStoreRules), pattern)
	}
	b := configrulesBuilt.defaults
	st.CheckAlarmTopic(t, configrulesDefaultsStack+"/Config", b.AlarmTopic, b.AlarmTopicKey)
	if b.Recorder == nil || b.DeliveryChannel == nil || b.Key == nil || len(b.ManagedRules) != 7 || b.NonCompliantRule == nil {
		t.Errorf("fields not exposed: %+v", b)
	}
}

func TestConfigrulesOptions(t *testing.T) {
	st := configrulesConfigs().Stack(t, configrulesOptionsStack)
	rec := testkit.Props(st.Only(t, "AWS::Config::ConfigurationRecorder"))
	if got := testkit.JSON(rec["RecordingGroup"]); got != `{"AllSupported":false,"IncludeGlobalResourceTypes":false,"RecordingStrategy":{"UseOnly":"INCLUSION_BY_RESOURCE_TYPES"},"ResourceTypes":["AWS::S3::Bucket","AWS::DynamoDB::Table"]}` {
		t.Errorf("RecordingGroup = %s", got)
	}
	if got := testkit.JSON(rec["RecordingMode"]); got != `{"RecordingFrequency":"DAILY"}` {
		t.Errorf("RecordingMode = %s", got)
	}
	slrID, slr := st.ByPath(t, "AWS::IAM::ServiceLinkedRole", configrulesOptionsStack+"/Config/ServiceLinkedRole")
	if testkit.Props(slr)["AWSServiceName"] != "config.amazonaws.com" || slr["DeletionPolicy"] != "Retain" {
		t.Errorf("service-linked role = %s", testkit.JSON(slr))
	}
	if !strings.Contains(testkit.JSON(st.Only(t, "AWS::Config::ConfigurationRecorder")["DependsOn"]), slrID) {
		t.Error("recorder does not wait for the service-linked role")
	}
	cp := testkit.Props(st.Only(t, "AWS::Config::DeliveryChannel"))
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", configrulesOptionsStack+"/Audit/Bucket/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", configrulesOptionsStack+"/Audit/Key/Resource")
	topicID, topic := st.ByPath(t, "AWS::SNS::Topic", configrulesOptionsStack+"/ConfigStream/Resource")
	_ = topic
	if testkit.JSON(cp["S3BucketName"]) != `{"Ref":"`+bucketID+`"}` || !strings.Contains(testkit.JSON(cp["S3KmsKeyArn"]), keyID) ||
		testkit.JSON(cp["SnsTopicARN"]) != `{"Ref":"`+topicID+`"}` || testkit.JSON(cp["ConfigSnapshotDeliveryProperties"]) != `{"DeliveryFrequency":"One_Hour"}` {
		t.Errorf("channel = %s", testkit.JSON(cp))
	}
	if _, ok := cp["S3KeyPrefix"]; ok {
		t.Errorf("S3KeyPrefix set with an empty prefix: %v", cp["S3KeyPrefix"])
	}
	_, bp := st.ByPath(t, "AWS::S3::BucketPolicy", configrulesOptionsStack+"/Audit/Bucket/Policy/Resource")
	policy := testkit.JSON(testkit.Props(bp)["PolicyDocument"])
	if !strings.Contains(policy, `/AWSLogs/`) || strings.Contains(policy, `/config/AWSLogs/`) {
		t.Errorf("delivery path: %s", policy)
	}
	_, tpr := st.ByPath(t, "AWS::SNS::TopicPolicy", configrulesOptionsStack+"/ConfigStream/Policy/Resource")
	tp := testkit.JSON(tpr)
	if !strings.Contains(tp, `"Sid":"AWSConfigSNSPolicy"`) || !strings.Contains(tp, `"aws:SourceAccount"`) {
		t.Errorf("topic policy = %s", tp)
	}
	st.Count(t, "AWS::Config::ConfigRule", 2)
	st.Count(t, "AWS::S3::Bucket", 2) // the given bucket and its access-log bucket
}

func TestConfigrulesExistingRecorder(t *testing.T) {
	st := configrulesConfigs().Stack(t, configrulesExistingStack)
	for _, typ := range []string{"AWS::Config::ConfigurationRecorder", "AWS::Config::DeliveryChannel", "AWS::S3::Bucket", "AWS::Config::ConfigRule", "AWS::IAM::ServiceLinkedRole"} {
		st.Count(t, typ, 0)
	}
	b := configrulesBuilt.existing
	if b.Recorder != nil || b.Bucket != nil || b.AlarmTopicKey != nil {
		t.Errorf("existing recorder: %+v", b)
	}

	// The conformance pack holds the rules' template.
	pack := testkit.Props(st.Only(t, "AWS::Config::ConformancePack"))
	var tpl struct {
		Resources map[string]struct {
			Type       string
			Properties map[string]any
		}
	}
	if err := json.Unmarshal([]byte(pack["TemplateBody"].(string)), &tpl); err != nil {
		t.Fatal(err)
	}
	if len(tpl.Resources) != len(configrules.DataStoreRules) {
		t.Errorf("pack has %d rules", len(tpl.Resources))
	}
	r := tpl.Resources["RdsStorageEncrypted"]
	if r.Type != "AWS::Config::ConfigRule" || r.Properties["ConfigRuleName"] != "rds-storage-encrypted" ||
		testkit.JSON(r.Properties["Source"]) != `{"Owner":"AWS","SourceIdentifier":"RDS_STORAGE_ENCRYPTED"}` ||
		testkit.JSON(r.Properties["InputParameters"]) != `{"kmsKeyId":"alias/lake-rds"}` {
		t.Errorf("RdsStorageEncrypted = %+v", r)
	}
	if name, _ := pack["ConformancePackName"].(string); !strings.Contains(name, "-Config-") || len(name) > 256 {
		t.Errorf("ConformancePackName = %q", name)
	}

	// The stack set: service-managed, auto-deployed, delegated admin.
	ss := testkit.Props(st.Only(t, "AWS::CloudFormation::StackSet"))
	want := map[string]string{
		"PermissionModel":     `"SERVICE_MANAGED"`,
		"CallAs":              `"DELEGATED_ADMIN"`,
		"AutoDeployment":      `{"Enabled":true,"RetainStacksOnAccountRemoval":false}`,
		"ManagedExecution":    `{"Active":true}`,
		"StackInstancesGroup": `[{"DeploymentTargets":{"OrganizationalUnitIds":["ou-ab12-cdef3456"]},"Regions":["eu-west-1","us-east-1"]}]`,
		"TemplateBody":        testkit.JSON(pack["TemplateBody"]),
	}
	for k, v := range want {
		if got := testkit.JSON(ss[k]); got != v {
			t.Errorf("StackSet %s = %s, want %s", k, got, v)
		}
	}

	// Notifications go to the given topic, matching the pack's rule names
	// by prefix.
	ev := testkit.Props(st.Only(t, "AWS::Events::Rule"))
	if p := testkit.JSON(ev["EventPattern"]); !strings.Contains(p, `{"prefix":"s3-bucket-ssl-requests-only"}`) {
		t.Errorf("pattern = %s", p)
	}
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", configrulesExistingStack+"/Security/Resource")
	if got := testkit.JSON(ev["Targets"]); !strings.Contains(got, topicID) {
		t.Errorf("targets = %s", got)
	}
}
