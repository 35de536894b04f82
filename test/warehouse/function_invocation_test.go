package warehouse_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// warehouseBigLoader is the loader with a splitter (warehouse_operations_test.go).
var warehouseBigLoader *manifestload.Loader

// invocationReasons maps the suppressed rule ids of a resource to their
// reasons.
func invocationReasons(r map[string]any) map[string]string {
	out := map[string]string{}
	md, _ := r["Metadata"].(map[string]any)
	nag, _ := md["cdk_nag"].(map[string]any)
	rules, _ := nag["rules_to_suppress"].([]any)
	for _, x := range rules {
		if m, ok := x.(map[string]any); ok {
			id, _ := m["id"].(string)
			out[id], _ = m["reason"].(string)
		}
	}
	return out
}

// TestFunctionInvocationAnswers: every function answers the compliance
// packs' Lambda rules (constructs/internal/gofunction Invocation). An
// asynchronously invoked function without a failure path (the splitter,
// started by EventBridge) gets a dead-letter queue encrypted with the
// construct's key; one that reserves concurrency (the loader) keeps
// LambdaConcurrency checked; a synchronously invoked one (the SQL applier
// behind the provider framework) has no queue and says who invokes it; the
// provider framework's own function is answered too.
func TestFunctionInvocationAnswers(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)

	_, splitter := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Big/Splitter/Function/Resource")
	queueID, queue := st.ByPath(t, "AWS::SQS::Queue", warehouseStackName+"/Big/Splitter/FailureQueue/Resource")
	if got := testkit.JSON(testkit.Props(splitter)["DeadLetterConfig"]); !strings.Contains(got, queueID) {
		t.Errorf("splitter dead-letter config = %s, want the queue %s", got, queueID)
	}
	if got := *warehouseBigLoader.SplitterDeadLetterQueue.Node().Path(); !strings.HasSuffix(got, "/Big/Splitter/FailureQueue") {
		t.Errorf("Loader.SplitterDeadLetterQueue is %s, want the splitter's queue", got)
	}
	if warehouseBigLoader.DeadLetterQueue == nil {
		t.Errorf("Loader.DeadLetterQueue is nil")
	}
	if testkit.Props(queue)["KmsMasterKeyId"] == nil {
		t.Errorf("splitter dead-letter queue is not encrypted with a key: %s", testkit.JSON(testkit.Props(queue)))
	}
	reasons := invocationReasons(splitter)
	if _, ok := reasons["HIPAA.Security-LambdaDLQ"]; ok {
		t.Errorf("splitter: LambdaDLQ suppressed although it has a dead-letter queue")
	}
	if r := reasons["PCI.DSS.321-LambdaInsideVPC"]; !strings.Contains(r, "only the S3 API") {
		t.Errorf("splitter LambdaInsideVPC reason = %q", r)
	}
	if r := reasons["NIST.800.53.R5-LambdaConcurrency"]; !strings.Contains(r, "asynchronous") {
		t.Errorf("splitter LambdaConcurrency reason = %q", r)
	}

	_, loader := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Big/Function/Resource")
	if testkit.Props(loader)["ReservedConcurrentExecutions"] != 1.0 || testkit.Props(loader)["DeadLetterConfig"] == nil {
		t.Errorf("loader = %s, want reserved concurrency 1 and a dead-letter queue", testkit.JSON(testkit.Props(loader)))
	}
	if _, ok := invocationReasons(loader)["HIPAA.Security-LambdaConcurrency"]; ok {
		t.Errorf("loader: LambdaConcurrency suppressed although it reserves concurrency")
	}

	_, applier := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Sales/SqlApplier/Function/Resource")
	if testkit.Props(applier)["DeadLetterConfig"] != nil {
		t.Errorf("SQL applier (synchronous) has a dead-letter queue")
	}
	if r := invocationReasons(applier)["HIPAA.Security-LambdaDLQ"]; !strings.Contains(r, "provider framework invokes it synchronously") {
		t.Errorf("SQL applier LambdaDLQ reason = %q", r)
	}
	_, framework := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Sales/SqlApplier/Provider/framework-onEvent/Resource")
	for _, rule := range []string{"HIPAA.Security-LambdaDLQ", "NIST.800.53.R5-LambdaConcurrency", "PCI.DSS.321-LambdaInsideVPC"} {
		if invocationReasons(framework)[rule] == "" {
			t.Errorf("provider framework: %s not answered", rule)
		}
	}
}
