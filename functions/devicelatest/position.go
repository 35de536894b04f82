package main

import (
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Position is where a user record sits in the stream: its shard, the
// sequence number of the Kinesis record that carries it and, inside a KPL
// aggregate, its index (0 for a record that is not an aggregate).
type Position struct {
	ShardID        string
	SequenceNumber string
	SubSequence    int
}

// maxSequenceDigits is the longest sequence number Kinesis allows: its API
// gives the pattern 0|([1-9]\d{0,128}). Real ones have 56 digits today.
const maxSequenceDigits = 129

// recordPosition reads the shard and sequence number of an event record.
// The shard is the part of eventID before the colon
// ("shardId-000000000003:49590338271490256608559692538361571095921575989136588898").
func recordPosition(r *events.KinesisEventRecord) (Position, error) {
	shard, _, ok := strings.Cut(r.EventID, ":")
	if !ok || shard == "" {
		return Position{}, fmt.Errorf("eventID %q does not start with a shard id", r.EventID)
	}
	if err := checkSequenceNumber(r.Kinesis.SequenceNumber); err != nil {
		return Position{}, err
	}
	return Position{ShardID: shard, SequenceNumber: r.Kinesis.SequenceNumber}, nil
}

// checkSequenceNumber accepts the decimal form Kinesis uses: no sign, no
// leading zero, at most 129 digits. The table compares these numerically
// as (length, then text), which only holds for exactly this form.
func checkSequenceNumber(s string) error {
	ok := s != "" && len(s) <= maxSequenceDigits && (s[0] != '0' || len(s) == 1)
	for i := 0; ok && i < len(s); i++ {
		ok = s[i] >= '0' && s[i] <= '9'
	}
	if !ok {
		if len(s) > 64 {
			s = s[:64] + "..."
		}
		return fmt.Errorf("sequence number %q is not in Kinesis's form 0|[1-9][0-9]{0,128}", s)
	}
	return nil
}
