package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Committer commits offsets synchronously (*kgo.Client does).
type Committer interface {
	CommitOffsetsSync(ctx context.Context, offsets map[string]map[int32]kgo.EpochOffset,
		onDone func(*kgo.Client, *kmsg.OffsetCommitRequest, *kmsg.OffsetCommitResponse, error))
}

// partBuf holds the records of one partition that are not yet in S3.
type partBuf struct {
	data        bytes.Buffer
	records     int
	first, last int64
	epoch       int32     // leader epoch of the last record, for the commit
	firstTime   time.Time // Kafka timestamp of the first record (the object's hour)
	oldest      time.Time // min(first timestamp, arrival here): the age clock
}

// partState is what the lag metric needs per partition.
type partState struct {
	highWatermark int64 // from the last fetch
	committed     int64 // next offset to read after the last commit; -1 unknown
}

// Consumer buffers records per partition and writes each buffer to S3 as
// one object, committing the partition's offset only after S3 accepted it.
type Consumer struct {
	cfg     Config
	commit  Committer
	sink    *Sink
	metrics *Metrics
	log     *slog.Logger
	now     func() time.Time

	mu    sync.Mutex // buffers: the poll loop and the rebalance callbacks
	bufs  map[int32]*partBuf
	lagMu sync.Mutex
	parts map[int32]*partState
}

// NewConsumer returns a consumer of cfg.Topic.
func NewConsumer(cfg Config, commit Committer, sink *Sink, metrics *Metrics, log *slog.Logger) *Consumer {
	return &Consumer{cfg: cfg, commit: commit, sink: sink, metrics: metrics, log: log, now: time.Now,
		bufs: map[int32]*partBuf{}, parts: map[int32]*partState{}}
}

// Add buffers the records of one fetched partition.
func (c *Consumer) Add(partition int32, highWatermark int64, recs []*kgo.Record) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	b := c.bufs[partition]
	if b == nil {
		b = &partBuf{}
		c.bufs[partition] = b
	}
	for _, r := range recs {
		if b.records == 0 {
			b.first = r.Offset
			b.firstTime = r.Timestamp
			if b.firstTime.IsZero() {
				b.firstTime = now
			}
			b.oldest = now
			// A record that waited in the topic is flushed sooner; a
			// producer clock ahead of ours is ignored.
			if r.Timestamp.Before(now) && !r.Timestamp.IsZero() {
				b.oldest = r.Timestamp
			}
		}
		b.data.Write(r.Value)
		if len(r.Value) == 0 || r.Value[len(r.Value)-1] != '\n' {
			b.data.WriteByte('\n')
		}
		b.records++
		b.last = r.Offset
		b.epoch = r.LeaderEpoch
	}
	c.lagMu.Lock()
	st := c.parts[partition]
	if st == nil {
		st = &partState{committed: -1}
		if len(recs) > 0 {
			st.committed = recs[0].Offset
		}
		c.parts[partition] = st
	}
	if highWatermark >= 0 {
		st.highWatermark = highWatermark
	}
	c.lagMu.Unlock()
}

// FlushDue writes the buffers whose first record is BUFFER_INTERVAL old or
// that hold BUFFER_BYTES.
func (c *Consumer) FlushDue(ctx context.Context) error {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.sortedParts() {
		b := c.bufs[p]
		switch {
		case b.records == 0:
		case b.data.Len() >= c.cfg.BufferBytes:
			if err := c.flush(ctx, p, b, "size"); err != nil {
				return err
			}
		case now.Sub(b.oldest) >= c.cfg.BufferInterval:
			if err := c.flush(ctx, p, b, "interval"); err != nil {
				return err
			}
		}
	}
	return nil
}

// FlushAll writes every buffer (shutdown).
func (c *Consumer) FlushAll(ctx context.Context, reason string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.sortedParts() {
		if err := c.flush(ctx, p, c.bufs[p], reason); err != nil {
			return err
		}
	}
	return nil
}

// Revoked flushes and forgets the partitions the group takes away: called
// by franz-go before the rebalance completes, so the next owner starts after
// the offsets committed here.
func (c *Consumer) Revoked(ctx context.Context, revoked map[string][]int32) {
	parts := revoked[c.cfg.Topic]
	if len(parts) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.RevokeTimeout)
	defer cancel()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range parts {
		if b := c.bufs[p]; b != nil {
			if err := c.flush(ctx, p, b, "revoked"); err != nil {
				// Not committed: the next owner reads these records again.
				c.log.Error("revoked partition not flushed in time; its records will be read again by the next owner", "partition", p, "error", err.Error())
			}
		}
		c.forget(p)
	}
	c.metrics.Count("PartitionsRevoked", len(parts))
	c.log.Info("partitions revoked", "partitions", parts)
}

// Lost drops the buffers of partitions this member no longer owns (session
// expired, fenced): committing for them would be refused, and the next
// owner reads them again from the last commit.
func (c *Consumer) Lost(lost map[string][]int32) {
	parts := lost[c.cfg.Topic]
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range parts {
		c.forget(p)
	}
	if len(parts) > 0 {
		c.metrics.Count("PartitionsLost", len(parts))
		c.log.Warn("partitions lost; their unflushed records will be read again by the next owner", "partitions", parts)
	}
}

// Assigned logs the partitions the group gives this member.
func (c *Consumer) Assigned(assigned map[string][]int32) {
	c.log.Info("partitions assigned", "partitions", assigned[c.cfg.Topic])
}

func (c *Consumer) forget(p int32) {
	delete(c.bufs, p)
	c.lagMu.Lock()
	delete(c.parts, p)
	c.lagMu.Unlock()
}

// flush writes one buffer, then commits the offset after its last record.
// It is called with c.mu held. An S3 write that did not succeed before ctx
// ended keeps the buffer and commits nothing.
func (c *Consumer) flush(ctx context.Context, p int32, b *partBuf, reason string) error {
	if b == nil || b.records == 0 {
		return nil
	}
	key := objectKey(c.cfg.Prefix, b.firstTime, c.cfg.Topic, p, b.first, b.last)
	if err := c.sink.Write(ctx, key, b.data.Bytes()); err != nil {
		return err
	}
	next := b.last + 1
	var commitErr error
	c.commit.CommitOffsetsSync(ctx, map[string]map[int32]kgo.EpochOffset{c.cfg.Topic: {p: {Epoch: b.epoch, Offset: next}}},
		func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
			if err == nil && resp != nil {
				for _, t := range resp.Topics {
					for _, pr := range t.Partitions {
						if pr.ErrorCode != 0 {
							err = fmt.Errorf("partition %d: error code %d", pr.Partition, pr.ErrorCode)
						}
					}
				}
			}
			commitErr = err
		})
	latency := c.now().Sub(b.oldest)
	if commitErr != nil {
		// The object is in S3; the next commit covers it, or the next owner
		// writes it again (same first offset, so usually the same key).
		c.metrics.Count("CommitFailures", 1)
		c.log.Warn("offset commit failed after the S3 write", "partition", p, "offset", next, "key", key, "error", commitErr.Error())
	} else {
		c.lagMu.Lock()
		if st := c.parts[p]; st != nil {
			st.committed = next
		}
		c.lagMu.Unlock()
	}
	c.metrics.Flushed(p, b.records, b.data.Len(), latency, reason)
	c.log.Debug("flushed", "partition", p, "key", key, "records", b.records, "reason", reason)
	b.data.Reset()
	b.records = 0
	return nil
}

// Lag is the records between the committed offsets and the high
// watermarks of this member's partitions.
func (c *Consumer) Lag() int64 {
	c.lagMu.Lock()
	defer c.lagMu.Unlock()
	var lag int64
	for _, st := range c.parts {
		if st.committed >= 0 && st.highWatermark > st.committed {
			lag += st.highWatermark - st.committed
		}
	}
	return lag
}

func (c *Consumer) sortedParts() []int32 {
	ps := make([]int32, 0, len(c.bufs))
	for p := range c.bufs {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
	return ps
}
