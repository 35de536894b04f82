package dqdl

import (
	"fmt"
	"strings"
)

// Error is one problem in a DQDL document: where it is and what is wrong.
type Error struct {
	Line    int    // 1-based line
	Column  int    // 1-based column, counted in runes
	Message string // names the problem and, where it helps, what is allowed
}

// Error formats the problem as "line L, column C: message".
func (e *Error) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Message)
}

// Errors is the error [Parse] returns: every problem found, in the order the
// parser met them (at least one, at most 20). errors.As(err, &e) with e of type *Error
// yields the first one.
type Errors []*Error

// Error lists the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems as errors, for errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
