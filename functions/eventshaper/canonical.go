package main

import (
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// The canonical record is the one doc.go shows, laid out as producers
// write it: event_id, event_type, occurred_at (readable) and the four
// groups with all their fields, in the order of groups, compact, every
// text a string without escapes and not empty, every whole number plain
// digits. Its groups' objects are, byte for byte, the document's objects.
// shapeCanonical reads such a record in one walk over canonicalSteps (the
// bytes written before a value, compared as words, then the value) and
// copies each group's object as it stands; at the first byte that departs
// from the layout it gives up, and shapeUsual starts again. FuzzShape
// holds its documents to shapeAny's.

// step is one value of the canonical record and the bytes before it.
type step struct {
	lit  words // the bytes before the value
	kind kind
	// group is the value's group (-1: the top level's); open is where in
	// lit the group's object opens (-1: it does not), lit then beginning
	// with the previous group's closing brace, if any.
	group, open int
}

// canonicalSteps are the canonical record's values in order: the top
// level's three (slotID, slotType, slotOccurred), then each group's.
var canonicalSteps = func() (steps []step) {
	add := func(lit string, k kind, group, open int) {
		steps = append(steps, step{lit: newWords(lit), kind: k, group: group, open: open})
	}
	add(`{"event_id":`, text, -1, -1)
	add(`,"event_type":`, text, -1, -1)
	add(`,"occurred_at":`, text, -1, -1)
	for g, group := range groups {
		for f, fd := range group.fields {
			lit, open := `,"`+fd.name+`":`, -1
			if f == 0 {
				lit = `,"` + group.in + `":{"` + fd.name + `":`
				open = len(group.in) + 4
				if g > 0 {
					lit, open = "}"+lit, open+1
				}
			}
			add(lit, fd.kind, g, open)
		}
	}
	return steps
}()

// shapeCanonical writes the document of body into out when body is a
// canonical record, and reports whether it was.
func shapeCanonical(out, body []byte, arrival int64, d *dates) ([]byte, bool) {
	var top [slotGroups][]byte
	var objects [4]struct{ start, end int }
	i := 0
	for s := range canonicalSteps {
		st := &canonicalSteps[s]
		if !st.lit.at(body, i) {
			return nil, false
		}
		if st.open >= 0 {
			if st.group > 0 {
				objects[st.group-1].end = i + 1
			}
			objects[st.group].start = i + st.open
		}
		vi := i + len(st.lit.s)
		if st.kind == text {
			i = textEnd(body, vi)
		} else {
			i = wholeEnd(body, vi)
		}
		if i < 0 {
			return nil, false
		}
		if s < slotGroups {
			top[s] = body[vi:i]
		}
	}
	if i+2 != len(body) || body[i] != '}' || body[i+1] != '}' {
		return nil, false
	}
	objects[len(objects)-1].end = i + 1
	ms, ok := parseOccurred(top[slotOccurred])
	if !ok {
		return nil, false
	}
	out = appendHead(out, d, ms, fromEvent, top[slotID], top[slotType])
	for g, o := range objects {
		out = append(swar.AppendShort(out, groupKey[g]), body[o.start:o.end]...)
	}
	out = appendIngest(out, d, arrival)
	return append(out, '}'), true
}

// textEnd returns the index after the string at b[i] when it is not empty
// and has neither escapes nor control characters, else -1.
func textEnd(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	if j := jsonscan.RunEnd(b, i+1); j < len(b) && b[j] == '"' && j > i+1 {
		return j + 1
	}
	return -1
}

// wholeEnd returns the index after the whole number (isWhole) at b[i],
// else -1.
func wholeEnd(b []byte, i int) int {
	if j := jsonscan.NumberEnd(b, i); j > i && isWhole(b[i:j]) {
		return j
	}
	return -1
}
