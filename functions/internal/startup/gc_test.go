package startup

import "testing"

func TestGCSettings(t *testing.T) {
	for _, c := range []struct {
		env     map[string]string
		limit   int64
		percent int
		ok      bool
	}{
		{map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256"}, 192 << 20, 400, true},
		{map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1769"}, 1769 << 20 * 3 / 4, 400, true},
		{map[string]string{}, 0, 0, false}, // not in Lambda: Go's defaults
		{map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "x"}, 0, 0, false},
		{map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256", "GOGC": "100"}, 0, 0, false},
		{map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256", "GOMEMLIMIT": "100MiB"}, 0, 0, false},
	} {
		limit, percent, ok := gcSettings(func(k string) string { return c.env[k] })
		if limit != c.limit || percent != c.percent || ok != c.ok {
			t.Errorf("%v: %d, %d, %v; want %d, %d, %v", c.env, limit, percent, ok, c.limit, c.percent, c.ok)
		}
	}
}
