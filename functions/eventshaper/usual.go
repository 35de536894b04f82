package main

import (
	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
	"github.com/cdk-data-patterns/patterns/functions/internal/swar"
)

// The usual record writes every key without escapes and each once at its
// level, and has a readable (or null, or no) occurred_at. shapeUsual reads
// such a record in one pass: the known fields into fixed slots, with no
// lookups, and whatever goes to extra (unknown members at either level,
// known fields with values of another kind, groups that are not objects)
// into a list in the input's order, kept from record to record; then it
// writes the document. For anything else (including every record that
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
	extra  []extraMember
}

// usualDoc is a document shapeUsual wrote.
type usualDoc struct {
	data []byte
	info shaped
}

// keySet is a set of keys, each with its closing quote, those with the
// same first byte next to each other, and the index of the first key of
// each first byte (-1: none); quoted holds each key as words (its bytes
// after the opening quote), compact as compact JSON writes it, quotes and
// colon included ("name":).
type keySet struct {
	keys            []string
	first           [256]int8
	quoted, compact []words
}

func newKeySet(names ...string) *keySet {
	ks := &keySet{}
	for i := range ks.first {
		ks.first[i] = -1
	}
	for k, name := range names {
		key := name + `"`
		ks.keys = append(ks.keys, key)
		ks.quoted = append(ks.quoted, newWords(key))
		ks.compact = append(ks.compact, newWords(`"`+key+`:`))
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
		return expected, jsonscan.SkipSpace(obj, i+len(ks.compact[expected].s))
	}
	return keyInAny(ks, obj, i, expected)
}

// keyInAny is keyIn for a key that is not the expected one written
// compactly.
func keyInAny(ks *keySet, obj []byte, i, expected int) (int, int) {
	if i+1 >= len(obj) || obj[i] != '"' {
		return -1, -1
	}
	k := expected
	if k >= len(ks.keys) || !ks.quoted[k].at(obj, i+1) {
		for k = int(ks.first[obj[i+1]]); ; k++ {
			if k < 0 || k >= len(ks.keys) || ks.keys[k][0] != obj[i+1] {
				return -1, -1
			}
			if ks.quoted[k].at(obj, i+1) {
				break
			}
		}
	}
	if i = jsonscan.SkipSpace(obj, i+1+len(ks.keys[k])); i >= len(obj) || obj[i] != ':' {
		return -1, -1
	}
	return k, jsonscan.SkipSpace(obj, i+1)
}

// shapeUsual writes the document of body into out when body is a usual
// record, and reports whether it was. x holds the members that go to extra
// (reset first; nil: a new slice), and d the dates written.
func shapeUsual(out []byte, body []byte, arrival, now int64, x *[]extraMember, d *dates) (usualDoc, bool) {
	var u usual
	if x == nil {
		x = new([]extraMember)
	}
	u.extra = (*x)[:0]
	defer func() { *x = u.extra[:0] }()
	if body[0] != '{' {
		return usualDoc{}, false
	}
	i := jsonscan.SkipSpace(body, 1)
	for slot := -1; ; {
		var vi, ve int
		k, ki := keyIn(topKeys, body, i, slot+1)
		switch {
		case k < 0:
			ve = u.readUnknown(-1, body, i, 1) // unknown: extra
		case u.seen&(1<<k) != 0:
			return usualDoc{}, false // a repeated key
		case k < slotGroups:
			slot, vi = k, ki
			if ve = jsonscan.ValidEnd(body, vi, 1); ve >= 0 {
				u.top[slot] = body[vi:ve]
			}
		case ki < len(body) && body[ki] == '{':
			slot, vi = k, ki
			ve = u.group(slot-slotGroups, body, vi)
		case ki < len(body) && body[ki] == 'n':
			slot, vi = k, ki
			ve = jsonscan.LiteralEndValid(body, vi) // null, left out
		default: // a group that is not an object: extra
			slot = k
			ve = u.keepExtra(-1, body, i, len(topKeys.keys[k]), ki, 1)
		}
		if ve < 0 {
			return usualDoc{}, false
		}
		if k >= 0 {
			u.seen |= 1 << k
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
	if len(u.extra) > 0 {
		out = appendExtra(out, u.extra)
	}
	out = append(out, '}')
	return usualDoc{data: out, info: shaped{source: src, hasExtra: len(u.extra) > 0}}, true
}

// group reads the object at obj[i] as group g's fields, and returns the
// index after it, or -1 when it is not JSON, repeats a key or has a key
// with escapes. Its own fields with values of their kind, null or "" are
// read into u; any other member goes to extra.
func (u *usual) group(g int, obj []byte, i int) int {
	fields := groups[g].fields
	var seen uint8
	i = jsonscan.SkipSpace(obj, i+1)
	if i < len(obj) && obj[i] == '}' {
		return i + 1
	}
	for f := -1; ; {
		k, vi := keyIn(groupKeys[g], obj, i, f+1)
		var ve int
		switch {
		case k < 0:
			ve = u.readUnknown(g, obj, i, 2) // unknown: extra
		case seen&(1<<k) != 0:
			return -1 // a repeated key
		default:
			f = k
			seen |= 1 << f
			if ve = jsonscan.ValidEnd(obj, vi, 2); ve < 0 {
				return -1
			}
			switch v := obj[vi:ve]; {
			case string(v) == "null", fields[f].kind == text && string(v) == `""`:
				// nothing to keep
			case fields[f].kind == text && isString(v), fields[f].kind == whole && isWhole(v):
				u.fields[g][f] = v
				u.kept[g] |= 1 << f
			default: // a value of another kind: extra
				ve = u.keepExtra(g, obj, i, len(groupKeys[g].keys[f]), vi, 2)
			}
		}
		if ve < 0 {
			return -1
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

// extraMember is a member of the record that goes to extra as written: at
// the top level (group -1) or in group's object.
type extraMember struct {
	group      int
	key, value []byte // the key's token, quotes included, and the value
}

// readUnknown reads the member at obj[i], whose key is not a known one,
// inside depth containers, into u.extra, and returns the index after its
// value, or -1 when it is not JSON, its key has escapes (shapeAny compares
// keys decoded), it repeats one of extra at its level, or extra already
// holds indexFrom members.
func (u *usual) readUnknown(group int, obj []byte, i, depth int) int {
	if i >= len(obj) || obj[i] != '"' {
		return -1
	}
	ke, escaped := jsonscan.ValidStringEscapes(obj, i)
	if ke < 0 || escaped || len(u.extra) == indexFrom {
		return -1 // past indexFrom, shapeAny finds repeats through a map
	}
	for _, m := range u.extra {
		if m.group == group && string(m.key) == string(obj[i:ke]) {
			return -1
		}
	}
	if j := jsonscan.SkipSpace(obj, ke); j < len(obj) && obj[j] == ':' {
		return u.keepExtra(group, obj, i, ke-i-1, jsonscan.SkipSpace(obj, j+1), depth)
	}
	return -1
}

// keepExtra reads into u.extra the member at obj[i] whose key (n bytes
// after its opening quote, the closing one included) was read and whose
// value is at vi, and returns the index after the value, or -1.
func (u *usual) keepExtra(group int, obj []byte, i, n, vi, depth int) int {
	ve := jsonscan.ValidEnd(obj, vi, depth)
	if ve >= 0 {
		u.extra = append(u.extra, extraMember{group: group, key: obj[i : i+1+n], value: obj[vi:ve]})
	}
	return ve
}

// appendExtra writes the extra object of the members x, in their order,
// those of a group in an object under the group's name.
func appendExtra(out []byte, x []extraMember) []byte {
	out = append(out, `,"extra":{`...)
	for k, m := range x {
		if k > 0 {
			out = append(out, ',')
		}
		if m.group >= 0 && (k == 0 || x[k-1].group != m.group) {
			out = append(out, '"')
			out = append(out, groups[m.group].in...)
			out = append(out, `":{`...)
		}
		out = append(out, m.key...)
		out = append(out, ':')
		out = jsonscan.AppendCompact(out, m.value)
		if m.group >= 0 && (k+1 == len(x) || x[k+1].group != m.group) {
			out = append(out, '}')
		}
	}
	return append(out, '}')
}
