package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
)

// LogsIndexPrefix is logstoopensearch's INDEX_PREFIX.
const LogsIndexPrefix = "logs"

type cwLogEvent struct {
	ID        string `json:"id"`
	Timestamp int64  `json:"timestamp"`
	Message   string `json:"message"`
}

type cwEnvelope struct {
	MessageType         string       `json:"messageType"`
	Owner               string       `json:"owner"`
	LogGroup            string       `json:"logGroup"`
	LogStream           string       `json:"logStream"`
	SubscriptionFilters []string     `json:"subscriptionFilters"`
	LogEvents           []cwLogEvent `json:"logEvents"`
}

// logsStart is the first event's time: the batch crosses midnight UTC, so
// its documents go to two daily indices.
const logsStart = 1795564799000 // 2026-11-25T23:59:59Z

// logEvent is the i-th log event: nine in ten a structured (JSON) log line
// with a random trace id, so that the batch compresses about as real logs
// do, one in ten a plain text line.
func logEvent(i int) cwLogEvent {
	r := rand.New(rand.NewPCG(uint64(i), 4))
	ev := cwLogEvent{ID: fmt.Sprintf("3861009339%046d", i), Timestamp: logsStart + int64(i)*5}
	if i%10 == 9 {
		ev.Message = fmt.Sprintf("REPORT gateway answered %d in %d ms (trace %016x) for u-%d", []int{200, 201, 404, 503}[r.IntN(4)], r.IntN(900), r.Uint64(), r.IntN(5000))
		return ev
	}
	ev.Message = fmt.Sprintf(`{"level":"%s","msg":"order accepted","order_id":"o-%d","user_id":"u-%d","amount":%d.%02d,"latency_ms":%d,"retry":%t,"trace_id":"%016x%016x"}`,
		[]string{"INFO", "INFO", "INFO", "WARN", "DEBUG"}[r.IntN(5)], i, r.IntN(5000), r.IntN(500), r.IntN(100), r.IntN(900), r.IntN(8) == 0, r.Uint64(), r.Uint64())
	return ev
}

// LogsStream is the log stream of the case of size bytes: the check finds
// the case from the documents' log.stream.
func LogsStream(size int) string { return fmt.Sprintf("bench-%d/orders-api/7f3c0a9d", size) }

var logsStreamRE = regexp.MustCompile(`^bench-(\d+)/`)

// LogsSize is the size of the case whose log stream is stream (-1 if none).
func LogsSize(stream string) int {
	m := logsStreamRE.FindStringSubmatch(stream)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// logsEvent is the subscription event of the n first log events.
func logsEvent(size, n int) []byte {
	env := cwEnvelope{MessageType: "DATA_MESSAGE", Owner: "123456789012", LogGroup: "/aws/ecs/orders-api",
		LogStream: LogsStream(size), SubscriptionFilters: []string{"to-opensearch"}}
	for i := range n {
		env.LogEvents = append(env.LogEvents, logEvent(i))
	}
	raw, err := json.Marshal(env)
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw)
	zw.Close()
	return []byte(`{"awslogs":{"data":"` + base64.StdEncoding.EncodeToString(b.Bytes()) + `"}}`)
}

func init() {
	Register("logstoopensearch", func(_ *rand.Rand, size int) (Case, error) {
		// A CloudWatch Logs subscription event: {"awslogs":{"data":
		// base64(gzip(envelope))}}. MB/s counts the event, as for the
		// Firehose handlers (logenrich's records are the same gzip
		// envelopes); these logs compress about 3.5×. CloudWatch Logs sends
		// subscription batches of at most about 1 MB of log events, i.e.
		// events of about 0.3 MB; the 1 MB and 6 MB events are beyond what
		// it sends, within the handler's own limit (64 MiB decompressed).
		n := max(size/75, 10)
		var ev []byte
		for range 8 {
			ev = logsEvent(size, n)
			if len(ev) <= size && len(ev) >= size*985/1000 || n <= 10 {
				break
			}
			n = max(int(float64(n)*float64(size)*0.993/float64(len(ev))), 10)
		}
		for len(ev) > size && n > 10 {
			n = n * 995 / 1000
			ev = logsEvent(size, n)
		}
		return Case{Event: ev, Records: n, Env: []string{"INDEX_PREFIX=" + LogsIndexPrefix},
			Fakes: []string{"opensearch-domain"}, Check: "logstoopensearch", PyModules: []string{"boto3"}}, nil
	})
}
