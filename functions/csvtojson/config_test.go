package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"COLUMNS": `[{"name":"device_id","type":"string"},{"name":"t","type":"double"}]`}))
	require.NoError(t, err)
	require.Equal(t, Config{
		Columns: []Column{
			{Name: "device_id", Type: "string", Kind: KindString},
			{Name: "t", Type: "double", Kind: KindDouble},
		},
		Delimiter:        ',',
		Header:           HeaderAuto,
		EmptyAsNull:      true,
		TimestampFormats: []string{"epoch", "iso"},
		MaxRowBytes:      1_000_000,
	}, c)
}

func TestConfigOptions(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{
		"COLUMNS":           `[{"name":"a","type":"string","comment":"ignored"}]`,
		"DELIMITER":         ";",
		"HEADER":            " Always ",
		"EMPTY_AS_NULL":     "FALSE",
		"TIMESTAMP_FORMATS": "epoch_milli, 02/01/2006 15:04:05 ,iso",
		"MAX_ROW_BYTES":     "4096",
	}))
	require.NoError(t, err)
	require.Equal(t, byte(';'), c.Delimiter)
	require.Equal(t, HeaderAlways, c.Header)
	require.False(t, c.EmptyAsNull)
	require.Equal(t, []string{"epoch_milli", "02/01/2006 15:04:05", "iso"}, c.TimestampFormats)
	require.Equal(t, 4096, c.MaxRowBytes)

	for raw, want := range map[string]byte{"\t": '\t', `\t`: '\t', "tab": '\t', "|": '|', " ": ' '} {
		c, err := ConfigFromEnv(env(map[string]string{"COLUMNS": `[{"name":"a","type":"string"}]`, "DELIMITER": raw}))
		require.NoError(t, err, raw)
		require.Equal(t, want, c.Delimiter, raw)
	}
}

func TestConfigTypes(t *testing.T) {
	cases := map[string]Column{
		"string":         {Type: "string", Kind: KindString},
		"VARCHAR(20)":    {Type: "varchar(20)", Kind: KindString},
		"varchar":        {Type: "varchar", Kind: KindString},
		"char(2)":        {Type: "char(2)", Kind: KindString},
		"tinyint":        {Type: "tinyint", Kind: KindTinyint},
		"smallint":       {Type: "smallint", Kind: KindSmallint},
		"int":            {Type: "int", Kind: KindInt},
		"integer":        {Type: "integer", Kind: KindInt},
		"bigint":         {Type: "bigint", Kind: KindBigint},
		"double":         {Type: "double", Kind: KindDouble},
		"float":          {Type: "float", Kind: KindFloat},
		"decimal":        {Type: "decimal", Kind: KindDecimal, Precision: 10},
		"decimal(7)":     {Type: "decimal(7)", Kind: KindDecimal, Precision: 7},
		"Decimal(10, 2)": {Type: "decimal(10,2)", Kind: KindDecimal, Precision: 10, Scale: 2},
		"decimal(38,38)": {Type: "decimal(38,38)", Kind: KindDecimal, Precision: 38, Scale: 38},
		"boolean":        {Type: "boolean", Kind: KindBoolean},
		" timestamp ":    {Type: "timestamp", Kind: KindTimestamp},
		"date":           {Type: "date", Kind: KindDate},
	}
	for raw, want := range cases {
		got, p := parseType(raw)
		require.Empty(t, p, raw)
		require.Equal(t, want, got, raw)
	}
}

func TestConfigRejects(t *testing.T) {
	ok := `[{"name":"a","type":"string"}]`
	cases := map[string]struct {
		env   map[string]string
		wants []string
	}{
		"no columns":     {map[string]string{}, []string{`COLUMNS="": required: a JSON array`}},
		"not JSON":       {map[string]string{"COLUMNS": "device_id string"}, []string{`COLUMNS="device_id string": a JSON array`}},
		"empty array":    {map[string]string{"COLUMNS": "[]"}, []string{`COLUMNS="[]": at least one column`}},
		"empty name":     {map[string]string{"COLUMNS": `[{"name":"","type":"string"}]`}, []string{`column 1 (""): an empty name`}},
		"no name":        {map[string]string{"COLUMNS": `[{"type":"string"}]`}, []string{`column 1: no name`}},
		"no type":        {map[string]string{"COLUMNS": `[{"name":"a"}]`}, []string{`column 1 ("a"): no type`}},
		"upper case":     {map[string]string{"COLUMNS": `[{"name":"Device_ID","type":"string"}]`}, []string{`column 1 ("Device_ID"): a name of lowercase letters, digits and underscores only (write "device_id": Glue lower-cases column names)`}},
		"dash":           {map[string]string{"COLUMNS": `[{"name":"device-id","type":"string"}]`}, []string{`column 1 ("device-id"): a name of lowercase letters`}},
		"space":          {map[string]string{"COLUMNS": `[{"name":"device id","type":"string"}]`}, []string{`column 1 ("device id"): a name of lowercase letters`}},
		"long name":      {map[string]string{"COLUMNS": `[{"name":"` + strings.Repeat("a", 256) + `","type":"string"}]`}, []string{`longer than Glue's 255 characters`}},
		"duplicate":      {map[string]string{"COLUMNS": `[{"name":"a","type":"string"},{"name":"b","type":"int"},{"name":"a","type":"int"}]`}, []string{`column 3 ("a"): the same name as column 1`}},
		"unknown type":   {map[string]string{"COLUMNS": `[{"name":"a","type":"array<string>"}]`}, []string{`column 1 ("a"): type "array<string>" is not supported (supported: string, varchar(n)`}},
		"decimal(39,2)":  {map[string]string{"COLUMNS": `[{"name":"a","type":"decimal(39,2)"}]`}, []string{`type "decimal(39,2)": decimal(p,s) with precision p from 1 to 38 and scale s from 0 to p`}},
		"decimal(5,6)":   {map[string]string{"COLUMNS": `[{"name":"a","type":"decimal(5,6)"}]`}, []string{`type "decimal(5,6)": decimal(p,s)`}},
		"decimal(0)":     {map[string]string{"COLUMNS": `[{"name":"a","type":"decimal(0)"}]`}, []string{`type "decimal(0)": decimal(p,s)`}},
		"varchar(0)":     {map[string]string{"COLUMNS": `[{"name":"a","type":"varchar(0)"}]`}, []string{`type "varchar(0)": varchar(n) with n from 1 to 65535`}},
		"char(2,1)":      {map[string]string{"COLUMNS": `[{"name":"a","type":"char(2,1)"}]`}, []string{`type "char(2,1)": char(n) with n from 1 to 255`}},
		"several":        {map[string]string{"COLUMNS": `[{"name":"A","type":"int"},{"name":"b","type":"money"}]`}, []string{`column 1 ("A")`, `column 2 ("b"): type "money"`}},
		"two delimiters": {map[string]string{"COLUMNS": ok, "DELIMITER": ",,"}, []string{`DELIMITER=",,": empty (","), one ASCII punctuation character`}},
		"quote":          {map[string]string{"COLUMNS": ok, "DELIMITER": `"`}, []string{`DELIMITER="\""`}},
		"letter":         {map[string]string{"COLUMNS": ok, "DELIMITER": "x"}, []string{`DELIMITER="x"`}},
		"non-ASCII":      {map[string]string{"COLUMNS": ok, "DELIMITER": "§"}, []string{`DELIMITER="§"`}},
		"newline":        {map[string]string{"COLUMNS": ok, "DELIMITER": "\n"}, []string{`DELIMITER="\n"`}},
		"header":         {map[string]string{"COLUMNS": ok, "HEADER": "yes"}, []string{`HEADER="yes": empty (auto), "auto"`}},
		"empty as null":  {map[string]string{"COLUMNS": ok, "EMPTY_AS_NULL": "maybe"}, []string{`EMPTY_AS_NULL="maybe": empty (true), "true" or "false"`}},
		"time only":      {map[string]string{"COLUMNS": ok, "TIMESTAMP_FORMATS": "iso,15:04:05"}, []string{`TIMESTAMP_FORMATS="iso,15:04:05": entry "15:04:05": a Go time layout with at least year, month and day`}},
		"no layout":      {map[string]string{"COLUMNS": ok, "TIMESTAMP_FORMATS": "yyyy-MM-dd"}, []string{`entry "yyyy-MM-dd": a Go time layout`}},
		"empty entry":    {map[string]string{"COLUMNS": ok, "TIMESTAMP_FORMATS": "iso,,epoch"}, []string{`entry "": an empty entry`}},
		"row size zero":  {map[string]string{"COLUMNS": ok, "MAX_ROW_BYTES": "0"}, []string{`MAX_ROW_BYTES="0": empty (1000000) or a whole number from 1 to 6000000`}},
		"row size big":   {map[string]string{"COLUMNS": ok, "MAX_ROW_BYTES": "6000001"}, []string{`MAX_ROW_BYTES="6000001"`}},
		"row size text":  {map[string]string{"COLUMNS": ok, "MAX_ROW_BYTES": "1MB"}, []string{`MAX_ROW_BYTES="1MB"`}},
		"all at once": {map[string]string{"DELIMITER": "ab", "HEADER": "first", "MAX_ROW_BYTES": "-1"},
			[]string{`COLUMNS=""`, `DELIMITER="ab"`, `HEADER="first"`, `MAX_ROW_BYTES="-1"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ConfigFromEnv(env(c.env))
			require.Error(t, err)
			require.True(t, strings.HasPrefix(err.Error(), "invalid environment: "), err.Error())
			for _, w := range c.wants {
				require.True(t, strings.Contains(err.Error(), w), "error %q lacks %q", err, w)
			}
		})
	}
}

// TestConfigLongColumnsExcerpt: a long COLUMNS value is cut in the error.
func TestConfigLongColumnsExcerpt(t *testing.T) {
	raw := `[{"name":"a","type":"string"},{"name":"b","type":"string"},{"name":"c","type":"blob"}]`
	_, err := ConfigFromEnv(env(map[string]string{"COLUMNS": raw}))
	require.Error(t, err)
	require.Contains(t, err.Error(), fmt.Sprintf(`COLUMNS=%q: column 3 ("c"): type "blob" is not supported`, raw[:64]+"..."))
}
