// Package harness times each data-path handler's real bootstrap against its
// Python peer (test/bench/peers) on identical events (test/bench/gen)
// through the loopback Lambda Runtime API (test/bench/runtimeapi), checks
// that both answered alike, and writes a markdown table; it is the body of
// go run ./test/bench/cmd/handlerbench.
package harness

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/gen"
	"github.com/cdk-data-patterns/patterns/test/bench/runtimeapi"
)

// Options of a run.
type Options struct {
	N        int      // invocations per runtime and event
	PyN      int      // invocations for the Python peers; N when 0
	Handlers []string // of gen.Names()
	Sizes    []int    // event sizes in bytes
	Cold     int      // process starts whose init time is the median (the timed run is one)
	// Warmup is the number of first invocations of every run (Go, Python,
	// floor, echo alike) served but not timed: the MB/s are a warm
	// execution environment's. The first invocation grows the buffers
	// and faults in the heap's pages (a 1 MB piiredact event: 8–14 ms
	// against 3 ms after).
	Warmup int
	Echo   bool // measure the echo ceilings too
	Floor  bool // measure the Firehose transforms' floors too (gen.Case.Floor)
	// RTT > 0 puts every fake behind a proxy that makes each call to it cost
	// this round trip (test/bench/netdelay), as a call to the real service
	// does at the least.
	RTT time.Duration
	// Rounds > 1 measures each case that many times, Go, floor and
	// Python one after the other in each round, so that the two sides of
	// a round's ratio see the machine in the same state: this VM's speed
	// drifts by up to 40% within a minute. The MB/s reported are the
	// rounds' medians, the ratio the median of the rounds' ratios with
	// their range.
	Rounds int
	Python string // interpreter; "python3" when empty; "-" for none
	Log    io.Writer
}

// Side is one runtime's figures on one event.
type Side struct {
	Ran      bool
	Why      string // why it did not run
	MBps     float64
	Init     time.Duration // median
	CPUShare float64       // runtime CPU time / wall time of the timed run (init included)
	RSS      int64
	Counts   map[string]int
	Err      error
	result   runtimeapi.Result
	last     []byte       // the last response
	records  []respRecord // of a Firehose response
}

// Row is one handler on one event.
type Row struct {
	Handler    string
	EventBytes int
	Records    int
	Binary     int64
	Bytes      int    // what MB/s counts when not the event (gen.Case.Bytes)
	Unit       string // what Bytes is
	Go, Py     Side
	Valid      string // "same ..." or what differs
	Match      bool
	Floor      Floor // of a Firehose transform, when Options.Floor
	// Ratios and FloorRatios are each round's Go ÷ Python and floor ÷
	// Python, when Options.Rounds > 1.
	Ratios, FloorRatios []float64
}

// Floor is the floor runtime's figure on a Firehose case: the same event
// answered with the Go handler's own response through the least work any
// transform must do (functions/internal/firehoseproc/floor).
type Floor struct {
	Kind string // gen.Case.Floor
	MBps float64
	Err  error
}

// Ceiling is an echo runtime's figure on one event size.
type Ceiling struct {
	Runtime    string
	EventBytes int
	MBps       float64
	ServerCPU  float64 // harness CPU time / wall
	Err        error
}

// Report is the whole run.
type Report struct {
	Rows     []Row
	Ceilings []Ceiling
	Python   string
	Started  time.Time
	Opts     Options
}

// Run builds the bootstraps, runs every case and returns the report.
func Run(ctx context.Context, o Options) (*Report, error) {
	if o.N <= 0 {
		o.N = 1
	}
	if o.PyN <= 0 {
		o.PyN = o.N
	}
	if o.Cold <= 0 {
		o.Cold = 1
	}
	if o.Rounds <= 0 {
		o.Rounds = 1
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	rep := &Report{Started: time.Now().UTC(), Opts: o}
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	peers := filepath.Join(root, "test", "bench", "peers")
	work, err := os.MkdirTemp("", "handlerbench")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	py, pyWhy := o.Python, ""
	if py == "" {
		py = "python3"
	}
	if py == "-" {
		py, pyWhy = "", "python peers off (-python -)"
	} else if p, err := exec.LookPath(py); err != nil {
		py, pyWhy = "", py+" not found"
	} else {
		py = p
		out, _ := exec.Command(py, "--version").CombinedOutput()
		rep.Python = strings.TrimSpace(string(out))
	}
	importable := map[string]bool{}
	canImport := func(m string) bool {
		ok, seen := importable[m]
		if !seen {
			ok = py != "" && exec.Command(py, "-c", "import "+m).Run() == nil
			importable[m] = ok
		}
		return ok
	}

	bins := map[string]string{}
	build := append(slices.Clone(o.Handlers), "echo", "floor")
	for _, h := range build {
		if h == "echo" && !o.Echo || h == "floor" && !o.Floor {
			continue
		}
		pkg := "./functions/" + h
		switch h {
		case "echo":
			pkg = "./functions/internal/lambdaloop/echo"
		case "floor":
			pkg = "./functions/internal/firehoseproc/floor"
		}
		out := filepath.Join(work, h, "bootstrap")
		fmt.Fprintf(o.Log, "building %s\n", pkg)
		cmd := exec.CommandContext(ctx, "go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", out, pkg)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
		}
		bins[h] = out
	}

	fk := started{}
	defer fk.close()
	pyEnv := []string{"PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH=" + peers}

	for _, size := range o.Sizes {
		for _, h := range o.Handlers {
			c, err := gen.Build(h, size)
			if err != nil {
				return nil, err
			}
			fenv, reset, err := fk.env(c)
			if err == nil && o.RTT > 0 {
				fenv, err = fk.delayed(fenv, o.RTT/2)
			}
			if err != nil {
				return nil, err
			}
			env := append(slices.Clone(c.Env), fenv...)
			row := Row{Handler: h, EventBytes: len(c.Event), Records: c.Records, Bytes: c.Bytes, Unit: c.Unit}
			if fi, err := os.Stat(bins[h]); err == nil {
				row.Binary = fi.Size()
			}
			missing := ""
			for _, m := range c.PyModules {
				if !canImport(m) && missing == "" {
					missing = m
				}
			}
			var goMB, pyMB, floorMB []float64
			for round := range o.Rounds {
				cold := o.Cold
				if round > 0 {
					cold = 1 // init times from the first round only
				}
				fmt.Fprintf(o.Log, "%s %d bytes, %d records, round %d: go\n", h, len(c.Event), c.Records, round+1)
				reset()
				g := side(ctx, o, o.N, cold, c, []string{bins[h]}, "bootstrap", env)
				var f Floor
				if o.Floor && c.Floor != "" && g.Err == nil {
					fmt.Fprintf(o.Log, "%s %d bytes: floor (%s)\n", h, len(c.Event), c.Floor)
					f = floor(ctx, o.N, o.Warmup, c, bins["floor"], g.last, filepath.Join(work, fmt.Sprintf("%s-%d.json", h, size)))
				}
				var p Side
				switch {
				case py == "":
					p.Why = pyWhy
				case missing != "":
					p.Why = missing + " not importable by " + py
				default:
					fmt.Fprintf(o.Log, "%s %d bytes: python\n", h, len(c.Event))
					reset()
					p = side(ctx, o, o.PyN, cold, c, []string{py, filepath.Join(peers, "runtime.py")}, c.Peer, append(env, pyEnv...))
				}
				if round == 0 {
					row.Go, row.Floor, row.Py = g, f, p
				} else {
					// The check reads the fakes as the last round left
					// them (tokenize's vault holds that round's random
					// tokens), so it compares that round's responses.
					row.Go.last, row.Go.records = g.last, g.records
					row.Py.last, row.Py.records = p.last, p.records
				}
				if g.Err != nil || p.Err != nil || f.Err != nil {
					row.Go.Err, row.Py.Err, row.Floor.Err = cmp.Or(row.Go.Err, g.Err), cmp.Or(row.Py.Err, p.Err), cmp.Or(row.Floor.Err, f.Err)
					break
				}
				goMB, pyMB, floorMB = append(goMB, g.MBps), append(pyMB, p.MBps), append(floorMB, f.MBps)
				if o.Rounds > 1 && p.Ran && p.MBps > 0 {
					row.Ratios = append(row.Ratios, g.MBps/p.MBps)
					row.FloorRatios = append(row.FloorRatios, f.MBps/p.MBps)
				}
			}
			if o.Rounds > 1 && len(goMB) == o.Rounds {
				row.Go.MBps, row.Py.MBps, row.Floor.MBps = median(goMB), median(pyMB), median(floorMB)
			}
			v := compare(c.Check, row.Go, row.Py)
			row.Valid, row.Match = v.Summary, v.Match
			if c.Check != "" && row.Go.Err == nil {
				row.Go.Counts = map[string]int{"Ok": v.GoOK}
			}
			rep.Rows = append(rep.Rows, row)
		}
		if o.Echo {
			c, err := gen.Build("csvtojson", size)
			if err != nil {
				return nil, err
			}
			fmt.Fprintf(o.Log, "echo %d bytes\n", len(c.Event))
			rep.Ceilings = append(rep.Ceilings, ceiling(ctx, "Go echo runtime (lambdaloop, no decoding)", o.N, o.Warmup, c.Event, []string{bins["echo"]}, "bootstrap", nil))
			if py != "" {
				rep.Ceilings = append(rep.Ceilings, ceiling(ctx, "Python runtime.py + echo handler (json.loads, json.dumps)", o.PyN, o.Warmup, c.Event,
					[]string{py, filepath.Join(peers, "runtime.py")}, "echo.lambda_handler", pyEnv))
			}
		}
	}
	return rep, nil
}

// median is the middle of v (of the two middle values, their mean).
func median(v []float64) float64 {
	s := slices.Sorted(slices.Values(v))
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// ratio writes a row's ratio: over the rounds when there were several
// (median, then range), else a over b.
func ratio(rounds []float64, a, b float64) string {
	if len(rounds) > 1 {
		return fmt.Sprintf("%.1f× (%.1f–%.1f)", median(rounds), slices.Min(rounds), slices.Max(rounds))
	}
	return fmt.Sprintf("%.1f×", a/b)
}

// side runs one runtime on c's event n times (init: the median of cold
// starts, the timed run one of them).
func side(ctx context.Context, o Options, n, cold int, c gen.Case, cmd []string, handler string, env []string) Side {
	s := Side{Ran: true}
	ev := c.Event
	r, err := runtimeapi.Run(ctx, runtimeapi.Options{Event: ev, N: n, Warmup: o.Warmup, Command: cmd, Handler: handler, Env: env})
	s.result = r
	if err == nil && r.Errors > 0 {
		err = fmt.Errorf("%d invocation errors, last: %.300s", r.Errors, r.LastError)
	}
	if err != nil {
		s.Err = fmt.Errorf("%v; stderr: %.500s", err, r.Stderr)
		return s
	}
	s.MBps = r.MBps()
	if c.Bytes > 0 && r.Wall > 0 {
		s.MBps = float64(c.Bytes) * float64(r.Timed) / r.Wall.Seconds() / 1e6
	}
	if r.Wall > 0 {
		s.CPUShare = r.CPU.Seconds() / (r.Init + r.Span).Seconds()
	}
	s.RSS = r.MaxRSS
	inits := []time.Duration{r.Init}
	for range cold - 1 {
		c, err := runtimeapi.Run(ctx, runtimeapi.Options{Event: ev, N: 1, Command: cmd, Handler: handler, Env: env})
		if err != nil {
			s.Err = fmt.Errorf("cold start: %v; stderr: %.500s", err, c.Stderr)
			return s
		}
		inits = append(inits, c.Init)
	}
	slices.Sort(inits)
	s.Init = inits[len(inits)/2]
	s.last = r.Last
	if c.Check != "" {
		return s
	}
	s.records, err = decode(r.Last)
	if err != nil {
		s.Err = err
		return s
	}
	s.Counts = map[string]int{}
	for _, rec := range s.records {
		s.Counts[rec.Result]++
	}
	return s
}

// floor runs the floor runtime on c's event with the Go handler's response
// goResp, which it must give back byte for byte.
func floor(ctx context.Context, n, warmup int, c gen.Case, bin string, goResp []byte, file string) Floor {
	f := Floor{Kind: c.Floor}
	if err := os.WriteFile(file, goResp, 0o600); err != nil {
		f.Err = err
		return f
	}
	env := []string{"FLOOR_RESPONSE=" + file}
	switch c.Floor {
	case gen.FloorGunzip:
		env = append(env, "FLOOR_GUNZIP=1")
	case gen.FloorJSON:
		env = append(env, "FLOOR_JSON=1")
	}
	r, err := runtimeapi.Run(ctx, runtimeapi.Options{Event: c.Event, N: n, Warmup: warmup, Command: []string{bin}, Handler: "bootstrap", Env: env})
	switch {
	case err == nil && r.Errors > 0:
		err = fmt.Errorf("%d invocation errors, last: %.300s", r.Errors, r.LastError)
	case err == nil && !bytes.Equal(r.Last, goResp):
		err = fmt.Errorf("its response differs from the Go handler's (%d bytes, %d)", len(r.Last), len(goResp))
	}
	if err != nil {
		f.Err = fmt.Errorf("floor: %v; stderr: %.500s", err, r.Stderr)
		return f
	}
	f.MBps = r.MBps()
	return f
}

func ceiling(ctx context.Context, name string, n, warmup int, ev []byte, cmd []string, handler string, env []string) Ceiling {
	c := Ceiling{Runtime: name, EventBytes: len(ev)}
	r, err := runtimeapi.Run(ctx, runtimeapi.Options{Event: ev, N: n, Warmup: warmup, Command: cmd, Handler: handler, Env: env})
	if err == nil && string(r.Last) != string(ev) && !jsonEqual(r.Last, ev) {
		err = errors.New("echo response differs from the event")
	}
	c.Err = err
	c.MBps = r.MBps()
	if r.Wall > 0 {
		c.ServerCPU = r.ServerCPU.Seconds() / (r.Init + r.Span).Seconds()
	}
	return c
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return string(ja) == string(jb)
}

type respRecord struct {
	RecordID string `json:"recordId"`
	Result   string `json:"result"`
	Data     []byte `json:"data"`
}

func decode(body []byte) ([]respRecord, error) {
	var resp struct {
		Records []respRecord `json:"records"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, fmt.Errorf("response is not a Firehose response: %v (%.200s)", err, body)
	}
	return resp.Records, nil
}

// lines counts the non-empty lines of a record's output: JSON lines for
// csvtojson, piiredact and logenrich, one document for eventshaper.
func lines(b []byte) int {
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			n++
		}
	}
	return n
}

// compare runs the case's check, or compareFirehose.
func compare(check string, g, p Side) Verdict {
	if check == "" {
		sum, ok := compareFirehose(g, p)
		return Verdict{Summary: sum, Match: ok}
	}
	if g.Err != nil {
		return Verdict{Summary: "Go failed"}
	}
	if p.Ran && p.Err != nil {
		return Verdict{Summary: "Python failed"}
	}
	mu.Lock()
	fn := checks[check]
	mu.Unlock()
	if fn == nil {
		return Verdict{Summary: "no check " + check}
	}
	var py []byte
	if p.Ran {
		py = p.last
	}
	v := fn(g.last, py)
	if !p.Ran && v.Match {
		v.Summary = "Go only: " + strings.TrimPrefix(v.Summary, "same: ")
	}
	return v
}

// compareFirehose checks that both runtimes returned the same records with
// the same results and, for each record both transformed, the same number
// of output lines.
func compareFirehose(g, p Side) (string, bool) {
	if g.Err != nil {
		return "Go failed", false
	}
	if !p.Ran {
		return fmt.Sprintf("Go only: %s", countStr(g.Counts)), true
	}
	if p.Err != nil {
		return "Python failed", false
	}
	if len(g.records) != len(p.records) {
		return fmt.Sprintf("record counts differ: Go %d, Python %d", len(g.records), len(p.records)), false
	}
	var diffResult, diffLines int
	first := ""
	goLines := 0
	for i, gr := range g.records {
		pr := p.records[i]
		switch {
		case gr.RecordID != pr.RecordID:
			return fmt.Sprintf("record %d: ids differ", i), false
		case gr.Result != pr.Result:
			diffResult++
			if first == "" {
				first = fmt.Sprintf("first at record %d: Go %s, Python %s", i, gr.Result, pr.Result)
			}
		case gr.Result == "Ok" && lines(gr.Data) != lines(pr.Data):
			diffLines++
			if first == "" {
				first = fmt.Sprintf("first at record %d: Go %d lines, Python %d", i, lines(gr.Data), lines(pr.Data))
			}
		}
		goLines += lines(gr.Data)
	}
	if diffResult+diffLines > 0 {
		return fmt.Sprintf("differ: Go %s, Python %s; %d results and %d line counts differ (%s)",
			countStr(g.Counts), countStr(p.Counts), diffResult, diffLines, first), false
	}
	return fmt.Sprintf("same: %s, %d lines", countStr(g.Counts), goLines), true
}

func countStr(c map[string]int) string {
	var parts []string
	for _, k := range []string{"Ok", "Dropped", "ProcessingFailed"} {
		if c[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c[k], k))
		}
	}
	if len(parts) == 0 {
		return "no records"
	}
	return strings.Join(parts, ", ")
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the module")
	}
	return filepath.Dir(gomod), nil
}

// Markdown writes the report's tables.
func (r *Report) Markdown(w io.Writer) {
	fmt.Fprintf(w, "%s, %s/%s, %d CPUs, %s; %s; %d invocations a Go run, %d a Python run, init = median of %d starts.\n\n",
		r.Started.Format("2006-01-02 15:04 MST"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(),
		orNone(r.Python), r.Opts.N, r.Opts.PyN, r.Opts.Cold)
	if r.Opts.Rounds > 1 {
		fmt.Fprintf(w, "%d rounds, each Go, floor and Python one after the other: MB/s are the rounds' medians, a ratio is the median of the rounds' ratios (lowest–highest).\n\n", r.Opts.Rounds)
	}
	if r.Opts.Warmup > 0 {
		fmt.Fprintf(w, "The first %d invocation(s) of every run (Go, Python, floor, echo) are served but not timed.\n\n", r.Opts.Warmup)
	}
	if r.Opts.RTT > 0 {
		fmt.Fprintf(w, "Every call to a fake service costs a round trip of at least %v (test/bench/netdelay).\n\n", r.Opts.RTT)
	}
	fmt.Fprintln(w, "| handler | event | records | Go MB/s | Python MB/s | ratio | Go init ms | Python init ms | binary | Go CPU/wall | Go RSS MB | Python RSS MB | responses |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	for _, row := range r.Rows {
		gm, pm, rt := "–", "–", "–"
		if row.Go.Err == nil {
			gm = fmt.Sprintf("%.1f", row.Go.MBps)
		}
		if row.Py.Ran && row.Py.Err == nil {
			pm = fmt.Sprintf("%.2f", row.Py.MBps)
			if row.Go.Err == nil && row.Py.MBps > 0 {
				rt = ratio(row.Ratios, row.Go.MBps, row.Py.MBps)
			}
		} else if !row.Py.Ran {
			pm = "not run"
		}
		event := fmt.Sprintf("%.2f MB", float64(row.EventBytes)/1e6)
		if row.Bytes > 0 {
			event = fmt.Sprintf("%.2f MB of %s (event %.1f KB)", float64(row.Bytes)/1e6, row.Unit, float64(row.EventBytes)/1e3)
		}
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %.1f MB | %.2f | %s | %s | %s |\n",
			row.Handler, event, row.Records, gm, pm, rt,
			ms(row.Go.Init, row.Go.Err == nil), ms(row.Py.Init, row.Py.Ran && row.Py.Err == nil),
			float64(row.Binary)/1e6, row.Go.CPUShare, mb(row.Go.RSS), mb(row.Py.RSS), row.Valid)
	}
	for _, row := range r.Rows {
		if row.Go.Err != nil {
			fmt.Fprintf(w, "\n%s %d bytes, Go: %v\n", row.Handler, row.EventBytes, row.Go.Err)
		}
		if row.Py.Err != nil {
			fmt.Fprintf(w, "\n%s %d bytes, Python: %v\n", row.Handler, row.EventBytes, row.Py.Err)
		}
		if !row.Py.Ran && row.Py.Why != "" {
			fmt.Fprintf(w, "\n%s: Python not run: %s\n", row.Handler, row.Py.Why)
		}
	}
	r.floors(w)
	if len(r.Ceilings) > 0 {
		fmt.Fprintln(w, "\nHarness ceilings (echo runtimes through the same server):")
		fmt.Fprintln(w, "\n| runtime | event | MB/s | server CPU/wall |")
		fmt.Fprintln(w, "|---|---|--:|--:|")
		for _, c := range r.Ceilings {
			v := fmt.Sprintf("%.1f", c.MBps)
			if c.Err != nil {
				v = "failed: " + c.Err.Error()
			}
			fmt.Fprintf(w, "| %s | %.2f MB | %s | %.2f |\n", c.Runtime, float64(c.EventBytes)/1e6, v, c.ServerCPU)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "no Python"
	}
	return s
}

func ms(d time.Duration, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000)
}

func mb(b int64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(b)/1e6)
}

// floors writes the Firehose transforms' floors: how far each handler is
// above the least any transform must do, and the ratio to its peer that
// even that least would reach.
func (r *Report) floors(w io.Writer) {
	head := false
	for _, row := range r.Rows {
		if row.Floor.Kind == "" {
			continue
		}
		if !head {
			fmt.Fprintln(w, "\nFloors (the same event answered with the Go handler's response, through the least work any transform must do):")
			fmt.Fprintln(w, "\n| handler | event | floor | floor MB/s | Go MB/s | Go time over the floor | Python MB/s | ratio | floor ÷ Python |")
			fmt.Fprintln(w, "|---|---|---|--:|--:|--:|--:|--:|--:|")
			head = true
		}
		if row.Floor.Err != nil {
			fmt.Fprintf(w, "| %s | %.2f MB | %s | failed: %v | | | | | |\n", row.Handler, float64(row.EventBytes)/1e6, row.Floor.Kind, row.Floor.Err)
			continue
		}
		over, pm, rt, ceil := "–", "–", "–", "–"
		if row.Go.MBps > 0 {
			over = fmt.Sprintf("%.0f%%", 100*(row.Floor.MBps/row.Go.MBps-1))
		}
		if row.Py.Ran && row.Py.Err == nil && row.Py.MBps > 0 {
			pm = fmt.Sprintf("%.2f", row.Py.MBps)
			rt = ratio(row.Ratios, row.Go.MBps, row.Py.MBps)
			ceil = ratio(row.FloorRatios, row.Floor.MBps, row.Py.MBps)
		}
		fmt.Fprintf(w, "| %s | %.2f MB | %s | %.1f | %.1f | %s | %s | %s | %s |\n", row.Handler, float64(row.EventBytes)/1e6,
			row.Floor.Kind, row.Floor.MBps, row.Go.MBps, over, pm, rt, ceil)
	}
}
