package main

import (
	"bytes"
	"testing"
)

// TestUsualPath: records with nothing for extra take shapeUsual; a record
// with anything for extra, a repeated key, an escaped key or a failure
// takes shapeAny. (FuzzShape checks that both write the same document.)
func TestUsualPath(t *testing.T) {
	for _, c := range []struct {
		record string
		usual  bool
	}{
		{`{"event_id":"e-1","event_type":"play","occurred_at":"2026-11-25T19:00:05.250+09:00","artist":{"id":"a-1","name":"NewJeans"},"track":{"id":"t-1","title":"Ditto","duration_ms":185000},"user":{"id":"u-1","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`, true},
		{`{"event_type":"play","event_id":"e-1"}`, true},
		{` { "event_id" : "e" , "event_type":"p","occurred_at":null,"artist":{},"track":{"id":"","title":null},"user":null } `, true},
		{`{"event_id":"e-1","event_type":"play","app_version":"8.4.1"}`, false},
		{`{"event_id":"e-1","event_type":"play","artist":{"id":"a-1","genre":"electronic"}}`, false},
		{`{"event_id":"e-1","event_type":"play","track":{"duration_ms":"185000"}}`, false},
		{`{"event_id":"e-1","event_type":"play","user":"u-1"}`, false},
		{`{"event_id":"e-1","event_type":"play","occurred_at":"yesterday"}`, false},
		{`{"event_id":"e-1","event_type":"play","event_type":"skip"}`, false},
		{`{"event_id":"e-1","event\u005ftype":"play"}`, false},
		{`{"event_id":"e-1"}`, false},
		{`{"event_id":"e-1","event_type":"play"`, false},
	} {
		if _, ok := shapeUsual(nil, bytes.TrimSpace([]byte(c.record)), 1795600800400, 1795600800000, nil); ok != c.usual {
			t.Errorf("shapeUsual(%s): %v, want %v", c.record, ok, c.usual)
		}
	}
}
