package firehoseproc

import "golang.org/x/sys/cpu"

// vectorBase64 names the vector loops encodeBase64 and decodeBase64Run
// start with: AVX2 where the CPU has it (every x86_64 Lambda does).
var vectorBase64 = func() string {
	if cpu.X86.HasAVX2 {
		return "avx2"
	}
	return ""
}()

// encodeAVX2 encodes whole steps of 24 bytes of src into dst while both
// have room for one (28 bytes read, 32 written) and returns the bytes read.
//
//go:noescape
func encodeAVX2(dst, src []byte) int

// decodeAVX2 decodes whole steps of 32 characters of src into dst while
// every character of a step is in the alphabet and both have room for one
// (32 bytes written, 24 of them the step's), and returns the characters
// read and bytes written.
//
//go:noescape
func decodeAVX2(dst, src []byte) (read, written int)

func encodeVector(dst, src []byte) int {
	if vectorBase64 == "" {
		return 0
	}
	return encodeAVX2(dst, src)
}

func decodeVector(dst, src []byte) (read, written int) {
	if vectorBase64 == "" {
		return 0, 0
	}
	return decodeAVX2(dst, src)
}
