package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func backupplanContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

func TestBackupplanDefaults(t *testing.T) {
	st := backupplanConfigs().Stack(t, backupplanDefaultsStack)
	path := backupplanDefaultsStack + "/Backup/"
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", path+"Topic/Resource")
	_, vault := st.ByPath(t, "AWS::Backup::BackupVault", path+"Vault/Resource")
	if vault["DeletionPolicy"] != "Retain" {
		t.Errorf("vault DeletionPolicy = %v", vault["DeletionPolicy"])
	}
	vp := testkit.Props(vault)
	if got := testkit.JSON(vp["EncryptionKeyArn"]); got != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` {
		t.Errorf("EncryptionKeyArn = %s", got)
	}
	if got := testkit.JSON(vp["AccessPolicy"]); got != `{"Statement":[{"Action":["backup:DeleteRecoveryPoint","backup:UpdateRecoveryPointLifecycle","backup:DeleteBackupVault"],"Effect":"Deny","Principal":{"AWS":"*"},"Resource":"*","Sid":"DenyRecoveryPointDeletion"}],"Version":"2012-10-17"}` {
		t.Errorf("AccessPolicy = %s", got)
	}
	if _, ok := vp["LockConfiguration"]; ok {
		t.Errorf("vault locked by default")
	}
	if got := testkit.JSON(vp["Notifications"]); got != `{"BackupVaultEvents":["BACKUP_JOB_COMPLETED","COPY_JOB_FAILED","RESTORE_JOB_COMPLETED","S3_BACKUP_OBJECT_FAILED","S3_RESTORE_OBJECT_FAILED"],"SNSTopicArn":{"Ref":"`+topicID+`"}}` {
		t.Errorf("Notifications = %s", got)
	}

	// The topic: own key, which AWS Backup may use; its policy lets AWS
	// Backup publish.
	_, topic := st.ByPath(t, "AWS::SNS::Topic", path+"Topic/Resource")
	topicKeyID, topicKey := st.ByPath(t, "AWS::KMS::Key", path+"TopicKey/Resource")
	backupplanContains(t, "topic", testkit.JSON(topic), `"KmsMasterKeyId":{"Fn::GetAtt":["`+topicKeyID+`","Arn"]}`)
	backupplanContains(t, "topic key policy", testkit.JSON(topicKey), `{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"}`)
	backupplanContains(t, "topic policy", testkit.JSON(st.Resources("AWS::SNS::TopicPolicy")), `"Action":"sns:Publish","Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"}`, `"aws:SecureTransport":"false"`)

	// Daily 35 days, monthly 365 days (cold after 90), windows 1 h / 7 d.
	plan := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupPlan")))
	backupplanContains(t, "plan", plan,
		`{"CompletionWindowMinutes":10080,"Lifecycle":{"DeleteAfterDays":35},"RuleName":"Daily","ScheduleExpression":"cron(0 5 * * ? *)","StartWindowMinutes":60,`,
		`{"CompletionWindowMinutes":10080,"Lifecycle":{"DeleteAfterDays":365,"MoveToColdStorageAfterDays":90},"RuleName":"Monthly","ScheduleExpression":"cron(0 5 1 * ? *)","StartWindowMinutes":60,`)
	if strings.Contains(plan, "Continuous") || strings.Contains(plan, "CopyActions") || strings.Contains(plan, `"BackupPlanName":"Plan"`) {
		t.Errorf("plan = %s", plan)
	}

	// One tag selection DataProtectionLevel=Critical with the backup role.
	roleID, role := st.ByPath(t, "AWS::IAM::Role", path+"Role/Resource")
	sel := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupSelection")))
	backupplanContains(t, "selection", sel, `"IamRoleArn":{"Fn::GetAtt":["`+roleID+`","Arn"]}`,
		`"ListOfTags":[{"ConditionKey":"DataProtectionLevel","ConditionType":"STRINGEQUALS","ConditionValue":"Critical"}]`)
	backupplanContains(t, "role", testkit.JSON(role), `"Principal":{"Service":"backup.amazonaws.com"}`,
		`:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"`, `:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"`,
		`:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"`, `:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"`)
	st.Count(t, "AWS::IAM::Policy", 0)
}

func TestBackupplanOptions(t *testing.T) {
	st := backupplanConfigs().Stack(t, backupplanOptionsStack)
	path := backupplanOptionsStack + "/Backup/"
	st.Count(t, "AWS::SNS::Topic", 1) // the caller's
	if _, ok := st.Resources("AWS::KMS::Key")["BackupKey570ED138"]; ok || backupplanBuilt.options.TopicKey != nil {
		t.Errorf("a key was created although one was given")
	}
	keyID, key := st.ByPath(t, "AWS::KMS::Key", backupplanOptionsStack+"/VaultKey/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", backupplanOptionsStack+"/Alerts/Resource")
	_ = key
	breakID, _ := st.ByPath(t, "AWS::IAM::Role", backupplanOptionsStack+"/BreakGlass/Resource")
	_, vault := st.ByPath(t, "AWS::Backup::BackupVault", path+"Vault/Resource")
	vp := testkit.JSON(testkit.Props(vault))
	backupplanContains(t, "vault", vp,
		`"EncryptionKeyArn":{"Fn::GetAtt":["`+keyID+`","Arn"]}`,
		`"LockConfiguration":{"ChangeableForDays":3,"MaxRetentionDays":400,"MinRetentionDays":7}`,
		`"Condition":{"ArnNotEquals":{"aws:PrincipalArn":{"Fn::GetAtt":["`+breakID+`","Arn"]}}},"Effect":"Deny"`,
		`"Sid":"DenyRecoveryPointDeletionButBreakGlass"`,
		`{"Action":"backup:CopyIntoBackupVault","Effect":"Allow","Principal":{"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::777788889999:root"]]}},"Resource":"*","Sid":"AllowCopyFromSourceAccounts"}`,
		`"Notifications":{"BackupVaultEvents":["BACKUP_JOB_COMPLETED","COPY_JOB_FAILED"],"SNSTopicArn":{"Ref":"`+topicID+`"}}`)

	plan := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupPlan")))
	copyAction := `"CopyActions":[{"DestinationBackupVaultArn":"` + backupplanCopyVaultArn + `","Lifecycle":{"DeleteAfterDays":200,"MoveToColdStorageAfterDays":30}}]`
	backupplanContains(t, "plan", plan,
		`{"CompletionWindowMinutes":720,`+copyAction+`,"Lifecycle":{"DeleteAfterDays":7},"RuleName":"Hourly","ScheduleExpression":"cron(0 * * * ? *)","StartWindowMinutes":120,`,
		`"Lifecycle":{"DeleteAfterDays":400,"MoveToColdStorageAfterDays":30},"RuleName":"Weekly","ScheduleExpression":"cron(0 3 ? * SUN *)"`,
		`{"CompletionWindowMinutes":720,"EnableContinuousBackup":true,"Lifecycle":{"DeleteAfterDays":14},"RuleName":"Continuous",`)
	if got := strings.Join(backupplanBuilt.options.RuleNames, ","); got != "Hourly,Weekly,Continuous" {
		t.Errorf("RuleNames = %s", got)
	}

	// Explicit selection only: the bucket, the table, the Aurora cluster.
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", backupplanOptionsStack+"/Raw/Bucket/Resource")
	tableID, _ := st.ByPath(t, "AWS::DynamoDB::Table", backupplanOptionsStack+"/Orders/Resource")
	_, explicit := st.ByPath(t, "AWS::Backup::BackupSelection", backupplanOptionsStack+"/Backup/Explicit/Resource")
	sel := testkit.JSON(testkit.Props(explicit))
	backupplanContains(t, "selection", sel, `"SelectionName":"Explicit"`, `{"Fn::GetAtt":["`+bucketID+`","Arn"]}`, `{"Fn::GetAtt":["`+tableID+`","Arn"]}`, `"`+backupplanRdsArn+`"`)
	if strings.Contains(sel, "ListOfTags") {
		t.Errorf("tag selection although SelectByTag is false: %s", sel)
	}
	// No restores: only the backup policies (S3 selected explicitly).
	_, role := st.ByPath(t, "AWS::IAM::Role", path+"Role/Resource")
	r := testkit.JSON(role)
	backupplanContains(t, "role", r, `AWSBackupServiceRolePolicyForBackup"`, `AWSBackupServiceRolePolicyForS3Backup"`)
	if strings.Contains(r, "Restore") {
		t.Errorf("restore policies without AllowRestores: %s", r)
	}
}

func TestBackupplanCopyToAnotherAccountSharesTheKey(t *testing.T) {
	// A created key lets the copy destination's account read it (AWS
	// Backup re-encrypts copies with the destination vault's key).
	st := testkit.Synthesize("backupplan-copy", nil, func(scope constructs.Construct) {
		s := awscdk.NewStack(scope, jsii.String("Copy"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("eu-west-1")}})
		backupplan.New(s, "Backup", &backupplan.Props{CopyTo: &backupplan.Copy{VaultArn: backupplanCopyVaultArn}})
	}).Stack(t, "Copy")
	_, key := st.ByPath(t, "AWS::KMS::Key", "Copy/Backup/Key/Resource")
	backupplanContains(t, "key policy", testkit.JSON(key),
		`{"Action":["kms:Decrypt","kms:DescribeKey"],"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Resource":"*","Sid":"AllowCopyDestinationAccount"}`,
		`"Condition":{"Bool":{"kms:GrantIsForAWSResource":"true"}}`)
	plan := testkit.JSON(testkit.Props(st.Only(t, "AWS::Backup::BackupPlan")))
	// Copies keep each rule's retention by default.
	backupplanContains(t, "plan", plan, `"CopyActions":[{"DestinationBackupVaultArn":"`+backupplanCopyVaultArn+`","Lifecycle":{"DeleteAfterDays":35}}]`,
		`"CopyActions":[{"DestinationBackupVaultArn":"`+backupplanCopyVaultArn+`","Lifecycle":{"DeleteAfterDays":365}}]`)
}

func TestBackupplanSandbox(t *testing.T) {
	st := backupplanSandboxConfigs().Stack(t, backupplanSandboxStack)
	_, vault := st.ByPath(t, "AWS::Backup::BackupVault", backupplanSandboxStack+"/Backup/Vault/Resource")
	if vault["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox vault DeletionPolicy = %v", vault["DeletionPolicy"])
	}
	// CloudFormation must be able to delete the (empty) vault.
	vp := testkit.JSON(testkit.Props(vault))
	if strings.Contains(vp, "backup:DeleteBackupVault") || !strings.Contains(vp, "backup:DeleteRecoveryPoint") {
		t.Errorf("sandbox access policy = %s", vp)
	}
	backupplanContains(t, "selection", testkit.JSON(st.Resources("AWS::Backup::BackupSelection")), `{"ConditionKey":"Backup","ConditionType":"STRINGEQUALS","ConditionValue":"daily"}`)
}

// TestBackupplanAddTables: a table added after the plan gets a selection of
// its own; a table of another stack also carries the suppression of the
// packs' DynamoDBInBackupPlan (which looks for a selection in the table's
// own stack), naming the plan; a table of the plan's stack does not need it.
func TestBackupplanAddTables(t *testing.T) {
	st := backupplanConfigs().Stack(t, backupplanOptionsStack)
	_, sel := st.ByPath(t, "AWS::Backup::BackupSelection", backupplanOptionsStack+"/Backup/Later/Resource")
	backupplanContains(t, "added selection", testkit.JSON(testkit.Props(sel)), `"SelectionName":"Later"`, "Sessions")
	_, same := st.ByPath(t, "AWS::DynamoDB::Table", backupplanOptionsStack+"/Orders/Resource")
	if got := testkit.Suppressed(same); len(got) != 0 {
		t.Errorf("table of the plan's stack: suppressed %v, want none (its selection is in its stack)", got)
	}
	other := backupplanConfigs().Stack(t, backupplanTablesStack)
	_, later := other.ByPath(t, "AWS::DynamoDB::Table", backupplanTablesStack+"/Sessions/Resource")
	backupplanContains(t, "other stack's table", testkit.JSON(later["Metadata"]),
		`"id":"HIPAA.Security-DynamoDBInBackupPlan"`, `"id":"NIST.800.53.R5-DynamoDBInBackupPlan"`, backupplanOptionsStack+"/Backup selects this table")
}
