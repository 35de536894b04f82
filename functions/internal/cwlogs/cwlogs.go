// Package cwlogs decodes the CloudWatch Logs subscription payload as Amazon
// Data Firehose hands it to a transformation function: each record's data
// is one gzip-compressed JSON envelope
//
//	{"messageType": "DATA_MESSAGE" | "CONTROL_MESSAGE", "owner": "111111111111",
//	 "logGroup": "...", "logStream": "...", "subscriptionFilters": ["..."],
//	 "logEvents": [{"id": "...", "timestamp": 1764064800000, "message": "..."}]}
//
// CloudWatch Logs sends a CONTROL_MESSAGE when a subscription is created, to
// check that it can write to the destination; it carries no log data, and
// Decode reports it with ErrControlMessage so that callers drop it.
//
// Compressed data is small, but gzip reaches ratios above 1000:1, so one
// record could decompress to gigabytes. Decode stops reading at MaxBytes of
// decompressed data (DefaultMaxBytes, 10 MiB, unless set) and returns an
// error instead.
//
// The data must be gzip: with Firehose's own CloudWatch Logs decompression
// turned on, records arrive already decompressed (or reduced to the bare
// messages), and Decode refuses them with an error that says so.
package cwlogs

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Message types of the envelope.
const (
	DataMessage    = "DATA_MESSAGE"
	ControlMessage = "CONTROL_MESSAGE"
)

// DefaultMaxBytes caps the decompressed size of one envelope when a Decoder
// has no MaxBytes: 10 MiB, ten times Firehose's largest record.
const DefaultMaxBytes = 10 << 20

// ErrControlMessage is returned, together with the decoded envelope, for a
// CONTROL_MESSAGE.
var ErrControlMessage = errors.New("cwlogs: control message (subscription check, no log data)")

// ErrTooLarge is wrapped by the error for data that decompresses to more
// than the limit.
var ErrTooLarge = errors.New("cwlogs: decompressed envelope over the size limit")

// Envelope is one subscription payload.
type Envelope struct {
	MessageType         string     `json:"messageType"`
	Owner               string     `json:"owner"`
	LogGroup            string     `json:"logGroup"`
	LogStream           string     `json:"logStream"`
	SubscriptionFilters []string   `json:"subscriptionFilters"`
	LogEvents           []LogEvent `json:"logEvents"`
}

// LogEvent is one log event of an envelope.
type LogEvent struct {
	ID        string `json:"id"`
	Timestamp int64  `json:"timestamp"` // milliseconds since the Unix epoch
	Message   string `json:"message"`
}

// Decoder decodes envelopes. The zero value is ready to use; it is safe for
// concurrent use.
type Decoder struct {
	// MaxBytes caps the decompressed size; 0 means DefaultMaxBytes.
	MaxBytes int
}

// Decode decodes data with the default limit.
func Decode(data []byte) (*Envelope, error) {
	return Decoder{}.Decode(data)
}

// gzip readers keep about 40 KB of tables each; buffers grow to the
// largest envelope seen. Both are reused across records.
var (
	readers sync.Pool // *gzip.Reader
	buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

// maxPooledBuffer keeps one unusually large envelope from pinning its
// buffer in the pool.
const maxPooledBuffer = 1 << 20

// Decode decompresses and decodes one record's data. It returns the
// envelope and nil for a DATA_MESSAGE, the envelope and ErrControlMessage
// for a CONTROL_MESSAGE, and nil and an error for anything else: data that
// is not gzip, a truncated or corrupt stream, more than MaxBytes once
// decompressed (wrapping ErrTooLarge), JSON that is not an envelope, an
// unknown message type, or a DATA_MESSAGE without log group or stream.
func (d Decoder) Decode(data []byte) (*Envelope, error) {
	limit := d.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		hint := ""
		if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '{' {
			hint = " (it looks like JSON: is the delivery stream's CloudWatch Logs decompression turned on?)"
		}
		return nil, fmt.Errorf("cwlogs: data is not gzip%s", hint)
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			buffers.Put(buf)
		}
	}()
	if err := Gunzip(buf, data, limit); err != nil {
		return nil, err
	}
	var env Envelope
	if err := json.Unmarshal(buf.Bytes(), &env); err != nil {
		return nil, fmt.Errorf("cwlogs: not a subscription envelope: %w", err)
	}
	switch env.MessageType {
	case ControlMessage:
		return &env, ErrControlMessage
	case DataMessage:
	default:
		return nil, fmt.Errorf("cwlogs: unknown messageType %q (want %s or %s)", env.MessageType, DataMessage, ControlMessage)
	}
	if env.LogGroup == "" || env.LogStream == "" {
		return nil, fmt.Errorf("cwlogs: %s without logGroup or logStream", DataMessage)
	}
	return &env, nil
}

// Gunzip decompresses data into buf, refusing more than limit bytes
// (ErrTooLarge); its gzip readers are pooled across calls.
func Gunzip(buf *bytes.Buffer, data []byte, limit int) (err error) {
	zr, _ := readers.Get().(*gzip.Reader)
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(data))
	} else {
		err = zr.Reset(bytes.NewReader(data))
	}
	if err != nil {
		return fmt.Errorf("cwlogs: bad gzip header: %w", err)
	}
	defer readers.Put(zr)
	// One byte over the limit tells a stream of exactly limit bytes from a
	// longer one.
	n, err := buf.ReadFrom(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return fmt.Errorf("cwlogs: corrupt or truncated gzip: %w", err)
	}
	if n > int64(limit) {
		return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return nil
}
