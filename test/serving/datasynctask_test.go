package serving_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestDatasynctaskDefaults(t *testing.T) {
	st := datasynctaskConfigs().Stack(t, datasynctaskNfsStack)
	path := datasynctaskNfsStack + "/FileShare/"
	_, src := st.ByPath(t, "AWS::DataSync::LocationNFS", path+"Source")
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", path+"Destination/Bucket/Resource")
	bucketKeyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Destination/Key/Resource")
	roleID, role := st.ByPath(t, "AWS::IAM::Role", path+"BucketRole/Resource")
	_, policy := st.ByPath(t, "AWS::IAM::Policy", path+"BucketRole/DefaultPolicy/Resource")
	_, dst := st.ByPath(t, "AWS::DataSync::LocationS3", path+"DestinationLocation")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", path+"Logs/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	logPolicyID, logPolicy := st.ByPath(t, "AWS::Logs::ResourcePolicy", path+"LogsPolicy/ResourcePolicy")
	taskID, task := st.ByPath(t, "AWS::DataSync::Task", path+"Task")

	t.Run("NFS source through the agent", func(t *testing.T) {
		if got := testkit.JSON(testkit.Props(src)); got != `{"MountOptions":{"Version":"AUTOMATIC"},"OnPremConfig":{"AgentArns":["`+datasynctaskAgent1+`"]},"ServerHostname":"nas01.corp.example.com","Subdirectory":"/exports/finance"}` {
			t.Errorf("NFS location = %s", got)
		}
		if len(datasynctaskBuilt.nfs.AgentArns) != 1 || datasynctaskBuilt.nfs.CfnAgent != nil || datasynctaskBuilt.nfs.SecretRole != nil {
			t.Errorf("agents = %v, CfnAgent = %v, SecretRole = %v", datasynctaskBuilt.nfs.AgentArns, datasynctaskBuilt.nfs.CfnAgent, datasynctaskBuilt.nfs.SecretRole)
		}
	})

	t.Run("S3 destination: new secure bucket, raw/datasync/, role of this account's DataSync", func(t *testing.T) {
		ttltableContains(t, "S3 location", testkit.JSON(dst),
			`"S3BucketArn":{"Fn::GetAtt":["`+bucketID+`","Arn"]}`, `"S3Config":{"BucketAccessRoleArn":{"Fn::GetAtt":["`+roleID+`","Arn"]}}`,
			`"S3StorageClass":"STANDARD"`, `"Subdirectory":"/raw/datasync/"`, `"DependsOn":[`)
		ttltableContains(t, "trust", testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"]),
			`"Principal":{"Service":"datasync.amazonaws.com"}`, `"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}`,
			`"ArnLike":{"aws:SourceArn":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":datasync:`)
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		ttltableContains(t, "bucket policy", doc,
			`{"Action":["s3:GetBucketLocation","s3:ListBucket","s3:ListBucketMultipartUploads"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+bucketID+`","Arn"]}}`,
			`"s3:PutObject","s3:PutObjectTagging"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+bucketID+`","Arn"]},"/raw/datasync/*"]]}}`,
			`{"Action":["kms:Decrypt","kms:GenerateDataKey"],"Effect":"Allow","Resource":{"Fn::GetAtt":["`+bucketKeyID+`","Arn"]}}`)
		for _, bad := range []string{`"s3:*"`, "s3:List*", "s3:GetBucket*", "s3:PutBucket"} {
			if strings.Contains(doc, bad) {
				t.Errorf("policy has %s: %s", bad, doc)
			}
		}
	})

	t.Run("task: verification, bandwidth limit, changed files, deletions preserved, transfer logs, daily schedule", func(t *testing.T) {
		tp := testkit.Props(task)
		want := map[string]string{
			"Options":               `{"BytesPerSecond":52428800,"LogLevel":"TRANSFER","OverwriteMode":"ALWAYS","PreserveDeletedFiles":"PRESERVE","TaskQueueing":"ENABLED","TransferMode":"CHANGED","VerifyMode":"ONLY_FILES_TRANSFERRED"}`,
			"Schedule":              `{"ScheduleExpression":"` + datasynctask.DefaultSchedule + `","Status":"ENABLED"}`,
			"CloudWatchLogGroupArn": `{"Fn::GetAtt":["` + logsID + `","Arn"]}`,
		}
		for k, v := range want {
			if got := testkit.JSON(tp[k]); got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		for _, absent := range []string{"Name", "Includes", "Excludes", "TaskReportConfig"} {
			if _, ok := tp[absent]; ok {
				t.Errorf("%s set: %s", absent, testkit.JSON(tp[absent]))
			}
		}
		ttltableContains(t, "task DependsOn", testkit.JSON(task["DependsOn"]), logPolicyID)
	})

	t.Run("logs: CMK, one year, retained; DataSync may write them for this account's tasks", func(t *testing.T) {
		if logs["DeletionPolicy"] != "Retain" {
			t.Errorf("log group DeletionPolicy = %v", logs["DeletionPolicy"])
		}
		ttltableContains(t, "log group", testkit.JSON(testkit.Props(logs)), `"KmsKeyId":{"Fn::GetAtt":["`+keyID+`","Arn"]}`, `"RetentionInDays":365`)
		ttltableContains(t, "log resource policy", testkit.JSON(testkit.Props(logPolicy)),
			`\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]`, `\"Principal\":{\"Service\":\"datasync.amazonaws.com\"}`,
			`\"aws:SourceAccount\":\"",{"Ref":"AWS::AccountId"}`, `:datasync:`, `:task/*\"`)
	})

	t.Run("failed executions notify an encrypted topic", func(t *testing.T) {
		st.CheckAlarmTopic(t, path[:len(path)-1], datasynctaskBuilt.nfs.AlarmTopic, datasynctaskBuilt.nfs.AlarmTopicKey)
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", path+"AlarmTopic/Resource")
		_, rule := st.ByPath(t, "AWS::Events::Rule", path+"FailureRule/Resource")
		ttltableContains(t, "rule", testkit.JSON(testkit.Props(rule)),
			`"detail":{"State":["ERROR"]}`, `"detail-type":["DataSync Task Execution State Change"]`, `"source":["aws.datasync"]`,
			`"resources":[{"prefix":{"Fn::Join":["",[{"Fn::GetAtt":["`+taskID+`","TaskArn"]},"/execution/"]]}}]`,
			`"Arn":{"Ref":"`+topicID+`"}`)
		_, key := st.ByPath(t, "AWS::KMS::Key", path+"AlarmTopicKey/Resource")
		ttltableContains(t, "topic key", testkit.JSON(key), `"Principal":{"Service":"events.amazonaws.com"}`)
	})

	t.Run("a second task in the same stack (HDFS, SIMPLE)", func(t *testing.T) {
		st.Count(t, "AWS::DataSync::Task", 2)
		st.Count(t, "AWS::Logs::ResourcePolicy", 2)
		_, h := st.ByPath(t, "AWS::DataSync::LocationHDFS", datasynctaskNfsStack+"/Hadoop/Source")
		ttltableContains(t, "HDFS location", testkit.JSON(testkit.Props(h)),
			`"AuthenticationType":"SIMPLE"`, `"NameNodes":[{"Hostname":"nn1.corp.example.com","Port":8020},{"Hostname":"nn2.corp.example.com","Port":9000}]`,
			`"SimpleUser":"hdfs"`, `"Subdirectory":"/warehouse"`, `"AgentArns":["`+datasynctaskAgent1+`","`+datasynctaskAgent2+`"]`)
		_, d := st.ByPath(t, "AWS::DataSync::LocationS3", datasynctaskNfsStack+"/Hadoop/DestinationLocation")
		ttltableContains(t, "HDFS destination", testkit.JSON(d), `"Subdirectory":"/raw/hadoop/"`)
	})
}

func TestDatasynctaskSmb(t *testing.T) {
	st := datasynctaskConfigs().Stack(t, datasynctaskSmbStack)
	path := datasynctaskSmbStack + "/Share/"
	lakeID, _ := st.ByPath(t, "AWS::S3::Bucket", datasynctaskSmbStack+"/Lake/Bucket/Resource")
	topicID, _ := st.ByPath(t, "AWS::SNS::Topic", datasynctaskSmbStack+"/Alerts/Resource")
	_, secretKey := st.ByPath(t, "AWS::KMS::Key", datasynctaskSmbStack+"/SecretKey/Resource")
	secretRoleID, secretRole := st.ByPath(t, "AWS::IAM::Role", path+"SecretRole/Resource")
	bucketRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"BucketRole/Resource")
	_, src := st.ByPath(t, "AWS::DataSync::LocationSMB", path+"Source")
	st.Count(t, "AWS::SNS::Topic", 1)
	st.Count(t, "AWS::S3::Bucket", 2) // the caller's and its log bucket

	t.Run("SMB: NTLM, the password read from Secrets Manager at run time, never in the template", func(t *testing.T) {
		sp := testkit.JSON(testkit.Props(src))
		ttltableContains(t, "SMB location", sp, `"AuthenticationType":"NTLM"`, `"Domain":"CORP"`, `"MountOptions":{"Version":"SMB3"}`,
			`"ServerHostname":"10.0.0.15"`, `"Subdirectory":"/exports$/sales"`, `"User":"svc-datasync"`,
			`"CustomSecretConfig":{"SecretAccessRoleArn":{"Fn::GetAtt":["`+secretRoleID+`","Arn"]},"SecretArn":"`+datasynctaskPasswordArn+`"}`)
		if strings.Contains(sp, `"Password"`) {
			t.Errorf("password in the template: %s", sp)
		}
		ttltableContains(t, "secret role", testkit.JSON(secretRole), `"Service":"datasync.amazonaws.com"`, `"aws:SourceAccount"`)
		_, pol := st.ByPath(t, "AWS::IAM::Policy", path+"SecretRole/DefaultPolicy/Resource")
		ttltableContains(t, "secret role policy", testkit.JSON(pol),
			`{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":"`+datasynctaskPasswordArn+`"}`)
		// The secret's key lets the role decrypt through Secrets Manager.
		ttltableContains(t, "secret key policy", testkit.JSON(secretKey),
			`{"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:ViaService":`, `"Principal":{"AWS":{"Fn::GetAtt":["`+secretRoleID+`","Arn"]}}`)
	})

	t.Run("options: point in time, deletions removed, filters, rate, basic logs, report outside the data prefix", func(t *testing.T) {
		_, task := st.ByPath(t, "AWS::DataSync::Task", path+"Task")
		tp := testkit.JSON(testkit.Props(task))
		ttltableContains(t, "task", tp,
			`"BytesPerSecond":10485760`, `"LogLevel":"BASIC"`, `"PreserveDeletedFiles":"REMOVE"`, `"VerifyMode":"POINT_IN_TIME_CONSISTENT"`,
			`"Includes":[{"FilterType":"SIMPLE_PATTERN","Value":"/2026|/2027"}]`, `"Excludes":[{"FilterType":"SIMPLE_PATTERN","Value":"*.tmp|~$*"}]`,
			`"Schedule":{"ScheduleExpression":"rate(6 hours)","Status":"ENABLED"}`,
			`"TaskReportConfig":{"Destination":{"S3":{"BucketAccessRoleArn":{"Fn::GetAtt":["`+bucketRoleID+`","Arn"]},"S3BucketArn":{"Fn::GetAtt":["`+lakeID+`","Arn"]},"Subdirectory":"`+datasynctask.DefaultReportPrefix+`"}},"OutputType":"STANDARD","ReportLevel":"ERRORS_ONLY"}`)
		_, dst := st.ByPath(t, "AWS::DataSync::LocationS3", path+"DestinationLocation")
		ttltableContains(t, "S3 location", testkit.JSON(dst), `"S3StorageClass":"INTELLIGENT_TIERING"`, `"Subdirectory":"/raw/sales/"`)
		_, pol := st.ByPath(t, "AWS::IAM::Policy", path+"BucketRole/DefaultPolicy/Resource")
		ttltableContains(t, "bucket role policy", testkit.JSON(pol), `"/raw/sales/*"`, `"/`+datasynctask.DefaultReportPrefix+`*"`)
	})

	t.Run("failed executions notify the caller's topic", func(t *testing.T) {
		if datasynctaskBuilt.smb.AlarmTopicKey != nil {
			t.Errorf("AlarmTopicKey set for a given topic")
		}
		_, rule := st.ByPath(t, "AWS::Events::Rule", path+"FailureRule/Resource")
		ttltableContains(t, "rule", testkit.JSON(rule), `"Arn":{"Ref":"`+topicID+`"}`)
	})
}

func TestDatasynctaskKerberosActivatedAgentOnDemand(t *testing.T) {
	st := datasynctaskConfigs().Stack(t, datasynctaskKerberosStack)
	path := datasynctaskKerberosStack + "/Hadoop/"
	agentID, agent := st.ByPath(t, "AWS::DataSync::Agent", path+"Agent")
	if got := testkit.JSON(testkit.Props(agent)); got != `{"ActivationKey":"`+datasynctaskActivationKey+`"}` {
		t.Errorf("agent = %s", got)
	}
	secretRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"SecretRole/Resource")
	_, src := st.ByPath(t, "AWS::DataSync::LocationHDFS", path+"Source")
	ttltableContains(t, "HDFS location", testkit.JSON(testkit.Props(src)),
		`"AgentArns":[{"Fn::GetAtt":["`+agentID+`","AgentArn"]}]`, `"AuthenticationType":"KERBEROS"`,
		`"CustomSecretConfig":{"SecretAccessRoleArn":{"Fn::GetAtt":["`+secretRoleID+`","Arn"]},"SecretArn":"`+datasynctaskKeytabArn+`"}`,
		`"KerberosPrincipal":"datasync@CORP.EXAMPLE.COM"`, `"Subdirectory":"/"`)
	_, task := st.ByPath(t, "AWS::DataSync::Task", path+"Task")
	tp := testkit.Props(task)
	ttltableContains(t, "task", testkit.JSON(tp), `"BytesPerSecond":-1`)
	if _, ok := tp["Schedule"]; ok {
		t.Errorf("on-demand task has a schedule: %s", testkit.JSON(tp["Schedule"]))
	}
	st.Count(t, "AWS::Events::Rule", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
}

func TestDatasynctaskSandbox(t *testing.T) {
	st := datasynctaskSandboxConfigs().Stack(t, datasynctaskSandboxStack)
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", datasynctaskSandboxStack+"/FileShare/Logs/Resource")
	if logs["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox log group DeletionPolicy = %v", logs["DeletionPolicy"])
	}
	_, b := st.ByPath(t, "AWS::S3::Bucket", datasynctaskSandboxStack+"/FileShare/Destination/Bucket/Resource")
	if b["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox bucket DeletionPolicy = %v", b["DeletionPolicy"])
	}
}
