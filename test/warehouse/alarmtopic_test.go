package warehouse_test

import "testing"

// TestAlarmTopicsExposed: constructs that create their alarm topic expose it
// and its key, and their alarms as named fields.
func TestAlarmTopicsExposed(t *testing.T) {
	st := cdcreplicationConfigs().Stack(t, cdcreplicationStackName)
	r := cdcreplicationBuilt["Plm"]
	st.CheckAlarmTopic(t, cdcreplicationStackName+"/Plm", r.AlarmTopic, r.AlarmTopicKey)
	if r.WarehouseCDCLatencySourceAlarm == nil || r.WarehouseCDCLatencyTargetAlarm == nil {
		t.Errorf("cdcreplication: the warehouse latency alarms are nil")
	}
}
