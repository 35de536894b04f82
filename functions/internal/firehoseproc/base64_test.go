package firehoseproc

import (
	"bytes"
	"encoding/base64"
	"math/rand/v2"
	"testing"
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
