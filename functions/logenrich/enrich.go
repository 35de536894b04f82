package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
	"unsafe"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// timeLayout is RFC 3339 in UTC with milliseconds, fixed width.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// deadlineMargin is kept free before the invocation's deadline for the
// lookups, so that a slow table ends in failed records rather than a
// timed-out invocation.
const deadlineMargin = 2 * time.Second

// Processor enriches Firehose batches of CloudWatch Logs envelopes.
type Processor struct {
	KeyField []string
	Lookup   *Lookup
	Decoder  cwlogs.Decoder
	Log      *slog.Logger     // failed records (firehoseproc logs them); nil discards
	Now      func() time.Time // nil is time.Now

	// ProcessEvent's buffers, reused from one invocation to the next.
	kept    []*decoded
	recs    []decoded // record i's decoded form and buffers
	scratch decoded   // records beyond keepDecodedBytes
	keys    []string
	names   interner
	buf     []byte
}

// Summary counts what one invocation did; the handler logs it.
type Summary struct {
	firehoseproc.Counts
	ControlMessages int // CONTROL_MESSAGE records (dropped)
	LogEvents       int // log events written
	Enriched        int // ... with an item
	Missing         int // ... without: no key, or no item for the key
	NoKey           int // ... of which without a key
	Lookups         LookupStats
}

// Process enriches every record of ev. It first looks up the keys of the
// whole batch (about one BatchGetItem per 100 distinct keys), then builds
// each record's output; a record is ProcessingFailed when a lookup it
// needs failed.
func (p *Processor) Process(ctx context.Context, ev events.KinesisFirehoseEvent) (events.KinesisFirehoseResponse, Summary) {
	lookupCtx, cancel := lookupContext(ctx)
	defer cancel()
	inv := p.Lookup.begin(p.now())

	// Pass 1: decode every record and look up the keys of the whole batch
	// together. The decoded records are kept for pass 2 up to
	// keepDecodedBytes of messages; beyond, pass 2 decodes again rather
	// than hold a large batch twice in memory.
	kept := make(map[*byte]*decoded, len(ev.Records))
	var keys []string
	held := 0
	budget := firehoseproc.NewBudget()
	for _, rec := range ev.Records {
		if budget.Full(len(rec.RecordID)) {
			break // see ProcessEvent
		}
		d := p.decode(rec.Data)
		d.count(&budget, len(rec.RecordID))
		keys = append(keys, d.keys...)
		if len(rec.Data) > 0 && held+d.size <= keepDecodedBytes {
			kept[&rec.Data[0]] = d
			held += d.size
		}
	}
	inv.fetch(lookupCtx, keys)

	// Pass 2: the output. firehoseproc hands the transform each record's
	// own Data slice, which finds the record's decoded form.
	var sum Summary
	resp, counts := firehoseproc.Process(ctx, ev, func(_ context.Context, data []byte) firehoseproc.Result {
		var d *decoded
		if len(data) > 0 {
			d = kept[&data[0]]
		}
		if d == nil {
			d = p.decode(data)
		}
		return p.transform(lookupCtx, inv, d, &sum, nil)
	}, p.Log)
	sum.Counts = counts
	sum.Lookups = inv.stats
	return resp, sum
}

// ProcessEvent is Process on the handler's path: an event read by
// firehoseproc.ParseEvent, the same two passes (every record decoded and
// the keys of the whole batch looked up together, then the outputs), each
// record's output built into one buffer kept from one invocation to the
// next and encoded into out before the next record's. It is not safe for
// concurrent use (a Lambda execution environment handles one invocation at
// a time).
func (p *Processor) ProcessEvent(ctx context.Context, ev *firehoseproc.Event, out *bytes.Buffer) Summary {
	lookupCtx, cancel := lookupContext(ctx)
	defer cancel()
	inv := p.Lookup.begin(p.now())

	// Pass 1, as in Process; kept is indexed as ev.Records. A record kept
	// is decoded into p.recs[i], whose buffers serve record i of the next
	// invocations too; one beyond keepDecodedBytes into p.scratch, and
	// again in pass 2. Pass 1 stops where even the least the records
	// before can give fills the response (firehoseproc.Budget): pass 2
	// stops there too, unless a lookup failed and its records came out
	// smaller, in which case it decodes what it reaches (and no longer
	// looks anything up). Records that cannot fit are neither decoded nor
	// looked up: with a 6 MB batch of logs, most of them.
	kept := p.kept[:0]
	keys := p.keys[:0]
	held := 0
	budget := firehoseproc.NewBudget()
	for i := range ev.Records {
		if budget.Full(len(ev.Records[i].RecordID)) {
			for range ev.Records[i:] {
				kept = append(kept, nil)
			}
			break
		}
		if len(p.recs) <= i {
			p.recs = append(p.recs, decoded{})
		}
		d := &p.recs[i]
		if held >= keepDecodedBytes {
			d = &p.scratch
		}
		p.decodeInto(d, ev.Records[i].Data, &p.names)
		d.count(&budget, len(ev.Records[i].RecordID))
		keys = append(keys, d.keys...)
		if d != &p.scratch && held+d.size <= keepDecodedBytes {
			held += d.size
		} else {
			d = nil
		}
		kept = append(kept, d)
	}
	inv.fetch(lookupCtx, keys)
	p.keys = keys

	// Pass 2.
	var sum Summary
	sum.Counts = firehoseproc.ProcessRecords(ctx, ev, func(_ context.Context, i int) firehoseproc.Result {
		d := kept[i]
		if d == nil {
			d = &p.scratch
			p.decodeInto(d, ev.Records[i].Data, &p.names)
		}
		res := p.transform(lookupCtx, inv, d, &sum, p.buf)
		if res.Status == firehoseproc.Ok {
			p.buf = res.Data
		}
		return res
	}, p.Log, out)
	sum.Lookups = inv.stats
	clear(kept) // the decoded records are garbage now
	p.kept = kept[:0]
	return sum
}

func (p *Processor) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// lookupContext is ctx with deadlineMargin taken off its deadline, if any.
func lookupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if deadline, ok := ctx.Deadline(); ok {
		return context.WithDeadline(ctx, deadline.Add(-deadlineMargin))
	}
	return ctx, func() {}
}

// keepDecodedBytes bounds the messages kept decoded between the passes (a
// variable for tests).
var keepDecodedBytes = 32 << 20

// decoded is a record decoded, with what its events need. Decoded again
// (decodeInto), it reuses its buffers.
type decoded struct {
	env  parsedEnvelope
	err  error
	evs  []eventOut
	keys []string // the events' keys, repeats included
	size int      // bytes of the messages
	// least is the fewest bytes the record's output can have when it is
	// Ok (its events' fixed parts, group, stream, ids and messages, a
	// JSON message less any whitespace in it), for pass 1's budget.
	least int

	raw, text []byte // the decompressed envelope, its unescaped strings
}

// eventOut is one log event on its way out.
type eventOut struct {
	e      *logEvent
	fields []byte // the message when it is a JSON object
	key    string
	hasKey bool
}

// unzippers keep gzip readers for decode.
var unzippers = sync.Pool{New: func() any { return new(unzipper) }}

func (p *Processor) decode(data []byte) *decoded {
	d := &decoded{}
	p.decodeInto(d, data, nil)
	return d
}

// decodeInto decodes the record data into d: its envelope read by
// parseEnvelope or, when that leaves it, by cwlogs.Decode, which then
// also gives the error; keys are made strings by names (nil: string()).
func (p *Processor) decodeInto(d *decoded, data []byte, names *interner) {
	d.err, d.size, d.least = nil, 0, 0
	d.evs, d.keys = d.evs[:0], d.keys[:0]
	limit := p.Decoder.MaxBytes
	if limit <= 0 {
		limit = cwlogs.DefaultMaxBytes
	}
	u := unzippers.Get().(*unzipper)
	var err error
	d.raw, err = u.gunzip(d.raw, data, limit)
	unzippers.Put(u)
	if err == nil {
		d.text, err = parseEnvelope(d.raw, &d.env, d.text)
	}
	if err != nil {
		env, cerr := p.Decoder.Decode(data)
		if d.err = cerr; cerr != nil {
			return
		}
		fromCwlogs(env, &d.env)
	}
	env := &d.env
	for i := range env.events {
		e := &env.events[i]
		o := eventOut{e: e, fields: jsonObject(e.message)}
		if o.fields != nil {
			var key []byte
			if key, o.hasKey = keyIn(o.fields, p.KeyField); o.hasKey {
				o.key = names.string(key)
				d.keys = append(d.keys, o.key)
			}
		}
		d.evs = append(d.evs, o)
		d.size += len(e.message)
		d.least += leastEventBytes + len(env.group) + len(env.stream) + len(e.id)
		if o.fields != nil {
			d.least += len(o.fields) - whitespace(o.fields) // AppendCompact drops it
		} else {
			d.least += len(e.message)
		}
	}
}

// leastEventBytes is the fixed part of an event's output line: the names,
// quotes and punctuation, a 24-character timestamp and the shortest
// enrichment ({}), as transform writes them.
const leastEventBytes = len(`{"logGroup":"","logStream":"","id":"","timestamp":"2006-01-02T15:04:05.000Z","fields":,"enrichment":{}}`) + 1

// whitespace counts the bytes of b that may be insignificant whitespace.
func whitespace(b []byte) int {
	n := 0
	for _, c := range b {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			n++
		}
	}
	return n
}

// count adds the least the decoded record can give to budget: its result
// as pass 2 will decide it, or, for one that may be Ok, its least output
// (a lookup failure could make it smaller; pass 2 then decodes what it
// reaches).
func (d *decoded) count(budget *firehoseproc.Budget, idLen int) {
	switch {
	case errors.Is(d.err, cwlogs.ErrControlMessage), d.err == nil && len(d.env.events) == 0:
		budget.Add(idLen, firehoseproc.Dropped, 0)
	case d.err != nil:
		budget.Add(idLen, firehoseproc.ProcessingFailed, 0)
	default:
		budget.Add(idLen, firehoseproc.Ok, d.least)
	}
}

// interner makes keys strings, each distinct key once across records and
// invocations (up to a bound), rather than one string per log event.
type interner struct{ m map[string]string }

func (n *interner) string(b []byte) string {
	if n == nil {
		return string(b)
	}
	if s, ok := n.m[string(b)]; ok {
		return s
	}
	if n.m == nil || len(n.m) >= 1<<16 {
		n.m = make(map[string]string)
	}
	s := string(b)
	n.m[s] = s
	return s
}

// transform builds the output of a decoded record into dst[:0] (grown as
// needed; nil for a new slice).
func (p *Processor) transform(ctx context.Context, inv *invocation, d *decoded, sum *Summary, dst []byte) firehoseproc.Result {
	env := &d.env
	switch {
	case errors.Is(d.err, cwlogs.ErrControlMessage):
		sum.ControlMessages++
		return firehoseproc.Result{Status: firehoseproc.Dropped, Reason: "CloudWatch Logs control message"}
	case d.err != nil:
		return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: d.err.Error()}
	case len(env.events) == 0:
		return firehoseproc.Result{Status: firehoseproc.Dropped, Reason: "no log events"}
	}
	inv.fetch(ctx, d.keys) // normally all done in pass 1
	for _, k := range d.keys {
		if r, _ := inv.get(k); r.err != nil {
			return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: "DynamoDB lookup failed: " + r.err.Error()}
		}
	}

	out := dst[:0]
	if need := d.size + len(d.evs)*(len(env.group)+len(env.stream)+160); cap(out) < need {
		out = make([]byte, 0, need)
	}
	for _, o := range d.evs {
		out = append(out, `{"logGroup":`...)
		out = appendString(out, env.group)
		out = append(out, `,"logStream":`...)
		out = appendString(out, env.stream)
		out = append(out, `,"id":`...)
		out = appendString(out, o.e.id)
		out = append(out, `,"timestamp":"`...)
		out = time.UnixMilli(o.e.timestamp).UTC().AppendFormat(out, timeLayout)
		out = append(out, '"')
		if o.fields != nil {
			out = append(out, `,"fields":`...)
			out = jsonscan.AppendCompact(out, o.fields)
		} else {
			out = append(out, `,"message":`...)
			out = appendString(out, o.e.message)
		}
		var item []byte
		if o.hasKey {
			r, _ := inv.get(o.key)
			item = r.item
		}
		if item != nil {
			out = append(out, `,"enrichment":`...)
			out = append(out, item...)
			sum.Enriched++
		} else {
			out = append(out, `,"enrichment":null,"enrichment_missing":true`...)
			sum.Missing++
			if !o.hasKey {
				sum.NoKey++
			}
		}
		out = append(out, "}\n"...)
		sum.LogEvents++
	}
	return firehoseproc.Result{Status: firehoseproc.Ok, Data: out}
}

// appendString appends s as a JSON string.
func appendString(dst, s []byte) []byte {
	return jsonscan.AppendString(dst, unsafe.String(unsafe.SliceData(s), len(s))) // read only, during the call
}

// jsonObject returns msg, without surrounding whitespace, when it is a
// JSON object, else nil.
func jsonObject(msg []byte) []byte {
	b := bytes.TrimSpace(msg)
	if len(b) < 2 || b[0] != '{' || !jsonscan.Valid(b) {
		return nil
	}
	return b
}

// keyIn finds the value at path in the valid JSON object obj: a non-empty
// string of at most MaxKeyBytes, or a number (its text, as written).
func keyIn(obj []byte, path []string) ([]byte, bool) {
	v := obj
	for _, name := range path {
		if v[0] != '{' {
			return nil, false
		}
		var ok bool
		if v, ok = member(v, name); !ok {
			return nil, false
		}
	}
	switch {
	case v[0] == '"':
		k := jsonscan.DecodeString(v)
		return k, len(k) != 0 && len(k) <= MaxKeyBytes
	case v[0] == '-' || v[0] >= '0' && v[0] <= '9':
		return v, true
	}
	return nil, false
}
