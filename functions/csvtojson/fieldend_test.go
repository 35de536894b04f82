package main

import "testing"

// FuzzFieldEnd: fieldEnd and plainEnd, eight bytes at a time, give their
// byte loops' answers, whatever the delimiter.
func FuzzFieldEnd(f *testing.F) {
	f.Add([]byte("sensor-001,2026-11-23T12:00:00Z,1.5\n"), byte(','), 0)
	f.Add([]byte("a\tb\"c\nd"), byte('\t'), 1)
	f.Add([]byte("no stop in sixteen"), byte(';'), 3)
	f.Add([]byte("plain\\then \x7f\xc3\xa9\x01"), byte(' '), 0)
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
		want = j
		for want < len(data) && c.plain[data[want]] {
			want++
		}
		if got := c.plainEnd(data, j); got != want {
			t.Fatalf("plainEnd(%q, %d) with %q = %d, want %d", data, j, delim, got, want)
		}
	})
}
