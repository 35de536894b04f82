package firehose_test

import "testing"

// TestAlarmTopicsExposed: constructs that create their alarm topic expose it
// and its key.
func TestAlarmTopicsExposed(t *testing.T) {
	lake := firehoseparquetConfigs().Stack(t, firehoseparquetStackName)
	f := firehoseparquetBuilt["Sensors"]
	lake.CheckAlarmTopic(t, firehoseparquetStackName+"/Sensors", f.AlarmTopic, f.AlarmTopicKey)
	if f.FreshnessAlarm == nil || f.DeliveryFailureAlarm == nil || f.ProcessingFailureAlarm == nil || f.ConversionFailureAlarm == nil || f.ProcessorErrorsAlarm == nil {
		t.Errorf("firehoseparquet: an alarm field is nil")
	}
	splunk := logstosplunkConfigs().Stack(t, logstosplunkStackName)
	for name, s := range logstosplunkBuilt {
		if s.AlarmTopicKey != nil {
			splunk.CheckAlarmTopic(t, logstosplunkStackName+"/"+name, s.AlarmTopic, s.AlarmTopicKey)
		}
	}
}
