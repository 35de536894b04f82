package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

var testNow = arrival.Add(1500 * time.Millisecond)

func processor(table Table, policy InvalidPolicy, log *bytes.Buffer) *Processor {
	p := &Processor{Config: Config{TableName: testTable, InvalidRecords: policy}, Table: table,
		Now: func() time.Time { return testNow }}
	if log != nil {
		p.Log = slog.New(slog.NewJSONHandler(log, nil))
	}
	return p
}

func noFailures(t *testing.T, res events.KinesisEventResponse) {
	t.Helper()
	require.NotNil(t, res.BatchItemFailures, "an empty list, not null")
	require.Empty(t, res.BatchItemFailures)
}

func reported(t *testing.T, res events.KinesisEventResponse, sequence string) {
	t.Helper()
	require.Equal(t, []events.KinesisBatchItemFailure{{ItemIdentifier: sequence}}, res.BatchItemFailures)
}

func TestWritesLatestReadingOfEachDevice(t *testing.T) {
	f := newFakeTable()
	ev := readings(t, 1, "sensor-a", "sensor-b", "sensor-a", "sensor-c", "sensor-b", "sensor-a")
	res, s := processor(f, SkipInvalid, nil).Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 6, UserRecords: 6, Written: 6, MaxAge: 1500 * time.Millisecond}, s)
	require.Equal(t, storedItem{Device: "sensor-a", ID: "r6", SentAt: 6, ShardID: testShard, SequenceNumber: seq(6),
		SubSequence: 0, UpdatedAt: "2026-03-01T12:00:01.500Z"}, f.item(t, "sensor-a"))
	require.Equal(t, "r5", f.item(t, "sensor-b").ID)
	require.Equal(t, seq(4), f.item(t, "sensor-c").SequenceNumber)
	require.Len(t, f.items, 3)
}

func TestRetryOfTheSameBatchIsANoOp(t *testing.T) {
	f := newFakeTable()
	ev := readings(t, 1, "sensor-a", "sensor-b", "sensor-a")
	p := processor(f, SkipInvalid, nil)
	_, first := p.Process(context.Background(), ev)
	require.Equal(t, 3, first.Written)
	before := f.snapshot()

	p.Now = func() time.Time { return testNow.Add(time.Hour) } // a rewrite would change updatedAt
	res, again := p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 3, UserRecords: 3, StaleOrDuplicate: 3, MaxAge: time.Hour + 1500*time.Millisecond}, again)
	require.Equal(t, before, f.snapshot())
}

func TestOlderRecordDoesNotOverwriteNewer(t *testing.T) {
	f := newFakeTable()
	p := processor(f, SkipInvalid, nil)
	_, s := p.Process(context.Background(), readings(t, 10, "sensor-a"))
	require.Equal(t, 1, s.Written)
	// A record from earlier in the shard arrives late (e.g. a second
	// mapping replaying the stream): it must not replace the newer one.
	_, s = p.Process(context.Background(), readings(t, 9, "sensor-a", "sensor-b"))
	require.Equal(t, 1, s.StaleOrDuplicate)
	require.Equal(t, 1, s.Written)
	require.Equal(t, seq(10), f.item(t, "sensor-a").SequenceNumber)
	require.Equal(t, "r10", f.item(t, "sensor-a").ID)
}

func TestSequenceNumbersCompareAsNumbers(t *testing.T) {
	longest := "1" + strings.Repeat("0", maxSequenceDigits-1)
	steps := []struct {
		sequence string
		written  bool
	}{
		{"99", true},
		{"100", true},   // "100" < "99" as text, but a later record
		{"99", false},   // shorter: earlier
		{"100", false},  // equal: the same record again
		{"101", true},   // same length, greater
		{"0", false},    // the smallest there is
		{longest, true}, // 129 digits, the most Kinesis allows
		{strings.Repeat("9", maxSequenceDigits-1), false},
	}
	f := newFakeTable()
	p := processor(f, SkipInvalid, nil)
	for i, step := range steps {
		ev := events.KinesisEvent{Records: []events.KinesisEventRecord{record(testShard, step.sequence, payload(t, "x", "sensor-a", int64(i)))}}
		res, s := p.Process(context.Background(), ev)
		noFailures(t, res)
		require.Equal(t, step.written, s.Written == 1, "step %d: %s", i, step.sequence)
	}
	require.Equal(t, longest, f.item(t, "sensor-a").SequenceNumber)
}

func TestAnotherShardIsOrderedByProducerTime(t *testing.T) {
	// After a reshard the device's records come from a child shard whose
	// sequence numbers are not comparable with the parent's.
	f := newFakeTable()
	p := processor(f, SkipInvalid, nil)
	parent := events.KinesisEvent{Records: []events.KinesisEventRecord{record("shardId-000000000001", seq(900), payload(t, "p", "sensor-a", 5000))}}
	_, s := p.Process(context.Background(), parent)
	require.Equal(t, 1, s.Written)

	child := events.KinesisEvent{Records: []events.KinesisEventRecord{record("shardId-000000000007", seq(1), payload(t, "c", "sensor-a", 5001))}}
	_, s = p.Process(context.Background(), child)
	require.Equal(t, 1, s.Written, "a later reading from the child shard replaces the parent's")
	require.Equal(t, storedItem{Device: "sensor-a", ID: "c", SentAt: 5001, ShardID: "shardId-000000000007", SequenceNumber: seq(1),
		UpdatedAt: "2026-03-01T12:00:01.500Z"}, f.item(t, "sensor-a"))

	_, s = p.Process(context.Background(), parent)
	require.Equal(t, 1, s.StaleOrDuplicate, "the parent's record again: earlier by producer time")
	_, s = p.Process(context.Background(), child)
	require.Equal(t, 1, s.StaleOrDuplicate, "the child's record again: same shard, same position")
	require.Equal(t, "c", f.item(t, "sensor-a").ID)
}

func TestAggregatedRecordIsExpanded(t *testing.T) {
	f := newFakeTable()
	p := processor(f, SkipInvalid, nil)
	agg := aggregate(
		userRecord{"sensor-a", payload(t, "u0", "sensor-a", 100)},
		userRecord{"sensor-b", payload(t, "u1", "sensor-b", 101)},
		userRecord{"sensor-a", payload(t, "u2", "sensor-a", 102)},
	)
	ev := events.KinesisEvent{Records: []events.KinesisEventRecord{
		record(testShard, seq(1), payload(t, "plain", "sensor-c", 99)),
		record(testShard, seq(2), agg),
	}}
	res, s := p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 2, UserRecords: 4, Written: 4, MaxAge: 1500 * time.Millisecond}, s)
	require.Equal(t, storedItem{Device: "sensor-a", ID: "u2", SentAt: 102, ShardID: testShard, SequenceNumber: seq(2),
		SubSequence: 2, UpdatedAt: "2026-03-01T12:00:01.500Z"}, f.item(t, "sensor-a"))
	require.Equal(t, 1, f.item(t, "sensor-b").SubSequence)
	require.Equal(t, "plain", f.item(t, "sensor-c").ID)

	_, s = p.Process(context.Background(), ev)
	require.Equal(t, 4, s.StaleOrDuplicate, "the aggregate again: every user record is a duplicate")

	// A later aggregate in the shard replaces readings of a higher sub-sequence.
	later := events.KinesisEvent{Records: []events.KinesisEventRecord{record(testShard, seq(3), aggregate(userRecord{"k", payload(t, "v0", "sensor-a", 1)}))}}
	_, s = p.Process(context.Background(), later)
	require.Equal(t, 1, s.Written)
	require.Equal(t, storedItem{Device: "sensor-a", ID: "v0", SentAt: 1, ShardID: testShard, SequenceNumber: seq(3),
		SubSequence: 0, UpdatedAt: "2026-03-01T12:00:01.500Z"}, f.item(t, "sensor-a"))
}

// invalidBatch mixes valid readings (1, 8, 9) with records that can never
// be written.
func invalidBatch(t *testing.T) events.KinesisEvent {
	datas := [][]byte{
		payload(t, "ok1", "sensor-a", 1),
		[]byte("not json"),
		nil,
		[]byte(`{"id":"no-device"}`),
		[]byte(`{"device":"` + strings.Repeat("d", maxDeviceBytes+1) + `"}`),
		[]byte(`null`),
		aggregate(userRecord{"k", []byte(`{"device":"sensor-x","sent_unix_nano":"soon"}`)}),
		payload(t, "ok8", strings.Repeat("d", maxDeviceBytes), 8),
		payload(t, "ok9", "sensor-b", 9),
	}
	var ev events.KinesisEvent
	for i, d := range datas {
		ev.Records = append(ev.Records, record(testShard, seq(i+1), d))
	}
	return ev
}

func TestInvalidRecordsAreSkippedAndLogged(t *testing.T) {
	f := newFakeTable()
	var log bytes.Buffer
	res, s := processor(f, SkipInvalid, &log).Process(context.Background(), invalidBatch(t))
	noFailures(t, res)
	require.Equal(t, Summary{Records: 9, UserRecords: 9, Written: 3, Invalid: 6, MaxAge: 1500 * time.Millisecond}, s)
	require.Equal(t, 3, f.calls, "no write is attempted for an invalid record")
	require.Len(t, f.items, 3)

	lines := bytes.Split(bytes.TrimSpace(log.Bytes()), []byte("\n"))
	require.Len(t, lines, 6)
	var first struct {
		Level, Msg, Action, Reason string
		ShardID                    string `json:"shard_id"`
		SequenceNumber             string `json:"sequence_number"`
	}
	require.NoError(t, json.Unmarshal(lines[0], &first))
	require.Equal(t, "WARN", first.Level)
	require.Equal(t, "invalid record", first.Msg)
	require.Equal(t, "skipped", first.Action)
	require.Equal(t, testShard, first.ShardID)
	require.Equal(t, seq(2), first.SequenceNumber)
	require.Contains(t, first.Reason, "not a JSON reading")
	for i, want := range []string{"record data is empty", "reading has no device", "device is 257 bytes long", "reading has no device", "not a JSON reading"} {
		require.Contains(t, string(lines[i+1]), want)
	}
}

func TestInvalidRecordIsReportedUnderFailPolicy(t *testing.T) {
	f := newFakeTable()
	var log bytes.Buffer
	res, s := processor(f, FailInvalid, &log).Process(context.Background(), invalidBatch(t))
	reported(t, res, seq(2))
	require.Equal(t, seq(2), s.FailedAt)
	require.Contains(t, s.Error, "invalid record: not a JSON reading")
	require.Equal(t, 1, s.Written)
	require.Equal(t, 1, s.Invalid)
	require.Equal(t, 1, f.calls, "nothing after the reported record is processed")
	require.Contains(t, log.String(), `"action":"reported"`)
}

func TestTableErrorReportsThatRecordAndStops(t *testing.T) {
	f := newFakeTable()
	throttled := &types.ProvisionedThroughputExceededException{Message: aws.String("slow down")}
	f.fail = func(call int, _ *dynamodb.UpdateItemInput) error {
		if call == 3 {
			return throttled
		}
		return nil
	}
	ev := readings(t, 1, "sensor-a", "sensor-b", "sensor-c", "sensor-d", "sensor-e")
	p := processor(f, SkipInvalid, nil)
	res, s := p.Process(context.Background(), ev)
	reported(t, res, seq(3))
	require.Equal(t, 3, f.calls, "no write after the failed one")
	require.Len(t, f.items, 2)
	require.Equal(t, Summary{Records: 5, UserRecords: 3, Written: 2, FailedAt: seq(3), MaxAge: 1500 * time.Millisecond,
		Error: `UpdateItem device "sensor-c" (sub-sequence 0): ProvisionedThroughputExceededException: slow down`}, s)

	// Lambda retries from the reported record on.
	f.fail = nil
	res, s = p.Process(context.Background(), events.KinesisEvent{Records: ev.Records[2:]})
	noFailures(t, res)
	require.Equal(t, 3, s.Written)
	require.Len(t, f.items, 5)
}

func TestTableErrorInsideAnAggregateReportsTheEnclosingRecord(t *testing.T) {
	f := newFakeTable()
	f.fail = func(call int, _ *dynamodb.UpdateItemInput) error {
		if call == 3 {
			return errors.New("connection reset")
		}
		return nil
	}
	agg := aggregate(
		userRecord{"a", payload(t, "u0", "sensor-a", 1)},
		userRecord{"b", payload(t, "u1", "sensor-b", 2)},
		userRecord{"c", payload(t, "u2", "sensor-c", 3)},
	)
	ev := events.KinesisEvent{Records: []events.KinesisEventRecord{
		record(testShard, seq(1), agg),
		record(testShard, seq(2), payload(t, "after", "sensor-d", 4)),
	}}
	p := processor(f, SkipInvalid, nil)
	res, s := p.Process(context.Background(), ev)
	reported(t, res, seq(1))
	require.Equal(t, 2, s.Written)
	require.Contains(t, s.Error, `device "sensor-c" (sub-sequence 2): connection reset`)

	f.fail = nil
	res, s = p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 2, UserRecords: 4, Written: 2, StaleOrDuplicate: 2, MaxAge: 1500 * time.Millisecond}, s)
}

func TestEmptyEvent(t *testing.T) {
	f := newFakeTable()
	for _, ev := range []events.KinesisEvent{{}, {Records: []events.KinesisEventRecord{}}} {
		res, s := processor(f, FailInvalid, nil).Process(context.Background(), ev)
		noFailures(t, res)
		require.Equal(t, Summary{}, s)
		out, err := json.Marshal(res)
		require.NoError(t, err)
		require.JSONEq(t, `{"batchItemFailures":[]}`, string(out))
	}
	require.Zero(t, f.calls)
}

func TestStopsBeforeTheInvocationDeadline(t *testing.T) {
	f := newFakeTable()
	ev := readings(t, 1, "sensor-a", "sensor-b")
	// Less than deadlineMargin left: nothing may be started.
	ctx, cancel := context.WithTimeout(context.Background(), deadlineMargin/2)
	defer cancel()
	res, s := processor(f, SkipInvalid, nil).Process(ctx, ev)
	reported(t, res, seq(1))
	require.Zero(t, f.calls)
	require.Contains(t, s.Error, "stopped before sub-sequence 0: context deadline exceeded")

	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, s = processor(f, SkipInvalid, nil).Process(ctx, ev)
	noFailures(t, res)
	require.Equal(t, 2, s.Written)
}

func TestBadEnvelopeIsInvalid(t *testing.T) {
	good := payload(t, "x", "sensor-a", 1)
	for name, rec := range map[string]events.KinesisEventRecord{
		"no shard in eventID":    func() events.KinesisEventRecord { r := record(testShard, seq(1), good); r.EventID = seq(1); return r }(),
		"empty sequence number":  record(testShard, "", good),
		"leading zero":           record(testShard, "0"+seq(1), good),
		"not decimal":            record(testShard, "12a4", good),
		"longer than Kinesis's":  record(testShard, "1"+strings.Repeat("0", maxSequenceDigits), good),
		"negative":               record(testShard, "-1", good),
		"sequence number padded": record(testShard, " 1", good),
	} {
		f := newFakeTable()
		res, s := processor(f, SkipInvalid, nil).Process(context.Background(), events.KinesisEvent{Records: []events.KinesisEventRecord{rec}})
		noFailures(t, res)
		require.Equal(t, 1, s.Invalid, name)
		require.Zero(t, f.calls, name)
	}
}

func TestMaxAgeIsTheOldestRecords(t *testing.T) {
	ev := readings(t, 1, "a", "b", "c")
	ev.Records[1].Kinesis.ApproximateArrivalTimestamp.Time = arrival.Add(-2 * time.Second)
	ev.Records[2].Kinesis.ApproximateArrivalTimestamp.Time = time.Time{} // unknown: ignored
	require.Equal(t, 3500*time.Millisecond, maxAge(ev.Records, testNow))
	require.Zero(t, maxAge(nil, testNow))
}
