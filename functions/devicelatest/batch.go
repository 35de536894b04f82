package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// deadlineMargin is kept free before the invocation's deadline, so that a
// slow table ends in a partial-batch answer rather than a timeout (after
// which Lambda would retry the whole batch).
const deadlineMargin = time.Second

// Processor writes the readings of Kinesis batches to the table.
type Processor struct {
	Config Config
	Table  Table
	Log    *slog.Logger     // invalid records; nil discards
	Now    func() time.Time // nil is time.Now
}

// Summary counts what a batch did; the handler logs it.
// UserRecords = Written + StaleOrDuplicate + Invalid, plus, when FailedAt is
// set, the user records of the reported record that were not finished
// (records after it are not counted: Lambda sends them again).
type Summary struct {
	Records          int    // Kinesis records in the event
	UserRecords      int    // readings they carry (an unreadable record counts as 1)
	Written          int    // readings stored as their device's latest
	StaleOrDuplicate int    // readings the condition refused: older or already stored
	Invalid          int    // readings that can never be written
	FailedAt         string // sequence number reported as the batch item failure
	Error            string // why FailedAt was reported
	MaxAge           time.Duration
}

// Process handles one event. It stops at the first record it cannot finish
// and reports that record's sequence number alone: Lambda resumes the shard
// from there, so every later record comes back too (writing them again is a
// no-op, see conditionExpression).
func (p *Processor) Process(ctx context.Context, ev events.KinesisEvent) (events.KinesisEventResponse, Summary) {
	now := p.now()
	s := Summary{Records: len(ev.Records), MaxAge: maxAge(ev.Records, now)}
	if deadline, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-deadlineMargin))
		defer cancel()
	}
	for i := range ev.Records {
		if err := p.processRecord(ctx, &ev.Records[i], now, &s); err != nil {
			s.FailedAt = ev.Records[i].Kinesis.SequenceNumber
			s.Error = err.Error()
			return events.KinesisEventResponse{BatchItemFailures: []events.KinesisBatchItemFailure{{ItemIdentifier: s.FailedAt}}}, s
		}
	}
	return events.KinesisEventResponse{BatchItemFailures: []events.KinesisBatchItemFailure{}}, s
}

// processRecord writes the readings of one Kinesis record. An error means
// the record must be reported as failed.
func (p *Processor) processRecord(ctx context.Context, rec *events.KinesisEventRecord, now time.Time, s *Summary) error {
	pos, err := recordPosition(rec)
	if err == nil {
		var payloads [][]byte
		payloads, err = userRecords(rec.Kinesis.Data)
		if err == nil {
			return p.writeReadings(ctx, rec, pos, payloads, now, s)
		}
	}
	s.UserRecords++
	return p.invalid(rec, pos, err, s)
}

func (p *Processor) writeReadings(ctx context.Context, rec *events.KinesisEventRecord, pos Position, payloads [][]byte, now time.Time, s *Summary) error {
	s.UserRecords += len(payloads)
	for sub, data := range payloads {
		pos.SubSequence = sub
		r, err := decodeReading(data)
		if err != nil {
			if err := p.invalid(rec, pos, err, s); err != nil {
				return err
			}
			continue
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("stopped before sub-sequence %d: %w", sub, context.Cause(ctx))
		}
		written, err := writeLatest(ctx, p.Table, p.Config.TableName, r, pos, now)
		if err != nil {
			return fmt.Errorf("UpdateItem device %q (sub-sequence %d): %w", r.Device, sub, err)
		}
		if written {
			s.Written++
		} else {
			s.StaleOrDuplicate++
		}
	}
	return nil
}

// invalid logs a record that can never be written and, under the fail
// policy, returns the error that makes the batch report it.
func (p *Processor) invalid(rec *events.KinesisEventRecord, pos Position, reason error, s *Summary) error {
	s.Invalid++
	action := "skipped"
	if p.Config.InvalidRecords == FailInvalid {
		action = "reported"
	}
	if p.Log != nil {
		shard, _, _ := strings.Cut(rec.EventID, ":")
		p.Log.Warn("invalid record", "action", action, "reason", reason.Error(),
			"shard_id", shard, "sequence_number", rec.Kinesis.SequenceNumber,
			"sub_sequence", pos.SubSequence, "bytes", len(rec.Kinesis.Data))
	}
	if p.Config.InvalidRecords == FailInvalid {
		return fmt.Errorf("invalid record: %w", reason)
	}
	return nil
}

func (p *Processor) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// maxAge is how long the oldest record of the batch has been in the stream.
func maxAge(records []events.KinesisEventRecord, now time.Time) time.Duration {
	var age time.Duration
	for i := range records {
		if t := records[i].Kinesis.ApproximateArrivalTimestamp.Time; !t.IsZero() {
			age = max(age, now.Sub(t))
		}
	}
	return age
}
