package main

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// colPlan is a column with what converting its values needs, worked out
// once.
type colPlan struct {
	Column
	key        []byte // `{"name":` for the first column, `,"name":` after
	lo, hi     int64  // integer kinds
	rangeMsg   string // integer kinds
	decIntMsg  string // decimal: too many digits before the point
	decFracMsg string // decimal: too many digits after the point
	direct     directKind
}

// Converter turns the CSV of a record into JSON lines. It does not change
// after NewConverter and is safe for concurrent use.
type Converter struct {
	cols      []colPlan
	delim     byte
	header    HeaderMode
	emptyNull bool
	maxRow    int
	ts        []tsFormat
	tsMsg     string
	// isoShortcut: appendISOUTC may go first. The ISO format is one of
	// the formats, and those before it are epoch formats, which take only
	// digits: none would accept what appendISOUTC does.
	isoShortcut bool
	stop        [256]bool // bytes that end an unquoted field: the delimiter, \n, and " (an error there)
	delims      uint64    // the delimiter in every byte, for fieldEnd
	blank       [256]bool // bytes a blank line may hold: space, tab, \r, unless the delimiter
	plain       [256]bool // bytes a string value is written with as they are: jsonSafe, not in stop
}

// NewConverter prepares a converter for a checked configuration.
func NewConverter(cfg Config) *Converter {
	c := &Converter{
		delim:     cfg.Delimiter,
		header:    cfg.Header,
		emptyNull: cfg.EmptyAsNull,
		maxRow:    cfg.MaxRowBytes,
	}
	if c.maxRow <= 0 {
		c.maxRow = DefaultMaxRowBytes
	}
	for i, col := range cfg.Columns {
		p := colPlan{Column: col}
		sep := ","
		if i == 0 {
			sep = "{"
		}
		p.key = swar.Padded(sep + `"` + col.Name + `":`)
		if r, ok := intRange[col.Kind]; ok {
			p.lo, p.hi, p.rangeMsg = r.lo, r.hi, r.msg
		}
		if col.Kind == KindDecimal {
			p.decIntMsg = fmt.Sprintf("out of range for %s (at most %d digits before the point)", col.Type, col.Precision-col.Scale)
			p.decFracMsg = fmt.Sprintf("too precise for %s (at most %d digits after the point)", col.Type, col.Scale)
		}
		c.cols = append(c.cols, p)
	}
	formats := cfg.TimestampFormats
	if len(formats) == 0 {
		formats = DefaultTimestampFormats
	}
	var names []string
	epochsOnly := true
	for _, f := range formats {
		tf := newTSFormat(f)
		c.ts = append(c.ts, tf)
		names = append(names, tf.name)
		c.isoShortcut = c.isoShortcut || tf.iso && epochsOnly
		epochsOnly = epochsOnly && tf.epoch
	}
	c.tsMsg = "not a timestamp in any of the formats " + strings.Join(names, ", ") + " (from year 0001 to 9999)"
	c.stop[c.delim], c.stop['\n'], c.stop['"'] = true, true, true
	c.delims = uint64(c.delim) * swar.Ones
	c.blank[' '], c.blank['\t'], c.blank['\r'] = true, true, true
	c.blank[c.delim] = false
	for b := range utf8.RuneSelf {
		c.plain[b] = jsonSafe[b] && !c.stop[b]
	}
	for i := range c.cols {
		c.cols[i].direct = directFor(c.cols[i].Column, c.delim, c.isoShortcut)
	}
	return c
}

// RowError says why a record failed: where, and what was wrong.
type RowError struct {
	Line    int    // line of the record where the row starts, from 1
	Column  string // the column of a bad value; empty for a malformed row
	Type    string // the column's type
	Excerpt string // the value, or the start of a malformed row, at most 64 bytes
	Cut     bool   // Excerpt is the start of something longer
	Problem string
}

func (e *RowError) Error() string {
	cut := ""
	if e.Cut {
		cut = "..."
	}
	if e.Column != "" {
		return fmt.Sprintf("line %d, column %q (%s): value %q%s: %s", e.Line, e.Column, e.Type, e.Excerpt, cut, e.Problem)
	}
	return fmt.Sprintf("line %d: %s; row %q%s", e.Line, e.Problem, e.Excerpt, cut)
}

const maxExcerpt = 64

// excerptOf returns at most maxExcerpt bytes of b, cut at a character
// boundary, and whether anything was left off.
func excerptOf(b []byte) (string, bool) {
	if len(b) <= maxExcerpt {
		return string(b), false
	}
	n := maxExcerpt
	for n > maxExcerpt-utf8.UTFMax && !utf8.RuneStart(b[n]) {
		n--
	}
	return string(b[:n]), true
}

// excerpt is excerptOf with "..." marking a cut.
func excerpt(b []byte) string {
	s, cut := excerptOf(b)
	if cut {
		s += "..."
	}
	return s
}

// Problems with the shape of a row.
const (
	probUnterminated = "a quoted field is not terminated (unbalanced double quote)"
	probAfterQuote   = "text after the closing quote of a field (a quote inside a quoted field is written \"\")"
	probBareQuote    = "a double quote inside an unquoted field (quote the field and double the quote)"
)

// AppendRecord appends to dst one JSON object per CSV row of data, each
// followed by a newline, and returns the extended slice and the number of
// rows. No rows and no error means the record holds only blank lines or a
// header. On error (*RowError) the bytes after len(dst) are garbage.
func (c *Converter) AppendRecord(dst, data []byte) ([]byte, int, error) {
	pos, line, rows := 0, 1, 0
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		pos = 3 // a UTF-8 byte order mark
	}
	first := true
	for pos < len(data) {
		if next, ok := c.blankLine(data, pos); ok {
			pos = next
			line++
			continue
		}
		if first {
			first = false
			if c.header == HeaderAlways || c.header == HeaderAuto && c.mayBeHeader(data[pos]) && c.isHeader(data, pos) {
				next, lines, err := c.skipRow(data, pos, line)
				if err != nil {
					return dst, rows, err
				}
				pos = next
				line += lines
				continue
			}
		}
		var lines int
		var err error
		dst, pos, lines, err = c.appendRow(dst, data, pos, line)
		if err != nil {
			return dst, rows, err
		}
		line += lines
		rows++
	}
	return dst, rows, nil
}

// blankLine reports whether the line at pos holds only spaces, tabs and
// carriage returns, and where the next line starts.
func (c *Converter) blankLine(data []byte, pos int) (int, bool) {
	for ; pos < len(data); pos++ {
		b := data[pos]
		if b == '\n' {
			return pos + 1, true
		}
		if !c.blank[b] {
			return 0, false
		}
	}
	return pos, true
}

// field is one CSV field as scanned.
type field struct {
	val      []byte // without the enclosing quotes; "" pairs still doubled
	end      int    // offset just past the field (its closing quote included)
	next     int    // where the next field or row starts
	newlines int    // line breaks inside a quoted field
	term     int    // how the field ends: termDelim, termLine or termEOF
	escaped  bool   // val holds "" pairs
}

// How a field ends.
const (
	termDelim = iota // a delimiter: another field follows
	termLine         // a line break
	termEOF          // the end of the data
)

// scanField reads the field at pos into f and returns a problem with its
// quoting, or "".
func (c *Converter) scanField(data []byte, pos int, f *field) string {
	n := len(data)
	f.newlines, f.escaped = 0, false
	if pos < n && data[pos] == '"' {
		j := pos + 1
		for {
			k := bytes.IndexByte(data[j:], '"')
			if k < 0 {
				return probUnterminated
			}
			j += k
			if j+1 < n && data[j+1] == '"' {
				f.escaped = true
				j += 2
				continue
			}
			break
		}
		f.val = data[pos+1 : j]
		if bytes.IndexByte(f.val, '\n') >= 0 {
			f.newlines = bytes.Count(f.val, []byte{'\n'})
		}
		e := j + 1
		f.end = e
		switch {
		case e == n:
			f.next, f.term = n, termEOF
		case data[e] == c.delim:
			f.next, f.term = e+1, termDelim
		case data[e] == '\n':
			f.next, f.term = e+1, termLine
		case data[e] == '\r' && e+1 == n:
			f.next, f.term = n, termEOF
		case data[e] == '\r' && data[e+1] == '\n':
			f.next, f.term = e+2, termLine
		default:
			return probAfterQuote
		}
		return ""
	}
	j := pos
	for j < n && !c.stop[data[j]] {
		j++
	}
	f.val = data[pos:j]
	switch {
	case j == n:
		f.next, f.term = n, termEOF
	case data[j] == c.delim:
		f.end, f.next, f.term = j, j+1, termDelim
		return ""
	case data[j] == '"':
		return probBareQuote
	default: // \n
		f.next, f.term = j+1, termLine
	}
	if len(f.val) > 0 && f.val[len(f.val)-1] == '\r' {
		f.val = f.val[:len(f.val)-1]
	}
	f.end = pos + len(f.val)
	return ""
}

// rowError describes a malformed row.
func (c *Converter) rowError(data []byte, start, line int, problem string) *RowError {
	end := start
	for end < len(data) && data[end] != '\n' && end-start <= maxExcerpt {
		end++
	}
	s, cut := excerptOf(bytes.TrimRight(data[start:end], "\r"))
	return &RowError{Line: line, Excerpt: s, Cut: cut || end-start > maxExcerpt, Problem: problem}
}

func (c *Converter) tooLong(data []byte, start, line int) *RowError {
	return c.rowError(data, start, line, fmt.Sprintf("row longer than MAX_ROW_BYTES (%d)", c.maxRow))
}

// appendRow converts the row at pos. It returns where the next row starts
// and how many line breaks it took.
func (c *Converter) appendRow(dst, data []byte, pos, line int) ([]byte, int, int, error) {
	start, lines := pos, 0
	var f field
	for i := 0; ; i++ {
		// The fields read directly, then, if the row goes on, field i the
		// general way.
		var at, term int
		if dst, pos, at, term = c.appendDirect(dst, data, start, pos, i); term != termDelim {
			i, f.term = at, term
		} else {
			var nl int
			var err error
			if dst, nl, err = c.appendField(dst, data, start, pos, line, at, &f); err != nil {
				return dst, 0, 0, err
			}
			lines += nl
			i, pos = at, f.next
		}
		if f.term != termDelim {
			if i+1 < len(c.cols) {
				return dst, 0, 0, c.rowError(data, start, line, fmt.Sprintf("%s, but the schema has %s", plural(i+1, "field"), plural(len(c.cols), "column")))
			}
			if f.term == termLine {
				lines++
			}
			return append(dst, '}', '\n'), pos, lines, nil
		}
	}
}

// appendField is appendRow's general path for field i of the row that
// starts at start: it scans the field at pos into f, checks the row's
// length and width so far, and writes the column's key and value. It
// returns the line breaks inside the field.
func (c *Converter) appendField(dst, data []byte, start, pos, line, i int, f *field) ([]byte, int, error) {
	n, lines := len(data), 0
	// The common case, an unquoted field ended by a delimiter or a line
	// break, is scanned here; scanField does the rest.
	j := c.fieldEnd(data, pos)
	if j < n && data[j] == c.delim {
		f.val, f.end, f.next, f.term, f.escaped = data[pos:j], j, j+1, termDelim, false
	} else if j < n && data[j] == '\n' {
		e := j
		if e > pos && data[e-1] == '\r' {
			e--
		}
		f.val, f.end, f.next, f.term, f.escaped = data[pos:e], e, j+1, termLine, false
	} else if prob := c.scanField(data, pos, f); prob != "" {
		return dst, 0, c.rowError(data, start, line, prob)
	} else {
		lines = f.newlines
	}
	if f.end-start > c.maxRow {
		return dst, 0, c.tooLong(data, start, line)
	}
	if i == len(c.cols) {
		return dst, 0, c.ragged(data, start, line, f)
	}
	col := &c.cols[i]
	dst = append(dst, col.key...)
	var p string
	if dst, p = c.appendValue(dst, col, f); p != "" {
		// A ragged row explains a bad value; say that instead.
		if err := c.fieldCount(data, start, line, i+1, f); err != nil {
			return dst, 0, err
		}
		s, cut := excerptOf(f.val)
		return dst, 0, &RowError{Line: line, Column: col.Name, Type: col.Type, Excerpt: s, Cut: cut, Problem: p}
	}
	return dst, lines, nil
}

// ragged reports a row with more fields than columns; f is the first
// field too many.
func (c *Converter) ragged(data []byte, start, line int, f *field) *RowError {
	return c.fieldCount(data, start, line, len(c.cols)+1, f)
}

// fieldCount counts the fields of the row at start, n of them up to and
// including f, and describes the row if they are not one per column.
func (c *Converter) fieldCount(data []byte, start, line, n int, f *field) *RowError {
	atLeast := ""
	g := *f
	for g.term == termDelim {
		if prob := c.scanField(data, g.next, &g); prob != "" {
			if n < len(c.cols) {
				return c.rowError(data, start, line, prob)
			}
			atLeast = "at least "
			break
		}
		n++
	}
	if n == len(c.cols) {
		return nil
	}
	return c.rowError(data, start, line, fmt.Sprintf("%s%s, but the schema has %s", atLeast, plural(n, "field"), plural(len(c.cols), "column")))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// appendValue writes the JSON value of field f of column col.
func (c *Converter) appendValue(dst []byte, col *colPlan, f *field) ([]byte, string) {
	v := f.val
	if col.Kind == KindString {
		if len(v) == 0 && c.emptyNull {
			return append(dst, "null"...), ""
		}
		return appendJSONString(dst, v, f.escaped), ""
	}
	v = trimSpace(v)
	if len(v) == 0 {
		if c.emptyNull {
			return append(dst, "null"...), ""
		}
		return dst, probEmpty
	}
	switch col.Kind {
	case KindTinyint, KindSmallint, KindInt, KindBigint:
		return appendInt(dst, v, col.lo, col.hi, col.rangeMsg)
	case KindDouble:
		return appendFloat(dst, v, 64)
	case KindFloat:
		return appendFloat(dst, v, 32)
	case KindDecimal:
		return appendDecimal(dst, v, col)
	case KindBoolean:
		return appendBool(dst, v)
	case KindTimestamp:
		return c.appendTimestamp(dst, v)
	case KindDate:
		return appendDate(dst, v)
	}
	return dst, "unsupported type"
}

// mayBeHeader says whether a row starting with b could be the header: a
// quick test that spares most data rows the full comparison.
func (c *Converter) mayBeHeader(b byte) bool {
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return b == c.cols[0].Name[0] || b == '"' || b == ' ' || b == '\t'
}

// isHeader reports whether the row at pos lists the column names, in
// order, ignoring case and the spaces around them.
func (c *Converter) isHeader(data []byte, pos int) bool {
	var f field
	for i := 0; ; i++ {
		if c.scanField(data, pos, &f) != "" || i == len(c.cols) || f.escaped || !equalFold(trimSpace(f.val), c.cols[i].Name) {
			return false
		}
		if f.term != termDelim {
			return i+1 == len(c.cols)
		}
		pos = f.next
	}
}

// skipRow passes over the row at pos (a header), checking only its quoting
// and length.
func (c *Converter) skipRow(data []byte, pos, line int) (int, int, error) {
	start, lines := pos, 0
	var f field
	for {
		if prob := c.scanField(data, pos, &f); prob != "" {
			return 0, 0, c.rowError(data, start, line, prob)
		}
		if f.end-start > c.maxRow {
			return 0, 0, c.tooLong(data, start, line)
		}
		lines += f.newlines
		pos = f.next
		if f.term != termDelim {
			if f.term == termLine {
				lines++
			}
			return pos, lines, nil
		}
	}
}
