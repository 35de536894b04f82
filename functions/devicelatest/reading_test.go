package main

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
	"github.com/stretchr/testify/require"
)

func TestDecodesWhatTheProducerWrites(t *testing.T) {
	data, err := producer.Encode(producer.Record{ID: "run-00000042", Device: "sensor-007", SentAt: 1772366400123456789}, 1024)
	require.NoError(t, err)
	require.Len(t, data, 1024, "padded by the producer")
	r, err := decodeReading(data)
	require.NoError(t, err)
	require.Equal(t, Reading{ID: "run-00000042", Device: "sensor-007", SentAt: 1772366400123456789}, r)
}

func TestDecodeReadingRejects(t *testing.T) {
	for data, want := range map[string]string{
		"":                                       "user record is empty",
		"not json":                               "not a JSON reading",
		`{"device":"a"} trailing`:                "not a JSON reading",
		`[1,2]`:                                  "not a JSON reading",
		`{"device":7}`:                           "not a JSON reading",
		`{"device":"a","sent_unix_nano":"soon"}`: "not a JSON reading",
		`{"device":"a","sent_unix_nano":1e99}`:   "not a JSON reading",
		`null`:                                   "reading has no device",
		`{}`:                                     "reading has no device",
		`{"device":""}`:                          "reading has no device",
		`{"device":"` + strings.Repeat("é", 129) + `"}`: "device is 258 bytes long; at most 256 allowed",
	} {
		_, err := decodeReading([]byte(data))
		require.ErrorContains(t, err, want, data)
	}
	r, err := decodeReading([]byte(`{"device":"` + strings.Repeat("d", maxDeviceBytes) + `"}`))
	require.NoError(t, err, "256 bytes is allowed")
	require.Equal(t, Reading{Device: strings.Repeat("d", maxDeviceBytes)}, r)
}
