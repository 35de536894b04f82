package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/cwlogs"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop/lambdalooptest"
)

// An invalid configuration at start is reported to the Runtime API's
// /runtime/init/error (Lambda returns it to the first invocation) with its
// reason, logged, and ends the process: main runs in a child process
// against a fake Runtime API.
func TestInvalidConfigurationIsReportedToTheRuntimeAPI(t *testing.T) {
	lambdalooptest.InitError(t, "TestInvalidConfigurationIsReportedToTheRuntimeAPI", main, "TABLE_NAME", "TABLE_NAME=", "TABLE_KEY=user_id", "KEY_FIELD=user_id")
}

// Through lambdaloop's client and a fake Runtime API: each event's
// response is posted whole, the processor's cache and buffers carried from
// one invocation to the next, and an event that is not a Firehose event is
// posted as an invocation error without ending the loop.
func TestThroughTheRuntimeAPI(t *testing.T) {
	f := newFakeTable(users...)
	var many []cwlogs.Envelope
	for i := range 20 {
		many = append(many, envelope("g", fmt.Sprint("s", i), `{"user_id":"u-1001"}`, `{"user_id":"u-2002"}`, "text"))
	}
	events := [][]byte{sampleEvent(t), []byte(`{"records":"x"}`), firehoseEvent(t, many...), sampleEvent(t)}
	log := slog.New(slog.DiscardHandler)
	posts := lambdalooptest.Run(t, handler(processor(f, time.Minute), log), events...)
	require.Len(t, posts, 4)
	require.Len(t, f.requests, 1, "the cache kept from one invocation to the next")
	for i, ev := range events {
		if i == 1 {
			require.Equal(t, "/2018-06-01/runtime/invocation/req-1/error", posts[i].Path)
			require.Equal(t, "UnmarshalTypeError", posts[i].ErrorType)
			continue
		}
		var out bytes.Buffer
		require.NoError(t, handler(processor(newFakeTable(users...), 0), log)(context.Background(), ev, &out))
		require.Equal(t, fmt.Sprintf("/2018-06-01/runtime/invocation/req-%d/response", i), posts[i].Path)
		require.Equal(t, out.String(), string(posts[i].Body), "invocation %d", i)
	}
}
