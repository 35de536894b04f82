package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func newLookup(f *fakeTable, ttl time.Duration) *Lookup {
	return &Lookup{Table: f, TableName: testTable, KeyName: testKey, TTL: ttl, Backoff: noBackoff}
}

func TestLookupInBatchesOf100(t *testing.T) {
	f := newFakeTable()
	var keys []string
	for i := 0; i < 250; i++ {
		keys = append(keys, fmt.Sprintf("u-%d", i), fmt.Sprintf("u-%d", i)) // every key twice
		if i%2 == 0 {
			f.items[fmt.Sprintf("u-%d", i)] = user(fmt.Sprintf("u-%d", i), "pro")
		}
	}
	inv := newLookup(f, 0).begin(t0)
	inv.fetch(context.Background(), keys)
	require.Equal(t, 3, f.calls())
	require.Len(t, f.requests[0], 100)
	require.Len(t, f.requests[2], 50)
	require.Equal(t, LookupStats{Keys: 250, Requests: 3}, inv.stats)
	r, ok := inv.get("u-0")
	require.True(t, ok)
	require.Equal(t, `{"plan":"pro","since":2021,"user_id":"u-0"}`, string(r.item))
	r, ok = inv.get("u-1")
	require.True(t, ok)
	require.NoError(t, r.err)
	require.Nil(t, r.item, "no item")

	inv.fetch(context.Background(), keys[:10])
	require.Equal(t, 3, f.calls(), "each key once per invocation")
}

func TestUnprocessedKeysAreRetried(t *testing.T) {
	f := newFakeTable(user("a", "free"), user("b", "pro"))
	f.unprocessed = func(n int, keys []string) []string {
		if n < 3 {
			return keys[:1] // one key left over twice
		}
		return nil
	}
	var pauses []int
	l := newLookup(f, 0)
	l.Backoff = func(n int) time.Duration { pauses = append(pauses, n); return time.Millisecond }
	inv := l.begin(t0)
	inv.fetch(context.Background(), []string{"a", "b", "c"})
	require.Equal(t, [][]string{{"a", "b", "c"}, {"a"}, {"a"}}, f.requests)
	require.Equal(t, []int{1, 2}, pauses)
	require.Equal(t, LookupStats{Keys: 3, Requests: 3, Retries: 2}, inv.stats)
	for k, want := range map[string]string{"a": "free", "b": "pro", "c": ""} {
		r, _ := inv.get(k)
		require.NoError(t, r.err, k)
		if want == "" {
			require.Nil(t, r.item)
		} else {
			require.Contains(t, string(r.item), want)
		}
	}
}

func TestUnprocessedKeysGiveUpAfterMaxAttempts(t *testing.T) {
	f := newFakeTable(user("a", "free"), user("b", "pro"))
	f.unprocessed = func(_ int, keys []string) []string {
		for _, k := range keys {
			if k == "b" {
				return []string{"b"}
			}
		}
		return nil
	}
	inv := newLookup(f, time.Minute).begin(t0)
	inv.fetch(context.Background(), []string{"a", "b"})
	require.Equal(t, MaxAttempts, f.calls())
	ra, _ := inv.get("a")
	require.NoError(t, ra.err)
	rb, _ := inv.get("b")
	require.ErrorContains(t, rb.err, "1 keys still unprocessed after 5 attempts")
	require.Equal(t, 1, inv.stats.FailedKeys)
	require.Equal(t, MaxAttempts-1, inv.stats.Retries)
	n, _ := inv.l.cacheLen()
	require.Equal(t, 1, n, "a failure is not cached")
}

func TestAFailedRequestSkipsTheRest(t *testing.T) {
	f := newFakeTable()
	f.fail = func(n int) error {
		if n == 1 {
			return &types.ProvisionedThroughputExceededException{Message: new(string)}
		}
		return nil
	}
	var keys []string
	for i := 0; i < 150; i++ {
		keys = append(keys, fmt.Sprint(i))
	}
	inv := newLookup(f, time.Minute).begin(t0)
	inv.fetch(context.Background(), keys)
	require.Equal(t, 1, f.calls())
	r0, _ := inv.get("0")
	require.ErrorAs(t, r0.err, new(*types.ProvisionedThroughputExceededException))
	r149, _ := inv.get("149")
	require.ErrorIs(t, r149.err, errSkipped)
	require.Equal(t, 150, inv.stats.FailedKeys)
	require.Contains(t, inv.stats.FirstError, "BatchGetItem: ProvisionedThroughputExceededException")

	inv.fetch(context.Background(), []string{"new"})
	require.Equal(t, 1, f.calls(), "the invocation does not try again")
}

func TestContextEndsTheBackoff(t *testing.T) {
	f := newFakeTable()
	f.unprocessed = func(_ int, keys []string) []string { return keys }
	l := newLookup(f, 0)
	l.Backoff = func(int) time.Duration { return time.Hour }
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	inv := l.begin(t0)
	inv.fetch(ctx, []string{"a"})
	r, _ := inv.get("a")
	require.ErrorIs(t, r.err, context.DeadlineExceeded)
	require.Equal(t, 1, f.calls())
}

func TestCacheAcrossInvocations(t *testing.T) {
	f := newFakeTable(user("a", "free"))
	l := newLookup(f, time.Minute)
	inv := l.begin(t0)
	inv.fetch(context.Background(), []string{"a", "nobody"})
	require.Equal(t, 1, f.calls())

	inv = l.begin(t0.Add(59 * time.Second))
	inv.fetch(context.Background(), []string{"a", "nobody"})
	require.Equal(t, 1, f.calls(), "items and misses are cached")
	require.Equal(t, LookupStats{Keys: 2, CacheHits: 2}, inv.stats)
	r, _ := inv.get("a")
	require.Contains(t, string(r.item), "free")

	f.items["nobody"] = user("nobody", "new")
	inv = l.begin(t0.Add(time.Minute))
	inv.fetch(context.Background(), []string{"a", "nobody"})
	require.Equal(t, 2, f.calls(), "expired after the TTL")
	r, _ = inv.get("nobody")
	require.Contains(t, string(r.item), "new")

	noCache := newLookup(f, 0)
	for i := 0; i < 2; i++ {
		noCache.begin(t0).fetch(context.Background(), []string{"a"})
	}
	require.Equal(t, 4, f.calls(), "TTL 0: no cache")
}

func TestCacheIsBounded(t *testing.T) {
	l := newLookup(newFakeTable(), time.Hour)
	for i := 0; i < CacheMaxEntries+500; i++ {
		l.store(fmt.Sprint(i), []byte(`{}`), t0)
	}
	n, _ := l.cacheLen()
	require.Equal(t, CacheMaxEntries, n)
	_, ok := l.cached("0", t0)
	require.False(t, ok, "the oldest went first")
	_, ok = l.cached(fmt.Sprint(CacheMaxEntries+499), t0)
	require.True(t, ok)

	big := []byte(`"` + strings.Repeat("x", CacheMaxBytes/100-2) + `"`)
	for i := 0; i < 150; i++ {
		l.store(fmt.Sprint("big", i), big, t0)
	}
	_, b := l.cacheLen()
	require.LessOrEqual(t, b, CacheMaxBytes)
	l.store("huge", append(big, ' '), t0)
	_, ok = l.cached("huge", t0)
	require.False(t, ok, "an item over 1% of the cache is not kept")

	// Expired entries leave as new ones come.
	l2 := newLookup(newFakeTable(), time.Second)
	for i := 0; i < 100; i++ {
		l2.store(fmt.Sprint(i), nil, t0)
	}
	l2.store("later", nil, t0.Add(2*time.Second))
	n, _ = l2.cacheLen()
	require.Equal(t, 1, n)
}

func TestDefaultBackoff(t *testing.T) {
	for n, max := range map[int]time.Duration{1: 50 * time.Millisecond, 2: 100 * time.Millisecond, 4: 400 * time.Millisecond, 5: 800 * time.Millisecond, 6: time.Second, 60: time.Second} {
		for i := 0; i < 50; i++ {
			d := defaultBackoff(n)
			require.True(t, d >= max/2 && d <= max, "retry %d: %v", n, d)
		}
	}
}
