package main

import (
	"context"
	"fmt"
	"testing"
)

// The benchmarks run the vault over the in-memory fakes, so they measure
// the function's own work per request of 100 values: parsing, tokens,
// AES-256-GCM, DynamoDB attribute values, the data-key cache (warm: one
// KMS call per 1,000 values when tokenizing, none when detokenizing). The
// network round trips of a deployed function (PutItem in parallel,
// BatchGetItem, KMS on a cache miss) come on top.

func benchValues() []string {
	values := make([]string, MaxValues)
	for i := range values {
		values[i] = fmt.Sprintf("4111 1111 1111 %04d", i)
	}
	return values
}

func BenchmarkTokenize(b *testing.B) {
	for _, c := range []struct {
		name string
		key  []byte
	}{{"random", nil}, {"deterministic", make([]byte, 64)}} {
		b.Run(c.name, func(b *testing.B) {
			v, _, d := testVault(c.key)
			values := benchValues()
			b.ReportAllocs()
			for b.Loop() {
				// An empty table, so that every put writes an item (a
				// deterministic token already stored would skip it).
				clear(d.items)
				if _, err := v.Tokenize(context.Background(), values, purpose); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(values)*b.N)/b.Elapsed().Seconds(), "values/s")
		})
	}
}

func BenchmarkDetokenize(b *testing.B) {
	v, _, _ := testVault(nil)
	tokens := mustTokenize(b, v, benchValues(), purpose)
	b.ReportAllocs()
	for b.Loop() {
		if _, nf, err := v.Detokenize(context.Background(), tokens, purpose); err != nil || len(nf) > 0 {
			b.Fatal(err, nf)
		}
	}
	b.ReportMetric(float64(len(tokens)*b.N)/b.Elapsed().Seconds(), "values/s")
}

// BenchmarkHandlerTokenize adds the event parsing and the response to
// BenchmarkTokenize/random.
func BenchmarkHandlerTokenize(b *testing.B) {
	v, _, _ := testVault(nil)
	event := []byte(`{"op":"tokenize","context":{"purpose":"billing"},"values":[`)
	for i, s := range benchValues() {
		if i > 0 {
			event = append(event, ',')
		}
		event = fmt.Appendf(event, "%q", s)
	}
	event = append(event, "]}"...)
	h := handler(v, OpTokenize, discardLogger)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h(context.Background(), event); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(MaxValues*b.N)/b.Elapsed().Seconds(), "values/s")
}

func BenchmarkParse(b *testing.B) {
	event := []byte(`{"op":"detokenize","context":{"purpose":"billing"},"tokens":[`)
	for i := range MaxValues {
		if i > 0 {
			event = append(event, ',')
		}
		event = fmt.Appendf(event, `"tok_%024d"`, i)
	}
	event = append(event, "]}"...)
	b.SetBytes(int64(len(event)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(event); err != nil {
			b.Fatal(err)
		}
	}
}
