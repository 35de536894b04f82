package startup

import (
	"os"
	"runtime/debug"
	"strconv"
)

// In a Lambda execution environment the function's memory is reserved for
// it whether the heap uses it or not, and its CPU is a share of a vCPU in
// proportion to that memory. Go's default (a collection each time the heap
// doubles) spends that scarce CPU to save memory that is paid for anyway:
// a 1 MB Firehose batch ran 5 ms an invocation instead of 3 while the
// heap was still small. So, unless the function's configuration sets
// GOGC or GOMEMLIMIT itself:
//   - the memory limit is three quarters of the function's memory (the rest
//     is the binary, the stacks and what the runtime does not count), so
//     the collector works harder only when that is near;
//   - below it, a collection each time the heap grows by gcPercent.
const gcPercent = 400

func init() { tuneGC(os.Getenv) }

// gcSettings returns the memory limit (bytes) and GOGC percentage for an
// environment, and whether to set them (ok false: not in Lambda, or the
// function's configuration chose its own).
func gcSettings(getenv func(string) string) (limit int64, percent int, ok bool) {
	mb, err := strconv.Atoi(getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"))
	if err != nil || mb <= 0 || getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return 0, 0, false
	}
	return int64(mb) << 20 * 3 / 4, gcPercent, true
}

func tuneGC(getenv func(string) string) {
	if limit, percent, ok := gcSettings(getenv); ok {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	}
}
