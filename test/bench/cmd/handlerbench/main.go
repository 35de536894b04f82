// Command handlerbench times each data-path handler's bootstrap, built as
// for deployment, against its Python peer on identical events through a
// loopback Lambda Runtime API, and prints a markdown table (issue 21):
//
//	go run ./test/bench/cmd/handlerbench -n 20 -sizes 1MB,6MB
//
// With the Firehose transforms it also runs their floors (-floor: the same
// event answered with the handler's own response through the envelope work
// only); -rtt 1ms makes every call to a fake service cost a round trip;
// -warmup (1) is the number of first invocations of every run, Go and
// Python alike, served but not timed (a fresh environment's first
// invocation grows its buffers; deployed, one serves thousands).
// Run it on an otherwise idle machine, with -rounds 5: this VM's figures
// move by up to 40% from one minute to the next, and a round measures Go,
// floor and Python one right after the other, so that each round's ratio
// compares the two sides in the same state; the table gives the rounds'
// median MB/s and the median and range of their ratios.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/cdk-data-patterns/patterns/test/bench/gen"
	"github.com/cdk-data-patterns/patterns/test/bench/harness"
)

func main() {
	n := flag.Int("n", 20, "invocations per Go run")
	pyn := flag.Int("pyn", 0, "invocations per Python run (default: -n)")
	handlers := flag.String("handlers", strings.Join(gen.Names(), ","), "handlers to run")
	sizes := flag.String("sizes", "1MB,6MB", "event sizes: bytes, or with KB/MB (10^3, 10^6)")
	cold := flag.Int("cold", 5, "process starts whose median is the init time")
	warmup := flag.Int("warmup", 1, "first invocations of every run not timed (the cold start is -cold's)")
	echo := flag.Bool("echo", true, "measure the harness ceilings with echo runtimes")
	rtt := flag.Duration("rtt", 0, "a round trip added to every call to a fake service (e.g. 1ms), as the real service costs at least")
	floor := flag.Bool("floor", true, "measure the Firehose transforms' floors (functions/internal/firehoseproc/floor)")
	python := flag.String("python", "python3", `Python interpreter for the peers ("-" for none)`)
	rounds := flag.Int("rounds", 1, "measure each case this many times, Go, floor and Python in turn; report medians and the ratios' range")
	quiet := flag.Bool("q", false, "no progress on stderr")
	flag.Parse()
	o := harness.Options{N: *n, PyN: *pyn, Cold: *cold, Warmup: *warmup, Echo: *echo, Floor: *floor, RTT: *rtt, Rounds: *rounds, Python: *python, Handlers: split(*handlers)}
	for _, s := range split(*sizes) {
		b, err := parseSize(s)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		o.Sizes = append(o.Sizes, b)
	}
	if !*quiet {
		o.Log = os.Stderr
	}
	rep, err := harness.Run(context.Background(), o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	rep.Markdown(os.Stdout)
	for _, r := range rep.Rows {
		if r.Go.Err != nil || r.Py.Err != nil {
			os.Exit(1)
		}
	}
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseSize(s string) (int, error) {
	mult := 1
	u := strings.ToUpper(s)
	switch {
	case strings.HasSuffix(u, "MB"):
		mult, u = 1_000_000, strings.TrimSuffix(u, "MB")
	case strings.HasSuffix(u, "KB"):
		mult, u = 1_000, strings.TrimSuffix(u, "KB")
	}
	f, err := strconv.ParseFloat(u, 64)
	if err != nil || f <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int(f * float64(mult)), nil
}
