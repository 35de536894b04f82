package main

import (
	"encoding/json"
	"errors"
	"fmt"
)

// maxDeviceBytes bounds the device name: it becomes the table's partition
// key (DynamoDB allows 2048 bytes) and is the stream's partition key, which
// Kinesis limits to 256 characters.
const maxDeviceBytes = 256

// Reading is the part of a producer.Record (apps/kinesisproducer/producer)
// the table keeps; the padding is not decoded.
type Reading struct {
	ID     string `json:"id"`
	Device string `json:"device"`
	SentAt int64  `json:"sent_unix_nano"`
}

// decodeReading parses one user record. An error means the record can never
// be written, however often it is retried.
func decodeReading(data []byte) (Reading, error) {
	var r Reading
	if len(data) == 0 {
		return r, errors.New("user record is empty")
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("not a JSON reading: %w", err)
	}
	switch {
	case r.Device == "":
		return r, errors.New("reading has no device")
	case len(r.Device) > maxDeviceBytes:
		return r, fmt.Errorf("device is %d bytes long; at most %d allowed", len(r.Device), maxDeviceBytes)
	}
	return r, nil
}
