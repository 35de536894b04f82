package main

import (
	"io"
	"log/slog"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// BenchmarkInvoke is the whole invocation as it runs in production, minus
// the HTTP exchange with the Runtime API: the event bytes of test/bench's
// 1 MB eventshaper case (the harness's event and environment) read by
// firehoseproc.ParseEvent, transformed, and the response written by
// firehoseproc into a buffer reused from one invocation to the next, the
// batch line logged as JSON (to io.Discard). Besides ns/op and MB/s (of
// event bytes) it reports allocs/MB and B/MB, the heap allocations per
// 1,000,000 bytes of event.
func BenchmarkInvoke(b *testing.B) { benchInvoke(b, 1_000_000, lambdalooptest.FirehoseAllOK) }

// BenchmarkInvoke6MB is BenchmarkInvoke on test/bench's 6 MB case, the
// largest event Firehose sends: its documents take the response past
// Lambda's limit, so the records after it are ProcessingFailed (and not
// shaped).
func BenchmarkInvoke6MB(b *testing.B) { benchInvoke(b, 6_000_000, lambdalooptest.FirehoseOKToLimit) }

// benchInvoke runs the handler on test/bench's case of size bytes, its
// first response checked by check.
func benchInvoke(b *testing.B, size int, check func(*testing.B, int) func([]byte)) {
	c, err := gen.Build("eventshaper", size)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	h := handler(&Shaper{Log: log}, log)
	lambdalooptest.Bench(b, h, c.Event, check(b, c.Records))
}
