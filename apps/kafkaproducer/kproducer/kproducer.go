// Package kproducer writes the sensor readings of apps/kinesisproducer (the
// same producer.Record, the same JSON padded to a size) to a Kafka topic
// through a franz-go client: keyed by device, at a target rate, every record
// acknowledged by all in-sync replicas with the idempotent producer. It is
// the load generator of the Kafka patterns (catalogue ING-16, ING-18) and the
// producer of kafkatos3's end-to-end tests.
package kproducer

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

// Options shape the load.
type Options struct {
	Topic   string
	RunID   string // prefix of record ids; unique per run
	Size    int    // bytes per record
	Rate    int    // records per second; 0 = as fast as acknowledged
	Devices int    // distinct keys; default 64
	Keep    bool   // keep each record's bytes in Sent.Data (for checks)
}

// Sent is what a run wrote: the ids in send order, when each was
// acknowledged and, with Options.Keep, each record's bytes.
type Sent struct {
	IDs      []string
	Acked    map[string]time.Time
	Data     map[string][]byte
	Failures int
}

// ProducerOpts are the producer settings the command always uses: acks from
// every in-sync replica (idempotence is franz-go's default and needs it),
// batches of up to batchBytes lingering up to linger, compressed.
func ProducerOpts(linger time.Duration, batchBytes int32, compression string) ([]kgo.Opt, error) {
	opts := []kgo.Opt{kgo.RequiredAcks(kgo.AllISRAcks()), kgo.ProducerLinger(linger), kgo.ProducerBatchMaxBytes(batchBytes)}
	switch compression {
	case "", "none":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.NoCompression()))
	case "lz4":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.Lz4Compression()))
	case "zstd":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.ZstdCompression()))
	case "snappy":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.SnappyCompression()))
	default:
		return nil, fmt.Errorf("compression %q: allowed are none, lz4, zstd and snappy", compression)
	}
	return opts, nil
}

// Run produces count records and returns when every one was acknowledged
// (or failed for good: franz-go retries retriable errors itself) or ctx
// ended.
func Run(ctx context.Context, cl *kgo.Client, opt Options, count int) (*Sent, error) {
	if opt.Topic == "" {
		return nil, errors.New("kproducer: topic is required")
	}
	if opt.Devices <= 0 {
		opt.Devices = 64
	}
	sent := &Sent{Acked: make(map[string]time.Time, count)}
	if opt.Keep {
		sent.Data = make(map[string][]byte, count)
	}
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	var interval time.Duration
	if opt.Rate > 0 {
		interval = time.Second / time.Duration(opt.Rate)
	}
	start := time.Now()
	for n := 0; n < count; n++ {
		if interval > 0 {
			if d := time.Until(start.Add(time.Duration(n) * interval)); d > 0 {
				t := time.NewTimer(d)
				select {
				case <-ctx.Done():
					t.Stop()
					wg.Wait()
					return sent, ctx.Err()
				case <-t.C:
				}
			}
		}
		rec := producer.Record{ID: fmt.Sprintf("%s-%08d", opt.RunID, n), Device: fmt.Sprintf("sensor-%03d", n%opt.Devices), SentAt: time.Now().UnixNano()}
		data, err := producer.Encode(rec, opt.Size)
		if err != nil {
			return sent, err
		}
		mu.Lock()
		sent.IDs = append(sent.IDs, rec.ID)
		if opt.Keep {
			sent.Data[rec.ID] = data
		}
		mu.Unlock()
		wg.Add(1)
		id := rec.ID
		cl.Produce(ctx, &kgo.Record{Topic: opt.Topic, Key: []byte(rec.Device), Value: data}, func(_ *kgo.Record, err error) {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				sent.Failures++
				if firstErr == nil {
					firstErr = fmt.Errorf("record %s: %w", id, err)
				}
				return
			}
			sent.Acked[id] = time.Now()
		})
	}
	wg.Wait()
	return sent, firstErr
}
