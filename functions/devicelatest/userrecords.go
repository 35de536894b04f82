package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/awslabs/kinesis-aggregation/go/v2/deaggregator"
)

// kplMagic starts every record the Kinesis Producer Library aggregated.
var kplMagic = []byte{0xF3, 0x89, 0x9A, 0xC2}

// userRecords returns the payloads one Kinesis record carries: its data, or
// for a KPL aggregate the data of each user record in aggregate order (the
// index is the user record's sub-sequence number).
//
// Aggregates are expanded by awslabs/kinesis-aggregation's deaggregator. It
// takes the Kinesis SDK's types.Record rather than aws-lambda-go's event
// record, so the data is wrapped in one; it is called one record at a time
// so that the position in its answer is the sub-sequence number (the library
// does not return one). Its failure modes are turned into errors here: a
// protobuf it cannot parse, a partition key index out of its table (which
// makes it panic), an aggregate with no user records, and a record with the
// magic prefix whose MD5 trailer does not match (which it would pass on as
// if it were not an aggregate).
func userRecords(data []byte) (payloads [][]byte, err error) {
	if len(data) == 0 {
		return nil, errors.New("record data is empty")
	}
	if !bytes.HasPrefix(data, kplMagic) {
		return [][]byte{data}, nil
	}
	defer func() {
		if v := recover(); v != nil {
			payloads, err = nil, fmt.Errorf("corrupt KPL aggregate: %v", v)
		}
	}()
	out, err := deaggregator.DeaggregateRecords([]types.Record{{Data: data}})
	switch {
	case err != nil:
		return nil, fmt.Errorf("corrupt KPL aggregate: %w", err)
	case len(out) == 1 && bytes.Equal(out[0].Data, data):
		return nil, errors.New("KPL magic prefix but no valid aggregate (too short or MD5 mismatch)")
	case len(out) == 0:
		return nil, errors.New("KPL aggregate holds no user records")
	}
	payloads = make([][]byte, len(out))
	for i := range out {
		payloads[i] = out[i].Data
	}
	return payloads, nil
}
