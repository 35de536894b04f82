package main

import (
	"crypto/md5"

	"google.golang.org/protobuf/encoding/protowire"
)

// userRecord is one record of a KPL aggregate.
type userRecord struct {
	partitionKey string
	data         []byte
}

// aggregate builds a KPL aggregated record as amazon-kinesis-producer's
// aggregation-format.md describes it, by hand rather than with the library
// under test: the magic prefix, an AggregatedRecord protobuf
// (1: partition_key_table, 3: records {1: partition_key_index, 3: data}),
// then the MD5 of that protobuf.
func aggregate(recs ...userRecord) []byte {
	var msg []byte
	index := map[string]uint64{}
	for _, r := range recs {
		if _, ok := index[r.partitionKey]; !ok {
			index[r.partitionKey] = uint64(len(index))
			msg = protowire.AppendTag(msg, 1, protowire.BytesType)
			msg = protowire.AppendString(msg, r.partitionKey)
		}
	}
	for _, r := range recs {
		msg = protowire.AppendTag(msg, 3, protowire.BytesType)
		msg = protowire.AppendBytes(msg, userRecordMessage(index[r.partitionKey], r.data))
	}
	return sealAggregate(msg)
}

func userRecordMessage(keyIndex uint64, data []byte) []byte {
	var m []byte
	m = protowire.AppendTag(m, 1, protowire.VarintType)
	m = protowire.AppendVarint(m, keyIndex)
	m = protowire.AppendTag(m, 3, protowire.BytesType)
	return protowire.AppendBytes(m, data)
}

// sealAggregate frames any protobuf bytes as an aggregate: magic, message,
// MD5 of the message.
func sealAggregate(msg []byte) []byte {
	sum := md5.Sum(msg)
	out := append([]byte{}, kplMagic...)
	out = append(out, msg...)
	return append(out, sum[:]...)
}

// rawAggregate seals hand-made user record messages under a partition key
// table, for aggregates the KPL would never write.
func rawAggregate(keys []string, recordMessages ...[]byte) []byte {
	var msg []byte
	for _, k := range keys {
		msg = protowire.AppendTag(msg, 1, protowire.BytesType)
		msg = protowire.AppendString(msg, k)
	}
	for _, m := range recordMessages {
		msg = protowire.AppendTag(msg, 3, protowire.BytesType)
		msg = protowire.AppendBytes(msg, m)
	}
	return sealAggregate(msg)
}
