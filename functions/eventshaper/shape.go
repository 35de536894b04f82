package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"
	"unicode/utf8"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// MaxRecordBytes is the largest record the shaper reads: 1 MiB, the
// largest record a Kinesis data stream or Firehose's PutRecord takes by
// default. A larger record is ProcessingFailed (Firehose keeps it under the
// error prefix of the S3 backup).
const MaxRecordBytes = 1 << 20

// timeLayout is RFC 3339 in UTC with milliseconds, fixed width.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// Timestamp sources of a document (its timestamp_source field; empty when
// @timestamp is the event's own occurred_at).
const (
	fromEvent      = ""
	fromArrival    = "arrival"    // the record's ApproximateArrivalTimestamp
	fromProcessing = "processing" // the invocation's time: no arrival time known
)

// The input's groups and their known fields, with the document's names.
var groups = []struct {
	in, out string
	fields  []field
}{
	{"artist", "artist", []field{{"id", text}, {"name", text}}},
	{"track", "track", []field{{"id", text}, {"title", text}, {"duration_ms", whole}}},
	{"user", "user", []field{{"id", text}, {"country", text}, {"device", text}}},
	{"context", "interaction", []field{{"playlist_id", text}, {"position_ms", whole}}},
}

// groupFields is the number of known fields of the group named key in the
// input, 0 for a key that is not a group's.
func groupFields(key []byte) int {
	for _, g := range groups {
		if string(key) == g.in {
			return len(g.fields)
		}
	}
	return 0
}

type kind int

const (
	text  kind = iota // a JSON string ("" is left out)
	whole             // a whole number from 0 to 2^63-1, without fraction or exponent
)

type field struct {
	name string
	kind kind
}

// shaped is what shape tells the summary about one record.
type shaped struct {
	source   string
	hasExtra bool
}

// shape turns one producer event into its search document (see doc.go for
// the mapping). arrival is the record's ApproximateArrivalTimestamp (zero
// when unknown), now the invocation's time.
func shape(data []byte, arrival, now time.Time) (firehoseproc.Result, shaped) {
	return shapeInto(nil, nil, data, arrivalMilli(arrival), now.UnixMilli())
}

// noArrival is the arrival time of a record that has none.
const noArrival = math.MinInt64

// arrivalMilli is arrival in milliseconds since the epoch, noArrival when
// it is zero.
func arrivalMilli(arrival time.Time) int64 {
	if arrival.IsZero() {
		return noArrival
	}
	return arrival.UnixMilli()
}

// shapeInto is shape writing the document into dst[:0] (grown as needed)
// and taking the members of the objects it reads from a's arenas (reset
// first; nil: new slices), so that one buffer and one set of arenas serve
// every record of an invocation when each document is encoded before the next
// record is shaped.
//
// Times are in milliseconds since the epoch: arrival is noArrival when
// unknown, now the invocation's time.
func shapeInto(dst []byte, a *arenas, data []byte, arrival, now int64) (firehoseproc.Result, shaped) {
	body := bytes.TrimSpace(data)
	if len(body) == 0 {
		return firehoseproc.Result{Status: firehoseproc.Dropped, Reason: "blank record"}, shaped{}
	}
	if len(data) > MaxRecordBytes {
		return failed(fmt.Sprintf("record of %d bytes is over the %d-byte limit", len(data), MaxRecordBytes))
	}
	if !utf8.Valid(body) {
		return failed("not UTF-8 (JSON text must be UTF-8)")
	}
	out := dst[:0]
	if need := len(body) + 128; cap(out) < need {
		out = make([]byte, 0, need)
	}
	if a == nil {
		a = &arenas{}
	}
	if doc, ok := shapeCanonical(out, body, arrival, &a.dates); ok {
		return firehoseproc.Result{Status: firehoseproc.Ok, Data: doc}, shaped{}
	}
	if doc, ok := shapeUsual(out, body, arrival, now, &a.extra, &a.dates); ok {
		return firehoseproc.Result{Status: firehoseproc.Ok, Data: doc.data}, doc.info
	}
	return shapeAny(out, a, body, arrival, now)
}

// shapeAny is shapeInto for any record that is not blank, too large or not
// UTF-8: body is the record without surrounding whitespace, out the
// document's buffer (empty).
func shapeAny(out []byte, a *arenas, body []byte, arrival, now int64) (firehoseproc.Result, shaped) {
	if a == nil {
		a = &arenas{}
	}
	a.top, a.groups = a.top[:0], a.groups[:0]
	var top members
	end := -1
	if body[0] == '{' {
		top, end = objectMembers(&a.top, body, 0, 10, &a.groups) // checked as it is split, groups too
	}
	if end != len(body) && !(body[0] != '{' && jsonscan.Valid(body)) {
		var v json.RawMessage
		err := json.Unmarshal(body, &v) // for the syntax error's message
		return failed("not JSON: " + err.Error())
	}
	if body[0] != '{' {
		if string(body) == "null" {
			return failed("not a JSON object (null)")
		}
		return failed("not a JSON object")
	}

	id, ok := top.take("event_id")
	if !ok || !nonEmptyString(id) {
		return failed("event_id must be a non-empty string")
	}
	typ, ok := top.take("event_type")
	if !ok || !nonEmptyString(typ) {
		return failed("event_type must be a non-empty string")
	}

	var ts int64
	occurred := false
	if raw, present := top.get("occurred_at"); present {
		if isString(raw) {
			if ts, occurred = parseOccurred(raw); occurred {
				top.take("occurred_at")
			}
		} else if string(raw) == "null" {
			top.take("occurred_at")
		}
		// An unreadable occurred_at stays in top, so it ends up in extra.
	}
	src, ts := docTime(ts, occurred, arrival, now)
	out = appendHead(out, &a.dates, ts, src, id, typ)

	for gi, g := range groups {
		m := top.find(g.in)
		if m == nil || !m.split {
			if m != nil && string(m.raw) == "null" {
				m.gone = true
			}
			continue // absent, or another type than an object: extra
		}
		ms := m.group
		start := len(out)
		out = swar.AppendShort(out, groupOpen[gi])
		n := 0
		for fi, f := range g.fields {
			fm := ms.find(f.name)
			if fm == nil {
				continue
			}
			switch v := fm.raw; {
			case string(v) == "null", f.kind == text && string(v) == `""`:
				fm.gone = true // nothing to keep
				continue
			case f.kind == text && !isString(v), f.kind == whole && !isWhole(v):
				continue // stays in ms: extra
			}
			fm.gone = true
			out = appendField(out, gi, fi, n, fm.raw)
			n++
		}
		if n == 0 {
			out = out[:start]
		} else {
			out = append(out, '}')
		}
		if ms.any() {
			m.inExtra = true // in place: extra keeps the input's order
		} else {
			m.gone = true
		}
	}
	out = appendIngest(out, &a.dates, arrival)
	// What is left of top is extra.
	hasExtra := top.any()
	if hasExtra {
		out = append(out, `,"extra":`...)
		out = appendMembers(out, top)
	}
	out = append(out, '}')
	return firehoseproc.Result{Status: firehoseproc.Ok, Data: out}, shaped{source: src, hasExtra: hasExtra}
}

// docTime is the document's @timestamp and its source: occurred_at (ms,
// when occurred), else the arrival time, else the invocation's.
func docTime(ms int64, occurred bool, arrival, now int64) (string, int64) {
	switch {
	case occurred:
		return fromEvent, ms
	case arrival != noArrival:
		return fromArrival, arrival
	}
	return fromProcessing, now
}

// appendHead starts the document: @timestamp, timestamp_source and event.
func appendHead(out []byte, d *dates, ts int64, src string, id, typ []byte) []byte {
	out = append(out, `{"@timestamp":"`...)
	out = d.appendTimestamp(out, ts)
	out = append(out, '"')
	if src != fromEvent {
		out = append(out, `,"timestamp_source":"`...)
		out = append(out, src...)
		out = append(out, '"')
	}
	out = append(out, `,"event":{"id":`...)
	out = swar.AppendShort(out, id)
	out = append(out, `,"type":`...)
	out = swar.AppendShort(out, typ)
	return append(out, '}')
}

// appendField writes field f of group g with its value v as written,
// after n fields of the group.
func appendField(out []byte, g, f, n int, v []byte) []byte {
	return swar.AppendShort(swar.AppendShort(out, fieldKeys[g][f][min(n, 1)]), v)
}

// groupOpen is each group's `,"out":{`, groupKey its `,"out":`, and
// fieldKeys each field's `"name":` as the group's first field and
// `,"name":` after it, with room for swar.AppendShort to read 16 bytes.
var groupOpen, groupKey, fieldKeys = func() (open, key [][]byte, keys [][][2][]byte) {
	for _, g := range groups {
		open = append(open, swar.Padded(`,"`+g.out+`":{`))
		key = append(key, swar.Padded(`,"`+g.out+`":`))
		var ks [][2][]byte
		for _, f := range g.fields {
			ks = append(ks, [2][]byte{swar.Padded(`"` + f.name + `":`), swar.Padded(`,"` + f.name + `":`)})
		}
		keys = append(keys, ks)
	}
	return open, key, keys
}()

// appendIngest writes ingest.received_at, when the arrival time is known.
func appendIngest(out []byte, d *dates, arrival int64) []byte {
	if arrival == noArrival {
		return out
	}
	out = append(out, `,"ingest":{"received_at":"`...)
	out = d.appendTimestamp(out, arrival)
	return append(out, `"}`...)
}

func failed(reason string) (firehoseproc.Result, shaped) {
	return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: reason}, shaped{}
}

// appendMembers writes ms as a compact object, in their order.
func appendMembers(out []byte, ms members) []byte {
	out = append(out, '{')
	n := 0
	for _, m := range ms {
		if m.gone {
			continue
		}
		if n > 0 {
			out = append(out, ',')
		}
		n++
		out = append(out, m.rawKey...)
		out = append(out, ':')
		if m.inExtra {
			out = appendMembers(out, m.group)
		} else {
			out = jsonscan.AppendCompact(out, m.raw)
		}
	}
	return append(out, '}')
}

func isString(raw []byte) bool { return raw[0] == '"' }

func nonEmptyString(raw []byte) bool { return len(raw) > 2 && isString(raw) }

// isWhole tells a number from 0 to 2^63-1 written as digits only.
func isWhole(raw []byte) bool {
	if len(raw) > len(maxWhole) {
		return false
	}
	for _, c := range raw {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(raw) < len(maxWhole) || string(raw) <= maxWhole
}

// maxWhole is 2^63-1.
const maxWhole = "9223372036854775807"
