package main

import "github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"

// A small reader that splits JSON objects into members without decoding
// them, so that values can be copied to the document as they were written
// (no reflection, no maps, no re-encoding), and checks them on the way:
// a record is read once, accepted exactly when json.Valid would accept it.

// member is one member of an object: its key decoded, its key and value as
// written, and, for the members of artist, track, user and context, the
// group's members.
type member struct {
	key    []byte // decoded (a slice of the input unless it had escapes)
	rawKey []byte // the quoted key token
	raw    []byte // the value
	// group holds the members of a group's object (artist, track, user,
	// context), split while the record was read; split is set when it
	// did. inExtra is set when what is left of them is kept under extra in
	// place of raw.
	group          members
	split, inExtra bool
	gone           bool // taken: no longer a member
}

// arenas are what a Shaper keeps from record to record: the storage of a
// record's members, the top level's and the groups' apart so that a group
// can be split while the top level is, and the date last written.
type arenas struct {
	top, groups members
	extra       []extraMember // shapeUsual's
	dates       dates
}

// members are an object's members in their order, each key once (a
// repeated key keeps its last value, as encoding/json and most JSON
// readers do). A member taken stays in place, marked gone, so that taking
// moves nothing.
type members []member

// indexFrom is the number of members from which add finds a repeated key
// through a map rather than by reading them all, so that an object with
// many members (a producer's bug, or an attack on the function) costs a
// time proportional to their number, not to its square.
const indexFrom = 32

// add returns the member key, new and zero but for its keys, or the one
// already there when key repeats (reset: the last value counts, in the
// first one's place). index (nil until ms holds indexFrom members) maps
// the keys to their places.
func (ms *members) add(key, rawKey []byte, index *map[string]int) *member {
	i, found := -1, false
	if *index != nil {
		i, found = (*index)[string(key)]
	} else {
		for j := range *ms {
			if x := &(*ms)[j]; !x.gone && string(x.key) == string(key) {
				i, found = j, true
				break
			}
		}
	}
	if found {
		x := &(*ms)[i]
		*x = member{key: key, rawKey: rawKey}
		return x
	}
	*ms = append(*ms, member{key: key, rawKey: rawKey})
	switch n := len(*ms); {
	case *index != nil:
		(*index)[string(key)] = n - 1
	case n == indexFrom:
		*index = make(map[string]int, 2*indexFrom)
		for j, x := range *ms {
			(*index)[string(x.key)] = j
		}
	}
	return &(*ms)[len(*ms)-1]
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
	if m := ms.find(key); m != nil {
		return m.raw, true
	}
	return nil, false
}

// find returns the member key, nil when there is none.
func (ms members) find(key string) *member {
	for i := range ms {
		if m := &ms[i]; !m.gone && string(m.key) == key {
			return m
		}
	}
	return nil
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

// objectMembers splits the JSON object at obj[0] ('{'), inside depth
// containers, expecting about n members, and returns the index after it,
// or -1 when obj is not valid JSON there (the members are then of no use).
// Their storage is taken from the end of *arena (nil: a new slice), which
// one caller reuses from record to record; the members returned stay valid
// when the arena grows later. With groups (not nil), an object value whose
// key groups counts fields for (> 0) is split too, into groups' arena, in
// the same pass.
func objectMembers(arena *members, obj []byte, depth, n int, groups *members) (members, int) {
	var local members
	if arena == nil {
		arena = &local
	}
	start := len(*arena)
	if cap(*arena)-start < n {
		*arena = append(*arena, make(members, n)...)[:start]
	}
	ms := (*arena)[start:start]
	var index map[string]int // ms's keys, once there are many (add)
	if depth >= jsonscan.MaxDepth {
		return nil, -1
	}
	i := jsonscan.SkipSpace(obj, 1)
	if i < len(obj) && obj[i] == '}' {
		return nil, i + 1
	}
	for {
		if i >= len(obj) || obj[i] != '"' {
			return nil, -1
		}
		// A key is usually plain (its run ends at its closing quote): it
		// is then its own decoding.
		var key []byte
		ke := jsonscan.RunEnd(obj, i+1)
		if ke < len(obj) && obj[ke] == '"' {
			key, ke = obj[i+1:ke], ke+1
		} else if ke = jsonscan.ValidStringEnd(obj, i); ke < 0 {
			return nil, -1
		} else {
			key = jsonscan.DecodeString(obj[i:ke])
		}
		rawKey := obj[i:ke]
		if i = jsonscan.SkipSpace(obj, ke); i >= len(obj) || obj[i] != ':' {
			return nil, -1
		}
		i = jsonscan.SkipSpace(obj, i+1)
		m := ms.add(key, rawKey, &index)
		var ve int
		if groups != nil && i < len(obj) && obj[i] == '{' {
			if gn := groupFields(m.key); gn > 0 {
				m.group, ve = objectMembers(groups, obj[i:], depth+1, gn, nil)
				if ve >= 0 {
					ve += i
				}
				m.split = true
			}
		}
		if !m.split {
			ve = jsonscan.ValidEnd(obj, i, depth+1)
		}
		if ve < 0 {
			return nil, -1
		}
		m.raw = obj[i:ve]
		if i = jsonscan.SkipSpace(obj, ve); i >= len(obj) {
			return nil, -1
		}
		switch obj[i] {
		case '}':
			if cap(ms) == cap(*arena)-start { // still in the arena
				*arena = (*arena)[:start+len(ms)]
			} else {
				*arena = append((*arena)[:start], ms...)
			}
			return (*arena)[start : start+len(ms) : start+len(ms)], i + 1
		case ',':
			i = jsonscan.SkipSpace(obj, i+1)
		default:
			return nil, -1
		}
	}
}
