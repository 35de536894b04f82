package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fuzzColumns has one column of each kind of value.
const fuzzColumns = `[
	{"name":"id","type":"string"},
	{"name":"small","type":"tinyint"},
	{"name":"big","type":"bigint"},
	{"name":"temp","type":"double"},
	{"name":"hum","type":"float"},
	{"name":"price","type":"decimal(6,2)"},
	{"name":"ok","type":"boolean"},
	{"name":"at","type":"timestamp"},
	{"name":"day","type":"date"},
	{"name":"note","type":"varchar(40)"}
]`

var (
	decimalOut   = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,3})(\.[0-9]+)?$`)
	timestampOut = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}$`)
)

// FuzzTransform converts arbitrary bytes with a fixed schema. Whatever the
// bytes, it must not panic; an Ok record must be newline-delimited JSON
// objects with exactly the schema's keys, in order, and values of the
// columns' types; a drop must be a record of blank lines and at most a
// header; a failure must say where. When encoding/csv reads the same bytes
// as rows of the schema's width, the rows and the strings must agree with
// it. The seeds run as an ordinary test.
func FuzzTransform(f *testing.F) {
	for _, seed := range []string{
		"",
		"\n",
		" \t\r\n",
		"id,small,big,temp,hum,price,ok,at,day,note\n",
		"ID, Small ,big,temp,hum,price,ok,at,day,note\r\nx,1,2,3,4,5,t,0,2026-03-01,n\r\n",
		"dev-1,12,123456789,21.5,48.2,12.34,true,2026-03-01T12:00:00Z,2026-03-01,hello\n",
		"dev-1,-128,-9223372036854775808,-0.0,1e38,-9999.99,F,1772366400123,0001-01-01,\"a,b\"\n",
		"dev-2,127,9223372036854775807,.5,+1,0.1,yes,2026-03-01 12:00:00.5,9999-12-31,\"say \"\"hi\"\"\"\n",
		"\"multi\nline\",,,,,,,,,\nx,1,1,1,1,1,1,1,2026-03-01,y",
		"\xef\xbb\xbfdev,1,1,1,1,1,1,2026-03-01T00:00:00+05:30,2026-02-28,\xff\xfe",
		"dev,128,1,1,1,1,1,1,2026-03-01,x\n",
		"dev,1,1,NaN,1,1,1,1,2026-03-01,x\n",
		"dev,1,1,1e309,1,1,1,1,2026-03-01,x\n",
		"dev,1,1,1,1,1.234,1,1,2026-03-01,x\n",
		"dev,1,1,1,1,1,1,1,2026-03-01\n",
		"dev,1,1,1,1,1,1,1,2026-03-01,x,extra\n",
		"\"unterminated,1,1,1,1,1,1,1,2026-03-01,x\n",
		"dev\"x,1,1,1,1,1,1,1,2026-03-01,x\n",
		"\"a\"b,1,1,1,1,1,1,1,2026-03-01,x\n",
		"a,1,1,1,1,1,1,1,2026-03-01,\x00\x1f\\\"\"\n",
	} {
		f.Add([]byte(seed))
	}
	cfg, err := ConfigFromEnv(env(map[string]string{"COLUMNS": fuzzColumns}))
	if err != nil {
		f.Fatal(err)
	}
	conv := NewConverter(cfg)
	names := columnNames(conv)

	f.Fuzz(func(t *testing.T, data []byte) {
		out, rows, err := conv.AppendRecord([]byte("keep"), data)
		if string(out[:4]) != "keep" {
			t.Fatalf("dst overwritten: %q", out[:4])
		}
		var rowErr *RowError
		switch {
		case err != nil:
			if !errors.As(err, &rowErr) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if rowErr.Line < 1 || rowErr.Line > bytes.Count(data, []byte("\n"))+1 || len(rowErr.Excerpt) > maxExcerpt || rowErr.Problem == "" {
				t.Fatalf("bad error %+v", rowErr)
			}
			if rowErr.Column != "" && !strings.Contains(fuzzColumns, `"`+rowErr.Column+`"`) {
				t.Fatalf("unknown column in %v", err)
			}
		case rows == 0:
			if len(out) != 4 {
				t.Fatalf("a drop wrote %q", out[4:])
			}
			nonBlank := 0
			for _, line := range strings.Split(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\n") {
				if strings.Trim(line, " \t\r") != "" {
					nonBlank++
				}
			}
			if nonBlank > 1 {
				t.Fatalf("dropped a record of %d lines: %q", nonBlank, data)
			}
		default:
			objs := decodeLines(t, out[4:], names)
			if len(objs) != rows {
				t.Fatalf("%d rows, %d lines", rows, len(objs))
			}
			for _, o := range objs {
				checkTypes(t, o)
			}
		}
		compareWithEncodingCSV(t, data, out[4:], rows, rowErr, names)
	})
}

// checkTypes checks each value of a fuzzColumns object.
func checkTypes(t *testing.T, o map[string]any) {
	t.Helper()
	num := func(k string) (json.Number, bool) {
		v, ok := o[k].(json.Number)
		if !ok && o[k] != nil {
			t.Fatalf("%s: %#v is not a number", k, o[k])
		}
		return v, ok
	}
	str := func(k string) (string, bool) {
		v, ok := o[k].(string)
		if !ok && o[k] != nil {
			t.Fatalf("%s: %#v is not a string", k, o[k])
		}
		return v, ok
	}
	str("id")
	str("note")
	if v, ok := num("small"); ok {
		if n, err := strconv.ParseInt(string(v), 10, 8); err != nil || strconv.Itoa(int(n)) != string(v) {
			t.Fatalf("small: %s", v)
		}
	}
	if v, ok := num("big"); ok {
		if n, err := strconv.ParseInt(string(v), 10, 64); err != nil || strconv.FormatInt(n, 10) != string(v) {
			t.Fatalf("big: %s", v)
		}
	}
	if v, ok := num("temp"); ok {
		if x, err := strconv.ParseFloat(string(v), 64); err != nil || math.IsInf(x, 0) {
			t.Fatalf("temp: %s", v)
		}
	}
	if v, ok := num("hum"); ok {
		if _, err := strconv.ParseFloat(string(v), 32); err != nil {
			t.Fatalf("hum: %s", v)
		}
	}
	if v, ok := num("price"); ok {
		m := decimalOut.FindStringSubmatch(string(v))
		if m == nil || len(strings.TrimRight(m[2], "0")) > 3 { // the point and two digits
			t.Fatalf("price: %s", v)
		}
	}
	if v, ok := o["ok"]; ok && v != nil {
		if _, isBool := v.(bool); !isBool {
			t.Fatalf("ok: %#v", v)
		}
	}
	if v, ok := str("at"); ok {
		if _, err := time.Parse("2006-01-02 15:04:05.000", v); err != nil || !timestampOut.MatchString(v) {
			t.Fatalf("at: %q", v)
		}
	}
	if v, ok := str("day"); ok {
		if d, err := time.Parse("2006-01-02", v); err != nil || d.Format("2006-01-02") != v {
			t.Fatalf("day: %q", v)
		}
	}
}

// compareWithEncodingCSV reads data with encoding/csv, where the two agree
// on what CSV is (no carriage returns, which encoding/csv drops from quoted
// fields; no byte order mark), and checks the outcome against it.
func compareWithEncodingCSV(t *testing.T, data, out []byte, rows int, rowErr *RowError, names []string) {
	t.Helper()
	if bytes.IndexByte(data, '\r') >= 0 || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = len(names)
	var records [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if rowErr == nil && rows > 0 {
				// encoding/csv refuses what we accepted: only blank lines
				// of spaces, which we skip, may explain it.
				var pe *csv.ParseError
				if !errors.As(err, &pe) || !errors.Is(err, csv.ErrFieldCount) {
					t.Fatalf("encoding/csv: %v, but converted %q", err, out)
				}
			}
			return
		}
		records = append(records, rec)
	}
	if rowErr != nil {
		if rowErr.Column == "" {
			t.Fatalf("encoding/csv reads %d rows of %d fields, but: %v", len(records), len(names), rowErr)
		}
		return
	}
	skipped := len(records) - rows
	if skipped != 0 && skipped != 1 {
		t.Fatalf("encoding/csv reads %d rows, converted %d", len(records), rows)
	}
	if skipped == 1 {
		for i, v := range records[0] {
			if !strings.EqualFold(strings.TrimSpace(v), names[i]) {
				t.Fatalf("skipped %q, not a header", records[0])
			}
		}
	}
	if rows == 0 {
		return
	}
	for i, o := range decodeLines(t, out, names) {
		rec := records[i+skipped]
		for _, k := range []int{0, 9} { // the string columns
			want := rec[k]
			b, _ := json.Marshal(want) // invalid UTF-8 becomes U+FFFD, byte by byte, as ours
			_ = json.Unmarshal(b, &want)
			got, _ := o[names[k]].(string)
			if rec[k] == "" {
				if o[names[k]] != nil {
					t.Fatalf("row %d %s: %q for an empty field", i, names[k], got)
				}
				continue
			}
			if got != want {
				t.Fatalf("row %d %s: %q, encoding/csv %q", i, names[k], got, want)
			}
		}
	}
}
