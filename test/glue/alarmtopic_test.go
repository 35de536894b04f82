package glue_test

import "testing"

// TestAlarmTopicsExposed: a job that creates its alarm topic exposes it and
// its key.
func TestAlarmTopicsExposed(t *testing.T) {
	st := gluejobConfigs().Stack(t, gluejobStackName)
	n := 0
	for name, j := range gluejobBuilt {
		if j.AlarmTopicKey != nil {
			st.CheckAlarmTopic(t, gluejobStackName+"/"+name, j.AlarmTopic, j.AlarmTopicKey)
			n++
		}
	}
	if n == 0 {
		t.Error("no job of the configuration created its alarm topic")
	}
}
