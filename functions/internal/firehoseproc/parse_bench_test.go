package firehoseproc

import (
	"fmt"
	"testing"
)

// BenchmarkParseEvent is ParseEvent alone, on events of 1,000 records of
// 3,000 bytes and of 10,000 records of 300 bytes (about 4 MB each after
// base64); SetBytes counts event bytes.
func BenchmarkParseEvent(b *testing.B) {
	for _, c := range []struct{ n, size int }{{1000, 3000}, {10000, 300}} {
		body := benchEvent(c.n, c.size)
		b.Run(fmt.Sprintf("%dx%dB", c.n, c.size), func(b *testing.B) {
			var ev Event
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if err := ParseEvent(body, &ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
