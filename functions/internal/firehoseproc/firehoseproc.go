// Package firehoseproc is the Firehose data-transformation contract shared by
// this project's processor functions: each input record gets exactly one
// result (Ok with new data, Dropped, or ProcessingFailed), one bad record
// never fails the batch, and the response stays under Lambda's 6 MB limit
// for synchronous responses.
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
// invocation, and counted as OverLimit.
func Process(ctx context.Context, ev events.KinesisFirehoseEvent, t Transform, log *slog.Logger) (events.KinesisFirehoseResponse, Counts) {
	resp := events.KinesisFirehoseResponse{Records: make([]events.KinesisFirehoseResponseRecord, 0, len(ev.Records))}
	var c Counts
	size := 16 // {"records":[]}
	for _, rec := range ev.Records {
		res := decide(&size, &c, len(rec.RecordID), len(rec.Data), safely(ctx, t, rec.Data))
		out := events.KinesisFirehoseResponseRecord{RecordID: rec.RecordID, Result: res.Status}
		if res.Status == Ok {
			out.Data = res.Data
		} else if res.Status == ProcessingFailed && log != nil {
			log.Warn("record failed", "recordId", rec.RecordID, "reason", res.Reason)
		}
		resp.Records = append(resp.Records, out)
	}
	return resp, c
}

// overLimit is the reason of a record failed for the response's size.
const overLimit = "response would exceed Lambda's 6 MB limit; lower the processor's buffer size"

// decide applies the response size limit to a record's result and counts
// it; size is the response's estimated size so far. Process and
// ProcessEvent share it, so that both make the same decisions.
func decide(size *int, c *Counts, idLen, inLen int, res Result) Result {
	c.Records++
	c.InBytes += inLen
	if res.Status != Ok {
		res.Data = nil
	}
	// recordId, result and base64 data with their JSON punctuation.
	cost := idLen + len(res.Status) + (len(res.Data)+2)/3*4 + 64
	if *size+cost > MaxResponseBytes {
		res = Result{Status: ProcessingFailed, Reason: overLimit}
		c.OverLimit++
		cost = idLen + len(ProcessingFailed) + 64
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
