package main

import "github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"

// A small reader for JSON that json.Valid has accepted: it splits objects
// into members without decoding them, so that values can be copied to the
// document as they were written (no reflection, no maps, no re-encoding).
// It is only ever called on valid JSON; on anything else it may panic,
// which firehoseproc would turn into ProcessingFailed.

// member is one member of an object: its key decoded, its key and value as
// written, and, for the members of artist, track, user and context kept
// under extra, the group's members.
type member struct {
	key    []byte // decoded (a slice of the input unless it had escapes)
	rawKey []byte // the quoted key token
	raw    []byte // the value
	sub    members
}

// members are an object's members in their order, each key once (a
// repeated key keeps its last value, as encoding/json and most JSON
// readers do).
type members []member

func (ms *members) set(m member) {
	for i := range *ms {
		if string((*ms)[i].key) == string(m.key) {
			(*ms)[i] = m
			return
		}
	}
	*ms = append(*ms, m)
}

// take removes and returns the member key.
func (ms *members) take(key string) ([]byte, bool) {
	for i, m := range *ms {
		if string(m.key) == key {
			*ms = append((*ms)[:i], (*ms)[i+1:]...)
			return m.raw, true
		}
	}
	return nil, false
}

func (ms members) get(key string) ([]byte, bool) {
	for _, m := range ms {
		if string(m.key) == key {
			return m.raw, true
		}
	}
	return nil, false
}

// objectMembers splits the valid JSON object obj (starting with '{'),
// expecting about n members.
func objectMembers(obj []byte, n int) members {
	ms := make(members, 0, n)
	i := 1
	for {
		i = jsonscan.SkipSpace(obj, i)
		switch obj[i] {
		case '}':
			return ms
		case ',':
			i = jsonscan.SkipSpace(obj, i+1)
		}
		ke := jsonscan.StringEnd(obj, i)
		rawKey := obj[i:ke]
		i = jsonscan.SkipSpace(obj, ke) + 1 // past ':'
		i = jsonscan.SkipSpace(obj, i)
		ve := jsonscan.ValueEnd(obj, i)
		ms.set(member{key: jsonscan.DecodeString(rawKey), rawKey: rawKey, raw: obj[i:ve]})
		i = ve
	}
}
