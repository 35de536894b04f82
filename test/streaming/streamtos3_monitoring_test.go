package streaming_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestStreamtos3Monitoring (MON-08): the GetRecords latency and lease-table
// throttling alarms read the right namespaces, their threshold follows
// MaxGetRecordsLatency, and ShardLevelMetrics turns on every shard metric
// through the stream's DesiredShardLevelMetrics.
func TestStreamtos3Monitoring(t *testing.T) {
	def := streamtos3Defaults().Stack(t, streamtos3StackName)
	sb := streamtos3Sandboxed().Stack(t, streamtos3StackName)
	p := streamtos3StackName + "/Sensors/"

	t.Run("namespaces: AWS/Kinesis for GetRecords.Latency, AWS/DynamoDB for the lease table", func(t *testing.T) {
		for name, ns := range map[string]string{"GetRecordsLatencyAlarm": "AWS/Kinesis", "LeaseReadThrottleAlarm": "AWS/DynamoDB", "LeaseWriteThrottleAlarm": "AWS/DynamoDB"} {
			_, alarm := def.ByPath(t, "AWS::CloudWatch::Alarm", p+name+"/Resource")
			if got := testkit.Props(alarm)["Namespace"]; got != ns {
				t.Errorf("%s namespace = %v, want %s", name, got, ns)
			}
		}
	})

	t.Run("MaxGetRecordsLatency 250 ms sets the alarm's threshold", func(t *testing.T) {
		_, alarm := sb.ByPath(t, "AWS::CloudWatch::Alarm", streamtos3StackName+"/Lean/GetRecordsLatencyAlarm/Resource")
		if got := testkit.Props(alarm)["Threshold"]; got != 250.0 {
			t.Errorf("threshold = %v, want 250", got)
		}
	})

	t.Run("shard-level metrics: off by default, ALL with ShardLevelMetrics", func(t *testing.T) {
		_, plain := def.ByPath(t, "AWS::Kinesis::Stream", p+"Stream/Resource")
		if m, ok := testkit.Props(plain)["DesiredShardLevelMetrics"]; ok {
			t.Errorf("default stream has shard-level metrics %s", testkit.JSON(m))
		}
		_, lean := sb.ByPath(t, "AWS::Kinesis::Stream", streamtos3StackName+"/Lean/Stream/Resource")
		if got := testkit.JSON(testkit.Props(lean)["DesiredShardLevelMetrics"]); got != `["ALL"]` {
			t.Errorf("DesiredShardLevelMetrics = %s, want [\"ALL\"]", got)
		}
	})
}
