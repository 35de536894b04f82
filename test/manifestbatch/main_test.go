// Package manifestbatch_test checks the templates of constructs/manifestbatch
// (catalogue ORC-12): the defaults, every option and every rejected prop.
// All configurations are synthesized once in one app (testkit.Register);
// TestEveryConfiguration runs cdk-nag, Control Tower, the partition check
// and the retention check over them.
package manifestbatch_test

import (
	"encoding/json"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }

// definition is the state machine's Amazon States Language with every
// token (Ref, Fn::GetAtt, ...) replaced by "<token>".
func definition(t testing.TB, sm map[string]any) map[string]any {
	t.Helper()
	var text string
	switch d := testkit.Props(sm)["DefinitionString"].(type) {
	case string:
		text = d
	case map[string]any:
		for _, p := range d["Fn::Join"].([]any)[1].([]any) {
			if s, ok := p.(string); ok {
				text += s
			} else {
				text += "<token>"
			}
		}
	}
	var asl map[string]any
	if err := json.Unmarshal([]byte(text), &asl); err != nil {
		t.Fatalf("definition is not JSON: %v\n%s", err, text)
	}
	return asl
}

// state is the named state of asl (or of the states inside its Maps).
func state(t testing.TB, asl map[string]any, name string) map[string]any {
	t.Helper()
	if s := find(asl, name); s != nil {
		return s
	}
	t.Fatalf("no state %q in %s", name, testkit.JSON(asl))
	return nil
}

func find(graph map[string]any, name string) map[string]any {
	states, _ := graph["States"].(map[string]any)
	if s, ok := states[name].(map[string]any); ok {
		return s
	}
	for _, s := range states {
		if ip, ok := s.(map[string]any)["ItemProcessor"].(map[string]any); ok {
			if f := find(ip, name); f != nil {
				return f
			}
		}
	}
	return nil
}
