package firehoseproc

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// Event is a Firehose transformation event read by ParseEvent without
// reflection: the invocation's fields for logging and, per record, the
// recordId, the arrival time and the data already decoded from base64.
//
// An Event is meant to be reused from one invocation to the next: its
// records and their data live in buffers that ParseEvent keeps, so the
// slices it hands out are valid only until the next ParseEvent, and
// RecordID may alias the event body.
type Event struct {
	InvocationID, DeliveryStreamArn, SourceKinesisStreamArn, Region string
	Records                                                         []Record

	data []byte // every record's decoded data, one after the other
}

// Record is one record of an Event. ProcessRecords writes RecordID back as
// ParseEvent read it: a transform must not change it.
type Record struct {
	RecordID  []byte
	ArrivalMs int64  // approximateArrivalTimestamp, ms since the epoch; 0 when absent or null
	Data      []byte // decoded from base64; its capacity ends with it

	plainID bool // RecordID is plain ASCII without escapes: written back between quotes as it is
}

// errFallback makes ParseEvent hand the event to encoding/json.
var errFallback = errors.New("firehoseproc: unusual event")

// ParseEvent reads body, a Firehose transformation event, into ev. It
// accepts and rejects exactly what aws-lambda-go's decoder does with an
// events.KinesisFirehoseEvent (a json.Decoder: what follows the event is
// ignored): Firehose's own events take a fast path that scans them once and
// decodes each record's data straight into ev's buffer; anything unusual on
// that path (escaped or case-folded keys, duplicate keys, null records,
// values of unexpected types, invalid JSON) is decoded by encoding/json
// instead, which then also decides the error.
func ParseEvent(body []byte, ev *Event) error {
	if err := ev.parse(body); err == nil {
		return nil
	}
	return ev.parseSlowly(body)
}

// parseSlowly is ParseEvent with encoding/json, as aws-lambda-go decodes.
func (ev *Event) parseSlowly(body []byte) error {
	var e events.KinesisFirehoseEvent
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(&e); err != nil {
		return err
	}
	ev.FromEvent(e)
	return nil
}

// FromEvent sets ev from an event decoded by encoding/json; the records'
// data are e's own slices.
func (ev *Event) FromEvent(e events.KinesisFirehoseEvent) {
	ev.InvocationID, ev.DeliveryStreamArn, ev.SourceKinesisStreamArn, ev.Region = e.InvocationID, e.DeliveryStreamArn, e.SourceKinesisStreamArn, e.Region
	ev.Records = ev.Records[:0]
	for _, r := range e.Records {
		var ms int64
		if !r.ApproximateArrivalTimestamp.IsZero() {
			ms = r.ApproximateArrivalTimestamp.UnixMilli()
		}
		ev.Records = append(ev.Records, Record{RecordID: []byte(r.RecordID), ArrivalMs: ms, Data: r.Data[:len(r.Data):len(r.Data)]})
	}
}

// Field names the fast path knows, with encoding/json's case-insensitive
// matching in mind: a key that matches one of them only case-insensitively
// takes the slow path.
var (
	eventKeys    = []string{"invocationId", "deliveryStreamArn", "sourceKinesisStreamArn", "region", "records"}
	recordKeys   = []string{"recordId", "approximateArrivalTimestamp", "data", "kinesisRecordMetadata"}
	metadataKeys = []string{"shardId", "partitionKey", "sequenceNumber", "subsequenceNumber", "approximateArrivalTimestamp"}
)

// scanner reads JSON from b at i; its methods return errFallback on
// anything the fast path leaves to encoding/json.
type scanner struct {
	b []byte
	i int
}

func (s *scanner) ws() {
	if s.i < len(s.b) && s.b[s.i] > ' ' {
		return // compact JSON: no whitespace, one comparison
	}
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips whitespace and returns the next byte, or 0 at the end.
func (s *scanner) next() byte {
	s.ws()
	if s.i < len(s.b) {
		return s.b[s.i]
	}
	return 0
}

func (s *scanner) expect(c byte) error {
	if s.next() != c {
		return errFallback
	}
	s.i++
	return nil
}

// str reads a string token at s.i; plain is false when it has escapes or
// bytes beyond ASCII (which encoding/json may rewrite).
func (s *scanner) str() (tok []byte, plain bool, err error) {
	if s.next() != '"' {
		return nil, false, errFallback
	}
	return s.strFrom(s.i, s.i+1)
}

// strFrom is str for the string token whose quote is at start, read from j
// on (the bytes from start+1 to j are known to be plain: neither a quote, a
// backslash, a control byte nor beyond ASCII).
func (s *scanner) strFrom(start, j int) (tok []byte, plain bool, err error) {
	plain = true
	for ; j < len(s.b); j++ {
		if j = jsonscan.ASCIIRunEnd(s.b, j); j == len(s.b) {
			break
		}
		c := s.b[j]
		switch {
		case c == '"':
			s.i = j + 1
			return s.b[start:s.i], plain, nil
		case c < 0x20:
			return nil, false, errFallback
		case c == '\\':
			plain = false
			j++
			if j >= len(s.b) {
				return nil, false, errFallback
			}
			switch s.b[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(s.b) || !isHex(s.b[j+1]) || !isHex(s.b[j+2]) || !isHex(s.b[j+3]) || !isHex(s.b[j+4]) {
					return nil, false, errFallback
				}
				j += 4
			default:
				return nil, false, errFallback
			}
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return nil, false, errFallback
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// text reads a string value as encoding/json decodes it.
func (s *scanner) text() ([]byte, error) {
	v, _, err := s.textPlain()
	return v, err
}

// textPlain is text that also says whether the token was plain (ASCII
// without escapes), so that the value is its own JSON between quotes.
func (s *scanner) textPlain() ([]byte, bool, error) {
	tok, plain, err := s.str()
	if err != nil {
		return nil, false, err
	}
	if plain {
		return tok[1 : len(tok)-1], true, nil
	}
	var v string
	if err := json.Unmarshal(tok, &v); err != nil {
		return nil, false, errFallback
	}
	return []byte(v), false, nil
}

// key reads an object key and its colon; a key with escapes or beyond ASCII
// takes the slow path.
func (s *scanner) key() ([]byte, error) {
	tok, plain, err := s.str()
	if err != nil || !plain {
		return nil, errFallback
	}
	return tok[1 : len(tok)-1], s.expect(':')
}

// which returns the index of k in keys, or -1 for a key encoding/json
// ignores, or errFallback for one it would match case-insensitively.
func which(k []byte, keys []string) (int, error) {
	for i, name := range keys {
		if string(k) == name {
			return i, nil
		}
	}
	for _, name := range keys {
		if bytes.EqualFold(k, []byte(name)) {
			return 0, errFallback
		}
	}
	return -1, nil
}

// keyAt reads an object key and its colon, and returns its index in keys
// as which does. Firehose writes an object's keys in the order of keys, so
// keys[expected] is compared first, as the bytes it must be written with
// (a quote, the key, a quote: no escapes), which spares the scan of the
// key and the search of keys.
func (s *scanner) keyAt(keys []string, expected int) (int, error) {
	if expected < len(keys) && s.next() == '"' {
		key, j := keys[expected], s.i+1
		if end := j + len(key); end < len(s.b) && s.b[end] == '"' && string(s.b[j:end]) == key {
			s.i = end + 1
			return expected, s.expect(':')
		}
	}
	name, err := s.key()
	if err != nil {
		return 0, err
	}
	return which(name, keys)
}

// int reads an integer that fits int64 with room (at most 18 digits).
func (s *scanner) int() (int64, error) {
	s.ws()
	j, neg := s.i, false
	if j < len(s.b) && s.b[j] == '-' {
		neg = true
		j++
	}
	digits := j
	var v int64
	for j < len(s.b) && '0' <= s.b[j] && s.b[j] <= '9' {
		v = v*10 + int64(s.b[j]-'0')
		j++
	}
	n := j - digits
	if n == 0 || n > 18 || n > 1 && s.b[digits] == '0' {
		return 0, errFallback
	}
	if j < len(s.b) {
		switch s.b[j] {
		case '.', 'e', 'E':
			return 0, errFallback
		}
	}
	s.i = j
	if neg {
		v = -v
	}
	return v, nil
}

// skip skips any valid value.
func (s *scanner) skip(depth int) error {
	if depth > 512 {
		return errFallback
	}
	switch c := s.next(); c {
	case '"':
		_, _, err := s.str()
		return err
	case '{':
		s.i++
		if s.next() == '}' {
			s.i++
			return nil
		}
		for {
			if _, _, err := s.str(); err != nil {
				return err
			}
			if err := s.expect(':'); err != nil {
				return err
			}
			if err := s.skip(depth + 1); err != nil {
				return err
			}
			switch s.next() {
			case ',':
				s.i++
			case '}':
				s.i++
				return nil
			default:
				return errFallback
			}
		}
	case '[':
		s.i++
		if s.next() == ']' {
			s.i++
			return nil
		}
		for {
			if err := s.skip(depth + 1); err != nil {
				return err
			}
			switch s.next() {
			case ',':
				s.i++
			case ']':
				s.i++
				return nil
			default:
				return errFallback
			}
		}
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		return s.number()
	}
}

func (s *scanner) literal(w string) error {
	if !bytes.HasPrefix(s.b[s.i:], []byte(w)) {
		return errFallback
	}
	s.i += len(w)
	return nil
}

// number skips a number in JSON's grammar.
func (s *scanner) number() error {
	j := jsonscan.NumberEnd(s.b, s.i)
	if j < 0 {
		return errFallback
	}
	s.i = j
	return nil
}

// object calls field for each key of the object at s.i; field reads the
// value.
func (s *scanner) object(keys []string, field func(k int) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.next() == '}' {
		s.i++
		return nil
	}
	var seen uint
	expected := 0 // keys[expected] is the key after the last one read, in keys' order
	for {
		k, err := s.keyAt(keys, expected)
		if err != nil {
			return err
		}
		if k < 0 {
			err = s.skip(0)
		} else if seen&(1<<k) != 0 {
			return errFallback // encoding/json keeps the last; rare enough
		} else {
			seen |= 1 << k
			expected = k + 1
			err = field(k)
		}
		if err != nil {
			return err
		}
		switch s.next() {
		case ',':
			s.i++
		case '}':
			s.i++
			return nil
		default:
			return errFallback
		}
	}
}

// parse is the fast path of ParseEvent.
func (ev *Event) parse(body []byte) error {
	*ev = Event{Records: ev.Records[:0], data: ev.data}
	if n := len(body)/4*3 + 3; cap(ev.data) < n {
		ev.data = make([]byte, n)
	}
	data := ev.data[:cap(ev.data)]
	used := 0
	s := &scanner{b: body}
	strField := func(dst *string) error {
		v, err := s.text()
		*dst = string(v)
		return err
	}
	var rec *Record
	var metadata func(k int) error
	metadata = func(k int) error {
		if k >= 3 {
			_, err := s.int()
			return err
		}
		_, err := s.text()
		return err
	}
	record := func(k int) error {
		switch k {
		case 0:
			v, plain, err := s.textPlain()
			rec.RecordID, rec.plainID = v, plain
			return err
		case 1:
			ms, err := s.int()
			rec.ArrivalMs = ms
			return err
		case 2:
			// One pass: the base64 is decoded eight characters at a time
			// from the quote on until a step meets a character outside the
			// alphabet (the closing quote, padding), and only the rest is
			// scanned for the quote and decoded by decodeBase64.
			if s.next() != '"' {
				return errFallback
			}
			start := s.i
			read, n := decodeBase64Run(data[used:], s.b[start+1:])
			tok, plain, err := s.strFrom(start, start+1+read)
			if err != nil || !plain {
				return errFallback
			}
			src := tok[1 : len(tok)-1]
			if len(src)%4 != 0 {
				return errFallback
			}
			rest, err := decodeBase64(data[used+n:], src[read:])
			n += rest
			pad := 0
			if len(src) > 0 && src[len(src)-1] == '=' {
				pad++
				if src[len(src)-2] == '=' {
					pad++
				}
			}
			if err != nil || n != len(src)/4*3-pad {
				return errFallback
			}
			rec.Data = data[used : used+n : used+n]
			used += n
			return nil
		default:
			return s.object(metadataKeys, metadata)
		}
	}
	return s.object(eventKeys, func(k int) error {
		switch k {
		case 0:
			return strField(&ev.InvocationID)
		case 1:
			return strField(&ev.DeliveryStreamArn)
		case 2:
			return strField(&ev.SourceKinesisStreamArn)
		case 3:
			return strField(&ev.Region)
		}
		if err := s.expect('['); err != nil {
			return err
		}
		if s.next() == ']' {
			s.i++
			return nil
		}
		for {
			ev.Records = append(ev.Records, Record{})
			rec = &ev.Records[len(ev.Records)-1]
			if err := s.object(recordKeys, record); err != nil {
				return err
			}
			switch s.next() {
			case ',':
				s.i++
			case ']':
				s.i++
				return nil
			default:
				return errFallback
			}
		}
	})
}

// ProcessEvent is Process for an Event read by ParseEvent: it applies t to
// every record with the same contract (one result per record, a panic is
// ProcessingFailed, the response size limit makes the remaining records
// OverLimit) and writes the response JSON to out (reset first), encoding
// each record's output before the next transform, so that a transform may
// reuse its output buffer.
func ProcessEvent(ctx context.Context, ev *Event, t Transform, log *slog.Logger, out *bytes.Buffer) Counts {
	return ProcessRecords(ctx, ev, func(ctx context.Context, i int) Result {
		return t(ctx, ev.Records[i].Data)
	}, log, out)
}

// RecordTransform is a Transform that is given the index of the record in
// its Event rather than the record's data, for transforms that need more of
// the record (its arrival time) or keep something per record from an
// earlier pass over the event. The same rules apply: it must not panic (a
// panic is caught and the record reported as ProcessingFailed).
type RecordTransform func(ctx context.Context, i int) Result

// ProcessRecords is ProcessEvent with a RecordTransform: t is called once
// per record of ev, in order, with the record's index in ev.Records, until
// not even the smallest result fits in the response, and each record's
// output is encoded before the next call.
func ProcessRecords(ctx context.Context, ev *Event, t RecordTransform, log *slog.Logger, out *bytes.Buffer) Counts {
	var c Counts
	size := emptyResponse
	out.Reset()
	out.WriteString(`{"records":[`)
	var over overLimitLog
	id := func(i int) string { return string(ev.Records[i].RecordID) }
	for i := range ev.Records {
		rec := &ev.Records[i]
		res := overLimitResult
		if !full(size, len(rec.RecordID)) {
			res = safelyAt(ctx, t, i)
		}
		res = decide(&size, &c, len(rec.RecordID), len(rec.Data), res)
		// The result in one piece: appended to out's spare room (the
		// data's base64 encoded in place) and written at once.
		out.Grow(len(rec.RecordID) + base64.StdEncoding.EncodedLen(len(res.Data)) + resultJSON)
		out.Write(appendResult(out.AvailableBuffer(), i, rec, res))
		if res.Status != Ok {
			over.failed(log, res, i, id)
		}
	}
	out.WriteString("]}")
	over.log(log, c.OverLimit, id)
	return c
}

// resultJSON is the room a result takes besides its id and data, the
// longest status counted.
const resultJSON = len(`,{"recordId":"","result":"ProcessingFailed","data":""}`)

// appendResult appends the result of record i, res, to b.
func appendResult(b []byte, i int, rec *Record, res Result) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	b = append(b, `{"recordId":`...)
	if rec.plainID {
		b = append(append(append(b, '"'), rec.RecordID...), '"')
	} else {
		id, _ := json.Marshal(string(rec.RecordID))
		b = append(b, id...)
	}
	b = append(append(append(b, `,"result":"`...), res.Status...), '"')
	if res.Status == Ok {
		n := base64.StdEncoding.EncodedLen(len(res.Data))
		b = slices.Grow(append(b, `,"data":"`...), n+2)
		b = b[:len(b)+n]
		encodeBase64(b[len(b)-n:], res.Data)
		b = append(b, '"')
	}
	return append(b, '}')
}
