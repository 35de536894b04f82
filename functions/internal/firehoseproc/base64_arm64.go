package firehoseproc

// vectorBase64 names the vector loops encodeBase64 and decodeBase64Run
// start with: NEON, which every arm64 CPU Lambda runs on (Graviton) has.
const vectorBase64 = "neon"

// encodeNEON encodes whole steps of 48 bytes of src into dst while both
// have room for one (64 characters) and returns the bytes read.
//
//go:noescape
func encodeNEON(dst, src []byte) int

// decodeNEON decodes whole steps of 64 characters of src into dst while
// every character of a step is in the alphabet and dst has room for one
// (48 bytes), and returns the characters read and bytes written.
//
//go:noescape
func decodeNEON(dst, src []byte) (read, written int)

func encodeVector(dst, src []byte) int { return encodeNEON(dst, src) }

func decodeVector(dst, src []byte) (read, written int) { return decodeNEON(dst, src) }
