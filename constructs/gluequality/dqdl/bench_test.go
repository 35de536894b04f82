package dqdl

import (
	"strings"
	"testing"
)

// BenchmarkParse parses a 1,000-rule ruleset (about 40 KB), far larger than
// any real one: synthesis cost stays negligible.
func BenchmarkParse(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("Rules = [\n")
	for i := range 1000 {
		if i > 0 {
			sb.WriteString(",\n")
		}
		sb.WriteString(`    ColumnValues "status" in ["active", "inactive"] with threshold > 0.9`)
	}
	sb.WriteString("\n]")
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
