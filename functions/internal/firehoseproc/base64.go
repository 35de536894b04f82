package firehoseproc

import (
	"encoding/base64"
	"encoding/binary"
)

// Firehose's record data is standard base64, the bulk of every event and
// response. encoding/base64 handles one character (six bits) at a time;
// these handle two (twelve bits) through tables, eight characters a step,
// and leave the last step and anything unusual (padding, a character
// outside the alphabet) to encoding/base64, so that what they accept and
// write is exactly encoding/base64's StdEncoding (fuzzed).

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// enc12 holds the two characters of each twelve-bit value, the first in
// the low byte; dec12 the twelve-bit value of each pair of characters read
// as a little-endian uint16, or invalidPair.
var enc12, dec12 = tables()

const invalidPair = 0xffff

func tables() (enc *[1 << 12]uint16, dec *[1 << 16]uint16) {
	enc, dec = new([1 << 12]uint16), new([1 << 16]uint16)
	for i := range dec {
		dec[i] = invalidPair
	}
	for v := range 1 << 12 {
		a, b := alphabet[v>>6], alphabet[v&63]
		enc[v] = uint16(a) | uint16(b)<<8
		dec[uint16(a)|uint16(b)<<8] = uint16(v)
	}
	return enc, dec
}

// encodeBase64 is base64.StdEncoding.Encode: dst must hold
// EncodedLen(len(src)) bytes.
func encodeBase64(dst, src []byte) {
	si, di := 0, 0
	for ; si+8 <= len(src); si, di = si+6, di+8 { // six bytes a step; the load reads eight
		x := binary.BigEndian.Uint64(src[si:])
		binary.LittleEndian.PutUint64(dst[di:], uint64(enc12[x>>52])|uint64(enc12[x>>40&0xfff])<<16|
			uint64(enc12[x>>28&0xfff])<<32|uint64(enc12[x>>16&0xfff])<<48)
	}
	base64.StdEncoding.Encode(dst[di:], src[si:])
}

// decodeBase64Run decodes src eight characters at a time into dst while
// every character of a step is in the alphabet, and returns how many
// characters it read and bytes it wrote: a prefix of src that decodes as it
// would in a longer input, since only the last step can hold padding. The
// caller decodes the rest (decodeBase64) once it knows where src ends:
// src may run past the base64 (into the JSON after a string), which stops
// the run at the first character outside the alphabet (a quote).
func decodeBase64Run(dst, src []byte) (read, written int) {
	si, di := 0, 0
	for ; si+8 <= len(src) && di+8 <= len(dst); si, di = si+8, di+6 {
		x := binary.LittleEndian.Uint64(src[si:])
		a, b, c, d := dec12[uint16(x)], dec12[uint16(x>>16)], dec12[uint16(x>>32)], dec12[uint16(x>>48)]
		if (a|b|c|d)&^0xfff != 0 {
			break
		}
		binary.BigEndian.PutUint64(dst[di:], uint64(a)<<52|uint64(b)<<40|uint64(c)<<28|uint64(d)<<16)
	}
	return si, di
}

// decodeBase64 is base64.StdEncoding.Decode.
func decodeBase64(dst, src []byte) (int, error) {
	si, di := 0, 0
	for ; si+8 < len(src) && di+8 <= len(dst); si, di = si+8, di+6 { // the last step (its padding) is encoding/base64's
		x := binary.LittleEndian.Uint64(src[si:])
		a, b, c, d := dec12[uint16(x)], dec12[uint16(x>>16)], dec12[uint16(x>>32)], dec12[uint16(x>>48)]
		if (a|b|c|d)&^0xfff != 0 {
			break // an invalid pair: encoding/base64 finds it and says where
		}
		binary.BigEndian.PutUint64(dst[di:], uint64(a)<<52|uint64(b)<<40|uint64(c)<<28|uint64(d)<<16)
	}
	n, err := base64.StdEncoding.Decode(dst[di:], src[si:])
	if err != nil {
		if ce, ok := err.(base64.CorruptInputError); ok {
			err = ce + base64.CorruptInputError(si)
		}
	}
	return di + n, err
}
