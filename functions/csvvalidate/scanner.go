package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Scanner reads CSV records (RFC 4180) from a stream without allocating per
// record: the fields of the current record are copied, unquoted, into one
// reused buffer, and Field returns slices of it that stay valid until the
// next call of Next.
//
// Fields are separated by Comma; records end with \n or \r\n (a lone \r
// inside an unquoted field is data); a field in double quotes may hold the
// delimiter, line breaks and quotes written "". A UTF-8 byte order mark at
// the start of the stream is skipped. Blank lines (no byte before the line
// break) are skipped. Malformed quoting does not stop the scan: the record
// is returned with Malformed set (a quote inside an unquoted field is kept
// as data; a character after a closing quote is kept; an unterminated
// quoted field runs to the end of the stream).
type Scanner struct {
	Comma byte
	// MaxRecord is the largest record, in bytes, the scanner holds
	// (ErrRecordTooLong beyond it): an unterminated quote must not pull a
	// whole file into memory. 0 means 1 MiB.
	MaxRecord int

	r       io.Reader
	buf     []byte
	pos, n  int
	eof     bool
	err     error
	started bool // BOM checked

	rec       []byte // the current record's fields: own, or a line of buf
	own       []byte // the buffer records are copied into when they are not one plain line of buf
	ends      []int
	starts    []int
	escaped   []int // fields of the fast path with "" escapes
	line      int   // physical line where the current record starts (1-based)
	next      int   // physical line of the next byte
	malformed string
	quotes    bool      // the current record has a quoted field
	bytes     int64     // bytes consumed
	plain     [256]bool // bytes that do not end a run of field data
	stop      [256]bool // plain, but for the fast path (\r is data there until \n)
}

// fast parses a record that lies wholly in the buffer, in place. It
// returns false, having consumed nothing, when the record needs the
// copying path: it runs past the buffer, or has "" escapes or broken
// quoting, or is longer than max.
func (s *Scanner) fast(max int) bool {
	b := s.buf[s.pos:s.n]
	if len(b) > max {
		b = b[:max]
	}
	comma, plain := s.Comma, &s.stop
	// Most records are one line without quotes: split it at the commas.
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return false
	}
	q := bytes.IndexByte(b[:nl], '"')
	if q < 0 {
		end := nl
		if end > 0 && b[end-1] == '\r' {
			end--
		}
		start := 0
		for k := 0; k < end; k++ {
			if b[k] == comma {
				s.starts = append(s.starts, start)
				s.ends = append(s.ends, k)
				start = k + 1
			}
		}
		s.starts = append(s.starts, start)
		s.ends = append(s.ends, end)
		s.rec = b
		s.pos += nl + 1
		s.next++
		return true
	}
	// A line with quotes: the fields before the first quote are split at
	// the commas; that quote must open a field.
	start := 0
	for k := 0; k < q; k++ {
		if b[k] == comma {
			s.starts = append(s.starts, start)
			s.ends = append(s.ends, k)
			start = k + 1
		}
	}
	if start != q {
		return false
	}
	lines, i := 0, q
	for {
		if i < len(b) && b[i] == '"' {
			start := i + 1
			end, esc := start, false
			for {
				j := bytes.IndexByte(b[end:], '"')
				if j < 0 {
					return false
				}
				end += j
				if end+1 < len(b) && b[end+1] == '"' {
					esc = true // "" stands for one quote
					end += 2
					continue
				}
				break
			}
			i = end + 1
			if i >= len(b) {
				return false
			}
			s.quotes = true
			lines += bytes.Count(b[start:end], []byte{'\n'})
			if esc {
				s.escaped = append(s.escaped, len(s.ends))
			}
			s.starts = append(s.starts, start)
			s.ends = append(s.ends, end)
			switch b[i] {
			case comma:
				i++
				continue
			case '\n':
				i++
			case '\r':
				if i+1 >= len(b) || b[i+1] != '\n' {
					return false
				}
				i += 2
			default:
				return false
			}
			break
		}
		k := i
		for k < len(b) && plain[b[k]] {
			k++
		}
		if k == len(b) || b[k] == '"' {
			return false
		}
		s.starts = append(s.starts, i)
		if b[k] == comma {
			s.ends = append(s.ends, k)
			i = k + 1
			continue
		}
		end := k
		if end > i && b[end-1] == '\r' {
			end--
		}
		s.ends = append(s.ends, end)
		i = k + 1
		break
	}
	// The record is whole and well formed: undo the "" escapes in place
	// (the buffer's bytes before s.pos are never read again).
	for _, f := range s.escaped {
		w := s.starts[f]
		for r := w; r < s.ends[f]; r++ {
			b[w] = b[r]
			w++
			if b[r] == '"' {
				r++
			}
		}
		s.ends[f] = w
	}
	s.escaped = s.escaped[:0]
	s.rec = b
	s.pos += i
	s.next += 1 + lines
	return true
}

// ErrRecordTooLong stops a scan whose record exceeds MaxRecord.
var ErrRecordTooLong = errors.New("record too long")

// NewScanner reads from r with a 256 KiB buffer.
func NewScanner(r io.Reader, comma byte) *Scanner {
	return &Scanner{Comma: comma, r: r, buf: make([]byte, 256<<10), next: 1, ends: make([]int, 0, 64), starts: make([]int, 0, 64), own: make([]byte, 0, 4096)}
}

// Line is the physical line (1-based) where the current record starts.
func (s *Scanner) Line() int { return s.line }

// NumFields is the number of fields of the current record.
func (s *Scanner) NumFields() int { return len(s.ends) }

// Field is field i of the current record, valid until the next call of Next.
func (s *Scanner) Field(i int) []byte {
	return s.rec[s.starts[i]:s.ends[i]]
}

// Raw is the current record's field bytes with what lies between them
// (delimiters, quotes: ASCII), to check UTF-8 once per record.
func (s *Scanner) Raw() []byte { return s.rec[s.starts[0]:s.ends[len(s.ends)-1]] }

// Malformed is why the current record's quoting is broken, or "".
func (s *Scanner) Malformed() string { return s.malformed }

// Err is the read error that ended the scan (nil at a clean end).
func (s *Scanner) Err() error { return s.err }

// Bytes is the number of bytes read from the stream so far.
func (s *Scanner) Bytes() int64 { return s.bytes }

// fill reads more data when the buffer is used up; false at the end.
func (s *Scanner) fill() bool {
	if s.pos < s.n {
		return true
	}
	for !s.eof {
		n, err := s.r.Read(s.buf)
		s.pos, s.n = 0, n
		s.bytes += int64(n)
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.eof, s.err = true, err
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// skipBOM drops a UTF-8 byte order mark at the start of the stream.
func (s *Scanner) skipBOM() {
	s.started = true
	if !s.fill() {
		return
	}
	// The mark may straddle reads: gather up to three bytes.
	for s.n-s.pos < 3 && !s.eof {
		if s.pos > 0 || s.n == len(s.buf) {
			break
		}
		n, err := s.r.Read(s.buf[s.n:])
		s.n += n
		s.bytes += int64(n)
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.eof, s.err = true, err
		}
	}
	if bytes.HasPrefix(s.buf[s.pos:s.n], []byte{0xEF, 0xBB, 0xBF}) {
		s.pos += 3
	}
}

// Next reads the next record; false at the end of the stream or on error.
func (s *Scanner) Next() bool {
	if !s.started {
		s.skipBOM()
		for c := range s.plain {
			s.plain[c] = true
		}
		for _, c := range []byte{s.Comma, '\n', '\r', '"'} {
			s.plain[c] = false
		}
		s.stop = s.plain
		s.stop['\r'] = true
	}
	max := s.MaxRecord
	if max <= 0 {
		max = 1 << 20
	}
	for {
		s.ends = s.ends[:0]
		s.starts = s.starts[:0]
		s.escaped = s.escaped[:0]
		s.malformed = ""
		s.quotes = false
		s.line = s.next
		if !s.fill() {
			return false
		}
		// Fast path: a record wholly in the buffer, without "" escapes or
		// broken quoting, is split in place; Field then returns slices of
		// the read buffer. Anything else takes the copying path.
		if s.fast(max) {
			if len(s.ends) == 1 && s.ends[0] == s.starts[0] && !s.quotes {
				continue // blank line
			}
			return true
		}
		s.ends = s.ends[:0]
		s.starts = s.starts[:0]
		s.rec = s.own[:0]
		s.quotes = false
		ok := s.readRecord(max)
		s.own = s.rec[:0]
		if !ok {
			return false
		}
		prev := 0
		for _, e := range s.ends {
			s.starts = append(s.starts, prev)
			prev = e
		}
		// A blank line (\n or \r\n with nothing before) is skipped.
		if len(s.ends) == 1 && len(s.rec) == 0 && !s.quotes && s.malformed == "" {
			continue
		}
		return true
	}
}

// readRecord reads fields until the end of the record. It returns false
// only when the scan must stop (record too long).
func (s *Scanner) readRecord(max int) bool {
	comma := s.Comma
	for {
		// Start of a field.
		if !s.fill() {
			s.ends = append(s.ends, len(s.rec))
			return true
		}
		if s.buf[s.pos] == '"' {
			s.pos++
			s.quotes = true
			end, ok := s.quoted(comma, max)
			if !ok {
				return false
			}
			if end {
				return true
			}
			continue
		}
		// Unquoted field: copy runs of plain bytes.
		for {
			if !s.fill() {
				s.ends = append(s.ends, len(s.rec))
				return true
			}
			b := s.buf[s.pos:s.n]
			i := 0
			plain := &s.plain
			for i < len(b) && plain[b[i]] {
				i++
			}
			s.rec = append(s.rec, b[:i]...)
			s.pos += i
			if len(s.rec) > max {
				s.err = fmt.Errorf("%w: the record at line %d is longer than %d bytes", ErrRecordTooLong, s.line, max)
				return false
			}
			if i == len(b) {
				continue
			}
			switch c := b[i]; c {
			case comma:
				s.pos++
				s.ends = append(s.ends, len(s.rec))
				goto nextField
			case '\n':
				s.pos++
				s.next++
				s.ends = append(s.ends, len(s.rec))
				return true
			case '\r':
				s.pos++
				if !s.fill() { // \r at the end of the stream ends the record
					s.ends = append(s.ends, len(s.rec))
					return true
				}
				if s.buf[s.pos] == '\n' {
					s.pos++
					s.next++
					s.ends = append(s.ends, len(s.rec))
					return true
				}
				s.rec = append(s.rec, '\r')
			case '"':
				s.pos++
				s.rec = append(s.rec, '"')
				if s.malformed == "" {
					s.malformed = "a quote inside an unquoted field"
				}
			}
		}
	nextField:
	}
}

// quoted reads a quoted field after its opening quote. end says the record
// ended with it; ok is false when the scan must stop.
func (s *Scanner) quoted(comma byte, max int) (end, ok bool) {
	for {
		if !s.fill() {
			if s.malformed == "" {
				s.malformed = "a quoted field is not closed before the end of the file"
			}
			s.ends = append(s.ends, len(s.rec))
			return true, true
		}
		b := s.buf[s.pos:s.n]
		i := bytes.IndexByte(b, '"')
		if i < 0 {
			s.rec = append(s.rec, b...)
			s.next += bytes.Count(b, []byte{'\n'})
			s.pos = s.n
			if len(s.rec) > max {
				s.err = fmt.Errorf("%w: the record at line %d is longer than %d bytes (an unclosed quote?)", ErrRecordTooLong, s.line, max)
				return false, false
			}
			continue
		}
		s.rec = append(s.rec, b[:i]...)
		s.next += bytes.Count(b[:i], []byte{'\n'})
		s.pos += i + 1
		if len(s.rec) > max {
			s.err = fmt.Errorf("%w: the record at line %d is longer than %d bytes (an unclosed quote?)", ErrRecordTooLong, s.line, max)
			return false, false
		}
		// After a quote: "" is a quote, else the field ends.
		if !s.fill() {
			s.ends = append(s.ends, len(s.rec))
			return true, true
		}
		switch c := s.buf[s.pos]; c {
		case '"':
			s.rec = append(s.rec, '"')
			s.pos++
			continue
		case comma:
			s.pos++
			s.ends = append(s.ends, len(s.rec))
			return false, true
		case '\n':
			s.pos++
			s.next++
			s.ends = append(s.ends, len(s.rec))
			return true, true
		case '\r':
			s.pos++
			if !s.fill() {
				s.ends = append(s.ends, len(s.rec))
				return true, true
			}
			if s.buf[s.pos] == '\n' {
				s.pos++
				s.next++
				s.ends = append(s.ends, len(s.rec))
				return true, true
			}
			s.rec = append(s.rec, '\r')
			if s.malformed == "" {
				s.malformed = "a character after a closing quote"
			}
		default:
			if s.malformed == "" {
				s.malformed = "a character after a closing quote"
			}
		}
		// Malformed: the rest is read as an unquoted continuation.
		for {
			if !s.fill() {
				s.ends = append(s.ends, len(s.rec))
				return true, true
			}
			c := s.buf[s.pos]
			switch c {
			case comma:
				s.pos++
				s.ends = append(s.ends, len(s.rec))
				return false, true
			case '\n':
				s.pos++
				s.next++
				s.ends = append(s.ends, len(s.rec))
				return true, true
			case '\r':
				s.pos++
				if !s.fill() {
					s.ends = append(s.ends, len(s.rec))
					return true, true
				}
				if s.buf[s.pos] == '\n' {
					s.pos++
					s.next++
					s.ends = append(s.ends, len(s.rec))
					return true, true
				}
				s.rec = append(s.rec, '\r')
				continue
			}
			s.rec = append(s.rec, c)
			s.pos++
			if len(s.rec) > max {
				s.err = fmt.Errorf("%w: the record at line %d is longer than %d bytes", ErrRecordTooLong, s.line, max)
				return false, false
			}
		}
	}
}
