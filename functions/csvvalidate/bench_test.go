package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// benchFile is the benchmark's input: 100,000 valid rows of ordersSchema
// (about 10 MB), the same bytes the Python peer reads
// (python/bench.py; TestWriteBenchFile writes them to a file).
func benchFile(rows int) []byte {
	r := rand.New(rand.NewPCG(25, 2026))
	names := []string{"Ann", "Bob", "Chloé Martin", "Dmitri", "Eve", "Farah Al-Sayed", "Gus", "Hana"}
	notes := []string{"", "", "", "gift wrap", `"leave at door, ring twice"`, `"said ""fragile"""`, "\"two\nlines\""}
	var b bytes.Buffer
	b.WriteString(ordersHeader)
	for i := 1; i <= rows; i++ {
		name := names[r.IntN(len(names))]
		email := ""
		if r.IntN(10) != 0 {
			email = strings.ToLower(strings.Fields(name)[0]) + fmt.Sprintf("%d@example.com", r.IntN(10000))
		}
		day := 1 + r.IntN(28)
		fmt.Fprintf(&b, "%d,%s,%s,%d.%02d,%d,2026-%02d-%02d,2026-%02d-%02d %02d:%02d:%02d.%03d,%s,%s\n",
			i, name, email, r.IntN(100000), r.IntN(100), 1+r.IntN(20), 1+r.IntN(12), day,
			1+r.IntN(12), day, r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000),
			[]string{"true", "false"}[r.IntN(2)], notes[r.IntN(len(notes))])
	}
	return b.Bytes()
}

const benchRows = 100000

func BenchmarkValidate(b *testing.B) {
	data := benchFile(benchRows)
	v := NewValidator(ordersSchema())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := v.Validate(bytes.NewReader(data))
		if err != nil || res.Verdict != Valid || res.Rows != benchRows {
			b.Fatalf("%v %+v", err, res)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkScan is the scanner alone (no type checks).
func BenchmarkScan(b *testing.B) {
	data := benchFile(benchRows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := NewScanner(bytes.NewReader(data), ',')
		for s.Next() {
		}
	}
}

func TestBenchFileIsValid(t *testing.T) {
	data := benchFile(1000)
	res, err := NewValidator(ordersSchema()).Validate(bytes.NewReader(data))
	if err != nil || res.Verdict != Valid || res.Rows != 1000 {
		t.Fatalf("%v %+v", err, res)
	}
	// The row loop does not allocate (the scanner's buffers are reused).
	v := NewValidator(ordersSchema())
	big := benchFile(benchRows)
	allocs := testing.AllocsPerRun(3, func() { _, _ = v.Validate(bytes.NewReader(big)) })
	if allocs > 50 {
		t.Errorf("%v allocations for %d rows", allocs, benchRows)
	}
	if path := os.Getenv("CSVVALIDATE_BENCH_FILE"); path != "" {
		if err := os.WriteFile(path, big, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
