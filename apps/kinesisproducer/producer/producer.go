// Package producer writes test records to a Kinesis data stream with
// PutRecords: batches of up to 500 records and 5 MiB, at a target rate, with
// the records a batch did not accept (throttling, internal errors) retried
// with backoff until accepted. It is the load generator of the streaming
// patterns (catalogue ING-10) and the producer of their end-to-end tests.
//
// Every record carries a unique id and the time it was sent, padded to the
// requested size, so that a reader can check that each record arrived exactly
// once and measure end-to-end latency. By default a record is a JSON object;
// with Options.Serializer it is the Avro encoding of SensorSchema in the Glue
// Schema Registry's wire format (catalogue CAT-10, see apps/internal/gsr).
package producer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
)

// API is the part of the Kinesis client the producer uses.
type API interface {
	PutRecords(ctx context.Context, in *kinesis.PutRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.PutRecordsOutput, error)
}

// Record is the payload the producer writes (and a reader decodes).
type Record struct {
	ID      string `json:"id" avro:"id"`
	Device  string `json:"device" avro:"device"`
	SentAt  int64  `json:"sent_unix_nano" avro:"sent_unix_nano"`
	Padding string `json:"pad,omitempty" avro:"pad"`
}

// SensorSchema is Record's AVRO schema, the one the Streaming stack registers
// in its Glue Schema Registry (schema SchemaName) and the producer writes
// with: a producer finds its version id by this exact text.
const SensorSchema = `{"type":"record","name":"SensorReading","namespace":"cdkdatapatterns.streaming","doc":"One sensor reading sent by kinesisproducer.","fields":[{"name":"id","type":"string","doc":"Unique per record: <run id>-<sequence>."},{"name":"device","type":"string","doc":"The sensor, also the partition key."},{"name":"sent_unix_nano","type":"long","doc":"When the producer sent it, nanoseconds since the Unix epoch."},{"name":"pad","type":"string","default":"","doc":"Padding up to the requested record size."}]}`

// SchemaName is the name SensorSchema is registered under.
const SchemaName = "sensor-reading"

// Options shape the load.
type Options struct {
	Stream  string
	RunID   string // prefix of record ids; unique per run
	Size    int    // bytes per record (at least the JSON envelope, ≈ 100 B)
	Rate    int    // records per second; 0 = as fast as accepted
	Devices int    // distinct partition keys; default 64
	Batch   int    // records per PutRecords call, 1..500; default 500
	Keep    bool   // keep each record's bytes in Sent.Data (for checks)
	// Backoff is the first pause before re-sending refused entries; it
	// doubles up to 5 s. Default 100 ms.
	Backoff time.Duration
	// Serializer writes Avro records of SensorSchema framed for the Glue
	// Schema Registry instead of JSON.
	Serializer *gsr.Serializer
}

// Sent is what a run wrote: the ids in send order, when each was accepted
// and, with Options.Keep, each record's bytes.
type Sent struct {
	IDs      []string
	Accepted map[string]time.Time
	Data     map[string][]byte
	Calls    int
	Retried  int
}

// Run writes count records and returns when all were accepted or ctx ended.
func Run(ctx context.Context, api API, opt Options, count int) (*Sent, error) {
	if opt.Stream == "" {
		return nil, errors.New("producer: stream name is required")
	}
	if opt.Devices <= 0 {
		opt.Devices = 64
	}
	if opt.Batch <= 0 || opt.Batch > 500 {
		opt.Batch = 500
	}
	sent := &Sent{Accepted: make(map[string]time.Time, count)}
	if opt.Keep {
		sent.Data = make(map[string][]byte, count)
	}
	var interval time.Duration
	if opt.Rate > 0 {
		interval = time.Second / time.Duration(opt.Rate)
	}
	start := time.Now()
	for n := 0; n < count; {
		size := min(opt.Batch, count-n)
		if interval > 0 {
			// Pace by batch: at least 10 calls per second, each sent when
			// its first record is due (a late batch goes at once).
			size = min(size, max(1, int(time.Second/interval)/10))
			if d := time.Until(start.Add(time.Duration(n) * interval)); d > 0 {
				if err := sleep(ctx, d); err != nil {
					return sent, err
				}
			}
		}
		batch := make([]types.PutRecordsRequestEntry, 0, size)
		ids := make([]string, 0, size)
		for i := 0; i < size; i++ {
			rec := Record{ID: fmt.Sprintf("%s-%08d", opt.RunID, n+i), Device: fmt.Sprintf("sensor-%03d", (n+i)%opt.Devices), SentAt: time.Now().UnixNano()}
			var data []byte
			var err error
			if opt.Serializer != nil {
				data, err = EncodeAvro(opt.Serializer, rec, opt.Size)
			} else {
				data, err = Encode(rec, opt.Size)
			}
			if err != nil {
				return sent, err
			}
			sent.IDs = append(sent.IDs, rec.ID)
			ids = append(ids, rec.ID)
			if opt.Keep {
				sent.Data[rec.ID] = data
			}
			batch = append(batch, types.PutRecordsRequestEntry{Data: data, PartitionKey: aws.String(rec.Device)})
		}
		if err := put(ctx, api, opt.Stream, batch, ids, sent, opt.Backoff); err != nil {
			return sent, err
		}
		n += size
	}
	return sent, nil
}

// Encode renders rec padded to size bytes (without the trailing newline).
func Encode(rec Record, size int) ([]byte, error) {
	base, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	if pad := size - len(base) - len(`,"pad":""`); pad > 0 {
		rec.Padding = strings.Repeat("x", pad)
		return json.Marshal(rec)
	}
	return base, nil
}

// EncodeAvro renders rec as a framed Avro record of about size bytes (the
// padding is sized from the unpadded encoding).
func EncodeAvro(s *gsr.Serializer, rec Record, size int) ([]byte, error) {
	base, err := s.Marshal(rec)
	if err != nil {
		return nil, err
	}
	// A string's length prefix grows by a byte per 7 bits of length.
	if pad := size - len(base) - 2; pad > 0 {
		rec.Padding = strings.Repeat("x", pad)
		return s.Marshal(rec)
	}
	return base, nil
}

// put sends a batch (ids[i] is the id of batch[i]), re-sending the entries
// Kinesis did not accept.
func put(ctx context.Context, api API, stream string, batch []types.PutRecordsRequestEntry, ids []string, sent *Sent, backoff time.Duration) error {
	if backoff <= 0 {
		backoff = 100 * time.Millisecond
	}
	for attempt := 0; len(batch) > 0; attempt++ {
		sent.Calls++
		out, err := api.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String(stream), Records: batch})
		if err != nil {
			if ctx.Err() != nil || attempt > 20 {
				return fmt.Errorf("PutRecords: %w", err)
			}
		} else {
			now := time.Now()
			var failed []types.PutRecordsRequestEntry
			var failedIDs []string
			for i, r := range out.Records {
				if r.ErrorCode != nil {
					failed = append(failed, batch[i])
					failedIDs = append(failedIDs, ids[i])
					continue
				}
				sent.Accepted[ids[i]] = now
			}
			sent.Retried += len(failed)
			batch, ids = failed, failedIDs
			if len(batch) == 0 {
				return nil
			}
		}
		if err := sleep(ctx, backoff); err != nil {
			return err
		}
		backoff = min(2*backoff, 5*time.Second)
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
