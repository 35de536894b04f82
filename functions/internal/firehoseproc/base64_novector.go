//go:build !amd64 && !arm64

package firehoseproc

// vectorBase64 is empty: no vector loops on this architecture, only the
// word loops of base64.go.
const vectorBase64 = ""

func encodeVector(dst, src []byte) int { return 0 }

func decodeVector(dst, src []byte) (read, written int) { return 0, 0 }
