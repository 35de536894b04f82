package main

import (
	"bytes"
	"fmt"
	"testing"
)

// FuzzDirect: with the one-pass reading of common fields (appendDirect)
// and without it (every field through scanField and appendValue), a record
// converts to the same bytes or fails with the same error, whatever the
// delimiter, EMPTY_AS_NULL, MAX_ROW_BYTES and the room in dst. The
// record's commas become the delimiter.
func FuzzDirect(f *testing.F) {
	for _, seed := range []string{
		"sensor-001,12,123456789,21.5,48.2,12.34,true,2026-03-01T12:00:00Z,2026-03-01,hello\n",
		"s,-128,+9223372036854775807,-0.0,1e38,1,t,2026-03-01T12:00:00.5Z,2026-03-01,x\r\ns,1,1,.5,1,1,1,2026-03-01 12:00:00,2026-03-01,y",
		"s,128,1,1e,1,1,1,2026-03-01T12:00:00+09:00,2026-03-01,x\n",
		"s, 1,1,1 ,1,1,1,2026-03-01T12:00:00z ,2026-03-01,\n",
		"\"s\",1,1,1,1,1,1,2026-03-01t12:00:00,2026-03-01,a\"b\n",
		"s\\t\x7f\xc3\xa9,1,1,1,1,1,1,1772366400,2026-03-01,\x01\n",
		"s,1,1,1,1,1,1,2026-03-01T12:00:00Z,2026-03-01,x,extra\n",
		"s,1,1,1,1,1,1,2026-03-01T12:00:00Z\n",
		"a-much-longer-device-identifier,1,1,123456789012345678901234567890,1,1,1,2026-03-01T12:00:00.123456789Z,2026-03-01,n\r",
	} {
		for _, d := range []byte(",;\t-.: ") {
			f.Add([]byte(seed), d, false, 0, false)
		}
		f.Add([]byte(seed), byte(','), true, 60, true)
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte, emptyNull bool, maxRow int, roomy bool) {
		v := map[string]string{"COLUMNS": fuzzColumns, "DELIMITER": string(delim), "EMPTY_AS_NULL": fmt.Sprint(emptyNull)}
		cfg, err := ConfigFromEnv(env(v))
		if err != nil {
			return // a delimiter the configuration refuses
		}
		if maxRow > 0 {
			cfg.MaxRowBytes = maxRow%200 + 1
		}
		data = bytes.ReplaceAll(data, []byte{','}, []byte{delim})
		direct, general := NewConverter(cfg), NewConverter(cfg)
		for i := range general.cols {
			general.cols[i].direct = directNone
		}
		dst := func() []byte {
			if roomy {
				return append(make([]byte, 0, 4*len(data)+64), "keep"...)
			}
			return append(make([]byte, 0, 4), "keep"...)
		}
		got, gotRows, gotErr := direct.AppendRecord(dst(), data)
		want, wantRows, wantErr := general.AppendRecord(dst(), data)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
			t.Fatalf("%q with %q: error %v, want %v", data, delim, gotErr, wantErr)
		}
		if gotErr == nil && (gotRows != wantRows || !bytes.Equal(got, want)) {
			t.Fatalf("%q with %q: %d rows %q, want %d rows %q", data, delim, gotRows, got, wantRows, want)
		}
	})
}
