package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
)

// Through lambdaloop's client and a fake Runtime API: each event's
// response is posted whole, the handler's state carried from one
// invocation to the next, and an event that is not a Firehose event is
// posted as an invocation error without ending the loop.
func TestThroughTheRuntimeAPI(t *testing.T) {
	realistic, err := os.ReadFile("testdata/firehose-event.json")
	require.NoError(t, err)
	batch, _ := batch1MB(t)
	big, err := json.Marshal(batch)
	require.NoError(t, err)
	s := &Shaper{Now: func() time.Time { return invocationTime }}
	log := slog.New(slog.DiscardHandler)
	posts := lambdalooptest.Run(t, handler(s, log), big, []byte(`[]`), realistic, big)
	require.Len(t, posts, 4)
	for i, want := range [][]byte{big, nil, realistic, big} {
		if want == nil {
			require.Equal(t, "/2018-06-01/runtime/invocation/req-1/error", posts[i].Path)
			require.Equal(t, "UnmarshalTypeError", posts[i].ErrorType)
			continue
		}
		var out bytes.Buffer
		require.NoError(t, handler(&Shaper{Now: s.Now}, log)(context.Background(), want, &out))
		require.Equal(t, fmt.Sprintf("/2018-06-01/runtime/invocation/req-%d/response", i), posts[i].Path)
		require.Equal(t, out.String(), string(posts[i].Body), "invocation %d", i)
	}
}
