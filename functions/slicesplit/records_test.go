package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

// memParts collects the parts SplitRecords writes.
type memParts struct {
	parts  []*bytes.Buffer
	closed []bool
	total  int
}

type memPart struct {
	m *memParts
	i int
}

func (p memPart) Write(b []byte) (int, error) { return p.m.parts[p.i].Write(b) }
func (p memPart) Close() error                { p.m.closed[p.i] = true; return nil }

func (m *memParts) open(i, n int) (io.WriteCloser, error) {
	if i != len(m.parts) {
		return nil, fmt.Errorf("part %d opened out of order (%d open)", i, len(m.parts))
	}
	m.total = n
	m.parts = append(m.parts, &bytes.Buffer{})
	m.closed = append(m.closed, false)
	return memPart{m, i}, nil
}

// split runs SplitRecords over plain text, counting consumed bytes exactly.
func split(t *testing.T, text string, n int, csv bool) (*memParts, SplitStats) {
	t.Helper()
	m := &memParts{}
	st, err := SplitRecords(strings.NewReader(text), func(w int64) int64 { return w }, int64(len(text)), n, csv, m.open)
	if err != nil {
		t.Fatal(err)
	}
	return m, st
}

func TestSplitRecordsJSONLines(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, `{"id":%d,"note":"line %d"}`+"\n", i, i)
	}
	text := b.String()
	m, st := split(t, text, 8, false)
	if len(m.parts) != 8 || st.Parts != 8 || st.Records != 1000 || st.Bytes != int64(len(text)) {
		t.Fatalf("parts %d, stats %+v", len(m.parts), st)
	}
	var joined strings.Builder
	for i, p := range m.parts {
		if !m.closed[i] {
			t.Errorf("part %d not closed", i)
		}
		s := p.String()
		if !strings.HasSuffix(s, "\n") || strings.Contains(s, "\n\n") {
			t.Errorf("part %d does not end on a record", i)
		}
		// Each part ends at the first record after its share: at most one
		// record (< 40 bytes) away from it.
		if share := len(text) / 8; len(s) < share-40 || len(s) > share+40 {
			t.Errorf("part %d has %d bytes, the even share is %d", i, len(s), share)
		}
		joined.WriteString(s)
	}
	if joined.String() != text {
		t.Error("the parts do not add up to the file")
	}
}

func TestSplitRecordsCSVQuotedNewlines(t *testing.T) {
	// Every record holds a quoted newline and an escaped quote; a line
	// splitter would cut records in half.
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "%d,\"multi\nline \"\"%d\"\"\",x\n", i, i)
	}
	text := b.String()
	m, st := split(t, text, 4, true)
	if st.Records != 400 {
		t.Errorf("records = %d, want 400", st.Records)
	}
	for i, p := range m.parts {
		lines := strings.Split(strings.TrimSuffix(p.String(), "\n"), "\n")
		if len(lines)%2 != 0 || !strings.HasPrefix(lines[0], fmt.Sprint(strings.Split(lines[0], ",")[0])+",\"multi") {
			t.Errorf("part %d starts or ends inside a record: %q ... %q", i, lines[0], lines[len(lines)-1])
		}
	}
	// The same file split as JSON lines would cut inside the quotes.
	_, plain := split(t, text, 4, false)
	if plain.Records != 800 {
		t.Errorf("as lines: %d records, want 800 (the test data must have quoted newlines)", plain.Records)
	}
}

func TestSplitRecordsEveryPartWritten(t *testing.T) {
	m, st := split(t, "a\nb\n", 6, false)
	if len(m.parts) != 6 || m.total != 6 || st.Records != 2 {
		t.Fatalf("%d parts of %d, stats %+v", len(m.parts), m.total, st)
	}
	empty := 0
	for i, p := range m.parts {
		if !m.closed[i] {
			t.Errorf("part %d not closed", i)
		}
		if p.Len() == 0 {
			empty++
		}
	}
	if empty != 4 {
		t.Errorf("%d empty parts, want 4 (the loader needs the whole set)", empty)
	}
}

func TestSplitRecordsLastRecordWithoutNewline(t *testing.T) {
	m, st := split(t, "1,a\n2,b\n3,c", 2, true)
	got := ""
	for _, p := range m.parts {
		got += p.String()
	}
	if got != "1,a\n2,b\n3,c" || st.Records != 3 {
		t.Errorf("parts = %q, records %d", got, st.Records)
	}
}

func TestSplitRecordsUnterminatedQuote(t *testing.T) {
	m := &memParts{}
	_, err := SplitRecords(strings.NewReader("1,\"open\n2,b\n"), func(w int64) int64 { return w }, 12, 2, true, m.open)
	if err == nil || !strings.Contains(err.Error(), "inside a quoted CSV field") {
		t.Errorf("err = %v", err)
	}
	for i, c := range m.closed {
		if !c {
			t.Errorf("part %d left open after the error", i)
		}
	}
}

func TestSplitRecordsLongRecords(t *testing.T) {
	// Records longer than the read buffer (256 KiB) come in several
	// chunks and stay whole.
	long := strings.Repeat("x", 600<<10)
	text := "1," + long + "\n2," + long + "\n3," + long + "\n"
	m, st := split(t, text, 3, true)
	if st.Records != 3 {
		t.Fatalf("records = %d", st.Records)
	}
	for i, p := range m.parts {
		if p.String() != fmt.Sprint(i+1)+","+long+"\n" {
			t.Errorf("part %d is not record %d (%d bytes)", i, i+1, p.Len())
		}
	}
}

func TestPartCount(t *testing.T) {
	const gib = int64(1) << 30
	for _, c := range []struct {
		size    int64
		slices  int
		maxPart int64
		want    int
	}{
		{1, 4, gib, 4},
		{4 * gib, 4, gib, 4},
		{4*gib + 1, 4, gib, 8},
		{100 * gib, 16, gib, 112},
		{1 << 50, 7, 1 << 20, 9996}, // capped at MaxParts, still a multiple of 7
	} {
		if got := PartCount(c.size, c.slices, c.maxPart); got != c.want || got%c.slices != 0 {
			t.Errorf("PartCount(%d, %d, %d) = %d, want %d", c.size, c.slices, c.maxPart, got, c.want)
		}
	}
}
