package main

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// Doc is one log event as an OpenSearch document.
type Doc struct {
	Index string // <prefix>-YYYY-MM-DD of the event's time, UTC
	ID    string // the CloudWatch Logs event id: a retry never duplicates
	// Source is the document; Plain is the same without "fields", sent
	// instead when the domain refuses Source's fields (a mapping conflict).
	Source []byte
	Plain  []byte
}

// BuildDocs turns an envelope into one document per log event:
//
//	{"@timestamp":"2026-11-25T10:00:00.000Z","message":"...",
//	 "log":{"group":"...","stream":"...","owner":"...","id":"..."},
//	 "fields":{...}}
//
// fields is the message itself when it is a JSON object (structured logs),
// so it can be searched field by field. Invalid UTF-8 in a message is
// replaced by U+FFFD.
func BuildDocs(env *cwlogs.Envelope, prefix string) []Doc {
	docs := make([]Doc, 0, len(env.LogEvents))
	for _, ev := range env.LogEvents {
		ts := time.UnixMilli(ev.Timestamp).UTC()
		obj := jsonObject(ev.Message)
		// One allocation holds the document with fields, then the plain one.
		buf := make([]byte, 0, 2*(160+len(ev.Message)+len(env.LogGroup)+len(env.LogStream)+len(ev.ID))+len(obj))
		buf = append(buf, `{"@timestamp":"`...)
		buf = ts.AppendFormat(buf, "2006-01-02T15:04:05.000Z07:00")
		buf = append(buf, `","message":`...)
		buf = jsonscan.AppendString(buf, ev.Message)
		buf = append(buf, `,"log":{"group":`...)
		buf = jsonscan.AppendString(buf, env.LogGroup)
		buf = append(buf, `,"stream":`...)
		buf = jsonscan.AppendString(buf, env.LogStream)
		buf = append(buf, `,"owner":`...)
		buf = jsonscan.AppendString(buf, env.Owner)
		buf = append(buf, `,"id":`...)
		buf = jsonscan.AppendString(buf, ev.ID)
		buf = append(buf, '}')
		head := len(buf)
		d := Doc{Index: prefix + "-" + ts.Format("2006-01-02"), ID: docID(ev)}
		if obj != nil {
			buf = append(buf, `,"fields":`...)
			buf = append(buf, obj...)
			buf = append(buf, '}')
			d.Source = buf[:len(buf):len(buf)]
			start := len(buf)
			buf = append(buf, buf[:head]...)
			buf = append(buf, '}')
			d.Plain = buf[start:len(buf):len(buf)]
		} else {
			buf = append(buf, '}')
			d.Source = buf[:len(buf):len(buf)]
			d.Plain = d.Source
		}
		docs = append(docs, d)
	}
	return docs
}

// docID is the event id, or for an event without one (never sent by
// CloudWatch Logs) its time and a hash of its message.
func docID(ev cwlogs.LogEvent) string {
	if ev.ID != "" && len(ev.ID) <= 512 {
		return ev.ID
	}
	h := fnv.New64a()
	h.Write([]byte(ev.Message))
	return strconv.FormatInt(ev.Timestamp, 10) + "-" + strconv.FormatUint(h.Sum64(), 16)
}

// jsonObject is the message compacted when it is exactly one JSON object
// in valid UTF-8, else nil. (A repeated key passes here and is refused by
// the domain: the loader then sends the plain document.)
func jsonObject(msg string) []byte {
	b := bytes.TrimSpace([]byte(msg))
	if len(b) < 2 || b[0] != '{' || !utf8.Valid(b) || !jsonscan.Valid(b) {
		return nil
	}
	var buf bytes.Buffer
	buf.Grow(len(b))
	if json.Compact(&buf, b) != nil {
		return nil
	}
	return buf.Bytes()
}
