package main

import (
	"encoding/binary"
	"math/bits"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// The usual record has nothing for extra: only event_id, event_type,
// occurred_at and the four groups, each at most once, keys without
// escapes, every group an object (or null) of its own fields with values of
// their kind (or null, or an empty string). shapeUsual reads such a record
// in one pass into fixed slots, with no members, lookups or arenas, and
// writes its document; for anything else (including every record that
// fails) it gives up and shapeAny, the general path, starts again. Where
// shapeUsual writes a document, shapeAny writes the same bytes (FuzzShape
// checks both on every input).

// The top level's slots: the groups' are 3 + their index in groups.
const (
	slotID = iota
	slotType
	slotOccurred
	slotGroups
)

// maxFields is the most fields a group has.
const maxFields = 3

// usual holds what shapeUsual read of one record.
type usual struct {
	seen   uint8              // top-level slots present
	top    [slotGroups][]byte // id, type and occurred_at as written
	fields [4][maxFields][]byte
	kept   [4]uint8 // per group, the fields kept (not null or "")
}

// usualDoc is a document shapeUsual wrote.
type usualDoc struct {
	data []byte
	info shaped
}

// keySet is a set of keys, each with its closing quote, those with the
// same first byte next to each other, and the index of the first key of
// each first byte (-1: none).
type keySet struct {
	keys  []string
	first [256]int8
	// Each key's bytes as little-endian words, for keys and inputs of
	// eight bytes or more: the first eight (head) and the last eight
	// (tail); for shorter keys head holds them all under mask.
	head, tail, mask []uint64
	// The same for each key as compact JSON writes it, quotes and colon
	// included ("name":), in n bytes (0: more than 16).
	compact []words
}

// words is up to 16 bytes as two little-endian words compared under
// masks: the first eight and the last eight (for fewer than eight, both
// are all of them), so that at compares any length the same way.
type words struct {
	head, tail, headMask, tailMask uint64
	tailAt                         int // where tail starts
	n                              int // 0: more than 16 bytes, never matched
}

func newWords(s string) words {
	if len(s) == 0 || len(s) > 16 {
		return words{}
	}
	var b [16]byte
	copy(b[:], s)
	le := binary.LittleEndian
	w := words{head: le.Uint64(b[:]), headMask: ^uint64(0), n: len(s)}
	if len(s) < 8 {
		w.headMask >>= 8 * (8 - len(s))
		w.head &= w.headMask
		w.tail, w.tailMask = w.head, w.headMask
	} else {
		w.tailAt = len(s) - 8
		w.tail, w.tailMask = le.Uint64(b[w.tailAt:]), ^uint64(0)
	}
	return w
}

// at reports whether b[i:] starts with w's bytes; it reads 16 bytes, so is
// false when b has fewer from i.
func (w *words) at(b []byte, i int) bool {
	if i < 0 || i+16 > len(b) || w.n == 0 {
		return false
	}
	r := b[i : i+16]
	le := binary.LittleEndian
	return le.Uint64(r)&w.headMask == w.head && le.Uint64(r[w.tailAt:])&w.tailMask == w.tail
}

func newKeySet(names ...string) *keySet {
	ks := &keySet{}
	for i := range ks.first {
		ks.first[i] = -1
	}
	for k, name := range names {
		key := name + `"`
		if len(key) > 16 {
			panic("eventshaper: a key of more than 15 bytes would not be compared whole")
		}
		ks.keys = append(ks.keys, key)
		ks.compact = append(ks.compact, newWords(`"`+key+`:`))
		var b [8]byte
		copy(b[:], key)
		mask := ^uint64(0)
		if len(key) < 8 {
			mask >>= 8 * (8 - len(key))
		}
		ks.head, ks.mask = append(ks.head, binary.LittleEndian.Uint64(b[:])), append(ks.mask, mask)
		if len(key) >= 8 {
			ks.tail = append(ks.tail, binary.LittleEndian.Uint64([]byte(key[len(key)-8:])))
		} else {
			ks.tail = append(ks.tail, 0)
		}
		if c := name[0]; ks.first[c] < 0 {
			ks.first[c] = int8(k)
		} else if names[k-1][0] != c {
			panic("eventshaper: keys with the same first byte must be next to each other")
		}
	}
	return ks
}

// topKeys are the top level's keys by slot.
var topKeys = newKeySet("event_id", "event_type", "occurred_at", "artist", "track", "user", "context")

// groupKeys are each group's field keys.
var groupKeys = func() (sets [4]*keySet) {
	for g, group := range groups {
		var names []string
		for _, field := range group.fields {
			names = append(names, field.name)
		}
		sets[g] = newKeySet(names...)
	}
	return sets
}()

// keyIn reads the key at obj[i] (a quote) when it is one of keys, written
// plainly, and its colon: it returns the key's index in keys and the index
// of its value, or -1 for another key (extra, or a known one with escapes)
// or JSON that is not what it should be. Producers write their keys in one
// order, which keys follow, so keys[expected] (the one after the last key
// read) is compared first, as compact JSON writes it.
func keyIn(ks *keySet, obj []byte, i, expected int) (int, int) {
	if expected < len(ks.compact) && ks.compact[expected].at(obj, i) {
		return expected, jsonscan.SkipSpace(obj, i+ks.compact[expected].n)
	}
	return keyInAny(ks, obj, i, expected)
}

// keyInAny is keyIn for a key that is not the expected one written
// compactly.
func keyInAny(ks *keySet, obj []byte, i, expected int) (int, int) {
	if i+1 >= len(obj) || obj[i] != '"' {
		return -1, -1
	}
	rest := obj[i+1:]
	var w uint64
	if len(rest) >= 8 {
		w = binary.LittleEndian.Uint64(rest)
	}
	k := expected
	if k >= len(ks.keys) || !ks.at(k, rest, w) {
		for k = int(ks.first[rest[0]]); ; k++ {
			if k < 0 || k >= len(ks.keys) || ks.keys[k][0] != rest[0] {
				return -1, -1
			}
			if ks.at(k, rest, w) {
				break
			}
		}
	}
	if i = jsonscan.SkipSpace(obj, i+1+len(ks.keys[k])); i >= len(obj) || obj[i] != ':' {
		return -1, -1
	}
	return k, jsonscan.SkipSpace(obj, i+1)
}

// at reports whether rest starts with key k (and its closing quote); w is
// rest's first eight bytes, when it has them.
func (ks *keySet) at(k int, rest []byte, w uint64) bool {
	key := ks.keys[k]
	switch {
	case len(rest) < len(key):
		return false
	case len(rest) < 8:
		return string(rest[:len(key)]) == key
	case len(key) <= 8:
		return w&ks.mask[k] == ks.head[k]
	}
	return w == ks.head[k] && binary.LittleEndian.Uint64(rest[len(key)-8:]) == ks.tail[k]
}

// shapeUsual writes the document of body into out when body is a usual
// record, and reports whether it was.
func shapeUsual(out []byte, body []byte, arrival, now int64, d *dates) (usualDoc, bool) {
	var u usual
	if body[0] != '{' {
		return usualDoc{}, false
	}
	i := jsonscan.SkipSpace(body, 1)
	for slot := -1; ; {
		var vi int
		slot, vi = keyIn(topKeys, body, i, slot+1)
		if slot < 0 || u.seen&(1<<slot) != 0 {
			return usualDoc{}, false // extra, a repeated key, or not JSON
		}
		u.seen |= 1 << slot
		var ve int
		switch {
		case slot < slotGroups:
			ve = valueEnd(body, vi, 1)
			if ve >= 0 {
				u.top[slot] = body[vi:ve]
			}
		case vi < len(body) && body[vi] == '{':
			ve = u.group(slot-slotGroups, body, vi)
		case vi < len(body) && body[vi] == 'n':
			ve = jsonscan.LiteralEndValid(body, vi) // null, left out
		default:
			return usualDoc{}, false // a group that is not an object: extra
		}
		if ve < 0 {
			return usualDoc{}, false
		}
		if i = jsonscan.SkipSpace(body, ve); i >= len(body) {
			return usualDoc{}, false
		}
		if body[i] == '}' {
			if i+1 != len(body) {
				return usualDoc{}, false
			}
			break
		}
		if body[i] != ',' {
			return usualDoc{}, false
		}
		i = jsonscan.SkipSpace(body, i+1)
	}

	id, typ := u.top[slotID], u.top[slotType]
	if !nonEmptyString(id) || !nonEmptyString(typ) { // nil when absent
		return usualDoc{}, false
	}
	var ms int64
	occurred := false
	if raw := u.top[slotOccurred]; raw != nil && string(raw) != "null" {
		if !isString(raw) {
			return usualDoc{}, false
		}
		if ms, occurred = parseOccurred(raw); !occurred {
			return usualDoc{}, false // unreadable: extra
		}
	}
	src, ts := docTime(ms, occurred, arrival, now)
	out = appendHead(out, d, ts, src, id, typ)
	for g := range groups {
		if u.kept[g] == 0 {
			continue
		}
		out = swar.AppendShort(out, groupOpen[g])
		n := 0
		for f := range groups[g].fields {
			if u.kept[g]&(1<<f) != 0 {
				out = appendField(out, g, f, n, u.fields[g][f])
				n++
			}
		}
		out = append(out, '}')
	}
	out = appendIngest(out, d, arrival)
	out = append(out, '}')
	return usualDoc{data: out, info: shaped{source: src}}, true
}

// group reads the object at obj[i] as group g's fields, and returns the
// index after it, or -1 when it is not only the group's own fields, each
// once, with values of their kind, null or "".
func (u *usual) group(g int, obj []byte, i int) int {
	fields := groups[g].fields
	var seen uint8
	i = jsonscan.SkipSpace(obj, i+1)
	if i < len(obj) && obj[i] == '}' {
		return i + 1
	}
	for f := -1; ; {
		var vi int
		f, vi = keyIn(groupKeys[g], obj, i, f+1)
		if f < 0 || seen&(1<<f) != 0 {
			return -1 // extra, a repeated key, or not JSON
		}
		seen |= 1 << f
		ve := valueEnd(obj, vi, 2)
		if ve < 0 {
			return -1
		}
		switch v := obj[vi:ve]; {
		case string(v) == "null", fields[f].kind == text && string(v) == `""`:
			// nothing to keep
		case fields[f].kind == text && isString(v), fields[f].kind == whole && isWhole(v):
			u.fields[g][f] = v
			u.kept[g] |= 1 << f
		default:
			return -1 // a value of another kind: extra
		}
		if i = jsonscan.SkipSpace(obj, ve); i >= len(obj) {
			return -1
		}
		switch obj[i] {
		case '}':
			return i + 1
		case ',':
			i = jsonscan.SkipSpace(obj, i+1)
		default:
			return -1
		}
	}
}

// valueEnd is jsonscan.ValidEnd(b, i, depth), with a string of up to 15
// plain bytes (neither a quote, a backslash nor a control character) read
// in place, two words at most.
func valueEnd(b []byte, i, depth int) int {
	if i+17 <= len(b) && b[i] == '"' {
		le := binary.LittleEndian
		for j := i + 1; j <= i+9; j += 8 {
			if m := jsonscan.Stops(le.Uint64(b[j:])); m != 0 {
				if j += bits.TrailingZeros64(m) >> 3; b[j] == '"' {
					return j + 1
				}
				break
			}
		}
	}
	return jsonscan.ValidEnd(b, i, depth)
}
