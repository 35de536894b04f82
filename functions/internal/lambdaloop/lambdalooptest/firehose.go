package lambdalooptest

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// FirehoseAllOK is a Bench check for a Firehose transformation: the
// response holds records answers, every one Ok.
func FirehoseAllOK(b *testing.B, records int) func(response []byte) {
	return func(response []byte) {
		var resp events.KinesisFirehoseResponse
		if err := json.Unmarshal(response, &resp); err != nil || len(resp.Records) != records {
			b.Fatalf("%d of %d records: %v", len(resp.Records), records, err)
		}
		for _, r := range resp.Records {
			if r.Result != "Ok" {
				b.Fatalf("record %s: %s", r.RecordID, r.Result)
			}
		}
	}
}

// FirehoseOKToLimit is a Bench check for a Firehose transformation on an
// event larger than its response can carry: the response holds records
// answers, Ok up to the response limit and ProcessingFailed after it, at
// least one of each.
func FirehoseOKToLimit(b *testing.B, records int) func(response []byte) {
	return func(response []byte) {
		var resp events.KinesisFirehoseResponse
		if err := json.Unmarshal(response, &resp); err != nil || len(resp.Records) != records {
			b.Fatalf("%d of %d records: %v", len(resp.Records), records, err)
		}
		ok := 0
		for ok < len(resp.Records) && resp.Records[ok].Result == "Ok" {
			ok++
		}
		for _, r := range resp.Records[ok:] {
			if r.Result != "ProcessingFailed" {
				b.Fatalf("record %s after the limit: %s", r.RecordID, r.Result)
			}
		}
		if ok == 0 || ok == records {
			b.Fatalf("%d of %d records Ok: the event does not reach the limit", ok, records)
		}
	}
}
