package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// small is a three-column schema for the tests of record structure.
const small = `[{"name":"name","type":"string"},{"name":"n","type":"int"},{"name":"ok","type":"boolean"}]`

func smallConverter(t *testing.T, vars map[string]string) *Converter {
	t.Helper()
	m := map[string]string{"COLUMNS": small}
	for k, v := range vars {
		m[k] = v
	}
	return converter(t, m)
}

// convert runs one record and returns its JSON lines, its row count and
// its failure reason.
func convert(t *testing.T, c *Converter, data string) (string, int, string) {
	t.Helper()
	out, rows, err := c.AppendRecord([]byte("prefix"), []byte(data))
	require.Equal(t, "prefix", string(out[:6]), "dst was overwritten")
	if err != nil {
		_, isRowError := err.(*RowError)
		require.True(t, isRowError, "%T", err)
		return "", rows, err.Error()
	}
	if rows > 0 {
		objs := decodeLines(t, out[6:], columnNames(c))
		require.Len(t, objs, rows)
	} else {
		require.Len(t, out, 6)
	}
	return string(out[6:]), rows, ""
}

type recordCase struct {
	name, in string
	out      string // JSON lines; empty with a reason or a drop
	reason   string // part of the failure reason
}

func runRecords(t *testing.T, c *Converter, cases []recordCase) {
	t.Helper()
	for _, rc := range cases {
		t.Run(rc.name, func(t *testing.T) {
			out, rows, reason := convert(t, c, rc.in)
			switch {
			case rc.reason != "":
				require.Contains(t, reason, rc.reason)
			case rc.out == "":
				require.Empty(t, reason)
				require.Zero(t, rows, "want a drop, got %q", out)
			default:
				require.Empty(t, reason)
				require.Equal(t, rc.out, out)
			}
		})
	}
}

const (
	rowA = `{"name":"a","n":1,"ok":true}` + "\n"
	rowB = `{"name":"b","n":2,"ok":false}` + "\n"
)

func TestRecordShapes(t *testing.T) {
	runRecords(t, smallConverter(t, nil), []recordCase{
		{"one row with newline", "a,1,true\n", rowA, ""},
		{"one row without newline", "a,1,true", rowA, ""},
		{"several rows", "a,1,true\nb,2,false\n", rowA + rowB, ""},
		{"CRLF", "a,1,true\r\nb,2,false\r\n", rowA + rowB, ""},
		{"CRLF without final newline", "a,1,true\r\nb,2,false\r", rowA + rowB, ""},
		{"CR before LF after a quote", "\"a\",1,\"true\"\r\nb,2,false", rowA + rowB, ""},
		{"blank lines between", "\n\na,1,true\n  \n\t\r\n\nb,2,false\n\n", rowA + rowB, ""},
		{"byte order mark", "\xef\xbb\xbfa,1,true\n", rowA, ""},
		{"quoted everything", `"a","1","true"`, rowA, ""},
		{"quoted comma", `"a,b",1,true`, `{"name":"a,b","n":1,"ok":true}` + "\n", ""},
		{"quoted quotes", `"say ""hi""",1,true`, `{"name":"say \"hi\"","n":1,"ok":true}` + "\n", ""},
		{"quoted newline", "\"two\nlines\",1,true\nb,2,false", `{"name":"two\nlines","n":1,"ok":true}` + "\n" + rowB, ""},
		{"quoted CRLF kept", "\"two\r\nlines\",1,true\r\n", `{"name":"two\r\nlines","n":1,"ok":true}` + "\n", ""},
		{"empty fields", ",,\n", `{"name":null,"n":null,"ok":null}` + "\n", ""},
		{"lone CR inside a field", "a\rb,1,true", `{"name":"a\rb","n":1,"ok":true}` + "\n", ""},
		{"spaces around numbers", "a, 1 ,\ttrue\n", rowA, ""},
		{"spaces in strings kept", " a ,1,true\n", `{"name":" a ","n":1,"ok":true}` + "\n", ""},

		{"empty record", "", "", ""},
		{"only newlines", "\n\r\n\n", "", ""},
		{"only spaces", "   \t \n ", "", ""},

		{"too few fields", "a,1\n", "", `line 1: 2 fields, but the schema has 3 columns; row "a,1"`},
		{"one field", "a\n", "", `line 1: 1 field, but the schema has 3 columns`},
		{"too many fields", "a,1,true,x,y\n", "", `line 1: 5 fields, but the schema has 3 columns; row "a,1,true,x,y"`},
		{"trailing delimiter", "a,1,true,\n", "", `line 1: 4 fields, but the schema has 3 columns`},
		{"ragged second row", "a,1,true\nb,2\n", "", `line 2: 2 fields`},
		{"ragged after a quoted newline", "\"x\ny\",1,true\n\n\"p\nq\",2,true\nb,2\n", "", `line 6: 2 fields`},
		{"unterminated quote", "a,1,true\n\"b,2,false\n", "", `line 2: a quoted field is not terminated`},
		{"unterminated quote at the end", "a,1,\"", "", `line 1: a quoted field is not terminated`},
		{"text after closing quote", `"a"x,1,true`, "", `line 1: text after the closing quote of a field`},
		{"space after closing quote", `"a" ,1,true`, "", `text after the closing quote`},
		{"bare quote", `a"b,1,true`, "", `line 1: a double quote inside an unquoted field`},
		{"space before opening quote", `a, "1",true`, "", `a double quote inside an unquoted field`},
		{"bad value on line 3", "a,1,true\n\nb,x,false\n", "", `line 3, column "n" (int): value "x": not a whole number`},
		{"bad value after a quoted newline", "\"a\nb\",1,true\nb,2,maybe\n", "", `line 3, column "ok" (boolean): value "maybe": not a boolean`},
	})
}

// TestHeader covers the three HEADER modes.
func TestHeader(t *testing.T) {
	auto := smallConverter(t, nil)
	runRecords(t, auto, []recordCase{
		{"header then rows", "name,n,ok\na,1,true\nb,2,false\n", rowA + rowB, ""},
		{"header in other case, spaced, quoted", " NAME ,\"N\",Ok\r\na,1,true\r\n", rowA, ""},
		{"header after blank lines", "\n\nname,n,ok\na,1,true", rowA, ""},
		{"header with a BOM", "\xef\xbb\xbfname,n,ok\na,1,true", rowA, ""},
		{"header only", "name,n,ok\n", "", ""},
		{"header only, no newline", "name,n,ok", "", ""},
		{"no header", "a,1,true\n", rowA, ""},
		{"header not first", "a,1,true\nname,n,ok\n", "", `line 2, column "n" (int): value "n": not a whole number`},
		{"a header twice", "name,n,ok\nname,n,ok\n", "", `line 2, column "n" (int)`},
		{"columns in another order", "n,name,ok\na,1,true\n", "", `line 1, column "n" (int): value "name"`},
		{"fewer names", "name,n\na,1,true\n", "", `line 1: 2 fields, but the schema has 3 columns`},
		{"more names", "name,n,ok,extra\na,1,true\n", "", `line 1: 4 fields`},
	})
	// A string-only schema: a data row that spells the names is taken for
	// the header only on the first line.
	strs := converter(t, map[string]string{"COLUMNS": `[{"name":"a","type":"string"},{"name":"b","type":"string"}]`})
	runRecords(t, strs, []recordCase{
		{"string header", "a,b\nx,y\na,b\n", `{"a":"x","b":"y"}` + "\n" + `{"a":"a","b":"b"}` + "\n", ""},
	})

	none := smallConverter(t, map[string]string{"HEADER": "none"})
	runRecords(t, none, []recordCase{
		{"header is data", "name,n,ok\na,1,true\n", "", `line 1, column "n" (int): value "n": not a whole number`},
		{"rows", "a,1,true\nb,2,false\n", rowA + rowB, ""},
	})
	runRecords(t, converter(t, map[string]string{"COLUMNS": `[{"name":"a","type":"string"},{"name":"b","type":"string"}]`, "HEADER": "none"}), []recordCase{
		{"string header kept", "a,b\n", `{"a":"a","b":"b"}` + "\n", ""},
	})

	always := smallConverter(t, map[string]string{"HEADER": "always"})
	runRecords(t, always, []recordCase{
		{"any first line", "device,count,flag,extra\na,1,true\nb,2,false\n", rowA + rowB, ""},
		{"a data row first is lost", "a,1,true\nb,2,false\n", rowB, ""},
		{"first line only", "name,n,ok\n", "", ""},
		{"quoted newline in the header", "\"na\nme\",n,ok\na,1,true\n", rowA, ""},
		{"header quoting checked", "\"name,n,ok\n", "", `line 1: a quoted field is not terminated`},
		{"second line not skipped", "name,n,ok\nname,n,ok\n", "", `line 2, column "n" (int)`},
		{"blank lines before the header", "\n \nname,n,ok\na,1,true", rowA, ""},
	})
}

func TestDelimiters(t *testing.T) {
	runRecords(t, smallConverter(t, map[string]string{"DELIMITER": ";"}), []recordCase{
		{"semicolon", "a;1;true\n\"x;y\";2;false", rowA + `{"name":"x;y","n":2,"ok":false}` + "\n", ""},
		{"comma is data", "a,b;1;true", `{"name":"a,b","n":1,"ok":true}` + "\n", ""},
	})
	runRecords(t, smallConverter(t, map[string]string{"DELIMITER": "tab"}), []recordCase{
		{"tab", "a\t1\ttrue\nb\t2\tfalse\n", rowA + rowB, ""},
		{"tabs make no blank line", "\t\t\n", `{"name":null,"n":null,"ok":null}` + "\n", ""},
		{"spaces around numbers", "a\t 1 \ttrue", rowA, ""},
	})
}

func TestMaxRowBytes(t *testing.T) {
	c := smallConverter(t, map[string]string{"MAX_ROW_BYTES": "20"})
	fits := strings.Repeat("x", 13) + ",1,true" // 20 bytes
	runRecords(t, c, []recordCase{
		{"exactly the limit", fits + "\r\n", `{"name":"` + strings.Repeat("x", 13) + `","n":1,"ok":true}` + "\n", ""},
		{"one byte over", "x" + fits + "\n", "", `line 1: row longer than MAX_ROW_BYTES (20)`},
		{"over in the middle", "a,1,true\n" + strings.Repeat("y", 30) + ",2,false\nb,2,false", "", `line 2: row longer than MAX_ROW_BYTES (20); row "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy,2,false"`},
		{"quoted line breaks count", "\"" + strings.Repeat("a\n", 10) + "\",1,true", "", `row longer than MAX_ROW_BYTES`},
		{"a long header too", "name,n,ok" + strings.Repeat(" ", 20) + "\n", "", `line 1`},
	})
	// Rows whose every field is read directly (appendDirect) are held to
	// the limit too.
	direct := converter(t, map[string]string{"MAX_ROW_BYTES": "20",
		"COLUMNS": `[{"name":"name","type":"string"},{"name":"n","type":"int"},{"name":"x","type":"double"}]`})
	runRecords(t, direct, []recordCase{
		{"read directly, exactly the limit", strings.Repeat("x", 14) + ",1,2.5\n", `{"name":"` + strings.Repeat("x", 14) + `","n":1,"x":2.5}` + "\n", ""},
		{"read directly, one byte over", strings.Repeat("x", 15) + ",1,2.5\n", "", `line 1: row longer than MAX_ROW_BYTES (20)`},
	})
	// The default allows rows of a million bytes and no more.
	d := smallConverter(t, nil)
	big := strings.Repeat("z", 1_000_000-len(",1,true"))
	out, _, reason := convert(t, d, big+",1,true\n")
	require.Empty(t, reason)
	require.Len(t, out, len(`{"name":"","n":1,"ok":true}`+"\n")+len(big))
	_, _, reason = convert(t, d, "z"+big+",1,true\n")
	require.Contains(t, reason, "row longer than MAX_ROW_BYTES (1000000)")
}

// TestReasons checks what a failure reason says: the line, the column, a
// value excerpt of at most 64 bytes (cut between characters) and the type.
func TestReasons(t *testing.T) {
	c := converter(t, nil)
	long := strings.Repeat("9", 63) + "é" + strings.Repeat("9", 100)
	_, _, reason := convert(t, c, sensorRow(1)+sensorRow(2)+"sensor-1,1,2026-03-01T00:00:00Z,"+long+",1,1,1,x,true,1\n")
	require.Equal(t, `line 3, column "temperature" (double): value "`+strings.Repeat("9", 63)+`"...: not a decimal number (digits with an optional sign, point and exponent)`, reason)

	_, _, reason = convert(t, c, "sensor-1,1,2026-03-01T00:00:00Z,1,1,1,1,x,true,1,"+strings.Repeat("extra,", 30)+"\n")
	require.Equal(t, `line 1: 41 fields, but the schema has 10 columns; row "sensor-1,1,2026-03-01T00:00:00Z,1,1,1,1,x,true,1,extra,extra,ext"...`, reason)

	_, _, reason = convert(t, c, "sensor-1,1,yesterday,1,1,1,1,x,true,1\n")
	require.Equal(t, `line 1, column "event_time" (timestamp): value "yesterday": not a timestamp in any of the formats epoch, iso (from year 0001 to 9999)`, reason)

	_, _, reason = convert(t, c, "sensor-1,1,0,1,1,1,1,x,true,123456789.5\n")
	require.Equal(t, `line 1, column "energy_kwh" (decimal(12,4)): value "123456789.5": out of range for decimal(12,4) (at most 8 digits before the point)`, reason)

	// Invalid UTF-8 in an excerpt stays readable in the log.
	_, _, reason = convert(t, c, "sensor-1,1,0,\xff\xfe,1,1,1,x,true,1\n")
	require.Equal(t, `line 1, column "temperature" (double): value "\xff\xfe": not a decimal number (digits with an optional sign, point and exponent)`, reason)

	// Ragged with an unterminated quote further on.
	_, _, reason = convert(t, smallConverter(t, nil), "a,1,true,x,\"y\n")
	require.Contains(t, reason, `line 1: at least 4 fields, but the schema has 3 columns`)
	// A bad value in a row whose quoting is broken further on.
	_, _, reason = convert(t, smallConverter(t, nil), "a,x,\"true\n")
	require.Contains(t, reason, `line 1: a quoted field is not terminated`)
}

// TestNonUTF8 passes invalid bytes of a string column as U+FFFD and leaves
// the rest of the row intact.
func TestNonUTF8(t *testing.T) {
	out, rows, reason := convert(t, smallConverter(t, nil), "caf\xe9 latin-1,1,true\n\"\xff\",2,false")
	require.Empty(t, reason)
	require.Equal(t, 2, rows)
	require.Equal(t, `{"name":"caf\ufffd latin-1","n":1,"ok":true}`+"\n"+`{"name":"\ufffd","n":2,"ok":false}`+"\n", out)
	objs := decodeLines(t, []byte(out), []string{"name", "n", "ok"})
	require.Equal(t, "caf\uFFFD latin-1", objs[0]["name"])
}

// TestSensorRows converts the benchmark's data and checks each value
// against the row it came from.
func TestSensorRows(t *testing.T) {
	c := converter(t, nil)
	data, rows := sensorCSV(0, 64<<10)
	out, n, err := c.AppendRecord(nil, []byte(data))
	require.NoError(t, err)
	require.Equal(t, rows, n)
	objs := decodeLines(t, out, columnNames(c))
	require.Len(t, objs, rows)
	sites := map[string]bool{"hall 3, rack 12": true, "roof-north": true, `lab "B", bench 4`: true, "cold-store-2": true}
	for i, o := range objs {
		require.Equal(t, sensorRow(i)[:11], o["device_id"].(string))
		require.True(t, sites[o["site"].(string)], o["site"])
		require.Len(t, o["event_time"].(string), len("2026-03-01 00:00:00.000"))
		require.Contains(t, sensorRow(i), ","+o["temperature"].(interface{ String() string }).String()+",")
	}
}
