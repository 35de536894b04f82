package storage_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// field compares resource properties as JSON.
func rulefunctionField(t *testing.T, what string, r map[string]any, want map[string]string) {
	t.Helper()
	p := testkit.Props(r)
	for f, w := range want {
		if got := testkit.JSON(p[f]); got != w {
			t.Errorf("%s %s = %s, want %s", what, f, got, w)
		}
	}
}

func rulefunctionGetAtt(lid, attr string) string {
	return `{"Fn::GetAtt":["` + lid + `","` + attr + `"]}`
}
func rulefunctionRef(lid string) string { return `{"Ref":"` + lid + `"}` }

func TestRulefunctionDefaults(t *testing.T) {
	s := rulefunctionDefaults()
	st := s.Stack(t, rulefunctionStackName)
	base := rulefunctionStackName + "/Hourly/"
	ruleID, rule := st.ByPath(t, "AWS::Events::Rule", base+"Rule/Resource")
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", base+"Function/Resource")
	queueID, queue := st.ByPath(t, "AWS::SQS::Queue", base+"FailureQueue/Resource")
	roleID, role := st.ByPath(t, "AWS::IAM::Role", base+"Role/Resource")
	logsID, logs := st.ByPath(t, "AWS::Logs::LogGroup", base+"Logs/Resource")
	keyID, key := st.ByPath(t, "AWS::KMS::Key", base+"Key/Resource")

	t.Run("rule: schedule, enabled, retry policy and dead-letter queue on the target, no role", func(t *testing.T) {
		rulefunctionField(t, "rule", rule, map[string]string{
			"ScheduleExpression": `"rate(1 hour)"`,
			"State":              `"ENABLED"`,
			"Targets": `[{"Arn":` + rulefunctionGetAtt(fnID, "Arn") + `,"DeadLetterConfig":{"Arn":` + rulefunctionGetAtt(queueID, "Arn") +
				`},"Id":"Target0","RetryPolicy":{"MaximumEventAgeInSeconds":3600,"MaximumRetryAttempts":10}}]`,
		})
		st.Count(t, "AWS::IAM::Role", 1) // the execution role only: EventBridge needs none for Lambda
	})

	t.Run("invoke allowed by the function's resource policy for this rule only", func(t *testing.T) {
		_, perm := st.ByPathPrefix(t, "AWS::Lambda::Permission", base+"Rule/AllowEventRule")
		rulefunctionField(t, "permission", perm, map[string]string{
			"Action":       `"lambda:InvokeFunction"`,
			"Principal":    `"events.amazonaws.com"`,
			"SourceArn":    rulefunctionGetAtt(ruleID, "Arn"),
			"FunctionName": rulefunctionGetAtt(fnID, "Arn"),
		})
	})

	t.Run("function: provided.al2023 on arm64, JSON logs to its own log group, own role", func(t *testing.T) {
		rulefunctionField(t, "function", fn, map[string]string{
			"Runtime":       `"provided.al2023"`,
			"Architectures": `["arm64"]`,
			"Handler":       `"bootstrap"`,
			"MemorySize":    `128`,
			"Timeout":       `60`,
			"Role":          rulefunctionGetAtt(roleID, "Arn"),
			"LoggingConfig": `{"LogFormat":"JSON","LogGroup":` + rulefunctionRef(logsID) + `}`,
		})
	})

	t.Run("async failures: 2 retries within an hour, then the failure queue", func(t *testing.T) {
		cfg := st.Only(t, "AWS::Lambda::EventInvokeConfig")
		rulefunctionField(t, "invoke config", cfg, map[string]string{
			"FunctionName":             rulefunctionRef(fnID),
			"MaximumRetryAttempts":     `2`,
			"MaximumEventAgeInSeconds": `3600`,
			"DestinationConfig":        `{"OnFailure":{"Destination":` + rulefunctionGetAtt(queueID, "Arn") + `}}`,
		})
	})

	t.Run("role: no managed policy, writes its log group and the failure queue only", func(t *testing.T) {
		if _, ok := testkit.Props(role)["ManagedPolicyArns"]; ok {
			t.Errorf("execution role has managed policies: %v", testkit.Props(role)["ManagedPolicyArns"])
		}
		_, pol := st.ByPath(t, "AWS::IAM::Policy", base+"Role/DefaultPolicy/Resource")
		want := `[{"Action":["logs:CreateLogStream","logs:PutLogEvents"],"Effect":"Allow","Resource":` + rulefunctionGetAtt(logsID, "Arn") + `},` +
			`{"Action":["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:SendMessage"],"Effect":"Allow","Resource":` + rulefunctionGetAtt(queueID, "Arn") + `},` +
			`{"Action":["kms:Decrypt","kms:Encrypt","kms:GenerateDataKey*","kms:ReEncrypt*"],"Effect":"Allow","Resource":` + rulefunctionGetAtt(keyID, "Arn") + `}]`
		if got := testkit.JSON(testkit.Props(pol)["PolicyDocument"].(map[string]any)["Statement"]); got != want {
			t.Errorf("execution role statements\n got %s\nwant %s", got, want)
		}
	})

	t.Run("log group: one year, encrypted, retained", func(t *testing.T) {
		rulefunctionField(t, "log group", logs, map[string]string{"RetentionInDays": `365`, "KmsKeyId": rulefunctionGetAtt(keyID, "Arn")})
		if logs["DeletionPolicy"] != "Retain" {
			t.Errorf("log group DeletionPolicy = %v", logs["DeletionPolicy"])
		}
	})

	t.Run("failure queue: 14 days, encrypted, denyAll, retained, EventBridge may send for this rule", func(t *testing.T) {
		rulefunctionField(t, "queue", queue, map[string]string{
			"MessageRetentionPeriod": `1209600`,
			"KmsMasterKeyId":         rulefunctionGetAtt(keyID, "Arn"),
			"RedriveAllowPolicy":     `{"redrivePermission":"denyAll"}`,
		})
		if queue["DeletionPolicy"] != "Retain" {
			t.Errorf("queue DeletionPolicy = %v", queue["DeletionPolicy"])
		}
		_, qp := st.ByPath(t, "AWS::SQS::QueuePolicy", base+"FailureQueue/Policy/Resource")
		doc := testkit.JSON(testkit.Props(qp)["PolicyDocument"])
		for _, want := range []string{
			`"Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny"`,
			`{"Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":` + rulefunctionGetAtt(ruleID, "Arn") + `}},"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"}`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("queue policy lacks %s:\n%s", want, doc)
			}
		}
	})

	t.Run("key: rotating, retained, CloudWatch Logs and EventBridge of this account may use it", func(t *testing.T) {
		rulefunctionField(t, "key", key, map[string]string{"EnableKeyRotation": "true"})
		doc := testkit.JSON(testkit.Props(key)["KeyPolicy"])
		for _, want := range []string{
			`"Condition":{"ArnLike":{"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:eu-west-1:111111111111:log-group:*"}}`,
			`{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}},"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"}`,
			`"Sid":"DenyGrantsNotForAwsServices"`,
		} {
			if !strings.Contains(doc, want) {
				t.Errorf("key policy lacks %s:\n%s", want, doc)
			}
		}
	})

	t.Run("alarms: errors, failed invocations, failure queue, with dimensions and actions", func(t *testing.T) {
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", base+"AlarmTopic/Resource")
		for name, want := range map[string]map[string]string{
			"ErrorsAlarm":            {"Namespace": `"AWS/Lambda"`, "MetricName": `"Errors"`, "Dimensions": `[{"Name":"FunctionName","Value":` + rulefunctionRef(fnID) + `}]`, "Statistic": `"Sum"`},
			"FailedInvocationsAlarm": {"Namespace": `"AWS/Events"`, "MetricName": `"FailedInvocations"`, "Dimensions": `[{"Name":"RuleName","Value":` + rulefunctionRef(ruleID) + `}]`},
			"FailureQueueAlarm":      {"Namespace": `"AWS/SQS"`, "MetricName": `"ApproximateNumberOfMessagesVisible"`, "Dimensions": `[{"Name":"QueueName","Value":` + rulefunctionGetAtt(queueID, "QueueName") + `}]`},
		} {
			_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", base+name+"/Resource")
			want["Threshold"] = `1`
			want["ComparisonOperator"] = `"GreaterThanOrEqualToThreshold"`
			want["AlarmActions"] = `[` + rulefunctionRef(topicID) + `]`
			want["OKActions"] = `[` + rulefunctionRef(topicID) + `]`
			rulefunctionField(t, name, alarm, want)
		}
	})

	t.Run("New exposes every resource", func(t *testing.T) {
		rf := rulefunctionBuilt["defaults"]["Hourly"]
		if rf.Rule == nil || rf.Function == nil || rf.Role == nil || rf.LogGroup == nil || rf.FailureQueue == nil || rf.Key == nil ||
			rf.AlarmTopic == nil || rf.AlarmTopicKey == nil || rf.ErrorsAlarm == nil || rf.FailedInvocationsAlarm == nil || rf.FailureQueueAlarm == nil {
			t.Errorf("a field is nil: %+v", rf)
		}
	})

	t.Run("no warnings", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s %s: %s", m.Level, m.Path, m.Text)
		}
	})
	t.Run("control tower (failure queue and function exempted with reasons)", func(t *testing.T) { s.CheckGuard(t) })
}
