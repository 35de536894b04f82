package main

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestBuildManifest(t *testing.T) {
	got, err := BuildManifest("lake", []Object{
		{Key: "incoming/a b&c<d>.parquet", Size: 1 << 40},
		{Key: "incoming/é\"q.parquet", Size: 1},
	})
	require.NoError(t, err)
	require.Equal(t, `{"entries":[`+
		`{"url":"s3://lake/incoming/a b&c<d>.parquet","mandatory":true,"meta":{"content_length":1099511627776}},`+
		`{"url":"s3://lake/incoming/é\"q.parquet","mandatory":true,"meta":{"content_length":1}}]}`+"\n", string(got))

	objs, err := ParseManifest("lake", got)
	require.NoError(t, err)
	require.Equal(t, []Object{{Key: "incoming/a b&c<d>.parquet", Size: 1 << 40}, {Key: "incoming/é\"q.parquet", Size: 1}}, objs)

	empty, err := BuildManifest("lake", nil)
	require.NoError(t, err)
	require.Equal(t, `{"entries":[]}`+"\n", string(empty))
}

func TestParseManifestRejects(t *testing.T) {
	for _, bad := range []string{`not json`, `{"entries":[{"url":"s3://other/k"}]}`, `{"entries":[{"url":"s3://lake/"}]}`} {
		_, err := ParseManifest("lake", []byte(bad))
		require.Error(t, err, bad)
	}
}

func TestBatchIDIsAContentHash(t *testing.T) {
	events := Table{"analytics", "events"}
	m1, _ := BuildManifest("lake", []Object{{Key: "incoming/a", Size: 1}, {Key: "incoming/b", Size: 2}})
	m2, _ := BuildManifest("lake", []Object{{Key: "incoming/a", Size: 1}, {Key: "incoming/b", Size: 2}})
	m3, _ := BuildManifest("lake", []Object{{Key: "incoming/a", Size: 1}, {Key: "incoming/b", Size: 3}})
	require.Equal(t, BatchID(events, m1), BatchID(events, m2), "same files, same id")
	require.NotEqual(t, BatchID(events, m1), BatchID(events, m3), "a size changed")
	require.NotEqual(t, BatchID(events, m1), BatchID(Table{"analytics", "clicks"}, m1), "another table")
	require.Regexp(t, `^[0-9a-f]{64}$`, BatchID(events, m1))
}

func objects(t0 time.Time, n int, age time.Duration) []Object {
	objs := make([]Object, n)
	for i := range objs {
		objs[i] = Object{Key: fmt.Sprintf("incoming/%04d", i), Size: 1, LastModified: t0.Add(-age)}
	}
	return objs
}

func sizes(batches [][]Object) []int {
	out := []int{}
	for _, b := range batches {
		out = append(out, len(b))
	}
	return out
}

func TestPlan(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	fresh := 2 * time.Minute
	cases := []struct {
		name         string
		n, size, sl  int
		age          time.Duration
		want         []int
		waiting      int
		oldLast      bool // the last file waited 15 minutes
		oldLastFirst bool
	}{
		{name: "empty", n: 0, size: 1000, want: []int{}},
		{name: "no slices", n: 2500, size: 1000, want: []int{1000, 1000, 500}},
		{name: "slices exact", n: 16, size: 8, sl: 4, want: []int{8, 8}},
		{name: "slices remainder waits", n: 19, size: 8, sl: 4, want: []int{8, 8}, waiting: 3},
		{name: "fewer than slices", n: 3, size: 8, sl: 4, want: []int{}, waiting: 3},
		{name: "partial multiple", n: 13, size: 8, sl: 4, want: []int{8, 4}, waiting: 1},
		{name: "stale remainder loads", n: 19, size: 8, sl: 4, oldLast: true, want: []int{8, 8, 3}},
		{name: "all stale", n: 5, size: 992, sl: 32, age: 16 * time.Minute, want: []int{5}},
		{name: "exactly 15 minutes", n: 5, size: 992, sl: 32, age: 15 * time.Minute, want: []int{5}},
		{name: "just under 15 minutes", n: 5, size: 992, sl: 32, age: 15*time.Minute - time.Second, want: []int{}, waiting: 5},
		{name: "old file among the loaded ones", n: 6, size: 8, sl: 4, oldLastFirst: true, want: []int{4}, waiting: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			age := c.age
			if age == 0 {
				age = fresh
			}
			objs := objects(now, c.n, age)
			if c.oldLast {
				objs[c.n-1].LastModified = now.Add(-20 * time.Minute)
			}
			if c.oldLastFirst {
				objs[0].LastModified = now.Add(-20 * time.Minute)
			}
			batches, waiting := Plan(objs, c.size, c.sl, now, 15*time.Minute)
			require.Equal(t, c.want, sizes(batches))
			require.Len(t, waiting, c.waiting)
			flat := []Object{}
			for _, b := range batches {
				flat = append(flat, b...)
			}
			require.Equal(t, objs, append(flat, waiting...), "order kept, nothing lost")
		})
	}
}

func TestManifestIsValidJSONForRedshift(t *testing.T) {
	m, err := BuildManifest("lake", objects(time.Now(), 3, 0))
	require.NoError(t, err)
	var doc struct {
		Entries []struct {
			URL       string `json:"url"`
			Mandatory *bool  `json:"mandatory"`
			Meta      struct {
				ContentLength *int64 `json:"content_length"`
			} `json:"meta"`
		} `json:"entries"`
	}
	require.NoError(t, json.Unmarshal(m, &doc))
	require.Len(t, doc.Entries, 3)
	for _, e := range doc.Entries {
		require.True(t, *e.Mandatory)
		require.Equal(t, int64(1), *e.Meta.ContentLength)
	}
}
