package harness

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/fakes3"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// csvvalidate: a fake S3 whose incoming/orders-<size>.csv objects are
// gen.CSVFile(size), origin objects that stay after the handler deletes
// them (so every invocation validates and moves the file again); the check
// reads both runs' requests and reports from the fake.

var (
	csvMu   sync.Mutex
	csvFake *fakes3.Server
	csvRows = map[string]int{} // key → data rows
)

var csvKeyRE = regexp.MustCompile(`^incoming/orders-(\d+)\.csv$`)

type s3Fake struct{ *fakes3.Server }

func init() {
	RegisterFake("csvvalidate-s3", func() (Fake, error) {
		s, err := fakes3.Start(gen.CSVBucket)
		if err != nil {
			return nil, err
		}
		cache := map[string][]fakes3.Object{}
		s.Origin = func(prefix string) []fakes3.Object {
			if objs, ok := cache[prefix]; ok {
				return objs
			}
			m := csvKeyRE.FindStringSubmatch(prefix)
			if m == nil {
				return nil
			}
			size, _ := strconv.Atoi(m[1])
			data, rows := gen.CSVFile(size)
			o := fakes3.Object{Key: prefix, Data: data, LastModified: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC), ContentType: "text/csv"}
			cache[prefix] = []fakes3.Object{o}
			csvMu.Lock()
			csvRows[prefix] = rows
			csvMu.Unlock()
			return cache[prefix]
		}
		csvMu.Lock()
		csvFake = s
		csvMu.Unlock()
		return s3Fake{s}, nil
	})
	RegisterCheck("csvvalidate", checkCSVValidate)
}

// csvReport is the part of a report both handlers write.
type csvReport struct {
	Key         string `json:"key"`
	Destination string `json:"destination"`
	Verdict     string `json:"verdict"`
	Rows        int    `json:"rows"`
	BadRows     int    `json:"badRows"`
	Reason      string `json:"reason,omitempty"`
}

// csvRun sums up one runtime's run: every invocation must have read,
// reported, copied and deleted its file, and nothing else.
func csvRun(r *fakes3.Run) (csvReport, int, error) {
	var rep csvReport
	if r.BadSignatures > 0 {
		return rep, 0, fmt.Errorf("%d requests with a bad signature (%s)", r.BadSignatures, r.LastBadSig)
	}
	n := r.Count("GetObject", 200)
	for _, op := range []struct {
		name   string
		status int
	}{{"PutObject", 200}, {"CopyObject", 200}, {"DeleteObject", 204}} {
		if c := r.Count(op.name, op.status); c != n {
			return rep, n, fmt.Errorf("%d GetObject but %d %s", n, c, op.name)
		}
	}
	if n == 0 || len(r.Ops) != 4*n {
		return rep, n, fmt.Errorf("%d requests for %d files read (%+v)", len(r.Ops), n, r.Ops[:min(len(r.Ops), 6)])
	}
	var reports []string
	for k, body := range r.Puts {
		if strings.HasPrefix(k, "reports/") {
			reports = append(reports, k)
			if err := json.Unmarshal(body, &rep); err != nil {
				return rep, n, fmt.Errorf("report %s: %v", k, err)
			}
		}
	}
	if len(reports) != 1 || reports[0] != "reports/"+rep.Key+".json" {
		return rep, n, fmt.Errorf("reports %v for key %q", reports, rep.Key)
	}
	for _, op := range r.Ops {
		if op.Op == "CopyObject" && (op.Key != rep.Destination || op.Detail != rep.Key) {
			return rep, n, fmt.Errorf("copied %s to %s, the report says %s to %s", op.Detail, op.Key, rep.Key, rep.Destination)
		}
	}
	return rep, n, nil
}

func checkCSVValidate(goLast, pyLast []byte) Verdict {
	csvMu.Lock()
	s := csvFake
	csvMu.Unlock()
	if s == nil {
		return Verdict{Summary: "no fake S3"}
	}
	runs := s.Runs()
	goRun := runs[len(runs)-1]
	if pyLast != nil {
		goRun = runs[len(runs)-2]
	}
	if string(goLast) != "null" {
		return Verdict{Summary: fmt.Sprintf("Go answered %.100s, want null", goLast)}
	}
	g, gn, err := csvRun(goRun)
	if err != nil {
		return Verdict{Summary: "Go: " + err.Error()}
	}
	csvMu.Lock()
	want, ok := csvRows[g.Key]
	csvMu.Unlock()
	if !ok || g.Rows != want || g.Verdict != "valid" || g.BadRows != 0 || g.Destination != "valid/"+strings.TrimPrefix(g.Key, "incoming/") {
		return Verdict{Summary: fmt.Sprintf("Go: report %+v, want %d valid rows moved to valid/", g, want)}
	}
	sum := fmt.Sprintf("same: %d rows %s → %s, each of %%d invocations GET, report, copy, delete", g.Rows, g.Verdict, g.Destination)
	if pyLast == nil {
		return Verdict{Summary: fmt.Sprintf(sum, gn), Match: true, GoOK: g.Rows}
	}
	p, pn, err := csvRun(runs[len(runs)-1])
	if err != nil {
		return Verdict{Summary: "Python: " + err.Error(), GoOK: g.Rows}
	}
	if p != g {
		return Verdict{Summary: fmt.Sprintf("differ: Go %+v, Python %+v", g, p), GoOK: g.Rows}
	}
	var resp []csvReport
	if err := json.Unmarshal(pyLast, &resp); err != nil || len(resp) != 1 || resp[0] != p {
		return Verdict{Summary: fmt.Sprintf("Python answered %.200s, not its report", pyLast), GoOK: g.Rows}
	}
	return Verdict{Summary: fmt.Sprintf(sum, gn) + fmt.Sprintf(" (Python %d)", pn), Match: true, GoOK: g.Rows}
}
