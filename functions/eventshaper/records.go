package main

import "github.com/aws/aws-lambda-go/events"

// recordFinder gives a transform the Firehose record whose data it was
// called with.
//
// firehoseproc.Transform receives only the data bytes, but the shaper also
// needs the record's ApproximateArrivalTimestamp. Process calls the
// transform once per record, in order, with the record's own Data slice
// (not a copy); the finder relies on exactly that: it walks the records
// forward from the last match and recognises a record by the identity of
// its slice (same first element, same length), so that two records with
// equal bytes are still told apart. If a later firehoseproc copied the data
// or changed the order, find would return nil and the shaper falls back to
// the invocation's time (counted in the summary as
// timestamp_from_processing); handler_test.go checks that it does not.
type recordFinder struct {
	records []events.KinesisFirehoseEventRecord
	next    int
}

func (f *recordFinder) find(data []byte) *events.KinesisFirehoseEventRecord {
	if len(data) == 0 {
		return nil // an empty slice has no identity; blank records need no record
	}
	for _, from := range [2][2]int{{f.next, len(f.records)}, {0, f.next}} {
		for i := from[0]; i < from[1]; i++ {
			d := f.records[i].Data
			if len(d) == len(data) && &d[0] == &data[0] {
				f.next = i + 1
				return &f.records[i]
			}
		}
	}
	return nil
}
