package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"unicode/utf8"
	"unsafe"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// MaxRecordBytes is the largest record redacted: 1 MiB, the largest record
// Firehose's PutRecord or a Kinesis data stream takes by default. A larger
// record is ProcessingFailed.
const MaxRecordBytes = 1 << 20

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
	w.b, w.from = body, 0
	e := w.value(0, r.paths, 0)
	w.b = nil // the record is the caller's
	// body has no space after the value
	if e != len(body) {
		var v json.RawMessage
		err := json.Unmarshal(body, &v) // for the syntax error's message
		return failed("not JSON: " + err.Error())
	}
	w.out = append(w.out, body[w.from:]...)
	w.out = append(w.out, '\n')
	return firehoseproc.Result{Status: firehoseproc.Ok, Data: w.out}, w.counts
}

func failed(reason string) (firehoseproc.Result, Counts) {
	return firehoseproc.Result{Status: firehoseproc.ProcessingFailed, Reason: reason}, Counts{}
}

// walker copies JSON to out without insignificant whitespace, redacting
// on the way, and checks it as it goes: it accepts exactly what
// jsonscan.Valid accepts, in the same single pass as the copy.
//
// It copies the record in stretches: b[from:] has not been copied yet, and
// out followed by b[from:i] is the output for b up to i. So a token that
// stays as written costs nothing; the copy is written only where the
// output departs from the record: whitespace left out, a value replaced
// or removed.
type walker struct {
	r       *Redactor
	b       []byte // the record
	from    int
	out     []byte
	counts  Counts
	mac     hash.Hash
	scratch []byte
}

// skip copies the stretch before b[i] and leaves b[i:j] out of the copy.
func (w *walker) skip(i, j int) {
	w.out = append(w.out, w.b[w.from:i]...)
	w.from = j
}

// space returns the index of the first byte at or after i that is not
// whitespace, leaving the whitespace out of the copy.
func (w *walker) space(i int) int {
	j := jsonscan.SkipSpace(w.b, i)
	if j != i {
		w.skip(i, j)
	}
	return j
}

// value checks the value at b[i] (no leading space), inside depth
// containers, where the path so far is at n (nil: no path goes through
// here), redacting as it goes, and returns the index after it, or -1 when
// b is not valid JSON there (out then holds part of a copy, to be
// dropped).
func (w *walker) value(i int, n *node, depth int) int {
	b := w.b
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '{':
		i, done := w.enter(i, depth, '}')
		for first, removed := true, false; !done; {
			if i >= len(b) || b[i] != '"' {
				return -1
			}
			key := i
			ke, esc := jsonscan.ValidStringEscapes(b, i)
			if ke < 0 {
				return -1
			}
			child := n.child(b[i:ke], esc)
			leaf := child != nil && child.leaf
			remove := leaf && w.r.mode == Remove
			if remove || first && removed {
				// A member removed: the copy ends before it and before
				// the comma that separates it from the last one kept, if
				// any (what is copied from here to the value's end is
				// taken back below). A member kept after members that were
				// all removed: the comma after the last of them goes.
				w.skip(key, key)
				w.dropComma()
			}
			removed = removed || remove
			mark := len(w.out)
			if ke = w.space(ke); ke >= len(b) || b[ke] != ':' {
				return -1
			}
			v := w.space(ke + 1)
			if leaf {
				i = w.redactMember(v, depth+1)
			} else {
				i = w.value(v, child, depth+1)
			}
			if remove && i >= 0 {
				w.out, w.from = w.out[:mark], i
			}
			first = first && remove
			i, done = w.after(i, '}')
		}
		return i
	case '[':
		i, done := w.enter(i, depth, ']')
		for !done {
			i, done = w.after(w.value(i, n, depth+1), ']') // arrays are transparent to paths
		}
		return i
	case '"':
		e, esc := jsonscan.ValidStringEscapes(b, i)
		if e >= 0 && w.r.detect {
			w.str(i, e, esc)
		}
		return e
	case 't', 'f', 'n':
		return jsonscan.LiteralEndValid(b, i)
	}
	return jsonscan.NumberEnd(b, i)
}

// enter reads the opening of the container at b[i] (inside depth
// containers) and returns the index of its first member or element, or,
// when it is empty (done), the index after it; -1 (done) when it would
// nest deeper than json.Valid allows.
func (w *walker) enter(i, depth int, closing byte) (int, bool) {
	if depth == jsonscan.MaxDepth {
		return -1, true
	}
	if i = w.space(i + 1); i < len(w.b) && w.b[i] == closing {
		return i + 1, true
	}
	return i, false
}

// after reads what follows a member or element that ended at b[i] (-1: it
// was not valid): the container's closing (done, the index after it), or
// a comma (the index of the next one); -1 (done) for anything else.
func (w *walker) after(i int, closing byte) (int, bool) {
	if i < 0 {
		return -1, true
	}
	if i = w.space(i); i >= len(w.b) {
		return -1, true
	}
	switch w.b[i] {
	case closing:
		return i + 1, true
	case ',':
		return w.space(i + 1), false
	}
	return -1, true
}

// dropComma takes back the comma the copy ends with, if it does: called
// where the copy has reached a member's key, so it ends with the '{' or
// the ',' before that member.
func (w *walker) dropComma() {
	if n := len(w.out); n > 0 && w.out[n-1] == ',' {
		w.out = w.out[:n-1]
	}
}

// str redacts what the detectors find in the string token b[i:e], which
// has escapes when esc.
func (w *walker) str(i, e int, esc bool) {
	// The detectors read the value as a string, here without a copy:
	// redactText keeps nothing of its argument, and its result is appended
	// to the output (copied) before the record's bytes can change.
	raw := w.b[i+1 : e-1]
	if esc {
		raw = jsonscan.DecodeString(w.b[i:e]) // a new copy without escapes
	}
	s := unsafe.String(unsafe.SliceData(raw), len(raw))
	red := redactText(s, &w.counts)
	if red == s {
		return // as written
	}
	w.skip(i, e)
	w.out = jsonscan.AppendString(w.out, red)
}

// redactMember replaces the value at b[v] of a member whose key ends a
// path, inside depth containers, unless the member is removed (the caller
// takes it out of the copy) or the value is null (it stays null). It
// returns the index after the value, or -1 when the value is not valid
// JSON.
func (w *walker) redactMember(v, depth int) int {
	end := jsonscan.ValidEnd(w.b, v, depth)
	if end < 0 {
		return -1
	}
	val := w.b[v:end]
	if string(val) == "null" {
		return end
	}
	w.counts.Field++
	switch {
	case w.r.mode == Remove:
	case w.r.mode == Mask && val[0] == '"':
		w.skip(v, end)
		w.out = append(w.out, `"***"`...)
	case w.r.mode == Mask:
		w.skip(v, end)
		w.out = append(w.out, "null"...)
	default: // Hash
		w.skip(v, end)
		w.out = appendMAC(w.out, w.mac, &w.scratch, val)
	}
	return end
}

// appendMAC appends the keyed hash of the value val as a hex JSON string:
// of a string's text, of any other value's compact JSON. scratch is a
// buffer kept between calls.
func appendMAC(dst []byte, mac hash.Hash, scratch *[]byte, val []byte) []byte {
	mac.Reset()
	if val[0] == '"' {
		mac.Write(jsonscan.DecodeString(val))
	} else {
		*scratch = jsonscan.AppendCompact((*scratch)[:0], val)
		mac.Write(*scratch)
	}
	dst = append(dst, '"')
	dst = hex.AppendEncode(dst, mac.Sum((*scratch)[:0]))
	return append(dst, '"')
}
