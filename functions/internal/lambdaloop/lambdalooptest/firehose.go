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
