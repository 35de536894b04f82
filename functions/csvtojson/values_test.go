package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// one converts a single field of type typ (one-column schema, no header)
// and returns the JSON value, or the failure reason.
func one(t *testing.T, typ, field string, vars map[string]string) (string, string) {
	t.Helper()
	m := map[string]string{"COLUMNS": `[{"name":"v","type":"` + typ + `"}]`, "HEADER": "none"}
	for k, v := range vars {
		m[k] = v
	}
	cfg, err := ConfigFromEnv(env(m))
	require.NoError(t, err)
	out, rows, err := NewConverter(cfg).AppendRecord(nil, []byte(field+"\n"))
	if err != nil {
		return "", err.Error()
	}
	require.Equal(t, 1, rows, "field %q", field)
	decodeLines(t, out, []string{"v"})
	s := string(out)
	require.True(t, strings.HasPrefix(s, `{"v":`) && strings.HasSuffix(s, "}\n"), s)
	return s[len(`{"v":`) : len(s)-2], ""
}

type conversion struct {
	typ, in string
	out     string // the JSON value; empty when the field is refused
	problem string // part of the reason when refused
}

func runConversions(t *testing.T, cases []conversion, vars map[string]string) {
	t.Helper()
	for _, c := range cases {
		got, reason := one(t, c.typ, c.in, vars)
		if c.out != "" {
			require.Empty(t, reason, "%s %q", c.typ, c.in)
			require.Equal(t, c.out, got, "%s %q", c.typ, c.in)
			continue
		}
		require.NotEmpty(t, reason, "%s %q gave %s", c.typ, c.in, got)
		require.Contains(t, reason, c.problem, "%s %q", c.typ, c.in)
		require.Contains(t, reason, `line 1, column "v" (`+strings.ToLower(strings.ReplaceAll(c.typ, " ", ""))+`)`, "%s %q", c.typ, c.in)
	}
}

func TestIntegers(t *testing.T) {
	runConversions(t, []conversion{
		{"tinyint", "127", "127", ""},
		{"tinyint", "-128", "-128", ""},
		{"tinyint", "128", "", "out of range for tinyint (-128 to 127)"},
		{"tinyint", "-129", "", "out of range for tinyint"},
		{"tinyint", "+5", "5", ""},
		{"tinyint", "007", "7", ""},
		{"tinyint", "-0", "0", ""},
		{"tinyint", " 12\t", "12", ""},
		{"tinyint", `" 12 "`, "12", ""},
		{"tinyint", "1.0", "", "not a whole number"},
		{"tinyint", "1e2", "", "not a whole number"},
		{"tinyint", "0x10", "", "not a whole number"},
		{"tinyint", "1 2", "", "not a whole number"},
		{"tinyint", "-", "", "not a whole number"},
		{"tinyint", "--1", "", "not a whole number"},
		{"tinyint", "١", "", "not a whole number"},
		{"smallint", "32767", "32767", ""},
		{"smallint", "-32768", "-32768", ""},
		{"smallint", "32768", "", "out of range for smallint (-32768 to 32767)"},
		{"smallint", "-32769", "", "out of range for smallint"},
		{"int", "2147483647", "2147483647", ""},
		{"integer", "-2147483648", "-2147483648", ""},
		{"int", "2147483648", "", "out of range for int (-2147483648 to 2147483647)"},
		{"int", "-2147483649", "", "out of range for int"},
		{"bigint", "9223372036854775807", "9223372036854775807", ""},
		{"bigint", "-9223372036854775808", "-9223372036854775808", ""},
		{"bigint", "9223372036854775808", "", "out of range for bigint"},
		{"bigint", "-9223372036854775809", "", "out of range for bigint"},
		{"bigint", "18446744073709551616", "", "out of range for bigint"},
		{"bigint", "99999999999999999999999999", "", "out of range for bigint"},
		{"bigint", "99999999999999999999999999x", "", "not a whole number"},
		{"bigint", "00000000000000000000000042", "42", ""},
		{"bigint", `""`, "null", ""},
	}, nil)
}

func TestFloats(t *testing.T) {
	runConversions(t, []conversion{
		{"double", "21.5", "21.5", ""},
		{"double", "-0.001", "-0.001", ""},
		{"double", "0", "0", ""},
		{"double", "-0.0", "-0.0", ""},
		{"double", "1e3", "1e3", ""},
		{"double", "1E+308", "1E+308", ""},
		{"double", "1.7976931348623157e308", "1.7976931348623157e308", ""},
		{"double", "1e-400", "1e-400", ""}, // underflows to 0 as any reader parses it
		{"double", "123456789012345678901234567890123456789012", "123456789012345678901234567890123456789012", ""},
		{"double", "1e309", "", "out of range for a double"},
		{"double", "-1e309", "", "out of range for a double"},
		{"double", "+1e400", "", "out of range for a double"},
		{"double", "1" + strings.Repeat("0", 309), "", "out of range for a double"},
		{"double", "NaN", "", "not a finite number (JSON has no NaN or Infinity)"},
		{"double", "nan", "", "not a finite number"},
		{"double", "Inf", "", "not a finite number"},
		{"double", "-Infinity", "", "not a finite number"},
		{"double", "+1.5", "1.5", ""},
		{"double", ".5", "0.5", ""},
		{"double", "-.5", "-0.5", ""},
		{"double", "5.", "5", ""},
		{"double", "007", "7", ""},
		{"double", "+1e25", "1e+25", ""},
		{"double", ".0000001", "1e-7", ""},
		{"double", " 2.5 ", "2.5", ""},
		{"double", "1_000", "", "not a decimal number"},
		{"double", "0x1p-2", "", "not a decimal number"},
		{"double", "1e", "", "not a decimal number"},
		{"double", "1e+", "", "not a decimal number"},
		{"double", ".", "", "not a decimal number"},
		{"double", `"1,5"`, "", "not a decimal number"},
		{"double", "twelve", "", "not a decimal number"},
		{"double", `""`, "null", ""},
		{"float", "3.4e38", "3.4e38", ""},
		{"float", "3.5e38", "", "out of range for a float (about ±3.4e38)"},
		{"float", "1e39", "", "out of range for a float"},
		{"float", "-" + strings.Repeat("9", 39), "", "out of range for a float"},
		{"float", "0.1", "0.1", ""},
		{"float", "+.25", "0.25", ""},
		{"float", "1e-50", "1e-50", ""},
		{"float", "NaN", "", "not a finite number"},
	}, nil)
}

func TestDecimals(t *testing.T) {
	runConversions(t, []conversion{
		{"decimal(5,2)", "123.45", "123.45", ""},
		{"decimal(5,2)", "-123.45", "-123.45", ""},
		{"decimal(5,2)", "0", "0", ""},
		{"decimal(5,2)", "1.230", "1.230", ""}, // trailing zeros are within the scale
		{"decimal(5,2)", "+1.5", "1.5", ""},
		{"decimal(5,2)", "007.50", "7.50", ""},
		{"decimal(5,2)", "00000123.45", "123.45", ""},
		{"decimal(5,2)", ".5", "0.5", ""},
		{"decimal(5,2)", "-.5", "-0.5", ""},
		{"decimal(5,2)", "5.", "5", ""},
		{"decimal(5,2)", " 9.99 ", "9.99", ""},
		{"decimal(5,2)", "1234.5", "", "out of range for decimal(5,2) (at most 3 digits before the point)"},
		{"decimal(5,2)", "1.234", "", "too precise for decimal(5,2) (at most 2 digits after the point)"},
		{"decimal(5,2)", "1e2", "", "not a decimal number"},
		{"decimal(5,2)", "NaN", "", "not a decimal number"},
		{"decimal(5,2)", "1.2.3", "", "not a decimal number"},
		{"decimal(5,2)", "-", "", "not a decimal number"},
		{"decimal(5,2)", ".", "", "not a decimal number"},
		{"decimal", "1234567890", "1234567890", ""},
		{"decimal", "12345678901", "", "out of range for decimal (at most 10 digits before the point)"},
		{"decimal", "1.5", "", "too precise for decimal (at most 0 digits after the point)"},
		{"decimal", "1.000", "1.000", ""},
		{"decimal(38,10)", "1234567890123456789012345678.0123456789", "1234567890123456789012345678.0123456789", ""},
		{"decimal(38,38)", "0.12345678901234567890123456789012345678", "0.12345678901234567890123456789012345678", ""},
		{"decimal(38,38)", "1.1", "", "out of range for decimal(38,38) (at most 0 digits before the point)"},
	}, nil)
	// The digits survive a JSON decoder that keeps numbers as text.
	got, _ := one(t, "decimal(38,10)", "1234567890123456789012345678.0123456789", nil)
	var n json.Number
	require.NoError(t, json.Unmarshal([]byte(got), &n))
	require.Equal(t, "1234567890123456789012345678.0123456789", n.String())
}

func TestBooleans(t *testing.T) {
	var cases []conversion
	for _, in := range []string{"true", "TRUE", "True", "1", "yes", "YES", "Yes", "t", "T", " true "} {
		cases = append(cases, conversion{"boolean", in, "true", ""})
	}
	for _, in := range []string{"false", "FALSE", "0", "no", "No", "f", "F", "\tfalse"} {
		cases = append(cases, conversion{"boolean", in, "false", ""})
	}
	for _, in := range []string{"y", "n", "2", "-1", "truee", "on", "off", "tru"} {
		cases = append(cases, conversion{"boolean", in, "", "not a boolean (true, false, 1, 0, yes, no, t or f)"})
	}
	runConversions(t, cases, nil)
}

func TestDates(t *testing.T) {
	runConversions(t, []conversion{
		{"date", "2026-03-01", `"2026-03-01"`, ""},
		{"date", "2024-02-29", `"2024-02-29"`, ""},
		{"date", "2000-02-29", `"2000-02-29"`, ""},
		{"date", "0001-01-01", `"0001-01-01"`, ""},
		{"date", "9999-12-31", `"9999-12-31"`, ""},
		{"date", " 2026-03-01 ", `"2026-03-01"`, ""},
		{"date", "2023-02-29", "", "not a date (YYYY-MM-DD"},
		{"date", "1900-02-29", "", "not a date"},
		{"date", "2026-04-31", "", "not a date"},
		{"date", "2026-13-01", "", "not a date"},
		{"date", "2026-00-10", "", "not a date"},
		{"date", "2026-3-1", "", "not a date"},
		{"date", "0000-01-01", "", "not a date"},
		{"date", "2026/03/01", "", "not a date"},
		{"date", "2026-03-01T00:00:00Z", "", "not a date"},
		{"date", `""`, "null", ""},
	}, nil)
}

func TestTimestamps(t *testing.T) {
	epoch := func(sec, ms int64) string {
		return `"` + time.UnixMilli(sec*1000+ms).UTC().Format("2006-01-02 15:04:05.000") + `"`
	}
	runConversions(t, []conversion{
		{"timestamp", "2026-03-01T12:34:56Z", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", "2026-03-01t12:34:56z", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", "2026-03-01T12:34:56.123456789Z", `"2026-03-01 12:34:56.123"`, ""},
		{"timestamp", "2026-03-01T12:34:56.9999Z", `"2026-03-01 12:34:56.999"`, ""}, // truncated
		{"timestamp", "2026-03-01 12:34:56", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", "2026-03-01 12:34:56.7", `"2026-03-01 12:34:56.700"`, ""},
		{"timestamp", "2026-03-01T12:34:56", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", "2026-03-01T12:34:56+02:00", `"2026-03-01 10:34:56.000"`, ""},
		{"timestamp", "2026-03-01T00:30:00.5+0100", `"2026-02-28 23:30:00.500"`, ""},
		{"timestamp", "2026-03-01T23:30:00-01:30", `"2026-03-02 01:00:00.000"`, ""},
		{"timestamp", "2024-12-31T23:00:00-05", `"2025-01-01 04:00:00.000"`, ""},
		{"timestamp", "2026-03-01T12:34:56+00:00", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", " 2026-03-01 12:34:56 ", `"2026-03-01 12:34:56.000"`, ""},
		{"timestamp", "9999-12-31T23:59:59.999Z", `"9999-12-31 23:59:59.999"`, ""},
		{"timestamp", "1772368496", epoch(1772368496, 0), ""},
		{"timestamp", "1772368496789", epoch(1772368496, 789), ""},
		{"timestamp", "0", `"1970-01-01 00:00:00.000"`, ""},
		{"timestamp", "-1", `"1969-12-31 23:59:59.000"`, ""},
		{"timestamp", "99999999999", epoch(99999999999, 0), ""}, // under 1e11: seconds (year 5138)
		{"timestamp", "100000000000", epoch(100000000, 0), ""},  // 1e11: milliseconds (1973)
		{"timestamp", "-62135596800", `"0001-01-01 00:00:00.000"`, ""},
		{"timestamp", "253402300799999", `"9999-12-31 23:59:59.999"`, ""},
		{"timestamp", "253402300800000", "", "not a timestamp in any of the formats epoch, iso (from year 0001 to 9999)"},
		{"timestamp", "99999999999999999999", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:60Z", "", "not a timestamp"},
		{"timestamp", "2026-03-01T24:00:00Z", "", "not a timestamp"},
		{"timestamp", "2026-02-30 00:00:00", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:56.Z", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:56.1234567890Z", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:56+2:00", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:56+24:00", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34:56 UTC", "", "not a timestamp"},
		{"timestamp", "2026-03-01T12:34", "", "not a timestamp"},
		{"timestamp", "2026-03-01", "", "not a timestamp"},
		{"timestamp", "12:34:56", "", "not a timestamp"},
		{"timestamp", "1772368496.5", "", "not a timestamp"},
		{"timestamp", "0001-01-01T00:30:00+01:00", "", "not a timestamp"},
		{"timestamp", "9999-12-31T23:30:00-01:00", "", "not a timestamp"},
		{"timestamp", `""`, "null", ""},
	}, nil)

	// Formats of one's own replace the defaults, in the order given.
	runConversions(t, []conversion{
		{"timestamp", "23/11/2024 13:14:15", `"2024-11-23 13:14:15.000"`, ""},
		{"timestamp", "23/11/2024 13:14:15.25", `"2024-11-23 13:14:15.250"`, ""},
		{"timestamp", "1772368496", epoch(1772368, 496), ""}, // epoch_milli, whatever the size
		{"timestamp", "2026-03-01T12:34:56Z", "", `not a timestamp in any of the formats "02/01/2006 15:04:05", epoch_milli`},
		{"timestamp", "31/02/2024 13:14:15", "", "not a timestamp"},
	}, map[string]string{"TIMESTAMP_FORMATS": "02/01/2006 15:04:05,epoch_milli"})
	runConversions(t, []conversion{
		{"timestamp", "Mar  1 2026 12:00 +0100", `"2026-03-01 11:00:00.000"`, ""},
		{"timestamp", "1772368496789", "", "not a timestamp in any of the formats"}, // seconds only, and out of range
		{"timestamp", "1772368496", epoch(1772368496, 0), ""},
	}, map[string]string{"TIMESTAMP_FORMATS": "Jan _2 2006 15:04 -0700,epoch_second"})
	// A layout before iso that reads an ISO-shaped value its own way (day
	// before month) comes first: iso's shortcut must not.
	runConversions(t, []conversion{
		{"timestamp", "2026-11-03T00:00:00Z", `"2026-03-11 00:00:00.000"`, ""},
		{"timestamp", "2026-13-03T00:00:00Z", `"2026-03-13 00:00:00.000"`, ""},
		{"timestamp", "2026-03-13T00:00:00Z", `"2026-03-13 00:00:00.000"`, ""}, // only iso reads it
	}, map[string]string{"TIMESTAMP_FORMATS": "2006-02-01T15:04:05Z,epoch_milli,iso"})
}

func TestStrings(t *testing.T) {
	runConversions(t, []conversion{
		{"string", "abc", `"abc"`, ""},
		{"string", " spaced\t", `" spaced\t"`, ""}, // strings are not trimmed
		{"string", `"a,b"`, `"a,b"`, ""},
		{"string", `"say ""hi"""`, `"say \"hi\""`, ""},
		{"string", `""""`, `"\""`, ""},
		{"string", `"a` + "\n" + `b"`, `"a\nb"`, ""},
		{"string", `"a` + "\r\n" + `b"`, `"a\r\nb"`, ""},
		{"string", `back\slash`, `"back\\slash"`, ""},
		{"string", "bell\x07 nul\x00 esc\x1b del\x7f", `"bell\u0007 nul\u0000 esc\u001b del` + "\x7f" + `"`, ""},
		{"string", "ff\f bs\b", `"ff\f bs\b"`, ""},
		{"string", "é 日本 😀", `"é 日本 😀"`, ""},
		{"string", "\u2028", "\"\u2028\"", ""},
		{"string", "bad\xff\xfeend", `"bad\ufffd\ufffdend"`, ""},
		{"string", "cut\xe6\x97", `"cut\ufffd\ufffd"`, ""},
		{"string", "surrogate\xed\xa0\x80", `"surrogate\ufffd\ufffd\ufffd"`, ""},
		{"string", "a</script>", `"a</script>"`, ""},
		{"varchar(3)", "longer than three", `"longer than three"`, ""},
		{"string", `""`, "null", ""},
	}, nil)
	// Every string decodes back to its text, invalid bytes as U+FFFD.
	for _, in := range []string{"plain", "tab\there", "x\x01y", "caf\xc3\xa9", "bad\xffbyte", "\"\\"} {
		field := `"` + strings.ReplaceAll(in, `"`, `""`) + `"`
		got, reason := one(t, "string", field, nil)
		require.Empty(t, reason)
		var s string
		require.NoError(t, json.Unmarshal([]byte(got), &s))
		want, _ := json.Marshal(in) // encoding/json replaces invalid bytes the same way
		var w string
		require.NoError(t, json.Unmarshal(want, &w))
		require.Equal(t, w, s, "%q", in)
	}
}

func TestEmptyAsNullFalse(t *testing.T) {
	vars := map[string]string{"EMPTY_AS_NULL": "false"}
	runConversions(t, []conversion{
		{"string", `""`, `""`, ""},
		{"string", `" "`, `" "`, ""},
		{"int", `""`, "", "empty, and EMPTY_AS_NULL is false"},
		{"int", `"  "`, "", "empty, and EMPTY_AS_NULL is false"},
		{"double", `" "`, "", "empty, and EMPTY_AS_NULL is false"},
		{"timestamp", `""`, "", "empty, and EMPTY_AS_NULL is false"},
		{"int", "5", "5", ""},
	}, vars)
}

// TestFloatOutputIsJSON: reformatted floats are the numbers they were.
func TestFloatOutputIsJSON(t *testing.T) {
	for _, in := range []string{"+1", ".5", "5.", "007.25", "+1e-9", "-.000001", "+123456789e20", ".1e-310"} {
		for _, typ := range []string{"double", "float"} {
			got, reason := one(t, typ, in, nil)
			require.Empty(t, reason, in)
			bits := 64
			if typ == "float" {
				bits = 32
			}
			want, err := strconv.ParseFloat(in, bits)
			require.NoError(t, err)
			back, err := strconv.ParseFloat(got, bits)
			require.NoError(t, err)
			require.Equal(t, want, back, "%s %q gave %s", typ, in, got)
		}
	}
}

// FuzzISOUTC: whatever appendISOUTC accepts, parseISO reads, and
// appendCivil writes the same bytes, whether dst has room for the value
// or must grow.
func FuzzISOUTC(f *testing.F) {
	for _, s := range []string{"2026-11-23T12:05:07Z", "2026-11-23 12:05:07", "2024-02-29t23:59:59.1z", "2023-02-29T00:00:00Z",
		"2026-11-23T12:05:07.123456789Z", "2026-11-23T12:05:07.1234567890Z", "2026-11-23T12:05:07.Z", "2026-11-23T12:05:07+00:00",
		"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T12:60:00Z",
		"2026-11-23T12:05:60Z", "2026-11-23T12:05:07ZZ", "2026-1a-23T12:05:07Z", "2026-11-23T12:05:07.12a"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, ok := appendISOUTC(append(make([]byte, 0, 1), 'x'), b) // cap 1
		roomy, roomyOK := appendISOUTC(append(make([]byte, 0, 26), 'x'), b)
		if roomyOK != ok || string(roomy) != string(out) {
			t.Fatalf("%q: %q (%v) with room, %q (%v) without", b, roomy, roomyOK, out, ok)
		}
		if !ok {
			if string(out) != "x" {
				t.Fatalf("%q refused with output %q", b, out)
			}
			return
		}
		c, ok := parseISO(b)
		if !ok {
			t.Fatalf("%q: accepted, parseISO refuses it", b)
		}
		if want := "x" + string(appendCivil(nil, c)); string(out) != want {
			t.Fatalf("%q: %q, want %q", b, out, want)
		}
	})
}
