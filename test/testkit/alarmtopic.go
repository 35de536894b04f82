package testkit

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
)

// CheckAlarmTopic asserts the shape every alarming construct shares when it
// creates its own alarm topic: the construct at path (relative to the
// configuration, "Stack/Construct") exposes AlarmTopic and AlarmTopicKey, the
// key is the template's key at path/AlarmTopicKey, and it encrypts the topic
// at path/AlarmTopic.
func (st *Stack) CheckAlarmTopic(t testing.TB, path string, topic awssns.ITopic, key awskms.IKey) {
	t.Helper()
	if topic == nil || key == nil {
		t.Fatalf("%s: AlarmTopic = %v, AlarmTopicKey = %v: both must be exposed", path, topic, key)
	}
	if p := *topic.Node().Path(); !strings.HasSuffix(p, path+"/AlarmTopic") {
		t.Errorf("AlarmTopic is %s, want %s/AlarmTopic", p, path)
	}
	if p := *key.Node().Path(); !strings.HasSuffix(p, path+"/AlarmTopicKey") {
		t.Errorf("AlarmTopicKey is %s, want %s/AlarmTopicKey", p, path)
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"/AlarmTopicKey/Resource")
	_, tp := st.ByPath(t, "AWS::SNS::Topic", path+"/AlarmTopic/Resource")
	if got, want := JSON(Props(tp)["KmsMasterKeyId"]), `{"Fn::GetAtt":["`+keyID+`","Arn"]}`; got != want {
		t.Errorf("%s/AlarmTopic KmsMasterKeyId = %s, want %s", path, got, want)
	}
}
