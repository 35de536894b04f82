package main

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// FuzzHandleRecord feeds arbitrary record data through Process under both
// invalid-record policies. Whatever the bytes, the function must not panic
// and must account for every user record as written, stale or duplicate,
// or invalid (skipped, or reported under the fail policy); delivering the
// same record again must write nothing. The seeds run as an ordinary test.
func FuzzHandleRecord(f *testing.F) {
	valid := payload(f, "r1", "sensor-a", 1)
	for _, seed := range [][]byte{
		valid,
		nil,
		[]byte("null"),
		[]byte("{}"),
		[]byte(`{"device":""}`),
		[]byte(`{"device":"` + strings.Repeat("d", maxDeviceBytes+1) + `"}`),
		[]byte("not json"),
		append([]byte{}, kplMagic...),
		aggregate(userRecord{"a", valid}, userRecord{"b", payload(f, "r2", "sensor-b", 2)}),
		aggregate(userRecord{"a", valid}, userRecord{"a", []byte("bad")}, userRecord{"a", payload(f, "r3", "sensor-a", 3)}),
		aggregate(userRecord{"a", valid}, userRecord{"a", valid}),
		rawAggregate([]string{"a"}, userRecordMessage(0, valid), userRecordMessage(9, valid)),
		rawAggregate([]string{"a"}),
		sealAggregate([]byte{0xFF, 0x01}),
		aggregate(userRecord{"a", aggregate(userRecord{"a", valid})}),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, policy := range []InvalidPolicy{SkipInvalid, FailInvalid} {
			table := newFakeTable()
			p := processor(table, policy, nil)
			ev := events.KinesisEvent{Records: []events.KinesisEventRecord{record(testShard, seq(1), data)}}
			res, s := p.Process(context.Background(), ev)

			if s.UserRecords < 1 {
				t.Fatalf("%s: a record carries at least one user record: %+v", policy, s)
			}
			if table.calls != s.Written+s.StaleOrDuplicate {
				t.Fatalf("%s: %d writes for %+v", policy, table.calls, s)
			}
			switch {
			case len(res.BatchItemFailures) == 0:
				if s.Written+s.StaleOrDuplicate+s.Invalid != s.UserRecords || s.FailedAt != "" {
					t.Fatalf("%s: unaccounted user records: %+v", policy, s)
				}
				if policy == FailInvalid && s.Invalid != 0 {
					t.Fatalf("fail policy skipped an invalid record: %+v", s)
				}
			case policy == FailInvalid && len(res.BatchItemFailures) == 1:
				if res.BatchItemFailures[0].ItemIdentifier != seq(1) || s.FailedAt != seq(1) || s.Invalid != 1 {
					t.Fatalf("reported %+v for %+v", res.BatchItemFailures, s)
				}
			default:
				t.Fatalf("%s: unexpected failures %+v (%+v)", policy, res.BatchItemFailures, s)
			}
			for device := range table.items {
				if item := table.item(t, device); item.Device == "" || len(item.Device) > maxDeviceBytes || item.SequenceNumber != seq(1) {
					t.Fatalf("%s: bad item %+v", policy, item)
				}
			}

			_, again := p.Process(context.Background(), ev)
			if again.Written != 0 {
				t.Fatalf("%s: the same record delivered again wrote %d readings", policy, again.Written)
			}
		}
	})
}
