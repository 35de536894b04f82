package stacks_test

import (
	"strings"
	"testing"

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
	st.Count(t, "AWS::SNS::Topic", 1)
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
}

// TestDataProtectionAllOptions: tag-only gate, weekly half-sampled job,
// continuous backups and a compliance-mode vault lock.
func TestDataProtectionAllOptions(t *testing.T) {
	const name = "DataProtection"
	st := configured("all-options").Stack(t, name)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/Sensitive/Gate/Function/Resource")
	if env := testkit.JSON(testkit.Props(fn)["Environment"]); !strings.Contains(env, `"MODE":"TAG"`) {
		t.Errorf("gate environment = %s", env)
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
}
