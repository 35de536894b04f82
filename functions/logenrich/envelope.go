package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"unicode/utf8"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// The envelope's fast path: a CloudWatch Logs subscription envelope read
// without reflection into buffers kept from one record (and invocation) to
// the next. It decides nothing: anything it does not read exactly as
// cwlogs.Decode (encoding/json) would, or that cwlogs.Decode would refuse,
// takes cwlogs.Decode instead, which then gives the envelope or the error.

// parsedEnvelope is what the processor needs of a DATA_MESSAGE envelope; the
// slices point into the record's buffers (or, after cwlogs.Decode, copies).
type parsedEnvelope struct {
	group, stream []byte
	events        []logEvent
}

type logEvent struct {
	id, message []byte
	timestamp   int64
}

// errSlow sends an envelope to cwlogs.Decode.
var errSlow = errors.New("logenrich: envelope left to cwlogs")

// unzipper reuses a gzip reader.
type unzipper struct {
	zr *gzip.Reader
	br bytes.Reader
}

// gunzip decompresses data into dst[:0] (grown as needed), refusing more
// than limit bytes.
func (u *unzipper) gunzip(dst, data []byte, limit int) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return dst, errSlow
	}
	u.br.Reset(data)
	var err error
	if u.zr == nil {
		u.zr, err = gzip.NewReader(&u.br)
	} else {
		err = u.zr.Reset(&u.br)
	}
	if err != nil {
		return dst, errSlow
	}
	buf := dst[:0]
	if want := min(8*len(data)+512, limit+1); cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := u.zr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > limit {
			return buf, errSlow
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, errSlow
		}
	}
}

var (
	envelopeKeys = []string{"messageType", "owner", "logGroup", "logStream", "subscriptionFilters", "logEvents"}
	eventKeys    = []string{"id", "timestamp", "message"}
)

// parseEnvelope reads the JSON envelope raw into env, the strings with
// escapes unescaped into text (whose capacity it makes at least len(raw),
// so that it never moves); events is reused. It takes only a valid
// DATA_MESSAGE with a logGroup and a logStream, every field of the type
// cwlogs.Envelope has (no nulls), keys as written in that type (no
// escapes, no duplicates), and valid UTF-8 strings without escaped
// surrogates; anything else is errSlow.
func parseEnvelope(raw []byte, env *parsedEnvelope, text []byte) ([]byte, error) {
	*env = parsedEnvelope{events: env.events[:0]}
	if cap(text) < len(raw) {
		text = make([]byte, 0, len(raw))
	}
	text = text[:0]
	if !jsonscan.Valid(raw) {
		return text, errSlow
	}
	str := func(tok []byte) ([]byte, error) {
		var s []byte
		var err error
		s, text, err = unquote(tok, text)
		return s, err
	}
	var dataMessage bool
	err := members(raw, jsonscan.SkipSpace(raw, 0), envelopeKeys, func(k, v, end int) error {
		switch k {
		case 0, 1, 2, 3:
			if raw[v] != '"' {
				return errSlow
			}
			s, err := str(raw[v:end])
			switch k {
			case 0:
				dataMessage = string(s) == cwlogs.DataMessage
			case 2:
				env.group = s
			case 3:
				env.stream = s
			}
			return err
		case 4:
			if raw[v] != '[' {
				return errSlow
			}
			for j := jsonscan.SkipSpace(raw, v+1); raw[j] != ']'; {
				if raw[j] != '"' {
					return errSlow
				}
				j = jsonscan.SkipSpace(raw, jsonscan.StringEnd(raw, j))
				if raw[j] == ',' {
					j = jsonscan.SkipSpace(raw, j+1)
				}
			}
			return nil
		}
		if raw[v] != '[' {
			return errSlow
		}
		for j := jsonscan.SkipSpace(raw, v+1); raw[j] != ']'; {
			var e logEvent
			err := members(raw, j, eventKeys, func(k, v, end int) error {
				var err error
				switch {
				case k == 1:
					var ok bool
					if e.timestamp, ok = integer(raw[v:end]); !ok {
						err = errSlow
					}
				case raw[v] != '"':
					err = errSlow
				case k == 0:
					e.id, err = str(raw[v:end])
				default:
					e.message, err = str(raw[v:end])
				}
				return err
			})
			if err != nil {
				return err
			}
			env.events = append(env.events, e)
			j = jsonscan.SkipSpace(raw, jsonscan.ValueEnd(raw, j))
			if raw[j] == ',' {
				j = jsonscan.SkipSpace(raw, j+1)
			}
		}
		return nil
	})
	if err != nil {
		return text, err
	}
	if !dataMessage || len(env.group) == 0 || len(env.stream) == 0 {
		return text, errSlow // control messages and errors: cwlogs says
	}
	return text, nil
}

// members calls field(k, value start, value end) for each member of the
// valid JSON object at raw[i] whose key is keys[k], until it returns an
// error; other keys are skipped. A key with escapes or beyond ASCII, a key that matches one of
// keys only case-insensitively (encoding/json would take it) and a
// repeated key are errSlow.
func members(raw []byte, i int, keys []string, field func(k, v, end int) error) error {
	if raw[i] != '{' {
		return errSlow
	}
	var seen uint
	i = jsonscan.SkipSpace(raw, i+1)
	for raw[i] != '}' {
		if raw[i] == ',' {
			i = jsonscan.SkipSpace(raw, i+1)
		}
		ke := jsonscan.StringEnd(raw, i)
		key := raw[i+1 : ke-1]
		if bytes.IndexByte(key, '\\') >= 0 || !ascii(key) {
			return errSlow // encoding/json's folding of non-ASCII keys is its own
		}
		v := jsonscan.SkipSpace(raw, jsonscan.SkipSpace(raw, ke)+1) // past ':'
		end := jsonscan.ValueEnd(raw, v)
		k := -1
		for n, name := range keys {
			if string(key) == name {
				k = n
			} else if bytes.EqualFold(key, []byte(name)) {
				return errSlow
			}
		}
		if k >= 0 {
			if seen&(1<<k) != 0 {
				return errSlow
			}
			seen |= 1 << k
			if err := field(k, v, end); err != nil {
				return err
			}
		}
		i = jsonscan.SkipSpace(raw, end)
	}
	return nil
}

// integer reads a JSON number that is an integer of at most 18 digits.
func integer(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v, true
}

// unquote decodes the valid string token tok as encoding/json does: a
// slice of tok without escapes, else appended to text (which has room).
// Invalid UTF-8 (encoding/json would write U+FFFD) and escaped surrogates
// are errSlow.
func unquote(tok, text []byte) ([]byte, []byte, error) {
	s := tok[1 : len(tok)-1]
	esc := bytes.IndexByte(s, '\\')
	if !ascii(s) && !utf8.Valid(s) {
		return nil, text, errSlow
	}
	if esc < 0 {
		return s, text, nil
	}
	start := len(text)
	text = append(text, s[:esc]...)
	for i := esc; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			text = append(text, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			text = append(text, '\b')
		case 'f':
			text = append(text, '\f')
		case 'n':
			text = append(text, '\n')
		case 'r':
			text = append(text, '\r')
		case 't':
			text = append(text, '\t')
		case 'u':
			r := rune(0)
			for _, h := range s[i+1 : i+5] {
				r <<= 4
				switch {
				case h <= '9':
					r |= rune(h - '0')
				case h >= 'a':
					r |= rune(h - 'a' + 10)
				default:
					r |= rune(h - 'A' + 10)
				}
			}
			if utf8.RuneLen(r) < 0 { // a surrogate
				return nil, text, errSlow
			}
			text = utf8.AppendRune(text, r)
			i += 4
		default: // '"', '\\', '/'
			text = append(text, s[i])
		}
	}
	return text[start:len(text):len(text)], text, nil
}

func ascii(s []byte) bool {
	for _, c := range s {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fromCwlogs is env as cwlogs.Decode read it, copied.
func fromCwlogs(env *cwlogs.Envelope, into *parsedEnvelope) {
	*into = parsedEnvelope{group: []byte(env.LogGroup), stream: []byte(env.LogStream), events: into.events[:0]}
	for _, e := range env.LogEvents {
		into.events = append(into.events, logEvent{id: []byte(e.ID), message: []byte(e.Message), timestamp: e.Timestamp})
	}
}
