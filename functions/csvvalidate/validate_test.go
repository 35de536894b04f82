package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValueChecks(t *testing.T) {
	cases := []struct {
		typ  Type
		good []string
		bad  []string
	}{
		{String, []string{"a", "é", "x y", `"`}, []string{"\xff", "a\xc3"}},
		{Int, []string{"0", "-1", "+42", "9223372036854775807", "-9223372036854775808", "007"},
			[]string{"1.0", " 1", "1 ", "-", "+", "9223372036854775808", "-9223372036854775809", "12345678901234567890", "1e3", "0x10"}},
		{Decimal, []string{"0", "1.5", "-0.25", "+3.", ".5", "12345678901234567890123456789012345678"},
			[]string{".", "-", "1.2.3", "1e5", "1,5", "NaN", "123456789012345678901234567890123456789", " 1.0"}},
		{Date, []string{"2026-12-05", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"},
			[]string{"2026-13-01", "2026-00-10", "2026-02-29", "1900-02-29", "2026-04-31", "2026-1-01", "26-12-05", "2026/12/05", "0000-01-01", "2026-12-05T00:00:00"}},
		{Timestamp, []string{"2026-12-05 10:11:12", "2026-12-05T10:11:12Z", "2026-12-05T10:11:12.123456789+02:00", "2026-12-05 23:59:59.5-05:30"},
			[]string{"2026-12-05", "2026-12-05 24:00:00", "2026-12-05 10:60:00", "2026-12-05 10:00:60", "2026-12-05X10:11:12", "2026-12-05 10:11:12.", "2026-12-05 10:11:12.1234567890", "2026-12-05 10:11:12+0200", "2026-12-05 10:11:12 Z", "2026-02-30 10:11:12"}},
		{Bool, []string{"true", "FALSE", "True", "1", "0"}, []string{"yes", "t", "2", "truee", " true"}},
	}
	for _, c := range cases {
		k := kindOf[c.typ]
		for _, v := range c.good {
			assert.True(t, checkValue(k, []byte(v)), "%s %q should pass", c.typ, v)
		}
		for _, v := range c.bad {
			assert.False(t, checkValue(k, []byte(v)), "%s %q should fail", c.typ, v)
		}
	}
}

func TestValidate(t *testing.T) {
	good := "1,Ann,ann@example.com,10.50,2,2026-12-01,2026-12-01 10:00:00,true,\n"
	cases := []struct {
		name    string
		input   string
		verdict string
		rows    int
		bad     int
		errors  []RowError
		header  string
	}{
		{name: "valid", input: ordersHeader + good + good, verdict: Valid, rows: 2},
		{name: "crlf, bom, quoted note and no final newline", verdict: Valid, rows: 2,
			input: "\xEF\xBB\xBF" + strings.ReplaceAll(ordersHeader, "\n", "\r\n") +
				"1,Ann,,1,1,2026-12-01,2026-12-01T10:00:00Z,1,\"a, \"\"quoted\"\"\r\nnote\"\r\n" +
				"2,Bob,,1,1,2026-12-01,2026-12-01T10:00:00Z,0,plain"},
		{name: "blank lines skipped", input: ordersHeader + "\n" + good + "\r\n\n" + good, verdict: Valid, rows: 2},
		{name: "header only", input: ordersHeader, verdict: Valid, rows: 0},
		{name: "empty file", input: "", verdict: Quarantine, header: "no header"},
		{name: "wrong header", input: strings.Replace(ordersHeader, "amount", "total", 1) + good, verdict: Quarantine, rows: 1,
			header: `column 4 is "total", want "amount"`},
		{name: "header with a missing column", input: "order_id,customer\n", verdict: Quarantine,
			header: "2 columns, want 9"},
		{name: "bad values", verdict: Quarantine, rows: 3, bad: 2,
			input: ordersHeader + good + "x,Ann,,10.5,2,2026-02-30,2026-12-01 10:00:00,maybe,\n" + ",,,1,1,2026-12-01,2026-12-01 10:00:00,1,\n",
			errors: []RowError{
				{Line: 3, Column: "order_id", Reason: `"x" is not a 64-bit whole number`},
				{Line: 3, Column: "order_date", Reason: `"2026-02-30" is not a date YYYY-MM-DD`},
				{Line: 3, Column: "paid", Reason: `"maybe" is not a boolean (true, false, 1, 0)`},
				{Line: 4, Column: "order_id", Reason: "empty, the column is not nullable"},
				{Line: 4, Column: "customer", Reason: "empty, the column is not nullable"},
			}},
		{name: "column count", verdict: Quarantine, rows: 2, bad: 2,
			input:  ordersHeader + "1,2,3\n" + good[:len(good)-1] + ",extra\n",
			errors: []RowError{{Line: 2, Reason: "3 fields, want 9"}, {Line: 3, Reason: "10 fields, want 9"}}},
		{name: "line numbers count quoted line breaks", verdict: Quarantine, rows: 2, bad: 1,
			input:  ordersHeader + "1,Ann,,1,1,2026-12-01,2026-12-01 10:00:00,1,\"two\nlines\"\n" + "oops\n",
			errors: []RowError{{Line: 4, Reason: "1 fields, want 9"}}},
		{name: "malformed quotes", verdict: Quarantine, rows: 2, bad: 2,
			input:  ordersHeader + "1,A\"nn,,1,1,2026-12-01,2026-12-01 10:00:00,1,\n" + "1,\"Ann\"x,,1,1,2026-12-01,2026-12-01 10:00:00,1,\n",
			errors: []RowError{{Line: 2, Reason: "malformed CSV: a quote inside an unquoted field"}, {Line: 3, Reason: "malformed CSV: a character after a closing quote"}}},
		{name: "unclosed quote", verdict: Quarantine, rows: 1, bad: 1,
			input:  ordersHeader + "1,\"Ann,,1,1,2026-12-01,2026-12-01 10:00:00,1,\n",
			errors: []RowError{{Line: 2, Reason: "malformed CSV: a quoted field is not closed before the end of the file"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := NewValidator(ordersSchema()).Validate(strings.NewReader(c.input))
			require.NoError(t, err)
			assert.Equal(t, c.verdict, res.Verdict, res.Reason)
			assert.Equal(t, c.rows, res.Rows)
			assert.Equal(t, c.bad, res.BadRows)
			assert.Equal(t, c.header, res.HeaderProblem)
			assert.Equal(t, int64(len(c.input)), res.Bytes)
			if c.errors != nil {
				assert.Equal(t, c.errors, res.Errors)
			}
			if c.verdict == Quarantine {
				assert.NotEmpty(t, res.Reason)
			}
		})
	}
}

func TestValidateCapsErrors(t *testing.T) {
	s := ordersSchema()
	s.MaxErrors = 2
	in := ordersHeader + strings.Repeat("1,2\n", 5)
	res, err := NewValidator(s).Validate(strings.NewReader(in))
	require.NoError(t, err)
	assert.Len(t, res.Errors, 2)
	assert.Equal(t, 3, res.ErrorsOmitted)
	assert.Equal(t, 5, res.BadRows)
}

func TestValidateOtherDelimiter(t *testing.T) {
	s := Schema{Columns: []Column{{Name: "a", Type: Int}, {Name: "b", Type: String}}, Delimiter: ";", MaxErrors: 10}
	res, err := NewValidator(s).Validate(strings.NewReader("a;b\n1;x,y\n2;\"p;q\"\n"))
	require.NoError(t, err)
	assert.Equal(t, Valid, res.Verdict, res.Errors)
	assert.Equal(t, 2, res.Rows)
}

func TestValidateRecordTooLong(t *testing.T) {
	in := ordersHeader + "1,\"" + strings.Repeat("x", 2<<20)
	res, err := NewValidator(ordersSchema()).Validate(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, Quarantine, res.Verdict)
	assert.Contains(t, res.Reason, "longer than 1048576 bytes")
}

func TestParseSchema(t *testing.T) {
	s, err := ParseSchema([]byte(`{"columns":[{"name":"a","type":"int"}]}`))
	require.NoError(t, err)
	assert.Equal(t, ",", s.Delimiter)
	assert.Equal(t, DefaultMaxErrors, s.MaxErrors)

	_, err = ParseSchema([]byte(`{"columns":[{"name":"a","type":"float"},{"name":"A","type":"int"},{"name":" ","type":"int"}],"delimiter":"\"","maxErrors":-1}`))
	require.Error(t, err)
	for _, want := range []string{`columns[0].type "float"`, `columns[1].name "A": the same name`, `columns[2].name " "`, `delimiter "\""`, "maxErrors -1"} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = ParseSchema([]byte(`{"columns":[]}`))
	assert.ErrorContains(t, err, "columns: 0 given")
	_, err = ParseSchema([]byte(`{"cols":[]}`))
	assert.ErrorContains(t, err, "not a schema")
	_, err = ParseSchema(nil)
	assert.ErrorContains(t, err, "not a schema")
}

func TestConfigFromEnv(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"SCHEMA": schemaJSON(t, ordersSchema())}))
	require.NoError(t, err)
	assert.Equal(t, Config{Schema: ordersSchema(), IncomingPrefix: "incoming/", ValidPrefix: "valid/", QuarantinePrefix: "quarantine/", ReportPrefix: "reports/"}, c)

	_, err = ConfigFromEnv(env(map[string]string{"INCOMING_PREFIX": "in", "VALID_PREFIX": "data/", "QUARANTINE_PREFIX": "data/bad/", "REPORT_PREFIX": "/r/"}))
	require.Error(t, err)
	for _, want := range []string{"SCHEMA:", `INCOMING_PREFIX="in": a key prefix ending in '/'`, `QUARANTINE_PREFIX="data/bad/": overlaps VALID_PREFIX="data/"`, `REPORT_PREFIX="/r/": must not start with '/'`} {
		assert.Contains(t, err.Error(), want)
	}
}
