package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/pii"
)

// MaxLineBytes is the longest line redacted: 8 MiB. A longer line (a
// minified JSON document of more than 8 MiB, a binary object) fails the
// object rather than being cut, since a cut could split an e-mail address
// or a card number and let it through.
const MaxLineBytes = 8 << 20

// DefaultMaxObjectBytes is the largest object redacted when
// MAX_OBJECT_BYTES is not set: 128 MiB. The redacted copy is held in
// memory before it is sent (S3 needs its length), so the function's memory
// must exceed it (the construct gives 1024 MB).
const DefaultMaxObjectBytes = 128 << 20

// Errors that fail an object instead of redacting it.
var (
	ErrTooLarge    = errors.New("object is larger than the redaction limit")
	ErrLineTooLong = fmt.Errorf("a line is longer than %d bytes", MaxLineBytes)
)

// Stats counts what one redaction did.
type Stats struct {
	InBytes, OutBytes int64
	Lines             int
	JSONLines         int // lines redacted as JSON (strings only)
	Redactions        pii.Counts
}

// Redact copies r to w line by line, replacing the personal data it finds
// by markers ("[REDACTED:email]"), and stops with ErrTooLarge after max
// input bytes. Line endings are kept as written.
//
// A line that is one valid JSON value (NDJSON, JSON Lines, a one-line
// document) is redacted inside its strings only: numbers, literals,
// whitespace and escapes outside redacted strings are copied as written,
// and the result is valid JSON. Any other line (CSV, logs, text, a line of
// pretty-printed JSON, text in another encoding: the detectors match ASCII
// and copy other bytes unchanged) is redacted as text. The markers hold no quote,
// comma or backslash, so they never break a CSV field or a JSON string.
func Redact(r io.Reader, w io.Writer, max int64) (Stats, error) {
	var st Stats
	br := bufio.NewReaderSize(io.LimitReader(r, max+1), 64<<10)
	out := make([]byte, 0, 64<<10)
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long, chunk...)
			if len(long) > MaxLineBytes {
				return st, ErrLineTooLong
			}
			continue
		}
		line := chunk
		if long != nil {
			line = append(long, chunk...)
			long = nil
		}
		st.InBytes += int64(len(line))
		if st.InBytes > max {
			return st, ErrTooLarge
		}
		if len(line) > MaxLineBytes {
			return st, ErrLineTooLong
		}
		if len(line) > 0 {
			out = redactLine(out[:0], line, &st)
			if _, werr := w.Write(out); werr != nil {
				return st, werr
			}
			st.OutBytes += int64(len(out))
			st.Lines++
		}
		if err == io.EOF {
			return st, nil
		}
		if err != nil {
			return st, err
		}
	}
}

// redactLine appends the redacted line (with its ending) to dst.
func redactLine(dst, line []byte, st *Stats) []byte {
	body, end := splitEnding(line)
	t := bytes.TrimSpace(body)
	if len(t) > 0 && (t[0] == '{' || t[0] == '[' || t[0] == '"') && jsonscan.Valid(t) {
		st.JSONLines++
		dst = redactJSON(dst, body, &st.Redactions)
	} else if !mayHold(body) {
		dst = append(dst, body...)
	} else {
		s := string(body)
		if red := pii.RedactText(s, &st.Redactions); red != s {
			dst = append(dst, red...)
		} else {
			dst = append(dst, body...)
		}
	}
	return append(dst, end...)
}

// splitEnding separates "\n" or "\r\n" from the end of line.
func splitEnding(line []byte) ([]byte, []byte) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		if n > 1 && line[n-2] == '\r' {
			return line[:n-2], line[n-2:]
		}
		return line[:n-1], line[n-1:]
	}
	return line, nil
}

// redactJSON copies valid JSON b, redacting inside its strings (object
// keys included: a key holding an address is personal data too).
func redactJSON(dst, b []byte, c *pii.Counts) []byte {
	for i := 0; i < len(b); {
		if b[i] != '"' {
			j := i + 1
			for j < len(b) && b[j] != '"' {
				j++
			}
			dst = append(dst, b[i:j]...)
			i = j
			continue
		}
		e := jsonscan.StringEnd(b, i)
		tok := b[i:e]
		if !mayHold(tok) {
			dst = append(dst, tok...)
			i = e
			continue
		}
		s := string(jsonscan.DecodeString(tok))
		if red := pii.RedactText(s, c); red != s {
			dst = jsonscan.AppendString(dst, red)
		} else {
			dst = append(dst, tok...)
		}
		i = e
	}
	return dst
}

// mayHold reports whether b could hold something the detectors find: an
// '@' (e-mail), at least 8 digits (every number they match has more), or
// an escape (which could hide either). Text without them is copied as is,
// without decoding: most strings of a record are ids, timestamps, names.
func mayHold(b []byte) bool {
	if bytes.IndexByte(b, '@') >= 0 || bytes.IndexByte(b, '\\') >= 0 {
		return true
	}
	n := 0
	for _, c := range b {
		if c >= '0' && c <= '9' {
			if n++; n == 8 {
				return true
			}
		}
	}
	return false
}
