package jsonscan

import (
	"encoding/json"
	"testing"
)

func TestValueEndAndCompact(t *testing.T) {
	doc := []byte(` { "a" : [1, {"b": "x\"}y"}] , "c":true } `)
	i := SkipSpace(doc, 0)
	end := ValueEnd(doc, i)
	if string(doc[i:end]) != `{ "a" : [1, {"b": "x\"}y"}] , "c":true }` {
		t.Fatalf("value = %q", doc[i:end])
	}
	if got := string(AppendCompact(nil, doc[i:end])); got != `{"a":[1,{"b":"x\"}y"}],"c":true}` {
		t.Errorf("compact = %s", got)
	}
	if got := string(DecodeString([]byte(`"x\u0041\n"`))); got != "xA\n" {
		t.Errorf("decode = %q", got)
	}
}

func TestAppendStringIsJSON(t *testing.T) {
	for _, s := range []string{"", "plain", "quo\"te", "back\\slash", "tab\tnl\ncr\r", "\x00\x1f", "한국어 ✓"} {
		b := AppendString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil || back != s {
			t.Errorf("%q → %s → %q (%v)", s, b, back, err)
		}
	}
}
