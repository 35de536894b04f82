package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"unicode/utf8"
)

// Limits of one request. A synchronous Lambda invocation carries at most
// 6 MB each way; these keep a request far below that, and one
// BatchGetItem call (100 keys) answers a whole detokenize request.
const (
	MaxValues       = 100     // values or tokens per request
	MaxValueBytes   = 4096    // UTF-8 bytes of one value
	MaxEventBytes   = 1 << 20 // bytes of the whole event
	MaxContextPairs = 8       // entries of "context"
	MaxContextKey   = 64      // bytes of a context key
	MaxContextValue = 256     // bytes of a context value
)

// Op is what a request asks for.
type Op string

// The two operations. One deployed function serves one of them (MODE).
const (
	OpTokenize   Op = "tokenize"
	OpDetokenize Op = "detokenize"
)

// Request is a parsed, checked event.
type Request struct {
	Op      Op
	Values  []string          // tokenize: the plaintext values, in order
	Tokens  []string          // detokenize: the tokens, in order
	Context map[string]string // the purpose binding; never nil
}

// Response is the function's result: Tokens for tokenize (one per value, in
// order), Values for detokenize (one per token, null for a token the vault
// does not hold under the request's context) with NotFound listing the
// indexes of those nulls.
type Response struct {
	Tokens   []string  `json:"tokens,omitempty"`
	Values   []*string `json:"values,omitempty"`
	NotFound []int     `json:"notFound,omitempty"`
}

// RequestError is a request the function refuses; Lambda reports it to the
// synchronous caller as errorType "RequestError".
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return "bad request: " + e.Msg }

func bad(format string, args ...any) error { return &RequestError{Msg: fmt.Sprintf(format, args...)} }

// wire is the event as sent. Pointers tell a null element from a value.
type wire struct {
	Op      string            `json:"op"`
	Values  []*string         `json:"values"`
	Tokens  []*string         `json:"tokens"`
	Context map[string]string `json:"context"`
}

var contextKeyRE = regexp.MustCompile(`^[A-Za-z0-9_.:/-]{1,64}$`)

// Parse decodes and checks an event:
//
//	{"op":"tokenize","values":["..."],"context":{"purpose":"billing"}}
//	{"op":"detokenize","tokens":["tok_..."],"context":{"purpose":"billing"}}
//
// Unknown fields, a second JSON value, null elements, empty or oversized
// values, malformed tokens and more than MaxValues elements are refused
// with a *RequestError naming the problem (never echoing a value).
func Parse(raw []byte) (Request, error) {
	if len(raw) > MaxEventBytes {
		return Request{}, bad("event of %d bytes, at most %d", len(raw), MaxEventBytes)
	}
	if !utf8.Valid(raw) {
		// encoding/json would replace the bad bytes with U+FFFD and
		// tokenize a value other than the one sent.
		return Request{}, bad("event is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var w wire
	if err := dec.Decode(&w); err != nil {
		return Request{}, bad("not a request object: %s", jsonProblem(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Request{}, bad("data after the request object")
	}
	r := Request{Op: Op(w.Op), Context: map[string]string{}}
	if err := checkContext(w.Context); err != nil {
		return Request{}, err
	}
	for k, v := range w.Context {
		r.Context[k] = v
	}
	switch r.Op {
	case OpTokenize:
		if w.Tokens != nil {
			return Request{}, bad(`"tokens" is for detokenize; tokenize takes "values"`)
		}
		vs, err := elements("values", w.Values)
		if err != nil {
			return Request{}, err
		}
		for i, v := range vs {
			if v == "" || len(v) > MaxValueBytes || !utf8.ValidString(v) {
				return Request{}, bad("values[%d]: %d bytes; a value is 1 to %d bytes of UTF-8", i, len(v), MaxValueBytes)
			}
		}
		r.Values = vs
	case OpDetokenize:
		if w.Values != nil {
			return Request{}, bad(`"values" is for tokenize; detokenize takes "tokens"`)
		}
		ts, err := elements("tokens", w.Tokens)
		if err != nil {
			return Request{}, err
		}
		for i, t := range ts {
			if !ValidToken(t) {
				return Request{}, bad("tokens[%d] is not a token of this vault (%s or %s followed by %d base64url characters)", i, RandomPrefix, DeterministicPrefix, tokenChars)
			}
		}
		r.Tokens = ts
	default:
		return Request{}, bad(`"op" must be "tokenize" or "detokenize"`)
	}
	return r, nil
}

func elements(name string, in []*string) ([]string, error) {
	if len(in) == 0 {
		return nil, bad("%q: 1 to %d elements", name, MaxValues)
	}
	if len(in) > MaxValues {
		return nil, bad("%q: %d elements, at most %d per request", name, len(in), MaxValues)
	}
	out := make([]string, len(in))
	for i, p := range in {
		if p == nil {
			return nil, bad("%s[%d] is null", name, i)
		}
		out[i] = *p
	}
	return out, nil
}

func checkContext(c map[string]string) error {
	if len(c) > MaxContextPairs {
		return bad("context: %d entries, at most %d", len(c), MaxContextPairs)
	}
	for k, v := range c {
		if !contextKeyRE.MatchString(k) {
			return bad("context key of %d bytes: 1 to %d letters, digits or _.:/-", len(k), MaxContextKey)
		}
		if len(v) > MaxContextValue || !utf8.ValidString(v) {
			return bad("context[%q]: %d bytes; at most %d bytes of UTF-8", k, len(v), MaxContextValue)
		}
	}
	return nil
}

// jsonProblem describes a decoding error without quoting the input (which
// may hold the values being protected).
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q must be %s", typ.Field, typ.Type)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "truncated JSON"
	}
	// Unknown fields: "json: unknown field \"x\"" names only the field.
	msg := err.Error()
	if len(msg) > 120 {
		msg = msg[:120] + "…"
	}
	return msg
}
