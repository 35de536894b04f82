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
// 1 MB csvtojson case (the harness's event and environment) read by
// firehoseproc.ParseEvent, transformed, and the response written by
// firehoseproc into a buffer reused from one invocation to the next, the
// batch line logged as JSON (to io.Discard). Besides ns/op and MB/s (of
// event bytes) it reports allocs/MB and B/MB, the heap allocations per
// 1,000,000 bytes of event.
func BenchmarkInvoke(b *testing.B) {
	c, err := gen.Build("csvtojson", 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	cfg, err := ConfigFromEnv(lambdalooptest.Env(c.Env))
	if err != nil {
		b.Fatal(err)
	}
	h := handler(NewConverter(cfg), log)
	lambdalooptest.Bench(b, h, c.Event, lambdalooptest.FirehoseAllOK(b, c.Records))
}
