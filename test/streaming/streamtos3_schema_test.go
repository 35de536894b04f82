package streaming_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestStreamtos3SchemaRegistry (CAT-10): with SchemaArn the consumer is told
// the schema and may look schema versions up, nothing more; without it,
// neither.
func TestStreamtos3SchemaRegistry(t *testing.T) {
	st := streamtos3Options().Stack(t, streamtos3StackName)
	_, env := streamtos3ContainerEnv(t, st, streamtos3StackName+"/Tuned/TaskDefinition/Resource")
	if env["SCHEMA_ARN"] != `"`+streamtos3SchemaArn+`"` {
		t.Errorf("SCHEMA_ARN = %s", env["SCHEMA_ARN"])
	}
	_, policy := st.ByPath(t, "AWS::IAM::Policy", streamtos3StackName+"/Tuned/TaskRole/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
	if !strings.Contains(doc, `{"Action":"glue:GetSchemaVersion","Effect":"Allow","Resource":"*"}`) {
		t.Errorf("task policy lacks glue:GetSchemaVersion: %s", doc)
	}
	if n := strings.Count(doc, "glue:"); n != 1 {
		t.Errorf("task policy has %d Glue actions, want only GetSchemaVersion: %s", n, doc)
	}

	def := streamtos3Defaults().Stack(t, streamtos3StackName)
	_, envDefault := streamtos3ContainerEnv(t, def, streamtos3StackName+"/Sensors/TaskDefinition/Resource")
	if _, ok := envDefault["SCHEMA_ARN"]; ok {
		t.Errorf("SCHEMA_ARN set without SchemaArn")
	}
	_, p := def.ByPath(t, "AWS::IAM::Policy", streamtos3StackName+"/Sensors/TaskRole/DefaultPolicy/Resource")
	if strings.Contains(testkit.JSON(testkit.Props(p)["PolicyDocument"]), "glue:") {
		t.Errorf("Glue permissions without SchemaArn")
	}
}
