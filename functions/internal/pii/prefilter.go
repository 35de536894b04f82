package pii

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// Eight bytes at a time, exactly (no carry crosses a byte): bit 7 of each
// byte of these masks says whether that byte is a digit, or an '@'.
const (
	lows  = 0x7f7f7f7f7f7f7f7f
	highs = 0x8080808080808080
	ones  = 0x0101010101010101
)

func digitBytes(x uint64) uint64 {
	l := x & lows
	return (l + (0x80-'0')*ones) &^ (l + (0x80-'9'-1)*ones) &^ x & highs
}

func atBytes(x uint64) uint64 {
	t := x ^ ('@' * ones)
	return ^((t&lows + lows) | t) & highs
}

// mayHold reports whether s has an '@' or at least eight digits, without
// which RedactText finds nothing: every detector needs one or the other
// (an e-mail address its '@'; a registration, card or phone number eight
// digits or more).
func mayHold(s string) bool {
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read only
	digits := 0
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if atBytes(x) != 0 {
			return true
		}
		digits += bits.OnesCount64(digitBytes(x))
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '@':
			return true
		case c >= '0' && c <= '9':
			digits++
		}
	}
	return digits >= 8
}
