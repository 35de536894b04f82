package gluescript

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkCheckBookmarks checks a script 100 times the size of the good
// test script (about 70 KB).
func BenchmarkCheckBookmarks(b *testing.B) {
	good, err := os.ReadFile("testdata/good.py")
	if err != nil {
		b.Fatal(err)
	}
	src := strings.Repeat(string(good), 100)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		CheckBookmarks(src)
	}
}
