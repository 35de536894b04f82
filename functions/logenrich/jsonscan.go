package main

import "github.com/cdk-data-patterns/patterns/functions/internal/jsonscan"

// Helpers for JSON that json.Valid has accepted; on anything else they may
// panic, which firehoseproc would turn into ProcessingFailed.

// member returns the value of the object obj's member name (the last one
// if the name repeats, as encoding/json does).
func member(obj []byte, name string) ([]byte, bool) {
	var found []byte
	i := 1
	for {
		i = jsonscan.SkipSpace(obj, i)
		switch obj[i] {
		case '}':
			return found, found != nil
		case ',':
			i = jsonscan.SkipSpace(obj, i+1)
		}
		ke := jsonscan.StringEnd(obj, i)
		key := obj[i:ke]
		v := jsonscan.SkipSpace(obj, jsonscan.SkipSpace(obj, ke)+1) // past ':'
		ve := jsonscan.ValueEnd(obj, v)
		if string(jsonscan.DecodeString(key)) == name {
			found = obj[v:ve]
		}
		i = ve
	}
}
