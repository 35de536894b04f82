package main

import (
	"context"
	"errors"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// State of a query in the engine.
type State int

// The states the handler tells apart.
const (
	Running State = iota
	Succeeded
	Failed
)

// Page is one page of a result. Next is the cursor of the following page;
// nil on the last.
type Page struct {
	Columns []string
	Rows    [][]any
	Next    *Cursor
}

// Backend runs a compiled query with its values and reads its result.
type Backend interface {
	// Start submits the query; the SQL text is exactly q.Text and the
	// values are bound as the engine's parameters.
	Start(ctx context.Context, q *query.Compiled, values []query.Value) (id string, err error)
	// State of the query, with the engine's message when it failed.
	State(ctx context.Context, id string) (State, string, error)
	// Page reads up to size rows from cursor c (c.Next "" and c.Offset 0
	// is the first page).
	Page(ctx context.Context, c Cursor, size int) (Page, error)
}

// ErrQueryFailed is a query the engine ran and failed (or cancelled).
var ErrQueryFailed = errors.New("query failed")
