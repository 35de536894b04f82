package pii

import (
	"encoding/binary"
	"math/bits"
	"unsafe"

	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// atBytes flags, eight bytes at a time and exactly (no carry crosses a
// byte), the '@' bytes of x (swar).
func atBytes(x uint64) uint64 {
	return swar.ExactZeros(x ^ '@'*swar.Ones)
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
		digits += bits.OnesCount64(swar.Digits(x))
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
