package harness

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// TestSmoke runs every handler's bootstrap and its Python peer once on a
// small event, and the echo runtimes, and checks that the responses agree.
// It checks correctness only; figures come from cmd/handlerbench.
func TestSmoke(t *testing.T) {
	python := "python3"
	noPython := ""
	if _, err := exec.LookPath(python); err != nil {
		python, noPython = "-", "python3 not found: the Python peers were not run, only the Go bootstraps"
	}
	rep, err := Run(context.Background(), Options{N: 2, Warmup: 1, Handlers: gen.Names(), Sizes: []int{20_000}, Cold: 1, Echo: true, Floor: true, Python: python})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	rep.Markdown(&md)
	t.Log("\n" + md.String())
	if len(rep.Rows) != len(gen.Names()) {
		t.Fatalf("%d rows", len(rep.Rows))
	}
	for _, row := range rep.Rows {
		if row.Go.Err != nil {
			t.Errorf("%s Go: %v", row.Handler, row.Go.Err)
		}
		if row.Py.Err != nil {
			t.Errorf("%s Python: %v", row.Handler, row.Py.Err)
		}
		if !row.Match || row.Go.Counts["Ok"] == 0 {
			t.Errorf("%s: %s", row.Handler, row.Valid)
		}
		if c, _ := gen.Build(row.Handler, 20_000); c.Floor != row.Floor.Kind || row.Floor.Err != nil || c.Floor != "" && row.Floor.MBps <= 0 {
			t.Errorf("%s: floor %q (want %q): %v", row.Handler, row.Floor.Kind, c.Floor, row.Floor.Err)
		}
		if row.Records == 0 || row.Binary == 0 {
			t.Errorf("%s: %d records, binary %d bytes", row.Handler, row.Records, row.Binary)
		}
		if noPython == "" && !row.Py.Ran && !strings.Contains(row.Py.Why, "boto3") {
			t.Errorf("%s: Python peer not run: %s", row.Handler, row.Py.Why)
		} else if !row.Py.Ran {
			t.Logf("%s: Python peer not run: %s", row.Handler, row.Py.Why)
		}
	}
	for _, c := range rep.Ceilings {
		if c.Err != nil {
			t.Errorf("%s: %v", c.Runtime, c.Err)
		}
	}
	if noPython != "" {
		t.Skip(noPython)
	}
}

func TestGenSizes(t *testing.T) {
	for _, h := range gen.Names() {
		for _, size := range []int{1_000_000, 6_000_000} {
			c, err := gen.Build(h, size)
			if err != nil {
				t.Fatal(err)
			}
			n := len(c.Event) // what MB/s counts
			if c.Bytes > 0 {
				n = c.Bytes
			}
			// A case that the handler's own limits keep below size
			// (tokenize: 100 values of 4 KB) says so in its Unit.
			capped := strings.Contains(c.Unit, "capped at")
			if n > size || n < size*97/100 && !capped {
				t.Errorf("%s %d: %d bytes", h, size, n)
			}
			again, _ := gen.Build(h, size)
			if !bytes.Equal(c.Event, again.Event) {
				t.Errorf("%s %d: not deterministic", h, size)
			}
		}
	}
}

// TestRounds: with Rounds, each round has its ratio, the MB/s are the
// rounds' medians, and the table gives the ratios' median and range. A
// check that reads the fakes (tokenize's vault, new random tokens each
// round) still agrees: it is given the last round's responses.
func TestRounds(t *testing.T) {
	python := "python3"
	if _, err := exec.LookPath(python); err != nil {
		t.Skip("python3 not found")
	}
	rep, err := Run(context.Background(), Options{N: 2, PyN: 1, Warmup: 1, Rounds: 3, Handlers: []string{"csvtojson", "tokenize"}, Sizes: []int{20_000}, Cold: 1, Floor: true, Python: python})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rep.Rows {
		if row.Go.Err != nil || row.Py.Err != nil || row.Floor.Err != nil || !row.Match {
			t.Fatalf("%s: %v %v %v %s", row.Handler, row.Go.Err, row.Py.Err, row.Floor.Err, row.Valid)
		}
	}
	row := rep.Rows[0]
	if len(row.Ratios) != 3 || len(row.FloorRatios) != 3 || row.Go.MBps <= 0 || row.Py.MBps <= 0 {
		t.Fatalf("ratios %v, floor ratios %v, Go %.1f, Python %.1f", row.Ratios, row.FloorRatios, row.Go.MBps, row.Py.MBps)
	}
	var md bytes.Buffer
	rep.Markdown(&md)
	want := ratio(row.Ratios, 0, 0)
	if !strings.Contains(md.String(), "3 rounds") || !strings.Contains(md.String(), "| "+want+" |") {
		t.Fatalf("no %q in\n%s", want, md.String())
	}
}

func TestMedianAndRatio(t *testing.T) {
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median %v", m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Errorf("median %v", m)
	}
	if s := ratio([]float64{20, 18.5, 22}, 0, 0); s != "20.0× (18.5–22.0)" {
		t.Errorf("ratio %s", s)
	}
	if s := ratio(nil, 30, 1.5); s != "20.0×" {
		t.Errorf("ratio %s", s)
	}
}
