package firehoseproc

import (
	"encoding/base64"
	"encoding/binary"
)

// Firehose's record data is standard base64, the bulk of every event and
// response. encoding/base64 handles one character (six bits) at a time.
// Here vector loops go first where the CPU has them (vectorBase64): AVX2
// on amd64 (base64_amd64.s, 24 bytes a step) and NEON on arm64, which the
// Lambda functions run on (base64_arm64.s, 48 bytes a step; tested under
// qemu-aarch64 by .ci/test). Word loops follow, two characters (twelve
// bits) through tables, 32 characters a step in four independent words
// (the words' loads and stores checked once a step), then eight. What is
// left is a few bytes to encode, which encoding/base64 does, or a few
// quanta to decode, the last one padded, which decodeQuanta does; anything
// unusual (a character outside the alphabet, padding elsewhere) goes to
// encoding/base64, so that what is accepted and written is exactly
// encoding/base64's StdEncoding (fuzzed). On this project's
// machine the vector loops encode about 18.7 GB/s and decode 19-24 GB/s,
// the word loops 3.9 and 3.5 (BenchmarkBase64).

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
	si := encodeVector(dst, src)
	di := si / 3 * 4
	for ; si+26 <= len(src); si, di = si+24, di+32 { // the last load reads two bytes past the step
		s, d := src[si:si+26], dst[di:di+32]
		w, x, y, z := binary.BigEndian.Uint64(s), binary.BigEndian.Uint64(s[6:]), binary.BigEndian.Uint64(s[12:]), binary.BigEndian.Uint64(s[18:])
		binary.LittleEndian.PutUint64(d, enc4(w))
		binary.LittleEndian.PutUint64(d[8:], enc4(x))
		binary.LittleEndian.PutUint64(d[16:], enc4(y))
		binary.LittleEndian.PutUint64(d[24:], enc4(z))
	}
	for ; si+8 <= len(src); si, di = si+6, di+8 { // six bytes a step; the load reads eight
		binary.LittleEndian.PutUint64(dst[di:], enc4(binary.BigEndian.Uint64(src[si:])))
	}
	base64.StdEncoding.Encode(dst[di:], src[si:])
}

// decodeBase64Run decodes src into dst, 32 characters a step and then
// eight, while every character of a step is in the alphabet, and returns
// how many characters it read and bytes it wrote: a prefix of src, a whole
// number of eight-character words, that decodes as it would in a longer
// input, since only the last step can hold padding. The
// caller decodes the rest (decodeBase64) once it knows where src ends:
// src may run past the base64 (into the JSON after a string), which stops
// the run at the first character outside the alphabet (a quote).
func decodeBase64Run(dst, src []byte) (read, written int) {
	si, di := decodeVector(dst, src)
	// Thirty-two characters a step in four independent words, while all
	// four are in the alphabet; then eight at a time.
	for ; si+32 <= len(src) && di+26 <= len(dst); si, di = si+32, di+24 {
		s, d := src[si:si+32], dst[di:di+26]
		w, ok1 := dec4(binary.LittleEndian.Uint64(s))
		x, ok2 := dec4(binary.LittleEndian.Uint64(s[8:]))
		y, ok3 := dec4(binary.LittleEndian.Uint64(s[16:]))
		z, ok4 := dec4(binary.LittleEndian.Uint64(s[24:]))
		if !(ok1 && ok2 && ok3 && ok4) {
			break
		}
		binary.BigEndian.PutUint64(d, w) // each word's last two bytes are the next one's
		binary.BigEndian.PutUint64(d[6:], x)
		binary.BigEndian.PutUint64(d[12:], y)
		binary.BigEndian.PutUint64(d[18:], z)
	}
	for ; si+8 <= len(src) && di+8 <= len(dst); si, di = si+8, di+6 {
		v, ok := dec4(binary.LittleEndian.Uint64(src[si:]))
		if !ok {
			break
		}
		binary.BigEndian.PutUint64(dst[di:], v)
	}
	return si, di
}

// decodeBase64 is base64.StdEncoding.Decode.
func decodeBase64(dst, src []byte) (int, error) {
	si, di := 0, 0
	if len(src) > 0 {
		// Up to an invalid pair (encoding/base64 finds it and says where),
		// short of the last step (its padding is encoding/base64's).
		si, di = decodeBase64Run(dst, src[:len(src)-1])
	}
	if n, ok := decodeQuanta(dst[di:], src[si:]); ok {
		return di + n, nil
	}
	n, err := base64.StdEncoding.Decode(dst[di:], src[si:])
	if err != nil {
		if ce, ok := err.(base64.CorruptInputError); ok {
			err = ce + base64.CorruptInputError(si)
		}
	}
	return di + n, err
}

// enc4 encodes the top 48 bits of x into eight characters (a
// little-endian word).
func enc4(x uint64) uint64 {
	return uint64(enc12[x>>52]) | uint64(enc12[x>>40&0xfff])<<16 | uint64(enc12[x>>28&0xfff])<<32 | uint64(enc12[x>>16&0xfff])<<48
}

// dec4 decodes eight characters (a little-endian word) into the top 48
// bits of a word, and says whether all eight are in the alphabet.
func dec4(x uint64) (uint64, bool) {
	a, b, c, d := dec12[uint16(x)], dec12[uint16(x>>16)], dec12[uint16(x>>32)], dec12[uint16(x>>48)]
	return uint64(a)<<52 | uint64(b)<<40 | uint64(c)<<28 | uint64(d)<<16, (a|b|c|d)&^0xfff == 0
}

// decodeQuanta decodes what the runs leave, a few quanta of four
// characters of which only the last may be padded (xx== or xxx=), into
// dst, as encoding/base64's StdEncoding would (the padding's spare bits
// ignored); for anything else, or a dst too short, it returns false and
// encoding/base64 decides.
func decodeQuanta(dst, src []byte) (int, bool) {
	if len(src)%4 != 0 || len(src)/4*3 > len(dst) {
		return 0, false
	}
	n := 0
	for i := 0; i < len(src); i += 4 {
		q := src[i : i+4]
		hi := uint32(dec12[uint16(q[0])|uint16(q[1])<<8])
		lo := uint32(dec12[uint16(q[2])|uint16(q[3])<<8])
		switch {
		case hi == invalidPair:
			return 0, false
		case lo != invalidPair:
			v := hi<<12 | lo
			dst[n], dst[n+1], dst[n+2] = byte(v>>16), byte(v>>8), byte(v)
			n += 3
		case i+4 != len(src):
			return 0, false // padding before the last quantum
		case q[2] == '=' && q[3] == '=':
			dst[n] = byte(hi >> 4)
			n++
		case q[3] == '=' && dec12[uint16('A')|uint16(q[2])<<8] != invalidPair:
			// The third character's six bits: 'A' (zero) before it makes
			// a pair of the table's.
			v := hi<<6 | uint32(dec12[uint16('A')|uint16(q[2])<<8])
			dst[n], dst[n+1] = byte(v>>10), byte(v>>2)
			n += 2
		default:
			return 0, false
		}
	}
	return n, true
}
