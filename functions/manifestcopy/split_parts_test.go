package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSplitPartsWaitForTheirSet: the parts of a file split by
// functions/slicesplit load only once every part of the set is there, in
// one batch that is a multiple of SLICES; other files are not held back.
func TestSplitPartsWaitForTheirSet(t *testing.T) {
	r := newRig(t, map[string]string{"SLICES": "4"})
	for i := range 3 {
		r.s3.put(t, fmt.Sprintf("incoming/orders.csv/part-%05d-of-00004.gz", i), "x")
	}
	for i := range 4 {
		r.s3.put(t, fmt.Sprintf("incoming/small-%d.csv.gz", i), "x")
	}
	r.s3.clock.Advance(20 * time.Minute)

	res, err := r.run(t)
	require.NoError(t, err)
	require.Equal(t, 3, res.List.Incomplete)
	require.Equal(t, 1, res.Batches)
	require.Equal(t, 4, res.Files, "the four small files load; the incomplete set waits, however old")

	r.s3.put(t, "incoming/orders.csv/part-00003-of-00004.gz", "x")
	r.s3.clock.Advance(2 * time.Minute)
	res, err = r.run(t)
	require.NoError(t, err)
	require.Equal(t, 0, res.List.Incomplete)
	require.Equal(t, 1, res.Batches)
	require.Equal(t, 4, res.Files)
	require.Len(t, r.data.batches, 2)
}

func TestPartSet(t *testing.T) {
	for key, want := range map[string]struct {
		set string
		n   int
	}{
		"in/a.csv/part-00003-of-00016.gz": {"in/a.csv//00016.gz", 16},
		"in/a.csv/part-00003-of-00016":    {"in/a.csv//00016", 16},
		"in/part-00001-of-00002.csv":      {"in//00002.csv", 2},
		"in/a.csv/part-3-of-16.gz":        {"", 0},
		"in/a.csv/notpart-00003-of-00016": {"", 0},
		"in/orders.csv.gz":                {"", 0},
	} {
		set, n := partSet(key)
		if set != want.set || n != want.n {
			t.Errorf("partSet(%s) = %q, %d; want %q, %d", key, set, n, want.set, want.n)
		}
	}
}
