package pysuite

import "testing"

func TestAtLeast(t *testing.T) {
	for v, want := range map[string]bool{"3.9": true, "3.11": true, "4.0": true, "3.8": false, "2.7": false, "": false, "x.y": false} {
		if got := AtLeast(v, 3, 9); got != want {
			t.Errorf("AtLeast(%q, 3, 9) = %v, want %v", v, got, want)
		}
	}
}
