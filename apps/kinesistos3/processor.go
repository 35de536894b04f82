package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	kcl "github.com/vmware/vmware-go-kcl-v2/clientlibrary/interfaces"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
)

// Flush reasons, logged and put in the metrics.
const (
	reasonInterval = "interval"
	reasonSize     = "size"
	reasonShardEnd = "shard-end"
	reasonShutdown = "shutdown"
	reasonZombie   = "lease-lost"
)

// processorFactory creates one processor per shard lease.
type processorFactory struct {
	cfg     Config
	sink    *Sink
	log     *slog.Logger
	metrics *Metrics
	// shutdownCtx ends when the grace period after SIGTERM is over: a flush
	// still retrying S3 then gives up without checkpointing.
	shutdownCtx context.Context
	now         func() time.Time
	// schemas decodes records framed for the Glue Schema Registry (nil
	// without SCHEMA_ARN: records are stored as they arrive).
	schemas Decoder
	// retryPause is the first pause before asking the registry again after
	// a transient error; it doubles up to 20 s. sleep waits (replaced in
	// tests).
	retryPause time.Duration
	sleep      func(context.Context, time.Duration) error
}

// Decoder turns a framed record into its JSON form (gsr.Deserializer). A
// *gsr.RejectError means the record can never be decoded.
type Decoder interface {
	DecodeJSON(ctx context.Context, data []byte) ([]byte, error)
}

func (f *processorFactory) CreateProcessor() kcl.IRecordProcessor {
	now := f.now
	if now == nil {
		now = time.Now
	}
	return &processor{f: f, now: now}
}

// processor buffers one shard and writes it to S3 before each checkpoint.
// The KCL calls it from the shard's single polling goroutine, so it needs no
// locking; because the worker is configured to call ProcessRecords also for
// empty polls, the interval is checked even when no record arrives.
type processor struct {
	f     *processorFactory
	now   func() time.Time
	shard string
	buf   buffer
	lost  bool // another worker holds the lease: stop writing
}

func (p *processor) Initialize(in *kcl.InitializationInput) {
	p.shard = in.ShardId
	start := ""
	if in.ExtendedSequenceNumber != nil {
		start = aws.ToString(in.ExtendedSequenceNumber.SequenceNumber)
	}
	p.f.log.Info("shard lease taken", "shard", p.shard, "checkpoint", start)
}

func (p *processor) ProcessRecords(in *kcl.ProcessRecordsInput) {
	if p.lost {
		return
	}
	for _, r := range in.Records {
		seq := aws.ToString(r.SequenceNumber)
		line, rejected, ok := p.decode(r.Data, seq)
		if !ok {
			return
		}
		// A size flush never separates records of one KPL aggregate (they
		// share a sequence number): a checkpoint names whole aggregates only.
		if !p.buf.empty() && seq != p.buf.lastSeq && p.buf.size()+len(line)+1 > p.f.cfg.BufferBytes {
			if !p.flush(p.f.shutdownCtx, in.Checkpointer, reasonSize) {
				return
			}
		}
		arrival := aws.ToTime(r.ApproximateArrivalTimestamp)
		if rejected {
			p.buf.addRejected(line, seq, arrival, p.now())
		} else {
			p.buf.add(line, seq, arrival, p.now())
		}
	}
	if !p.buf.empty() && p.buf.age(p.now()) >= p.f.cfg.BufferInterval {
		p.flush(p.f.shutdownCtx, in.Checkpointer, reasonInterval)
	}
}

func (p *processor) Shutdown(in *kcl.ShutdownInput) {
	switch in.ShutdownReason {
	case kcl.TERMINATE:
		// The shard was split or merged and every record was delivered:
		// store the rest, then mark SHARD_END so the children may start.
		if p.lost || !p.flush(p.f.shutdownCtx, in.Checkpointer, reasonShardEnd) {
			return
		}
		p.checkpointShardEnd(in.Checkpointer)
	case kcl.ZOMBIE:
		// Another worker owns the shard now and will re-read from the last
		// checkpoint: store what we hold (the copies it writes overwrite
		// ours, same keys) but do not checkpoint.
		p.lost = true
		p.writeOnly(reasonZombie)
	default: // REQUESTED: SIGTERM
		if !p.lost {
			p.flush(p.f.shutdownCtx, in.Checkpointer, reasonShutdown)
		}
	}
	p.f.log.Info("shard processor stopped", "shard", p.shard, "reason", aws.ToString(kcl.ShutdownReasonMessage(in.ShutdownReason)))
}

// flush writes the buffer and then checkpoints its last sequence number.
// It returns false when processing of this shard must stop (lease lost, or
// shutdown before S3 accepted the write).
func (p *processor) flush(ctx context.Context, cp kcl.IRecordProcessorCheckpointer, reason string) bool {
	if p.buf.empty() {
		return true
	}
	last := p.buf.lastSeq
	if !p.write(ctx, reason) {
		return false
	}
	if err := cp.Checkpoint(aws.String(last)); err != nil {
		if isLeaseLost(err) {
			p.lost = true
			p.f.metrics.LeaseLost(p.shard)
			p.f.log.Warn("lease lost: checkpoint refused, another worker owns the shard", "shard", p.shard, "sequence", last)
			return false
		}
		// The lease renewal writes the same checkpoint again within a few
		// seconds; at worst this buffer is replayed once.
		p.f.log.Warn("checkpoint failed", "shard", p.shard, "sequence", last, "error", err.Error())
	}
	return true
}

func (p *processor) writeOnly(reason string) {
	if !p.buf.empty() {
		p.write(p.f.shutdownCtx, reason)
	}
}

// write stores the buffer in S3 (the delivered records, and the rejected
// ones under <prefix>/_rejected/ with the same name) and empties it on
// success. A replay writes the same keys again.
func (p *processor) write(ctx context.Context, reason string) bool {
	b := &p.buf
	key := objectKey(p.f.cfg.Prefix, b.oldest, p.shard, b.firstSeq, b.lastSeq, p.f.cfg.Extension())
	type object struct {
		key  string
		body []byte
	}
	var objects []object
	if b.data.Len() > 0 {
		objects = append(objects, object{key, b.data.Bytes()})
	}
	if b.rejected.Len() > 0 {
		rejectedKey := objectKey(p.f.cfg.Prefix+"/"+rejectedDir, b.oldest, p.shard, b.firstSeq, b.lastSeq, p.f.cfg.Extension())
		objects = append(objects, object{rejectedKey, b.rejected.Bytes()})
	}
	for _, o := range objects {
		if err := p.f.sink.Write(ctx, p.shard, o.key, o.body); err != nil {
			// Shutting down: the records stay unacknowledged and the next owner
			// of the lease reads them again from the last checkpoint.
			p.f.log.Error("buffer not stored; it will be re-read after the last checkpoint", "shard", p.shard, "records", b.records, "error", err.Error())
			return false
		}
	}
	latency := p.now().Sub(b.oldest)
	p.f.metrics.Flushed(p.shard, b.records-b.rejects, b.size(), latency, reason)
	if b.rejects > 0 {
		p.f.metrics.Rejected(p.shard, b.rejects)
	}
	p.f.log.Info("flushed", "shard", p.shard, "key", key, "records", b.records-b.rejects, "rejected", b.rejects, "bytes", b.size(), "reason", reason, "latency_ms", latency.Milliseconds())
	b.reset()
	return true
}

// checkpointShardEnd marks the shard finished, retrying transient errors:
// without it the child shards are never read.
func (p *processor) checkpointShardEnd(cp kcl.IRecordProcessorCheckpointer) {
	var err error
	for attempt := 0; attempt < 10; attempt++ {
		if err = cp.Checkpoint(nil); err == nil || isLeaseLost(err) {
			break
		}
		select {
		case <-p.f.shutdownCtx.Done():
			err = errors.Join(err, p.f.shutdownCtx.Err())
			attempt = 10
		case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
		}
	}
	if err != nil {
		p.f.log.Error("SHARD_END checkpoint failed; the shard's children wait until another worker finishes it", "shard", p.shard, "error", err.Error())
		return
	}
	p.f.log.Info("shard finished", "shard", p.shard)
}

// rejectedDir holds, under the prefix, the records the schema registry
// rejected. Spark, Glue and Athena skip paths starting with "_".
const rejectedDir = "_rejected"

// rejection is one line of a _rejected object: where the record was, why it
// was rejected, and its bytes.
type rejection struct {
	Shard    string `json:"shard"`
	Sequence string `json:"sequence"`
	Reason   string `json:"reason"`
	Data     []byte `json:"data"`
}

// decode returns the line to store for a record: the record itself when no
// registry is configured or the record is not framed for one (JSON producers
// may share the stream), its JSON form when it decodes, or a rejection line
// when it never can. A transient registry error is retried with backoff; ok
// is false when the shard must stop (shutdown while the registry fails):
// nothing after the last checkpoint is lost, the next owner re-reads it.
func (p *processor) decode(data []byte, seq string) (line []byte, rejected, ok bool) {
	if p.f.schemas == nil || !gsr.IsFramed(data) {
		return data, false, true
	}
	pause := p.f.retryPause
	if pause <= 0 {
		pause = 200 * time.Millisecond
	}
	sleep := p.f.sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	for {
		out, err := p.f.schemas.DecodeJSON(p.f.shutdownCtx, data)
		if err == nil {
			return out, false, true
		}
		var rej *gsr.RejectError
		if errors.As(err, &rej) {
			p.f.log.Warn("record rejected by the schema registry check", "shard", p.shard, "sequence", seq, "reason", rej.Reason)
			line, _ := json.Marshal(rejection{Shard: p.shard, Sequence: seq, Reason: rej.Reason, Data: data})
			return line, true, true
		}
		p.f.metrics.SchemaLookupFailure(p.shard)
		p.f.log.Warn("schema registry unavailable; retrying", "shard", p.shard, "sequence", seq, "error", err.Error(), "pause", pause.String())
		if sleep(p.f.shutdownCtx, pause) != nil {
			p.lost = true // stop this shard without checkpointing further
			p.f.log.Error("shutting down while the schema registry fails; the shard's records after the last checkpoint will be re-read", "shard", p.shard)
			return nil, false, false
		}
		pause = min(2*pause, 20*time.Second)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
