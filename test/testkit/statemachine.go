package testkit

import (
	"encoding/json"
	"testing"
)

// Definition is a state machine resource's Amazon States Language, with
// every token of its DefinitionString (Ref, Fn::GetAtt, Fn::GetStackOutput
// ...) replaced by "<token>"; tokens is those tokens' JSON, concatenated,
// to check what the definition refers to.
func Definition(t testing.TB, sm map[string]any) (asl map[string]any, tokens string) {
	t.Helper()
	var text string
	switch d := Props(sm)["DefinitionString"].(type) {
	case string:
		text = d
	case map[string]any:
		for _, p := range d["Fn::Join"].([]any)[1].([]any) {
			if s, ok := p.(string); ok {
				text += s
			} else {
				text += "<token>"
				tokens += JSON(p)
			}
		}
	}
	if err := json.Unmarshal([]byte(text), &asl); err != nil {
		t.Fatalf("definition is not JSON: %v\n%s", err, text)
	}
	return asl, tokens
}

// State is the state called name in asl: at the top level, or inside a
// Parallel's branches or a Map's ItemProcessor (or older Iterator).
func State(t testing.TB, asl map[string]any, name string) map[string]any {
	t.Helper()
	if s := findState(asl, name); s != nil {
		return s
	}
	t.Fatalf("no state %q in %s", name, JSON(asl))
	return nil
}

func findState(graph map[string]any, name string) map[string]any {
	states, _ := graph["States"].(map[string]any)
	if s, ok := states[name].(map[string]any); ok {
		return s
	}
	for _, s := range states {
		st, _ := s.(map[string]any)
		var inner []any
		if bs, ok := st["Branches"].([]any); ok {
			inner = append(inner, bs...)
		}
		for _, k := range []string{"ItemProcessor", "Iterator"} {
			if m, ok := st[k]; ok {
				inner = append(inner, m)
			}
		}
		for _, g := range inner {
			if m, ok := g.(map[string]any); ok {
				if f := findState(m, name); f != nil {
					return f
				}
			}
		}
	}
	return nil
}
