package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

// DeviceTable and DeviceKey are devicelatest's table (fakeddb.Table).
const (
	DeviceTable = "device-latest"
	DeviceKey   = "device"
)

func init() { Register("devicelatest", deviceLatest) }

// deviceLatest is a Kinesis event as the event source mapping delivers it:
// readings of apps/kinesisproducer (its default 1,000-byte records, JSON
// {id, device, sent_unix_nano, pad}) from 400 devices on 4 shards (the
// device is the partition key, so each device stays on one shard), in
// stream order. None is a KPL aggregate: the notes' Python reads plain
// records (base64.b64decode(record['kinesis']['data'])) and the KPL
// de-aggregation library is not installed here. At about 1.9 KB of event
// per reading, 6 MB is ~3,200 records, under the mapping's 10,000-record
// batch; every reading is one UpdateItem on both sides.
func deviceLatest(rng *rand.Rand, size int) (Case, error) {
	c := Case{
		Fakes:     []string{"device-table"},
		Check:     "devicelatest",
		PyModules: []string{"boto3"},
		Env: []string{"TABLE_NAME=" + DeviceTable, "INVALID_RECORDS=skip",
			"AWS_ACCESS_KEY_ID=AKIDBENCH", "AWS_SECRET_ACCESS_KEY=bench", "AWS_EC2_METADATA_DISABLED=true"},
	}
	arrival := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	total := len(`{"Records":[]}`)
	var recs []json.RawMessage
	for i := 0; ; i++ {
		d := rng.IntN(400)
		device := fmt.Sprintf("sensor-%03d", d)
		shard := fmt.Sprintf("shardId-%012d", d%4)
		seq := fmt.Sprintf("49659123456789012345678901234567890123456789%012d", 1000+i)
		data, err := producer.Encode(producer.Record{ID: fmt.Sprintf("bench-%d", i), Device: device,
			SentAt: arrival.UnixNano() + int64(i)*1000}, 1000)
		if err != nil {
			return Case{}, err
		}
		r, err := json.Marshal(events.KinesisEventRecord{
			AwsRegion: "us-east-1", EventID: shard + ":" + seq, EventName: "aws:kinesis:record",
			EventSource: "aws:kinesis", EventSourceArn: "arn:aws:kinesis:us-east-1:123456789012:stream/readings",
			EventVersion: "1.0", InvokeIdentityArn: "arn:aws:iam::123456789012:role/devicelatest",
			Kinesis: events.KinesisRecord{
				ApproximateArrivalTimestamp: events.SecondsEpochTime{Time: arrival.Add(time.Duration(i) * time.Millisecond)},
				Data:                        data, PartitionKey: device, SequenceNumber: seq, KinesisSchemaVersion: "1.0",
			},
		})
		if err != nil {
			return Case{}, err
		}
		if total+len(r)+1 > size && i > 0 {
			break
		}
		total += len(r) + 1
		recs = append(recs, r)
	}
	ev, err := json.Marshal(map[string]any{"Records": recs})
	if err != nil {
		return Case{}, err
	}
	c.Event, c.Records = ev, len(recs)
	return c, nil
}
