package harness

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/fakeredshiftdata"
	"github.com/cdk-data-patterns/patterns/test/bench/fakes3"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// manifestcopy: a fake S3 whose daily-data/s<size>/ objects are
// gen.ManifestObjects(size) (listed, never read) and which forgets what is
// written under manifests/, and a fake Redshift Data API whose audit table
// stays empty, so that every invocation is the same full load: list, cut
// into manifests, write them, ask the audit table, COPY, write the markers.
// The check reads both fakes' records of both runs.

var (
	mcMu    sync.Mutex
	mcS3    *fakes3.Server
	mcData  *fakeredshiftdata.Server
	mcCache = map[int][]fakes3.Object{}
)

var mcPrefixRE = regexp.MustCompile(`^daily-data/s(\d+)/`)

func mcObjects(size int) []fakes3.Object {
	mcMu.Lock()
	defer mcMu.Unlock()
	if objs, ok := mcCache[size]; ok {
		return objs
	}
	objs := gen.ManifestObjects(size)
	mcCache[size] = objs
	return objs
}

type dataFake struct{ *fakeredshiftdata.Server }

func init() {
	RegisterFake("manifestcopy-s3", func() (Fake, error) {
		s, err := fakes3.Start(gen.CSVBucket)
		if err != nil {
			return nil, err
		}
		s.Forget = []string{"manifests/"}
		s.Origin = func(prefix string) []fakes3.Object {
			m := mcPrefixRE.FindStringSubmatch(prefix)
			if m == nil {
				return nil
			}
			size, _ := strconv.Atoi(m[1])
			objs := mcObjects(size)
			lo := sort.Search(len(objs), func(i int) bool { return objs[i].Key >= prefix })
			hi := lo + sort.Search(len(objs)-lo, func(i int) bool { return !strings.HasPrefix(objs[lo+i].Key, prefix) })
			return objs[lo:hi]
		}
		mcMu.Lock()
		mcS3 = s
		mcMu.Unlock()
		return s3Fake{s}, nil
	})
	RegisterFake("manifestcopy-redshiftdata", func() (Fake, error) {
		s, err := fakeredshiftdata.Start()
		if err != nil {
			return nil, err
		}
		mcMu.Lock()
		mcData = s
		mcMu.Unlock()
		return dataFake{s}, nil
	})
	RegisterCheck("manifestcopy", checkManifestCopy)
}

// mcResult is the handler's response (functions/manifestcopy.Result).
type mcResult struct {
	Trigger string `json:"trigger"`
	List    struct {
		Listed, Ignored, Loaded, Unsettled, Incomplete int
	} `json:"list"`
	Waiting, Batches, Files, Skipped, Recovered, Failed int
	Bytes                                               int64
}

type mcManifest struct {
	Entries []struct {
		URL       string `json:"url"`
		Mandatory bool   `json:"mandatory"`
		Meta      struct {
			ContentLength int64 `json:"content_length"`
		} `json:"meta"`
	} `json:"entries"`
}

// mcSummary is what one run loaded, for comparing the runtimes.
type mcSummary struct {
	Invocations int
	Manifests   map[string]string   // batch id → manifest
	SQL         map[string][]string // batch id → the transaction
	Files       int
	Busy        time.Duration // both fakes' time answering
}

// mcRun checks one runtime's run: every invocation loaded every settled,
// complete file exactly once, in manifests of 992 files (16 slices), each
// written before its COPY and marked after it.
func mcRun(s3r *fakes3.Run, dr *fakeredshiftdata.Run) (mcSummary, error) {
	sum := mcSummary{Manifests: map[string]string{}, SQL: map[string][]string{}, Busy: s3r.Busy + dr.Busy}
	if s3r.BadSignatures+dr.BadSignatures > 0 {
		return sum, fmt.Errorf("bad signatures: S3 %d (%s), Data API %d", s3r.BadSignatures, s3r.LastBadSig, dr.BadSignatures)
	}
	if dr.BadRequests > 0 {
		return sum, fmt.Errorf("%d Data API requests refused, last %s", dr.BadRequests, dr.LastBad)
	}
	size := -1
	for _, op := range s3r.Ops {
		if m := mcPrefixRE.FindStringSubmatch(op.Key); op.Op == "ListObjectsV2" && m != nil && op.Key == m[0] && op.Detail == "" {
			size, _ = strconv.Atoi(m[1])
			sum.Invocations++
		}
		if op.Status >= 300 && !(op.Op == "HeadObject" && op.Status == 404) {
			return sum, fmt.Errorf("S3 %s %s answered %d", op.Op, op.Key, op.Status)
		}
	}
	if sum.Invocations == 0 {
		return sum, fmt.Errorf("no listing of the source prefix")
	}
	objs := mcObjects(size)
	sizes := map[string]int64{}
	for _, o := range objs {
		sizes[o.Key] = o.Size
	}
	want := gen.ManifestLoadable(objs)
	mp := gen.ManifestPrefix(size)
	var got []string
	var ids []string
	for key, body := range s3r.Puts {
		name, ok := strings.CutPrefix(key, mp+"pending/")
		if !ok {
			continue
		}
		id, _ := strings.CutSuffix(name, ".manifest")
		h := sha256.Sum256([]byte("manifestcopy/v1\n" + gen.ManifestTable + "\n" + string(body)))
		if hex.EncodeToString(h[:]) != id {
			return sum, fmt.Errorf("manifest %s is not named by its hash", key)
		}
		var m mcManifest
		if err := json.Unmarshal(body, &m); err != nil {
			return sum, fmt.Errorf("manifest %s: %v", key, err)
		}
		for _, e := range m.Entries {
			k, ok := strings.CutPrefix(e.URL, "s3://"+gen.CSVBucket+"/")
			if !ok || !e.Mandatory || e.Meta.ContentLength != sizes[k] {
				return sum, fmt.Errorf("manifest %s: entry %+v", key, e)
			}
			got = append(got, k)
		}
		if len(m.Entries) != 992 && len(m.Entries) != len(want)%992 {
			return sum, fmt.Errorf("manifest %s has %d files (batches are 992, the last %d)", key, len(m.Entries), len(want)%992)
		}
		var marker struct {
			BatchID, Table, Manifest string
			Keys                     []string
		}
		mb, ok := s3r.Puts[mp+"loaded/"+id]
		if !ok || json.Unmarshal(mb, &marker) != nil || marker.BatchID != id || marker.Table != gen.ManifestTable ||
			marker.Manifest != "s3://"+gen.CSVBucket+"/"+key || len(marker.Keys) != len(m.Entries) {
			return sum, fmt.Errorf("marker of %s: %.300s", id, mb)
		}
		sum.Manifests[id] = string(body)
		ids = append(ids, id)
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		return sum, fmt.Errorf("manifests hold %d files, %d settled complete files listed", len(got), len(want))
	}
	sum.Files = len(got)
	// Exactly once per invocation: one audit check and one load
	// transaction per batch, each described until FINISHED.
	checks, loads := map[string]int{}, map[string]int{}
	for _, c := range dr.Calls {
		if c.ClusterIdentifier != gen.ManifestCluster || c.Database != gen.ManifestDatabase || c.SecretArn != gen.ManifestSecret || c.Described == 0 {
			return sum, fmt.Errorf("statement %s: target %s/%s/%s, described %d times", c.ID, c.ClusterIdentifier, c.Database, c.SecretArn, c.Described)
		}
		switch c.Op {
		case "ExecuteStatement":
			checks[c.Parameters["batch_id"]]++
			if c.Sqls[0] != `SELECT COUNT(*) FROM "analytics"."manifest_loads" WHERE batch_id = :batch_id;` || c.ResultRead != 1 {
				return sum, fmt.Errorf("audit check %q, result read %d times", c.Sqls[0], c.ResultRead)
			}
		case "BatchExecuteStatement":
			id := ""
			if len(c.Sqls) == 4 {
				id, _, _ = strings.Cut(strings.TrimPrefix(c.Sqls[1], `SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM "analytics"."manifest_loads" WHERE batch_id = '`), "'")
			}
			copySQL := `COPY "analytics"."daily_events" FROM 's3://` + gen.CSVBucket + "/" + mp + "pending/" + id + `.manifest' IAM_ROLE '` +
				gen.ManifestRole + `' MANIFEST FORMAT AS CSV GZIP MAXERROR 10 COMPUPDATE OFF STATUPDATE OFF;`
			if id == "" || c.Sqls[0] != `LOCK "analytics"."manifest_loads";` || c.Sqls[2] != copySQL ||
				!strings.HasPrefix(c.Sqls[3], `INSERT INTO "analytics"."manifest_loads" (batch_id, manifest, loaded_at) VALUES ('`+id+"', ") {
				return sum, fmt.Errorf("load transaction %q", c.Sqls)
			}
			loads[id]++
			sum.SQL[id] = c.Sqls
		}
	}
	for _, id := range ids {
		if checks[id] != sum.Invocations || loads[id] != sum.Invocations {
			return sum, fmt.Errorf("batch %s: %d audit checks and %d loads in %d invocations", id[:12], checks[id], loads[id], sum.Invocations)
		}
	}
	if len(loads) != len(ids) || len(checks) != len(ids) {
		return sum, fmt.Errorf("%d batches loaded, %d checked, %d manifests", len(loads), len(checks), len(ids))
	}
	return sum, nil
}

func checkManifestCopy(goLast, pyLast []byte) Verdict {
	mcMu.Lock()
	s, d := mcS3, mcData
	mcMu.Unlock()
	if s == nil || d == nil {
		return Verdict{Summary: "no fakes"}
	}
	sr, dr := s.Runs(), d.Runs()
	back := 1
	if pyLast != nil {
		back = 2
	}
	var g mcResult
	if err := json.Unmarshal(goLast, &g); err != nil {
		return Verdict{Summary: fmt.Sprintf("Go answered %.200s", goLast)}
	}
	gs, err := mcRun(sr[len(sr)-back], dr[len(dr)-back])
	if err != nil {
		return Verdict{Summary: "Go: " + err.Error()}
	}
	if g.Files != gs.Files || g.Batches != len(gs.Manifests) || g.Failed+g.Skipped+g.Recovered+g.Waiting != 0 || g.Trigger != "schedule" {
		return Verdict{Summary: fmt.Sprintf("Go answered %+v for %d files in %d manifests", g, gs.Files, len(gs.Manifests))}
	}
	sum := fmt.Sprintf("same: %d of %d listed files in %d manifests, each COPY once in each of %d invocations (fakes busy %.1f ms an invocation)",
		g.Files, g.List.Listed, g.Batches, gs.Invocations, gs.Busy.Seconds()*1000/float64(gs.Invocations))
	if pyLast == nil {
		return Verdict{Summary: sum, Match: true, GoOK: g.Files}
	}
	var p mcResult
	if err := json.Unmarshal(pyLast, &p); err != nil || p != g {
		return Verdict{Summary: fmt.Sprintf("responses differ: Go %+v, Python %.300s", g, pyLast), GoOK: g.Files}
	}
	ps, err := mcRun(sr[len(sr)-1], dr[len(dr)-1])
	if err != nil {
		return Verdict{Summary: "Python: " + err.Error(), GoOK: g.Files}
	}
	if !reflect.DeepEqual(gs.Manifests, ps.Manifests) || !reflect.DeepEqual(gs.SQL, ps.SQL) {
		return Verdict{Summary: "the runtimes wrote different manifests or SQL", GoOK: g.Files}
	}
	return Verdict{Summary: sum + fmt.Sprintf(" (Python %d)", ps.Invocations), Match: true, GoOK: g.Files}
}
