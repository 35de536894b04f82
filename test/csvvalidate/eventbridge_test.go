package csvvalidate_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// lakeOutput is the weak cross-stack reference to an attribute of the lake
// stack (Fn::GetStackOutput, the project's defaultCrossStackReferences flag).
func lakeOutput(t *testing.T, doc, output string) string {
	t.Helper()
	i := strings.Index(doc, `{"Fn::GetStackOutput":{"OutputName":"`+output)
	if i < 0 {
		t.Fatalf("no reference to the lake's %s in %s", output, doc)
	}
	return `{"Fn::GetStackOutput":{"OutputName":"` + output + doc[i+len(`{"Fn::GetStackOutput":{"OutputName":"`+output):i+strings.Index(doc[i:], `"}}`)+3]
}

// The EventBridge trigger over the lake bucket of another stack: a rule in
// the validator's stack, nothing written on the bucket, no custom resource.
func TestEventBridgeTrigger(t *testing.T) {
	st := app().Stack(t, eventsStack)
	lake := app().Stack(t, lakeStack)
	v := built.events
	if v.Trigger != csvvalidate.EventBridge || v.Rule == nil || v.SecureBucket != nil || v.Bucket != built.lake.Bucket {
		t.Errorf("events: trigger %q, rule %v, bucket %v", v.Trigger, v.Rule, v.Bucket)
	}
	if built.defaults.Trigger != csvvalidate.S3Notification || built.defaults.Rule != nil || built.options.Rule != nil || built.imported.Rule != nil {
		t.Errorf("the default trigger is the S3 notification, without a rule")
	}

	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", eventsStack+"/Orders/Function/Resource")
	queueID, _ := st.ByPath(t, "AWS::SQS::Queue", eventsStack+"/Orders/FailureQueue/Resource")
	ruleID, rule := st.ByPath(t, "AWS::Events::Rule", eventsStack+"/Orders/ArrivalRule/Resource")
	rp := testkit.Props(rule)
	bucketName := lakeOutput(t, testkit.JSON(rp["EventPattern"]), "PublishOutputRefLakeBucket")
	if got, want := testkit.JSON(rp["EventPattern"]), `{"detail":{"bucket":{"name":[`+bucketName+`]},"object":{"key":[{"wildcard":"landing/orders/*.csv"}]}},`+
		`"detail-type":["Object Created"],"source":["aws.s3"]}`; got != want {
		t.Errorf("event pattern\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(bucketName, `"StackName":"`+lake.Name+`"`) {
		t.Errorf("the rule's bucket name is not the lake stack's: %s", bucketName)
	}
	if got, want := testkit.JSON(rp["Targets"]), `[{"Arn":{"Fn::GetAtt":["`+fnID+`","Arn"]},"DeadLetterConfig":{"Arn":{"Fn::GetAtt":["`+queueID+`","Arn"]}},`+
		`"Id":"Target0","RetryPolicy":{"MaximumEventAgeInSeconds":21600,"MaximumRetryAttempts":10}}]`; got != want {
		t.Errorf("targets\n got %s\nwant %s", got, want)
	}
	if rp["State"] != "ENABLED" || rp["RoleArn"] != nil {
		t.Errorf("rule = %s", testkit.JSON(rp))
	}

	// Invoked through the function's resource policy, for this rule only.
	st.Count(t, "AWS::Lambda::Permission", 1)
	_, perm := st.ByPathPrefix(t, "AWS::Lambda::Permission", eventsStack+"/Orders/ArrivalRule/AllowEventRule")
	if got := testkit.JSON(testkit.Props(perm)); got != `{"Action":"lambda:InvokeFunction","FunctionName":{"Fn::GetAtt":["`+fnID+`","Arn"]},`+
		`"Principal":"events.amazonaws.com","SourceArn":{"Fn::GetAtt":["`+ruleID+`","Arn"]}}` {
		t.Errorf("permission = %s", got)
	}

	// No notification anywhere: no custom resource, no CDK handler, and the
	// lake bucket keeps only its EventBridge configuration.
	for _, s := range []*testkit.Stack{st, lake} {
		s.Count(t, "Custom::S3BucketNotifications", 0)
		if doc := testkit.JSON(s.Template); strings.Contains(doc, "BucketNotificationsHandler") || strings.Contains(doc, "s3:PutBucketNotification") {
			t.Errorf("%s: CDK's notifications handler is there", s.ID)
		}
	}
	st.Count(t, "AWS::Lambda::Function", 1)
	lake.Count(t, "AWS::Lambda::Permission", 0)
	nc, deps := notification(t, lake, lakeStack+"/Lake/Bucket/Resource")
	if got := testkit.JSON(nc); got != `{"EventBridgeConfiguration":{"EventBridgeEnabled":true}}` || deps != nil {
		t.Errorf("lake notification = %s, DependsOn %v", got, deps)
	}

	// Lambda's own retries and on-failure queue are as with a notification.
	_, eic := st.ByPath(t, "AWS::Lambda::EventInvokeConfig", eventsStack+"/Orders/Function/EventInvokeConfig/Resource")
	if got := testkit.JSON(testkit.Props(eic)); got != `{"DestinationConfig":{"OnFailure":{"Destination":{"Fn::GetAtt":["`+queueID+`","Arn"]}}},"FunctionName":{"Ref":"`+fnID+`"},"MaximumEventAgeInSeconds":21600,"MaximumRetryAttempts":2,"Qualifier":"$LATEST"}` {
		t.Errorf("event invoke config = %s", got)
	}
	// EventBridge may put undeliverable events in the (encrypted) failure
	// queue: the queue policy for this rule, the key for this account.
	_, qp := st.ByPath(t, "AWS::SQS::QueuePolicy", eventsStack+"/Orders/FailureQueue/Policy/Resource")
	if doc := testkit.JSON(testkit.Props(qp)["PolicyDocument"]); !strings.Contains(doc,
		`{"Action":"sqs:SendMessage","Condition":{"ArnEquals":{"aws:SourceArn":{"Fn::GetAtt":["`+ruleID+`","Arn"]}}},"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"}`) {
		t.Errorf("queue policy = %s", doc)
	}
	_, key := st.ByPath(t, "AWS::KMS::Key", eventsStack+"/Orders/Key/Resource")
	if doc := testkit.JSON(testkit.Props(key)["KeyPolicy"]); !strings.Contains(doc,
		`{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"}`) {
		t.Errorf("key policy = %s", doc)
	}
	// Without the EventBridge trigger the construct's key does not let
	// EventBridge in.
	_, dkey := app().Stack(t, defaultsStack).ByPath(t, "AWS::KMS::Key", defaultsStack+"/Orders/Key/Resource")
	if strings.Contains(testkit.JSON(dkey), "events.amazonaws.com") {
		t.Errorf("defaults: the key lets EventBridge in")
	}

	env := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, want := range []string{`"INCOMING_PREFIX":"landing/orders/"`, `"VALID_PREFIX":"raw/orders/"`, `"QUARANTINE_PREFIX":"quarantine/orders/"`, `"REPORT_PREFIX":"reports/orders/"`} {
		if !strings.Contains(env, want) {
			t.Errorf("env lacks %s: %s", want, env)
		}
	}
	// The grants are the same as with a notification, on the lake's bucket
	// and key (references to the lake stack).
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", eventsStack+"/Orders/BucketAccess/Policy")
	doc := testkit.JSON(testkit.Props(pol))
	checkGrants(t, st, eventsStack+"/Orders", lakeOutput(t, doc, "PublishOutputFnGetAttLakeBucket"),
		"landing/orders/", "raw/orders/", "quarantine/orders/", "reports/orders/")
	if keyArn := lakeOutput(t, doc, "PublishOutputFnGetAttLakeKey"); !strings.Contains(doc, `"Resource":`+keyArn) {
		t.Errorf("no grant on the lake's key: %s", doc)
	}
}
