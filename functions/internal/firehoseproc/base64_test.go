package firehoseproc

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/cpu"
)

func checkEncode(t *testing.T, src []byte) {
	want := base64.StdEncoding.EncodeToString(src)
	got := make([]byte, base64.StdEncoding.EncodedLen(len(src)))
	encodeBase64(got, src)
	if string(got) != want {
		t.Fatalf("encodeBase64(%q) = %q, want %q", src, got, want)
	}
}

func checkDecode(t *testing.T, src []byte) {
	want := make([]byte, base64.StdEncoding.DecodedLen(len(src)))
	wn, werr := base64.StdEncoding.Decode(want, src)
	got := make([]byte, len(want))
	n, err := decodeBase64(got, src)
	// ParseEvent's one pass: a run, then decodeBase64 on the rest.
	inRun := make([]byte, len(want))
	read, ran := decodeBase64Run(inRun, src)
	rest, rerr := decodeBase64(inRun[ran:], src[read:])
	if (rerr == nil) != (werr == nil) || werr == nil && (ran+rest != wn || !bytes.Equal(inRun[:wn], want[:wn])) {
		t.Fatalf("decodeBase64Run(%q) then decodeBase64: %q, %v; want %q, %v", src, inRun[:ran+rest], rerr, want[:wn], werr)
	}
	if werr != nil || err != nil {
		if werr == nil || err == nil || err.Error() != werr.Error() {
			t.Fatalf("decodeBase64(%q): error %v, encoding/base64 says %v", src, err, werr)
		}
		return
	}
	if n != wn || !bytes.Equal(got[:n], want[:wn]) {
		t.Fatalf("decodeBase64(%q) = %q, want %q", src, got[:n], want[:wn])
	}
}

func TestBase64(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 200 {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte(rng.UintN(256))
		}
		checkEncode(t, src)
		enc := []byte(base64.StdEncoding.EncodeToString(src))
		checkDecode(t, enc)
		if len(enc) > 0 { // every position spoiled by a character outside the alphabet, padding or a newline
			for i := range enc {
				for _, c := range []byte{'!', '=', '\n', '-', 0x80} {
					bad := bytes.Clone(enc)
					bad[i] = c
					checkDecode(t, bad)
				}
			}
		}
	}
}

func FuzzBase64(f *testing.F) {
	long := base64.StdEncoding.EncodeToString([]byte("thirty-two characters a step, then eight, then the rest"))
	for _, s := range []string{"", "QQ==", "QUJD", "QUJDREVGR0hJSktM", "QUJDREVGR0hJSktM\nTU5P", "QUJDREVG=0hJSktMTU5P", "QUJDREVGR0hJSktMTU5PUA",
		long, long[:20] + "*" + long[21:], long[:27] + "=" + long[28:], long[:40] + "\"" + long[41:], long[:33]} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkEncode(t, b)
		checkDecode(t, b)
		checkDecode(t, []byte(base64.StdEncoding.EncodeToString(b)))
	})
}

func BenchmarkBase64(b *testing.B) {
	src := make([]byte, 750_000)
	for i := range src {
		src[i] = byte(i * 7 % 251)
	}
	enc := []byte(base64.StdEncoding.EncodeToString(src))
	dst := make([]byte, len(enc))
	for _, c := range []struct {
		name string
		in   []byte
		run  func()
	}{
		{"encode", src, func() { encodeBase64(dst, src) }},
		{"encode-stdlib", src, func() { base64.StdEncoding.Encode(dst, src) }},
		{"decode", enc, func() { decodeBase64(dst, enc) }},
		{"decode-stdlib", enc, func() { base64.StdEncoding.Decode(dst, enc) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				c.run()
			}
		})
	}
}

// TestVectorBase64: the vector loops run where the architecture has them
// (AVX2 on amd64, NEON on arm64; the arm64 build runs under qemu-aarch64
// in .ci/test), read and write whole steps, and agree with
// encoding/base64, including a stop at a character outside the alphabet
// and a dst without room for another step. Where there are none, they
// read nothing, and the word loops do all the work.
func TestVectorBase64(t *testing.T) {
	want := map[string]string{"amd64": "avx2", "arm64": "neon"}[runtime.GOARCH]
	if runtime.GOARCH == "amd64" && !cpu.X86.HasAVX2 {
		want = ""
	}
	if vectorBase64 != want {
		t.Fatalf("vectorBase64 = %q on %s, want %q", vectorBase64, runtime.GOARCH, want)
	}
	src := make([]byte, 1000)
	for i := range src {
		src[i] = byte(i * 131 % 256)
	}
	enc := []byte(base64.StdEncoding.EncodeToString(src))
	if want == "" {
		read, written := decodeVector(make([]byte, len(src)), enc)
		if n := encodeVector(make([]byte, len(enc)), src); n != 0 || read != 0 || written != 0 {
			t.Fatalf("no vector loops, yet encodeVector read %d, decodeVector %d and %d", n, read, written)
		}
		return
	}
	for _, room := range []int{len(enc), 100} {
		dst := make([]byte, room)
		n := encodeVector(dst, src)
		if n == 0 || n%24 != 0 || n/3*4 > room || string(dst[:n/3*4]) != string(enc[:n/3*4]) {
			t.Fatalf("encodeVector with room %d: read %d, wrote %q", room, n, dst[:min(n/3*4, room)])
		}
	}
	for _, stop := range []int{len(enc), 200, 70, 3} {
		bad := bytes.Clone(enc)
		if stop < len(bad) {
			bad[stop] = '"'
		}
		dst := make([]byte, len(src)+64)
		read, written := decodeVector(dst, bad)
		if read == 0 && stop > 64 || read%32 != 0 || read > stop || stop-read > 64 || written != read/4*3 || !bytes.Equal(dst[:written], src[:written]) {
			t.Fatalf("decodeVector stopping at %d: read %d, wrote %d", stop, read, written)
		}
	}
	for c := range 256 { // every character at the start of the first step
		bad := bytes.Clone(enc)
		bad[5] = byte(c)
		read, _ := decodeVector(make([]byte, len(src)+64), bad)
		if in := strings.IndexByte(alphabet, byte(c)) >= 0; in != (read > 0) {
			t.Fatalf("decodeVector with %#x in the first step: read %d", c, read)
		}
	}
	if read, _ := decodeVector(make([]byte, 20), enc); read != 0 {
		t.Fatalf("decodeVector into 20 bytes read %d", read)
	}
}
