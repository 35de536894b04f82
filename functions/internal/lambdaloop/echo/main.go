// Command echo is the smallest Lambda runtime loop: it gets the next
// event from the Runtime API and posts its bytes back as the response,
// without decoding them, through the same loop as the project's handlers
// (functions/internal/lambdaloop) with one copy of the event. Run through
// test/bench/runtimeapi it measures the harness's own ceiling: HTTP on
// loopback, both sides, and that copy.
package main

import (
	"bytes"
	"context"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
)

func main() {
	lambdaloop.Start(func(_ context.Context, event []byte, out *bytes.Buffer) error {
		out.Write(event)
		return nil
	})
}
