package main

import "math"

// Direction is which way an alarm asks the stream to scale.
type Direction string

const (
	Out Direction = "out" // SCALE_OUT_ALARM: more shards
	In  Direction = "in"  // SCALE_IN_ALARM: fewer shards
)

// epsilon absorbs floating-point error in current × factor (25 × 0.56 is
// 14.000000000000002 in float64), which would otherwise round up to one
// shard too many.
const epsilon = 1e-9

// Target is the shard count to ask UpdateShardCount for. It is current ×
// factor rounded up, and at least one shard away from current (0.8 × 4
// rounds up to 4), clamped to [MinShards, MaxShards], then to what one
// UpdateShardCount accepts (at most double, at least half of current,
// rounded up); it never moves against the direction. A result equal to
// current means there is nothing to do.
func Target(current int32, d Direction, c Config) int32 {
	f := c.ScaleOutFactor
	if d == In {
		f = c.ScaleInFactor
	}
	cur := int64(current)
	t := int64(math.Ceil(float64(cur)*f - epsilon))
	if d == Out {
		t = max(t, cur+1)
	} else {
		t = min(t, cur-1)
	}
	t = min(max(t, int64(c.MinShards)), int64(c.MaxShards))
	t = min(max(t, (cur+1)/2), 2*cur)
	if d == Out {
		t = max(t, cur)
	} else {
		t = min(t, cur)
	}
	return int32(t)
}
