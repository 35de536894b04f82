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
	gone   bool // taken: no longer a member
}

// members are an object's members in their order, each key once (a
// repeated key keeps its last value, as encoding/json and most JSON
// readers do). A member taken stays in place, marked gone, so that taking
// moves nothing.
type members []member

func (ms *members) set(m member) {
	for i := range *ms {
		if x := &(*ms)[i]; !x.gone && string(x.key) == string(m.key) {
			*x = m
			return
		}
	}
	*ms = append(*ms, m)
}

// take removes and returns the member key.
func (ms members) take(key string) ([]byte, bool) {
	for i := range ms {
		if m := &ms[i]; !m.gone && string(m.key) == key {
			m.gone = true
			return m.raw, true
		}
	}
	return nil, false
}

func (ms members) get(key string) ([]byte, bool) {
	for i := range ms {
		if m := &ms[i]; !m.gone && string(m.key) == key {
			return m.raw, true
		}
	}
	return nil, false
}

// setSub replaces the value of the member key by sub (in place: extra
// keeps the input's order).
func (ms members) setSub(key string, sub members) {
	for i := range ms {
		if m := &ms[i]; !m.gone && string(m.key) == key {
			m.raw, m.sub = nil, sub
			return
		}
	}
}

// any tells whether a member is left.
func (ms members) any() bool {
	for i := range ms {
		if !ms[i].gone {
			return true
		}
	}
	return false
}

// objectMembers splits the valid JSON object obj (starting with '{'),
// expecting about n members. Their storage is taken from the end of
// *arena (nil: a new slice), which one caller reuses from record to
// record; the members returned stay valid when the arena grows later.
func objectMembers(arena *members, obj []byte, n int) members {
	var local members
	if arena == nil {
		arena = &local
	}
	start := len(*arena)
	if cap(*arena)-start < n {
		*arena = append(*arena, make(members, n)...)[:start]
	}
	ms := (*arena)[start:start]
	i := 1
	for {
		i = jsonscan.SkipSpace(obj, i)
		switch obj[i] {
		case '}':
			if cap(ms) == cap(*arena)-start { // still in the arena
				*arena = (*arena)[:start+len(ms)]
			} else {
				*arena = append((*arena)[:start], ms...)
			}
			return (*arena)[start : start+len(ms) : start+len(ms)]
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
