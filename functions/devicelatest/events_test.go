package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
	"github.com/stretchr/testify/require"
)

// Helpers that build Kinesis events as Lambda delivers them.

const (
	testShard  = "shardId-000000000003"
	testStream = "arn:aws:kinesis:eu-west-1:111111111111:stream/readings"
)

// arrival is when the test records reached the stream.
var arrival = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// seq returns the n-th sequence number of the test shard, in the 56-digit
// form Kinesis uses today.
func seq(n int) string {
	return fmt.Sprintf("49590338271490256608559692538361571095921575989136%06d", n)
}

func record(shard, sequence string, data []byte) events.KinesisEventRecord {
	return events.KinesisEventRecord{
		AwsRegion:         "eu-west-1",
		EventID:           shard + ":" + sequence,
		EventName:         "aws:kinesis:record",
		EventSource:       "aws:kinesis",
		EventSourceArn:    testStream,
		EventVersion:      "1.0",
		InvokeIdentityArn: "arn:aws:iam::111111111111:role/devicelatest",
		Kinesis: events.KinesisRecord{
			ApproximateArrivalTimestamp: events.SecondsEpochTime{Time: arrival},
			Data:                        data,
			PartitionKey:                "pk",
			SequenceNumber:              sequence,
			KinesisSchemaVersion:        "1.0",
		},
	}
}

// payload is what the project's producer writes for one reading.
func payload(t testing.TB, id, device string, sentAt int64) []byte {
	t.Helper()
	data, err := producer.Encode(producer.Record{ID: id, Device: device, SentAt: sentAt}, 160)
	require.NoError(t, err)
	return data
}

// readings builds an event of one record per (device, n): record i has
// sequence number seq(first+i), id "r<first+i>" and sentAt first+i.
func readings(t testing.TB, first int, devices ...string) events.KinesisEvent {
	var ev events.KinesisEvent
	for i, d := range devices {
		n := first + i
		ev.Records = append(ev.Records, record(testShard, seq(n), payload(t, fmt.Sprintf("r%d", n), d, int64(n))))
	}
	return ev
}
