package main

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTarget(t *testing.T) {
	base := Config{MinShards: 1, MaxShards: 64, ScaleOutFactor: 2, ScaleInFactor: 0.5}
	with := func(mutate func(*Config)) Config {
		c := base
		mutate(&c)
		return c
	}
	cases := []struct {
		name    string
		current int32
		dir     Direction
		cfg     Config
		want    int32
	}{
		{"out 1 to 2", 1, Out, base, 2},
		{"out 3 to 6", 3, Out, base, 6},
		{"out 40 clamped to MAX 64", 40, Out, base, 64},
		{"out at MAX: nothing", 64, Out, base, 64},
		{"in 8 to 4", 8, In, base, 4},
		{"in 5 rounds up to 3", 5, In, base, 3},
		{"in at 1: nothing", 1, In, base, 1},
		{"out by 1.25 of 4 is 5", 4, Out, with(func(c *Config) { c.ScaleOutFactor = 1.25 }), 5},
		{"out by 1.25 of 3 rounds up to 4", 3, Out, with(func(c *Config) { c.ScaleOutFactor = 1.25 }), 4},
		{"out by 1.36 of 75 is 102, not 103 (float64 gives 102.00000000000001)", 75, Out, with(func(c *Config) { c.ScaleOutFactor = 1.36; c.MaxShards = 200 }), 102},
		{"in by 0.56 of 25 is 14, not 15 (float64 gives 14.000000000000002)", 25, In, with(func(c *Config) { c.ScaleInFactor = 0.56 }), 14},
		{"in by 0.7 of 10 is 7", 10, In, with(func(c *Config) { c.ScaleInFactor = 0.7 }), 7},
		{"in by 0.8 of 4 removes one shard, not none", 4, In, with(func(c *Config) { c.ScaleInFactor = 0.8 }), 3},
		{"in by 0.8 of 2 is 1", 2, In, with(func(c *Config) { c.ScaleInFactor = 0.8 }), 1},
		{"in by 0.75 of 8 is 6", 8, In, with(func(c *Config) { c.ScaleInFactor = 0.75 }), 6},
		{"in clamped to MIN", 8, In, with(func(c *Config) { c.MinShards = 6 }), 6},
		{"in at MIN: nothing", 6, In, with(func(c *Config) { c.MinShards = 6 }), 6},
		{"out clamped to MAX", 6, Out, with(func(c *Config) { c.MaxShards = 10 }), 10},
		{"out below MIN: MIN if one doubling reaches it", 3, Out, with(func(c *Config) { c.MinShards = 5; c.ScaleOutFactor = 1.25 }), 5},
		{"out below MIN: at most double", 2, Out, with(func(c *Config) { c.MinShards = 8 }), 4},
		{"in above MAX: at least half", 100, In, with(func(c *Config) { c.MaxShards = 20 }), 50},
		{"in above MAX: half rounded up", 101, In, with(func(c *Config) { c.MaxShards = 20 }), 51},
		{"in above MAX: MAX once within half", 30, In, with(func(c *Config) { c.MaxShards = 20; c.ScaleInFactor = 0.8 }), 20},
		{"out above MAX never shrinks", 100, Out, base, 100},
		{"in below MIN never grows", 2, In, with(func(c *Config) { c.MinShards = 4 }), 2},
		{"out to the stream limit", 6000, Out, with(func(c *Config) { c.MaxShards = 10000 }), 10000},
		{"in from the stream limit", 10000, In, with(func(c *Config) { c.MaxShards = 10000 }), 5000},
		{"no open shards: nothing", 0, Out, base, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, Target(c.current, c.dir, c.cfg))
		})
	}
}

// TestTargetStaysWithinOneCall checks every count and allowed factor against
// UpdateShardCount's limits and the configured bounds.
func TestTargetStaysWithinOneCall(t *testing.T) {
	for _, f := range []float64{1.25, 1.3, 1.5, 1.75, 2} {
		for _, g := range []float64{0.5, 0.6, 0.75, 0.8} {
			c := Config{MinShards: 3, MaxShards: 200, ScaleOutFactor: f, ScaleInFactor: g}
			for n := int32(1); n <= 400; n++ {
				out, in := Target(n, Out, c), Target(n, In, c)
				msg := fmt.Sprintf("n=%d out×%g in×%g", n, f, g)
				require.True(t, out >= n && out <= 2*n && in <= n && in >= (n+1)/2, msg)
				if n >= c.MinShards && n <= c.MaxShards {
					require.True(t, out <= c.MaxShards && in >= c.MinShards, msg)
				}
				if n < c.MaxShards {
					require.Greater(t, out, n, msg+": below MAX, scale out must add a shard")
				}
				if n > c.MinShards {
					require.Less(t, in, n, msg+": above MIN, scale in must remove a shard")
				}
			}
		}
	}
}
