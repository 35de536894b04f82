package main

import (
	"strings"

	"github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"
)

// node is a level of the REDACT_FIELDS paths: the keys below it, and
// whether a path ends here.
type node struct {
	names []string         // the keys below, in the order first configured
	kids  []*node          // kids[i] is the level under names[i]
	index map[string]*node // the same, once there are more than linearKeys
	leaf  bool
}

// linearKeys is the number of keys a level compares one by one before it
// hashes: a handful of string comparisons cost less than hashing the key.
const linearKeys = 8

func buildPaths(paths []string) *node {
	root := &node{}
	for _, p := range paths {
		n := root
		for _, k := range strings.Split(p, ".") {
			n = n.add(k)
		}
		n.leaf = true
	}
	return root
}

// add returns the level under key k, made if new.
func (n *node) add(k string) *node {
	if c := n.get([]byte(k)); c != nil {
		return c
	}
	c := &node{}
	n.names, n.kids = append(n.names, k), append(n.kids, c)
	if len(n.names) > linearKeys {
		if n.index == nil {
			n.index = make(map[string]*node, len(n.names))
			for i, name := range n.names {
				n.index[name] = n.kids[i]
			}
		}
		n.index[k] = c
	}
	return c
}

// get returns the level under key k, nil when there is none.
func (n *node) get(k []byte) *node {
	if n.index != nil {
		return n.index[string(k)]
	}
	for i, name := range n.names {
		if string(k) == name {
			return n.kids[i]
		}
	}
	return nil
}

// child returns the level under the object key rawKey (a string token as
// written, quotes included, with escapes when esc), or nil when no path
// goes through it. n may be nil.
func (n *node) child(rawKey []byte, esc bool) *node {
	if n == nil || n.names == nil {
		return nil
	}
	if esc {
		return n.get(jsonscan.DecodeString(rawKey))
	}
	return n.get(rawKey[1 : len(rawKey)-1])
}
