package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"unsafe"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// The redactor's walker before it copied unchanged stretches whole
// (session 20): every token appended to the output one by one. It is the
// oracle FuzzRedact holds the walker to, byte for byte, in every mode.

// redactByToken is Redact through tokenWalker: its result for valid JSON
// (nil when data is not valid JSON, after redact's own checks).
func (r *Redactor) redactByToken(body []byte) ([]byte, Counts, bool) {
	w := &tokenWalker{r: r}
	if r.mode == Hash {
		w.mac = hmac.New(sha256.New, r.key)
	}
	if e := w.value(body, 0, r.paths, 0); e != len(body) {
		return nil, Counts{}, false
	}
	return append(w.out, '\n'), w.counts, true
}

// tokenWalker copies JSON to out without insignificant whitespace, redacting
// on the way, and checks it as it goes: it accepts exactly what
// jsonscan.Valid accepts, in the same single pass as the copy.
type tokenWalker struct {
	r       *Redactor
	out     []byte
	counts  Counts
	mac     hash.Hash
	scratch []byte
}

// value copies the value at b[i] (no leading space), inside depth
// containers, where the path so far is at n (nil: no path goes through
// here), and returns the index after it, or -1 when b is not valid JSON
// there (out then holds part of a copy, to be dropped).
func (w *tokenWalker) value(b []byte, i int, n *node, depth int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '{':
		i, done := w.enter(b, i, depth, '}')
		for first := true; !done; {
			if i >= len(b) || b[i] != '"' {
				return -1
			}
			ke := jsonscan.ValidStringEnd(b, i)
			if ke < 0 {
				return -1
			}
			rawKey := b[i:ke]
			if ke = jsonscan.SkipSpace(b, ke); ke >= len(b) || b[ke] != ':' {
				return -1
			}
			v := jsonscan.SkipSpace(b, ke+1)
			if child := refChild(n, rawKey); child != nil && child.leaf {
				i = w.redactMember(b, rawKey, v, depth+1, &first)
			} else {
				if !first {
					w.out = append(w.out, ',')
				}
				first = false
				w.out = append(w.out, rawKey...)
				w.out = append(w.out, ':')
				i = w.value(b, v, child, depth+1)
			}
			i, done = w.after(b, i, '}')
		}
		return i
	case '[':
		i, done := w.enter(b, i, depth, ']')
		for first := true; !done; first = false {
			if !first {
				w.out = append(w.out, ',')
			}
			i, done = w.after(b, w.value(b, i, n, depth+1), ']') // arrays are transparent to paths
		}
		return i
	case '"':
		e := jsonscan.ValidStringEnd(b, i)
		if e >= 0 {
			w.str(b[i:e])
		}
		return e
	case 't', 'f', 'n':
		e := jsonscan.LiteralEndValid(b, i)
		if e >= 0 {
			w.out = append(w.out, b[i:e]...)
		}
		return e
	}
	e := jsonscan.NumberEnd(b, i)
	if e >= 0 {
		w.out = append(w.out, b[i:e]...)
	}
	return e
}

// enter copies the opening of the container at b[i] (inside depth
// containers) and returns the index of its first member or element, or,
// when it is empty (done), the index after it; -1 (done) when it would
// nest deeper than json.Valid allows.
func (w *tokenWalker) enter(b []byte, i, depth int, closing byte) (int, bool) {
	if depth == jsonscan.MaxDepth {
		return -1, true
	}
	w.out = append(w.out, b[i])
	if i = jsonscan.SkipSpace(b, i+1); i < len(b) && b[i] == closing {
		w.out = append(w.out, closing)
		return i + 1, true
	}
	return i, false
}

// after reads what follows a member or element that ended at b[i] (-1: it
// was not valid): the container's closing, copied (done, the index after
// it), or a comma (the index of the next one); -1 (done) for anything else.
func (w *tokenWalker) after(b []byte, i int, closing byte) (int, bool) {
	if i < 0 {
		return -1, true
	}
	if i = jsonscan.SkipSpace(b, i); i >= len(b) {
		return -1, true
	}
	switch b[i] {
	case closing:
		w.out = append(w.out, closing)
		return i + 1, true
	case ',':
		return jsonscan.SkipSpace(b, i+1), false
	}
	return -1, true
}

// str copies a string token, redacting what the detectors find.
func (w *tokenWalker) str(tok []byte) {
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
// at b[v], inside depth containers. It returns the index after the value,
// or -1 when the value is not valid JSON.
func (w *tokenWalker) redactMember(b []byte, rawKey []byte, v, depth int, first *bool) int {
	end := jsonscan.ValidEnd(b, v, depth)
	if end < 0 {
		return -1
	}
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
		w.out = appendMAC(w.out, w.mac, &w.scratch, val)
	}
	return end
}

// refChild is the walker's key lookup as it was: the key decoded, then
// looked up.
func refChild(n *node, rawKey []byte) *node {
	if n == nil || n.names == nil {
		return nil
	}
	return n.get(jsonscan.DecodeString(rawKey))
}
