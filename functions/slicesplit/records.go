package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// countingReader counts the bytes read from r. It is an io.ByteReader, so
// gzip and flate read from it without a read-ahead buffer of their own and
// the count is the compressed bytes actually consumed.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// PartOpener opens part i of n for writing.
type PartOpener func(i, n int) (io.WriteCloser, error)

// SplitStats is what a split wrote.
type SplitStats struct {
	Parts   int   `json:"parts"`
	Records int64 `json:"records"`
	Bytes   int64 `json:"bytes"` // uncompressed bytes written
}

// SplitRecords copies the records of src into n parts opened with open,
// in order, ending part i at the first record boundary after
// consumed(written) reached (i+1)·total/n: consumed says how much of the
// source (total bytes) is behind the written bytes of src — written itself
// for a plain file, the compressed bytes the decoder read for gzip. Every part is opened and closed, also when it
// stays empty. A record ends at '\n'; with csv, not inside a double-quoted
// field.
func SplitRecords(src io.Reader, consumed func(written int64) int64, total int64, n int, csv bool, open PartOpener) (SplitStats, error) {
	st := SplitStats{Parts: n}
	br := bufio.NewReaderSize(src, 256<<10)
	part := 0
	w, err := open(0, n)
	if err != nil {
		return st, err
	}
	closeAll := func(err error) (SplitStats, error) {
		if w != nil {
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		return st, err
	}
	quoted := false   // inside a CSV quoted field
	inRecord := false // bytes of the current record were written
	for {
		chunk, rerr := br.ReadSlice('\n')
		if len(chunk) > 0 {
			if _, err := w.Write(chunk); err != nil {
				return closeAll(fmt.Errorf("part %d: %w", part, err))
			}
			st.Bytes += int64(len(chunk))
			inRecord = true
			if csv && bytes.Count(chunk, []byte{'"'})%2 == 1 {
				quoted = !quoted
			}
		}
		boundary := len(chunk) > 0 && chunk[len(chunk)-1] == '\n' && !quoted
		if boundary || (rerr == io.EOF && inRecord) {
			st.Records++
			inRecord = false
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil && !errors.Is(rerr, bufio.ErrBufferFull) {
			return closeAll(rerr)
		}
		if boundary && part < n-1 && consumed(st.Bytes)*int64(n) >= int64(part+1)*total {
			if err := w.Close(); err != nil {
				w = nil
				return closeAll(fmt.Errorf("part %d: %w", part, err))
			}
			part++
			if w, err = open(part, n); err != nil {
				w = nil
				return closeAll(err)
			}
		}
	}
	if quoted {
		return closeAll(errors.New("the file ends inside a quoted CSV field"))
	}
	// Parts the data did not reach are written empty: the loader waits for
	// a complete set.
	for part < n-1 {
		if err := w.Close(); err != nil {
			w = nil
			return closeAll(fmt.Errorf("part %d: %w", part, err))
		}
		part++
		if w, err = open(part, n); err != nil {
			w = nil
			return closeAll(err)
		}
	}
	return closeAll(nil)
}
