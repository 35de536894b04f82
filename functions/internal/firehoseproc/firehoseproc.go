// Package firehoseproc is the Firehose data-transformation contract shared by
// this project's processor functions: each input record gets exactly one
// result (Ok with new data, Dropped, or ProcessingFailed), one bad record
// never fails the batch, and the response stays under Lambda's 6 MB limit
// for synchronous responses: the records that do not fit are
// ProcessingFailed, logged together on one line, and, once not even the
// smallest result fits, no longer transformed. A transform that reads
// ahead of the records (functions/logenrich) follows the response's size
// with a Budget.
package firehoseproc

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
)

// Status values of a transformed record, as Firehose expects them.
const (
	Ok               = events.KinesisFirehoseTransformedStateOk
	Dropped          = events.KinesisFirehoseTransformedStateDropped
	ProcessingFailed = events.KinesisFirehoseTransformedStateProcessingFailed
)

// MaxResponseBytes keeps a margin under Lambda's 6 MB (6,291,456 bytes)
// response limit for the JSON envelope (base64 grows data by 4/3).
const MaxResponseBytes = 6_000_000

// Result is what a transform makes of one record.
type Result struct {
	Status string
	Data   []byte // with Ok: the new record, without base64
	Reason string // with ProcessingFailed or Dropped: logged, never returned
}

// Transform turns one record's data into a result. It must not panic; a
// panic is caught and the record reported as ProcessingFailed.
type Transform func(ctx context.Context, data []byte) Result

// Counts summarise one invocation for its log line.
type Counts struct {
	Records, Ok, Dropped, Failed, OverLimit int
	InBytes, OutBytes                       int
}

// Process applies t to every record of ev. When the response would exceed
// MaxResponseBytes, the remaining records are returned as ProcessingFailed
// (Firehose writes them under the error prefix) instead of failing the whole
// invocation, and counted as OverLimit; once not even the smallest result
// fits, t is no longer called. A record t fails is logged with its reason;
// the records over the limit are logged on one line after the batch.
func Process(ctx context.Context, ev events.KinesisFirehoseEvent, t Transform, log *slog.Logger) (events.KinesisFirehoseResponse, Counts) {
	resp := events.KinesisFirehoseResponse{Records: make([]events.KinesisFirehoseResponseRecord, 0, len(ev.Records))}
	var c Counts
	size := emptyResponse
	var over overLimitLog
	id := func(i int) string { return ev.Records[i].RecordID }
	for i, rec := range ev.Records {
		res := overLimitResult
		if !full(size, len(rec.RecordID)) {
			res = safely(ctx, t, rec.Data)
		}
		res = decide(&size, &c, len(rec.RecordID), len(rec.Data), res)
		out := events.KinesisFirehoseResponseRecord{RecordID: rec.RecordID, Result: res.Status}
		if res.Status == Ok {
			out.Data = res.Data
		} else {
			over.failed(log, res, i, id)
		}
		resp.Records = append(resp.Records, out)
	}
	over.log(log, c.OverLimit, id)
	return resp, c
}

// overLimit is the reason of a record failed for the response's size.
const overLimit = "response would exceed Lambda's 6 MB limit; lower the processor's buffer size"

// overLimitResult is the result of a record that no result fits anymore.
var overLimitResult = Result{Status: ProcessingFailed, Reason: overLimit}

// full tells whether the response, at size bytes so far, has no room left
// for a record whose id is idLen bytes long: not even the smallest result
// (Ok with no data) fits, so every result would be over the limit and the
// transform is not called (the record's result is the same as if it had
// been).
func full(size, idLen int) bool {
	return size+resultCost(idLen, Ok, 0) > MaxResponseBytes
}

// overLimitLog keeps the records failed for the response's size, so that
// they are logged once, after the batch, with their count and the first
// and last of their ids: they share one reason, and a 6 MB event can have
// thousands of them. Each record that the transform failed on its own
// keeps its own line with its reason.
type overLimitLog struct {
	first, last int // indexes of the batch's first and last record over the limit
	any         bool
}

// failed logs a record whose result is not Ok, or keeps it for log when it
// is over the limit.
func (o *overLimitLog) failed(log *slog.Logger, res Result, i int, recordID func(int) string) {
	switch {
	case res.Status != ProcessingFailed || log == nil:
	case res.Reason == overLimit:
		if !o.any {
			o.first, o.any = i, true
		}
		o.last = i
	default:
		log.Warn("record failed", "recordId", recordID(i), "reason", res.Reason)
	}
}

// log writes the line of the records over the limit, if there were any.
func (o *overLimitLog) log(log *slog.Logger, n int, recordID func(int) string) {
	if o.any && log != nil {
		log.Warn("records over the response limit", "records", n,
			"first_recordId", recordID(o.first), "last_recordId", recordID(o.last), "reason", overLimit)
	}
}

// emptyResponse is the size counted for {"records":[]}.
const emptyResponse = 16

// resultCost is what a record's result adds to the response: its recordId,
// result and base64 data (of dataLen bytes before it), with their JSON
// punctuation.
func resultCost(idLen int, status string, dataLen int) int {
	return idLen + len(status) + (dataLen+2)/3*4 + 64
}

// Budget follows a response's size as Process and ProcessEvent count it,
// for a transform that reads ahead of them (functions/logenrich decodes
// the records in a first pass): Add each record's result, or the least it
// can be, in order; Full then says when they would no longer call the
// transform.
type Budget struct{ size int }

// NewBudget is the budget of a response without records.
func NewBudget() Budget { return Budget{size: emptyResponse} }

// Add counts the next record: its result's status and dataLen bytes of
// data (before base64); a result that does not fit counts as the
// ProcessingFailed it would become.
func (b *Budget) Add(idLen int, status string, dataLen int) {
	c := resultCost(idLen, status, dataLen)
	if b.size+c > MaxResponseBytes {
		c = resultCost(idLen, ProcessingFailed, 0)
	}
	b.size += c
}

// Full tells whether no result of a record whose id is idLen bytes fits
// any more.
func (b Budget) Full(idLen int) bool { return full(b.size, idLen) }

// decide applies the response size limit to a record's result and counts
// it; size is the response's estimated size so far. Process and
// ProcessEvent share it, so that both make the same decisions.
func decide(size *int, c *Counts, idLen, inLen int, res Result) Result {
	c.Records++
	c.InBytes += inLen
	if res.Status != Ok {
		res.Data = nil
	}
	cost := resultCost(idLen, res.Status, len(res.Data))
	if *size+cost > MaxResponseBytes {
		res = Result{Status: ProcessingFailed, Reason: overLimit}
		c.OverLimit++
		cost = resultCost(idLen, ProcessingFailed, 0)
	}
	*size += cost
	switch res.Status {
	case Ok:
		c.Ok++
		c.OutBytes += len(res.Data)
	case Dropped:
		c.Dropped++
	default:
		c.Failed++
	}
	return res
}

func safely(ctx context.Context, t Transform, data []byte) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Status: ProcessingFailed, Reason: "transform panicked"}
		}
	}()
	return checked(t(ctx, data))
}

// safelyAt is safely for a RecordTransform.
func safelyAt(ctx context.Context, t RecordTransform, i int) (res Result) {
	defer func() {
		if r := recover(); r != nil {
			res = Result{Status: ProcessingFailed, Reason: "transform panicked"}
		}
	}()
	return checked(t(ctx, i))
}

// checked makes a result of an unknown status ProcessingFailed.
func checked(res Result) Result {
	switch res.Status {
	case Ok, Dropped, ProcessingFailed:
	default:
		res = Result{Status: ProcessingFailed, Reason: "transform returned status " + res.Status}
	}
	return res
}
