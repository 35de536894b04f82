package harness

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/cdk-data-patterns/patterns/test/bench/fakeopensearch"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// logstoopensearch: a fake OpenSearch domain (HTTPS, SigV4, _bulk); the
// check compares the documents each runtime indexed in its first
// invocation, one by one, and checks that every invocation sent the same.

var (
	osMu     sync.Mutex
	osFake   *fakeopensearch.Server
	osEvents = map[int]int{} // case size → log events
)

type osDomain struct{ *fakeopensearch.Server }

func init() {
	RegisterFake("opensearch-domain", func() (Fake, error) {
		s, err := fakeopensearch.Start()
		if err != nil {
			return nil, err
		}
		osMu.Lock()
		osFake = s
		osMu.Unlock()
		return osDomain{s}, nil
	})
	RegisterCheck("logstoopensearch", checkLogsToOpenSearch)
}

// osDocs checks one run and returns its first invocation's documents,
// decoded, by index and id.
func osDocs(r *fakeopensearch.Run) (map[string]any, int, error) {
	if r.BadSignatures+r.BadRequests > 0 {
		return nil, 0, fmt.Errorf("%d requests with a bad signature, %d refused (%s)", r.BadSignatures, r.BadRequests, r.LastBad)
	}
	n := len(r.First)
	if n == 0 || r.Items%n != 0 || r.Sum != uint64(r.Items/n)*r.FirstSum {
		return nil, 0, fmt.Errorf("%d items sent, %d documents in the first invocation: the invocations did not all send the same documents", r.Items, n)
	}
	if r.MaxBody > 5<<20 {
		return nil, 0, fmt.Errorf("a _bulk body of %d bytes (more than 5 MiB)", r.MaxBody)
	}
	docs := map[string]any{}
	size := -1
	for key, d := range r.First {
		var doc struct {
			Timestamp string         `json:"@timestamp"`
			Message   *string        `json:"message"`
			Log       map[string]any `json:"log"`
			Fields    any            `json:"fields"`
		}
		var all map[string]any
		if err := json.Unmarshal(d.Source, &doc); err != nil || json.Unmarshal(d.Source, &all) != nil {
			return nil, 0, fmt.Errorf("document %s: not JSON: %.200s", d.ID, d.Source)
		}
		var msg map[string]any
		isObj := doc.Message != nil && json.Unmarshal([]byte(*doc.Message), &msg) == nil
		stream, _ := doc.Log["stream"].(string)
		if size < 0 {
			size = gen.LogsSize(stream)
		}
		if len(doc.Timestamp) != 24 || d.Index != gen.LogsIndexPrefix+"-"+doc.Timestamp[:10] || doc.Message == nil ||
			doc.Log["id"] != d.ID || doc.Log["group"] != "/aws/ecs/orders-api" || doc.Log["owner"] != "123456789012" ||
			gen.LogsSize(stream) != size || isObj != (doc.Fields != nil) || (isObj && !reflect.DeepEqual(doc.Fields, any(msg))) || len(all) != 3+btoi(isObj) {
			return nil, 0, fmt.Errorf("document %s of %s: %.300s", d.ID, d.Index, d.Source)
		}
		docs[key] = all
	}
	osMu.Lock()
	want, ok := osEvents[size]
	osMu.Unlock()
	if !ok {
		c, err := gen.Build("logstoopensearch", size)
		if err != nil {
			return nil, 0, err
		}
		want = c.Records
		osMu.Lock()
		osEvents[size] = want
		osMu.Unlock()
	}
	if n != want {
		return nil, 0, fmt.Errorf("%d documents for %d log events", n, want)
	}
	return docs, r.Items / n, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func checkLogsToOpenSearch(goLast, pyLast []byte) Verdict {
	osMu.Lock()
	s := osFake
	osMu.Unlock()
	if s == nil {
		return Verdict{Summary: "no fake domain"}
	}
	runs := s.Runs()
	back := 1
	if pyLast != nil {
		back = 2
	}
	if strings.TrimSpace(string(goLast)) != "null" {
		return Verdict{Summary: fmt.Sprintf("Go answered %.200s, want null", goLast)}
	}
	gr := runs[len(runs)-back]
	g, gk, err := osDocs(gr)
	if err != nil {
		return Verdict{Summary: "Go: " + err.Error()}
	}
	indices := map[string]bool{}
	for _, d := range gr.First {
		indices[d.Index] = true
	}
	sum := fmt.Sprintf("same: %d documents in %d daily indices, each of %d invocations in %d _bulk requests (fake busy %.1f ms an invocation)",
		len(g), len(indices), gk, gr.Requests/gk, gr.Busy.Seconds()*1000/float64(gk))
	if pyLast == nil {
		return Verdict{Summary: sum, Match: true, GoOK: len(g)}
	}
	if strings.TrimSpace(string(pyLast)) != "null" {
		return Verdict{Summary: fmt.Sprintf("Python answered %.200s, want null", pyLast), GoOK: len(g)}
	}
	p, pk, err := osDocs(runs[len(runs)-1])
	if err != nil {
		return Verdict{Summary: "Python: " + err.Error(), GoOK: len(g)}
	}
	for k, gd := range g {
		if !reflect.DeepEqual(gd, p[k]) {
			return Verdict{Summary: fmt.Sprintf("document %q differs: Go %v, Python %v", k, gd, p[k]), GoOK: len(g)}
		}
	}
	return Verdict{Summary: sum + fmt.Sprintf(" (Python %d)", pk), Match: true, GoOK: len(g)}
}
