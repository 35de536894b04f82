package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
)

const testKey = "0123456789abcdef0123456789abcdef" // 32 bytes

func redactor(mode Mode, detect bool, fields ...string) *Redactor {
	return NewRedactor(Config{Fields: fields, Mode: mode, HashKey: []byte(testKey), Detect: detect})
}

func redactOK(t *testing.T, r *Redactor, in string) (string, Counts) {
	t.Helper()
	res, c := r.Redact([]byte(in))
	require.Equal(t, firehoseproc.Ok, res.Status, res.Reason)
	require.True(t, strings.HasSuffix(string(res.Data), "\n"))
	require.Equal(t, 1, strings.Count(string(res.Data), "\n"), "one line per record")
	return strings.TrimSuffix(string(res.Data), "\n"), c
}

func mac(s string) string {
	m := hmac.New(sha256.New, []byte(testKey))
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil))
}

// reading is an IoT message as a device of the fleet publishes it.
const reading = `{"device":"th-0042","ts":"2026-11-25T10:00:00Z",` +
	`"owner":{"name":"Kim Minji","email":"minji@example.kr","phone":"+82 10-1234-5678"},` +
	`"location":{"lat":37.5665,"lon":126.978,"site":"Seoul-3"},"ssn":"900101-1234567",` +
	`"metrics":{"temp_c":21.5,"humidity":40},"note":"call 010-9876-5432 if offline"}`

var fields = []string{"owner.email", "owner.phone", "location.lat", "location.lon", "ssn"}

func TestModes(t *testing.T) {
	out, c := redactOK(t, redactor(Mask, true, fields...), reading)
	require.Equal(t, `{"device":"th-0042","ts":"2026-11-25T10:00:00Z",`+
		`"owner":{"name":"Kim Minji","email":"***","phone":"***"},`+
		`"location":{"lat":null,"lon":null,"site":"Seoul-3"},"ssn":"***",`+
		`"metrics":{"temp_c":21.5,"humidity":40},"note":"call [REDACTED:phone] if offline"}`, out)
	require.Equal(t, Counts{Field: 5, Phone: 1}, c)

	out, c = redactOK(t, redactor(Remove, true, fields...), reading)
	require.Equal(t, `{"device":"th-0042","ts":"2026-11-25T10:00:00Z",`+
		`"owner":{"name":"Kim Minji"},"location":{"site":"Seoul-3"},`+
		`"metrics":{"temp_c":21.5,"humidity":40},"note":"call [REDACTED:phone] if offline"}`, out)
	require.Equal(t, Counts{Field: 5, Phone: 1}, c)

	out, c = redactOK(t, redactor(Hash, false, fields...), reading)
	require.Equal(t, `{"device":"th-0042","ts":"2026-11-25T10:00:00Z",`+
		`"owner":{"name":"Kim Minji","email":"`+mac("minji@example.kr")+`","phone":"`+mac("+82 10-1234-5678")+`"},`+
		`"location":{"lat":"`+mac("37.5665")+`","lon":"`+mac("126.978")+`","site":"Seoul-3"},"ssn":"`+mac("900101-1234567")+`",`+
		`"metrics":{"temp_c":21.5,"humidity":40},"note":"call 010-9876-5432 if offline"}`, out, "DETECT=false leaves the note")
	require.Equal(t, Counts{Field: 5}, c)
}

func TestHashIsOfTheValue(t *testing.T) {
	r := redactor(Hash, false, "a", "b.c")
	out, _ := redactOK(t, r, `{"a":"x@y.z","b":{"c":"x@y.z"}}`)
	require.Equal(t, `{"a":"`+mac("x@y.z")+`","b":{"c":"`+mac("x@y.z")+`"}}`, out, "one value, one hash, whatever the field")
	out, _ = redactOK(t, r, `{"a":"x\u0040y.z"}`)
	require.Equal(t, `{"a":"`+mac("x@y.z")+`"}`, out, "the decoded string is hashed")
	out, _ = redactOK(t, r, `{"a":{ "k" : [1, 2] },"b":{"c":7}}`)
	require.Equal(t, `{"a":"`+mac(`{"k":[1,2]}`)+`","b":{"c":"`+mac("7")+`"}}`, out, "other values: their compact JSON")
	out, _ = redactOK(t, r, `{"a":"7","b":{"c":7}}`)
	require.Equal(t, `{"a":"`+mac("7")+`","b":{"c":"`+mac("7")+`"}}`, out, `"7" and 7 are the same text`)
}

func TestPaths(t *testing.T) {
	r := redactor(Mask, false, "owner.email", "readings.gps.lat", "tags")
	out, c := redactOK(t, r, `{"owner":[{"email":"a"},{"email":"b","x":1},"s"],`+
		`"readings":[{"gps":{"lat":1,"lon":2}},{"gps":[{"lat":3}]}],"tags":["x","y"],"email":"top","o":{"owner":{"email":"deep"}}}`)
	require.Equal(t, `{"owner":[{"email":"***"},{"email":"***","x":1},"s"],`+
		`"readings":[{"gps":{"lat":null,"lon":2}},{"gps":[{"lat":null}]}],"tags":null,"email":"top","o":{"owner":{"email":"deep"}}}`, out,
		"arrays are transparent; paths start at the top")
	require.Equal(t, 5, c.Field)

	out, c = redactOK(t, r, `{"owner":{"email":null},"readings":{"gps":"none"}}`)
	require.Equal(t, `{"owner":{"email":null},"readings":{"gps":"none"}}`, out)
	require.Zero(t, c.Field, "null is nothing to redact")

	out, _ = redactOK(t, redactor(Remove, false, "a", "a.b", "c"), `{"a":{"b":1},"c":2}`)
	require.Equal(t, `{}`, out, "the shorter path wins; no dangling commas")
	out, _ = redactOK(t, redactor(Remove, false, "b"), `{"a":1,"b":2,"c":3}`)
	require.Equal(t, `{"a":1,"c":3}`, out)
	out, _ = redactOK(t, redactor(Remove, false, "a"), `{"a":1,"b":2}`)
	require.Equal(t, `{"b":2}`, out)
	out, _ = redactOK(t, redactor(Mask, false, "owner.e-mail"), `{"own\u0065r":{"e-mail":"x"}}`)
	require.Equal(t, `{"own\u0065r":{"e-mail":"***"}}`, out, "escaped keys match; written as they were")
}

func TestDetectorsReachEveryString(t *testing.T) {
	out, c := redactOK(t, redactor(Mask, true, "unused"),
		` [ "a@example.com" , {"k":["4111 1111 1111 1111", {"n":"tel +821012345678"}]}, "x\u0040example.com", 4111111111111111, "plain" ] `)
	require.Equal(t, `["[REDACTED:email]",{"k":["[REDACTED:credit_card]",{"n":"tel [REDACTED:phone]"}]},"[REDACTED:email]",4111111111111111,"plain"]`, out,
		"numbers are not scanned; keys are not either")
	require.Equal(t, Counts{Email: 2, CreditCard: 1, Phone: 1}, c)

	out, _ = redactOK(t, redactor(Mask, true, "unused"), `{"m":"\"quoted\" a@example.com\n\ttab \u0001 é 🎵 <&>"}`)
	require.Equal(t, `{"m":"\"quoted\" [REDACTED:email]\n\ttab \u0001 é 🎵 <&>"}`, out, "a rewritten string is escaped correctly")
}

func TestUntouchedRecordsAreOnlyCompacted(t *testing.T) {
	for _, in := range []string{`{"a":1}`, "{\n  \"a\" : [ 1 , 2.50e3 , true , null ] ,\r\n \"b\" : \"x y\\u00e9\" }\n", `"s"`, `12`, `null`, `[]`, `{}`} {
		out, c := redactOK(t, redactor(Mask, true, "z"), in)
		require.Zero(t, c.Total())
		require.NotContains(t, out, "\n")
		require.Equal(t, strings.Join(strings.Fields(out), " "), out)
	}
	out, _ := redactOK(t, redactor(Mask, true, "z"), "{\n  \"a\" : [ 1 , 2.50e3 , true , null ] ,\r\n \"b\" : \"x y\\u00e9\" }\n")
	require.Equal(t, `{"a":[1,2.50e3,true,null],"b":"x y\u00e9"}`, out, "values as written, whitespace inside strings kept")
}

func TestRefusals(t *testing.T) {
	r := redactor(Mask, true, fields...)
	for in, reason := range map[string]string{
		`{"a":`:                 "not JSON: unexpected end of JSON input",
		`{"a":1}{"b":2}`:        "not JSON: invalid character '{' after top-level value",
		`{"a":1}` + "\n" + `{}`: "not JSON: invalid character '{' after top-level value",
		"{\"a\":\"\xff\"}":      "not UTF-8 (JSON text must be UTF-8)",
		`{'a':1}`:               "not JSON: invalid character '\\'' looking for beginning of object key string",
		`{"a":1}` + strings.Repeat(" ", MaxRecordBytes): "record of 1048583 bytes is over the 1048576-byte limit",
	} {
		res, c := r.Redact([]byte(in))
		require.Equal(t, firehoseproc.ProcessingFailed, res.Status, "%.40q", in)
		require.Equal(t, reason, res.Reason, "%.40q", in)
		require.Nil(t, res.Data)
		require.Zero(t, c.Total())
	}
	for _, in := range []string{"", " ", "\n", "\r\n"} {
		res, _ := r.Redact([]byte(in))
		require.Equal(t, firehoseproc.Dropped, res.Status)
	}
}

func TestDeepNesting(t *testing.T) {
	in := strings.Repeat(`{"a":[`, 5000) + `"a@example.com"` + strings.Repeat(`]}`, 5000)
	out, c := redactOK(t, redactor(Mask, true, "a.a.a"), in)
	require.Equal(t, 1, c.Field)
	require.True(t, strings.HasPrefix(out, `{"a":[{"a":[{"a":null}]}]`))
}
