package main

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// BenchmarkClean cleans a 4 MiB CSV (about 50,000 rows of 7 columns, four
// typed) into documents and _bulk bodies: the function's own work per
// object, without S3 or the domain.
func BenchmarkClean(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Order ID,Customer Name,Amount,Paid,Ordered At,Country,Note\n")
	rows := 0
	for sb.Len() < 4<<20 {
		fmt.Fprintf(&sb, "%d, Customer %d ,\"%d,%03d.50\",yes,2026-12-0%d 10:%02d:00,KR, free text with spaces \n", rows, rows, rows%90+1, rows%1000, rows%9+1, rows%60)
		rows++
	}
	data := sb.String()
	c := Cleaner{Schema: Schema{"order_id": Integer, "amount": Float, "paid": Boolean, "ordered_at": Timestamp},
		Extra: `"source_key":"exports/orders.csv","source_modified":"2026-12-05T08:00:00Z"`, LineField: "source_line"}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		bt := &batch{max: 5 << 20}
		_, err := c.Rows(strings.NewReader(data), func(r Row) bool {
			if r.Doc != nil {
				bt.add(DocID("exports/orders.csv", r.Line), r.Line, r.Doc)
			}
			if bt.full() {
				_, _ = io.Discard.Write(bulkBody(bt, all(bt.n)))
				bt.reset()
			}
			return true
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
