package main

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"
)

func TestUserRecordsOfAPlainRecord(t *testing.T) {
	data := []byte(`{"device":"a"}`)
	got, err := userRecords(data)
	require.NoError(t, err)
	require.Equal(t, [][]byte{data}, got)
}

func TestUserRecordsOfAnAggregate(t *testing.T) {
	got, err := userRecords(aggregate(
		userRecord{"p1", []byte("first")},
		userRecord{"p2", []byte("second")},
		userRecord{"p1", []byte("third")},
	))
	require.NoError(t, err)
	require.Equal(t, [][]byte{[]byte("first"), []byte("second"), []byte("third")}, got)
}

func TestCorruptAggregatesAreErrors(t *testing.T) {
	good := aggregate(userRecord{"p", []byte("x")})
	badSum := append([]byte{}, good...)
	badSum[len(badSum)-1] ^= 0xFF

	noData := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 0)
	noKeyIndex := protowire.AppendBytes(protowire.AppendTag(nil, 3, protowire.BytesType), []byte("x"))

	cases := map[string]struct {
		data []byte
		want string
	}{
		"empty":                       {nil, "record data is empty"},
		"magic only":                  {append([]byte{}, kplMagic...), "no valid aggregate"},
		"magic and 16 bytes":          {append(append([]byte{}, kplMagic...), make([]byte, 16)...), "no valid aggregate"},
		"MD5 mismatch":                {badSum, "no valid aggregate"},
		"not a protobuf":              {sealAggregate([]byte{0xFF, 0xFF, 0xFF}), "corrupt KPL aggregate"},
		"key index out of the table":  {rawAggregate([]string{"p"}, userRecordMessage(7, []byte("x"))), "corrupt KPL aggregate"},
		"record without data":         {rawAggregate([]string{"p"}, noData), "corrupt KPL aggregate"},
		"record without a key index":  {rawAggregate([]string{"p"}, noKeyIndex), "corrupt KPL aggregate"},
		"aggregate of no user record": {rawAggregate([]string{"p"}), "holds no user records"},
	}
	for name, c := range cases {
		got, err := userRecords(c.data)
		require.ErrorContains(t, err, c.want, name)
		require.Nil(t, got, name)
	}
}
