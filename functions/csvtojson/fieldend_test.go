package main

import "testing"

// FuzzFieldEnd: eight bytes at a time, the byte loop's answer, whatever
// the delimiter.
func FuzzFieldEnd(f *testing.F) {
	f.Add([]byte("sensor-001,2026-11-23T12:00:00Z,1.5\n"), byte(','), 0)
	f.Add([]byte("a\tb\"c\nd"), byte('\t'), 1)
	f.Add([]byte("no stop in sixteen"), byte(';'), 3)
	f.Fuzz(func(t *testing.T, data []byte, delim byte, j int) {
		if delim == '"' || delim == '\n' || delim == '\r' || j < 0 || j > len(data) {
			return // the configuration refuses such delimiters
		}
		c := NewConverter(Config{Delimiter: delim})
		want := j
		for want < len(data) && !c.stop[data[want]] {
			want++
		}
		if got := c.fieldEnd(data, j); got != want {
			t.Fatalf("fieldEnd(%q, %d) with %q = %d, want %d", data, j, delim, got, want)
		}
	})
}
