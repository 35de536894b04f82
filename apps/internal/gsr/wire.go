package gsr

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

const (
	// HeaderVersion is the first byte of every framed record.
	HeaderVersion byte = 3
	// CompressionNone and CompressionZlib are the second byte.
	CompressionNone byte = 0
	CompressionZlib byte = 5
	// HeaderSize is the frame's length before the payload.
	HeaderSize = 18
	// maxInflated bounds a zlib payload (a Kinesis record holds at most
	// 10 MiB; a payload inflating far beyond is not a record of ours).
	maxInflated = 64 << 20
)

// VersionID is a schema version id (a UUID) in its 16 wire bytes.
type VersionID [16]byte

// ParseVersionID reads the registry's text form
// (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).
func ParseVersionID(s string) (VersionID, error) {
	var id VersionID
	h := strings.ReplaceAll(s, "-", "")
	if len(s) != 36 || len(h) != 32 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, fmt.Errorf("schema version id %q is not a UUID", s)
	}
	if _, err := hex.Decode(id[:], []byte(h)); err != nil {
		return id, fmt.Errorf("schema version id %q is not a UUID: %w", s, err)
	}
	return id, nil
}

// String is the registry's text form of the id.
func (id VersionID) String() string {
	h := hex.EncodeToString(id[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// Frame wraps an Avro payload for the schema version id, deflating it with
// CompressionZlib.
func Frame(id VersionID, compression byte, payload []byte) ([]byte, error) {
	out := make([]byte, HeaderSize, HeaderSize+len(payload))
	out[0], out[1] = HeaderVersion, compression
	copy(out[2:], id[:])
	switch compression {
	case CompressionNone:
		return append(out, payload...), nil
	case CompressionZlib:
		buf := bytes.NewBuffer(out)
		w := zlib.NewWriter(buf)
		if _, err := w.Write(payload); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	default:
		return nil, fmt.Errorf("compression byte %d: allowed are 0 (none) and 5 (zlib)", compression)
	}
}

// IsFramed tells whether data starts like a framed record. JSON text never
// does (its first byte is printable), so producers of both kinds can share a
// stream.
func IsFramed(data []byte) bool { return len(data) > 0 && data[0] == HeaderVersion }

// Unframe checks the header and returns the schema version id and the Avro
// payload (inflated). Every failure is a *RejectError.
func Unframe(data []byte) (VersionID, []byte, error) {
	var id VersionID
	if len(data) < HeaderSize {
		return id, nil, reject("the record has %d bytes, fewer than the %d-byte header", len(data), HeaderSize)
	}
	if data[0] != HeaderVersion {
		return id, nil, reject("header version byte %d, want %d", data[0], HeaderVersion)
	}
	copy(id[:], data[2:HeaderSize])
	payload := data[HeaderSize:]
	switch data[1] {
	case CompressionNone:
		return id, payload, nil
	case CompressionZlib:
		r, err := zlib.NewReader(bytes.NewReader(payload))
		if err != nil {
			return id, nil, reject("zlib payload: %v", err)
		}
		inflated, err := io.ReadAll(io.LimitReader(r, maxInflated+1))
		if err != nil {
			return id, nil, reject("zlib payload: %v", err)
		}
		if len(inflated) > maxInflated {
			return id, nil, reject("zlib payload inflates beyond %d bytes", maxInflated)
		}
		return id, inflated, nil
	default:
		return id, nil, reject("compression byte %d, want 0 (none) or 5 (zlib)", data[1])
	}
}

// RejectError is a record that can never be decoded: retrying cannot help.
type RejectError struct{ Reason string }

func (e *RejectError) Error() string { return "rejected: " + e.Reason }

func reject(format string, args ...any) error {
	return &RejectError{Reason: fmt.Sprintf(format, args...)}
}
