package swar

import (
	"encoding/binary"
	"math/bits"
	"testing"
)

// flags is the mask (swar) a byte at a time: bit 7 of each byte of x
// that is.
func flags(x uint64, is func(byte) bool) uint64 {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], x)
	var m uint64
	for i, c := range b {
		if is(c) {
			m |= 0x80 << (8 * i)
		}
	}
	return m
}

// FuzzZeros: ExactZeros flags exactly the zero bytes; Zeros's lowest flag
// is the first zero byte.
func FuzzZeros(f *testing.F) {
	f.Add(uint64(0))
	f.Add(uint64(0x0100_0000_0000_0100))
	f.Add(uint64(0xff00_ff01_00ff_0080))
	f.Fuzz(func(t *testing.T, x uint64) {
		want := flags(x, func(c byte) bool { return c == 0 })
		first := bits.TrailingZeros64(want) >> 3
		if got := ExactZeros(x); got != want {
			t.Fatalf("ExactZeros(%#x) = %#x, want %#x", x, got, want)
		}
		if got := bits.TrailingZeros64(Zeros(x)) >> 3; got != first {
			t.Fatalf("Zeros(%#x): first zero at %d, want %d", x, got, first)
		}
	})
}

// FuzzDigits: Digits flags exactly the bytes '0' to '9'.
func FuzzDigits(f *testing.F) {
	f.Add(uint64(0x3938_3736_3534_3130))
	f.Add(uint64(0x2f3a_b0b9_ff00_3039))
	f.Fuzz(func(t *testing.T, x uint64) {
		want := flags(x, func(c byte) bool { return '0' <= c && c <= '9' })
		if got := Digits(x); got != want {
			t.Fatalf("Digits(%#x) = %#x, want %#x", x, got, want)
		}
	})
}

// FuzzAppendShort: AppendShort is append, whatever the lengths and the
// room in dst and s, and leaves dst's first bytes alone.
func FuzzAppendShort(f *testing.F) {
	f.Add([]byte("head"), []byte("sensor-001,more"), 10, 0)
	f.Add([]byte{}, []byte("0123456789abcdef0123"), 16, 40)
	f.Add([]byte("x"), []byte("ab"), 2, 2)
	f.Fuzz(func(t *testing.T, head, src []byte, n, room int) {
		if n < 0 || n > len(src) || room < 0 || room > 64 {
			return
		}
		s := src[:n]
		dst := append(make([]byte, 0, len(head)+room), head...)
		want := append(append([]byte(nil), head...), s...)
		if got := AppendShort(dst, s); string(got) != string(want) {
			t.Fatalf("AppendShort(%q (room %d), %q) = %q", head, room, s, got)
		}
	})
}
