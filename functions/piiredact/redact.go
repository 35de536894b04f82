package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// MaxRecordBytes is the largest record redacted: 1 MiB, the largest record
// Firehose's PutRecord or a Kinesis data stream takes by default. A larger
// record is ProcessingFailed.
const MaxRecordBytes = 1 << 20

// node is a level of the REDACT_FIELDS paths: the keys below it, and
// whether a path ends here.
type node struct {
	children map[string]*node
	leaf     bool
}

func buildPaths(paths []string) *node {
	root := &node{}
	for _, p := range paths {
		n := root
		for _, k := range strings.Split(p, ".") {
			if n.children == nil {
				n.children = map[string]*node{}
			}
			c := n.children[k]
			if c == nil {
				c = &node{}
				n.children[k] = c
			}
			n = c
		}
		n.leaf = true
	}
	return root
}

// Redactor redacts records as its configuration says.
type Redactor struct {
	paths  *node
	mode   Mode
	key    []byte
	detect bool

	w walker // ProcessEvent's buffers, reused from record to record
}

// NewRedactor prepares c for use.
func NewRedactor(c Config) *Redactor {
	return &Redactor{paths: buildPaths(c.Fields), mode: c.Mode, key: c.HashKey, detect: c.Detect}
}

// Redact redacts one record. The output is the record as compact JSON with
// a final newline; members keep their order.
func (r *Redactor) Redact(data []byte) (firehoseproc.Result, Counts) {
	return r.redact(data, nil)
}

// redact is Redact with the walker's buffers (output, HMAC, scratch)
// reused from w, nil for new ones: an Ok result's data is then w's output
// buffer, valid until w's next use.
func (r *Redactor) redact(data []byte, w *walker) (firehoseproc.Result, Counts) {
	body := bytes.TrimSpace(data)
	switch {
	case len(body) == 0:
		return firehoseproc.Result{Status: firehoseproc.Dropped, Reason: "blank record"}, Counts{}
	case len(data) > MaxRecordBytes:
		return failed(fmt.Sprintf("record of %d bytes is over the %d-byte limit", len(data), MaxRecordBytes))
	case !utf8.Valid(body):
		return failed("not UTF-8 (JSON text must be UTF-8)")
	case !jsonscan.Valid(body):
		var v json.RawMessage
		err := json.Unmarshal(body, &v) // for the syntax error's message
		return failed("not JSON: " + err.Error())
	}
	if w == nil {
		w = &walker{}
	}
	w.r, w.counts = r, Counts{}
	w.out = w.out[:0]
	if need := len(body) + len(body)/8 + 1; cap(w.out) < need {
		w.out = make([]byte, 0, need)
	}
	if r.mode == Hash && w.mac == nil {
		w.mac = hmac.New(sha256.New, r.key)
	}
	w.value(body, 0, r.paths)
	w.out = append(w.out, '\n')
	return firehoseproc.Result{Status: firehoseproc.Ok, Data: w.out}, w.counts
}

func failed(reason string) (firehoseproc.Result, Counts) {
	return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: reason}, Counts{}
}

// walker copies valid JSON to out without insignificant whitespace,
// redacting on the way. It is only given JSON that json.Valid accepted.
type walker struct {
	r       *Redactor
	out     []byte
	counts  Counts
	mac     hash.Hash
	scratch []byte
}

// value copies the value at b[i] (no leading space), where the path so
// far is at n (nil: no path goes through here), and returns the index
// after it.
func (w *walker) value(b []byte, i int, n *node) int {
	switch b[i] {
	case '{':
		w.out = append(w.out, '{')
		first := true
		i = jsonscan.SkipSpace(b, i+1)
		for b[i] != '}' {
			if b[i] == ',' {
				i = jsonscan.SkipSpace(b, i+1)
			}
			ke := jsonscan.StringEnd(b, i)
			rawKey := b[i:ke]
			v := jsonscan.SkipSpace(b, jsonscan.SkipSpace(b, ke)+1) // past ':'
			var child *node
			if n != nil && n.children != nil {
				child = n.children[string(jsonscan.DecodeString(rawKey))]
			}
			if child != nil && child.leaf {
				i = w.redactMember(b, rawKey, v, &first)
			} else {
				if !first {
					w.out = append(w.out, ',')
				}
				first = false
				w.out = append(w.out, rawKey...)
				w.out = append(w.out, ':')
				i = w.value(b, v, child)
			}
			i = jsonscan.SkipSpace(b, i)
		}
		w.out = append(w.out, '}')
		return i + 1
	case '[':
		w.out = append(w.out, '[')
		i = jsonscan.SkipSpace(b, i+1)
		for first := true; b[i] != ']'; first = false {
			if b[i] == ',' {
				i = jsonscan.SkipSpace(b, i+1)
			}
			if !first {
				w.out = append(w.out, ',')
			}
			i = jsonscan.SkipSpace(b, w.value(b, i, n)) // arrays are transparent to paths
		}
		w.out = append(w.out, ']')
		return i + 1
	case '"':
		e := jsonscan.StringEnd(b, i)
		w.str(b[i:e])
		return e
	}
	e := jsonscan.LiteralEnd(b, i)
	w.out = append(w.out, b[i:e]...)
	return e
}

// str copies a string token, redacting what the detectors find.
func (w *walker) str(tok []byte) {
	if !w.r.detect {
		w.out = append(w.out, tok...)
		return
	}
	// The detectors read the value as a string, here without a copy:
	// redactText keeps nothing of its argument, and its result is appended
	// to the output (copied) before tok's bytes can change.
	raw := jsonscan.DecodeString(tok) // tok's own bytes, or a new copy without escapes
	s := unsafe.String(unsafe.SliceData(raw), len(raw))
	red := redactText(s, &w.counts)
	if red == s {
		w.out = append(w.out, tok...) // as written
		return
	}
	w.out = jsonscan.AppendString(w.out, red)
}

// redactMember handles a member whose key ends a path; the value starts
// at b[v]. It returns the index after the value.
func (w *walker) redactMember(b []byte, rawKey []byte, v int, first *bool) int {
	end := jsonscan.ValueEnd(b, v)
	val := b[v:end]
	null := string(val) == "null"
	if !null {
		w.counts.Field++
	}
	if w.r.mode == Remove {
		return end
	}
	if !*first {
		w.out = append(w.out, ',')
	}
	*first = false
	w.out = append(w.out, rawKey...)
	w.out = append(w.out, ':')
	switch {
	case null:
		w.out = append(w.out, "null"...)
	case w.r.mode == Mask && val[0] == '"':
		w.out = append(w.out, `"***"`...)
	case w.r.mode == Mask:
		w.out = append(w.out, "null"...)
	default: // Hash
		w.mac.Reset()
		if val[0] == '"' {
			w.mac.Write(jsonscan.DecodeString(val))
		} else {
			w.scratch = jsonscan.AppendCompact(w.scratch[:0], val)
			w.mac.Write(w.scratch)
		}
		w.out = append(w.out, '"')
		w.out = hex.AppendEncode(w.out, w.mac.Sum(w.scratch[:0]))
		w.out = append(w.out, '"')
	}
	return end
}
