// Command floor is the least a Firehose transform can do through the Lambda
// Runtime API: the bench harness (test/bench) runs it beside a transform to
// measure the floor under that transform's figures. It answers every event
// with the response a real transform gave to it, recorded beforehand, doing
// all the work any transform must do and none of the transforming:
// lambdaloop's runtime loop, firehoseproc.ParseEvent (the envelope scanned,
// every record's data decoded from base64), firehoseproc.ProcessRecords
// (every output encoded to base64 into the response) and, with
// FLOOR_GUNZIP=1, every record's data inflated with cwlogs.Gunzip (a CloudWatch Logs
// subscription record is gzip: logenrich cannot read it without that), or
// with FLOOR_JSON=1, every record's data read once as JSON with
// jsonscan.Valid (a transform of JSON records must read each one whole to
// know it is JSON before it answers Ok: piiredact, eventshaper).
//
// Environment: FLOOR_RESPONSE, the file holding the recorded response;
// FLOOR_GUNZIP or FLOOR_JSON. An event whose record ids differ from the
// recorded response's fails the invocation.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

type recorded struct {
	RecordID string `json:"recordId"`
	Result   string `json:"result"`
	Data     []byte `json:"data"`
}

func load(path string) ([]recorded, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var resp struct{ Records []recorded }
	if err := json.Unmarshal(raw, &resp); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(resp.Records) == 0 {
		return nil, fmt.Errorf("%s: no records", path)
	}
	return resp.Records, nil
}

// jsonRecords counts the records FLOOR_JSON found to be JSON, so that
// reading them is work the program keeps.
var jsonRecords int

func handler(want []recorded, gunzip, readJSON bool) lambdaloop.Handler {
	var ev firehoseproc.Event
	var inflated bytes.Buffer
	return func(ctx context.Context, event []byte, out *bytes.Buffer) error {
		if err := firehoseproc.ParseEvent(event, &ev); err != nil {
			return err
		}
		if len(ev.Records) != len(want) {
			return fmt.Errorf("%d records, the recorded response has %d", len(ev.Records), len(want))
		}
		var failed error
		firehoseproc.ProcessRecords(ctx, &ev, func(_ context.Context, i int) firehoseproc.Result {
			if string(ev.Records[i].RecordID) != want[i].RecordID && failed == nil {
				failed = fmt.Errorf("record %d: id %q, recorded %q", i, ev.Records[i].RecordID, want[i].RecordID)
			}
			if gunzip {
				inflated.Reset()
				if err := cwlogs.Gunzip(&inflated, ev.Records[i].Data, cwlogs.DefaultMaxBytes); err != nil && failed == nil {
					failed = fmt.Errorf("record %d: %w", i, err)
				}
			}
			if readJSON && jsonscan.Valid(ev.Records[i].Data) {
				jsonRecords++
			}
			return firehoseproc.Result{Status: want[i].Result, Data: want[i].Data}
		}, nil, out)
		return failed
	}
}

func main() {
	log := startup.Logger()
	want, err := load(os.Getenv("FLOOR_RESPONSE"))
	gunzip, readJSON := os.Getenv("FLOOR_GUNZIP"), os.Getenv("FLOOR_JSON")
	switch {
	case err != nil:
	case gunzip != "" && gunzip != "1":
		err = errors.New("FLOOR_GUNZIP: 1 or unset")
	case readJSON != "" && readJSON != "1":
		err = errors.New("FLOOR_JSON: 1 or unset")
	case gunzip == "1" && readJSON == "1":
		err = errors.New("FLOOR_GUNZIP and FLOOR_JSON: one at most")
	}
	lambdaloop.Check(log, "configuration", err)
	lambdaloop.Start(handler(want, gunzip == "1", readJSON == "1"))
}
