// Package wait is the backoff sleep of this project's functions: it ends
// early when the invocation's context does, and tests replace it.
package wait

import (
	"context"
	"time"
)

// Func sleeps for d or until ctx is done.
type Func func(ctx context.Context, d time.Duration) error

// Sleep waits d, or returns ctx's error when ctx is done first.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Or is f, or Sleep when f is nil.
func Or(f Func) Func {
	if f != nil {
		return f
	}
	return Sleep
}
