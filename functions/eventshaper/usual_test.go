package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestUsualPath: records whose keys are written without escapes, each
// once at its level, take shapeUsual, those with something for extra too; a
// record with a repeated key, an escaped key, an unreadable occurred_at or
// a failure takes shapeAny. (FuzzShape checks that both write the same
// document.)
func TestUsualPath(t *testing.T) {
	for _, c := range []struct {
		record string
		usual  bool
	}{
		{`{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T19:00:05.250+09:00","artist":{"id":"a-1","name":"NewJeans"},"track":{"id":"t-1","title":"Ditto","duration_ms":185000},"user":{"id":"u-1","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`, true},
		{`{"event_type":"play","event_id":"e-1"}`, true},
		{` { "event_id" : "e" , "event_type":"p","occurred_at":null,"artist":{},"track":{"id":"","title":null},"user":null } `, true},
		{`{"event_id":"e-1","event_type":"play","app_version":"8.4.1"}`, true},
		{`{"event_id":"e-1","event_type":"play","artist":{"id":"a-1","genre":"electronic"}}`, true},
		{`{"event_id":"e-1","event_type":"play","track":{"duration_ms":"185000"}}`, true},
		{`{"event_id":"e-1","event_type":"play","user":"u-1"}`, true},
		{`{"x":[1, {"y" : null}],"event_id":"e-1","artist":{"genre":"e","id":"a"},"event_type":"play","context":{"shuffle":true},"z":{}}`, true},
		{`{"event_id":"e-1","event_type":"play","x":1,"x":2}`, false},
		{`{"event_id":"e-1","event_type":"play","artist":{"genre":"e","genre":"f"}}`, false},
		{`{"event_id":"e-1","event_type":"play","x":1,"artist":{"x":2}}`, true},
		{`{"event_id":"e-1","event_type":"play","\u0078":1}`, false},
		{`{"event_id":"e-1","event_type":"play","x":tru}`, false},
		{`{"event_id":"e-1","event_type":"play","occurred_at":"yesterday"}`, false},
		{`{"event_id":"e-1","event_type":"play","event_type":"skip"}`, false},
		{`{"event_id":"e-1","event\u005ftype":"play"}`, false},
		{`{"event_id":"e-1"}`, false},
		{`{"event_id":"e-1","event_type":"play"`, false},
	} {
		if _, ok := shapeUsual(nil, bytes.TrimSpace([]byte(c.record)), 1795600800400, 1795600800000, nil, nil); ok != c.usual {
			t.Errorf("shapeUsual(%s): %v, want %v", c.record, ok, c.usual)
		}
	}
}

// TestCanonicalPath: records laid out as doc.go's example take
// shapeCanonical; a record that departs from that layout anywhere takes
// shapeUsual or shapeAny. (FuzzShape checks that all three write the same
// document.)
func TestCanonicalPath(t *testing.T) {
	const canonical = `{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T19:00:05.250+09:00","artist":{"id":"a-1","name":"NewJeans"},"track":{"id":"t-1","title":"Ditto","duration_ms":185000},"user":{"id":"u-1","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`
	for _, c := range []struct {
		record string
		want   bool
	}{
		{canonical, true},
		{strings.Replace(canonical, `"NewJeans"`, `"뉴진스 (NewJeans) — a name longer than two words"`, 1), true},
		{strings.Replace(canonical, `185000`, `0`, 1), true},
		{strings.Replace(canonical, `1000}`, `9223372036854775807}`, 1), true},
		{strings.Replace(canonical, `1000}`, `9223372036854775808}`, 1), false},
		{strings.Replace(canonical, `185000`, `0185000`, 1), false},
		{strings.Replace(canonical, `185000`, `185000.0`, 1), false},
		{strings.Replace(canonical, `185000`, `-1`, 1), false},
		{strings.Replace(canonical, `185000`, `"185000"`, 1), false},
		{strings.Replace(canonical, `"KR"`, `""`, 1), false},
		{strings.Replace(canonical, `"KR"`, `null`, 1), false},
		{strings.Replace(canonical, `"KR"`, `"K\u0052"`, 1), false},
		{strings.Replace(canonical, `"KR"`, "\"K\tR\"", 1), false},
		{strings.Replace(canonical, `,"device":"ios"`, ``, 1), false},
		{strings.Replace(canonical, `"id":"u-1",`, `"id" : "u-1",`, 1), false},
		{strings.Replace(canonical, `"title":"Ditto"`, `"title":"Ditto","genre":"pop"`, 1), false},
		{strings.Replace(canonical, `2026-11-25T19:00:05.250+09:00`, `yesterday`, 1), false},
		{strings.Replace(canonical, `"context"`, `"contexts"`, 1), false},
		{canonical[:len(canonical)-1], false},
		{canonical + ` `, false},
	} {
		if _, ok := shapeCanonical(nil, []byte(c.record), 1795600800400, nil); ok != c.want {
			t.Errorf("shapeCanonical(%s): %v, want %v", c.record, ok, c.want)
		}
	}
}
