package harness

import (
	"fmt"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/fakeddb"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
	"github.com/cdk-data-patterns/patterns/test/bench/netdelay"
)

// A Fake is a loopback stand-in for an AWS service that a handler and its
// peer both call; Env points both at it (AWS_ENDPOINT_URL_<SERVICE>=...).
type Fake interface {
	Env() []string
	Close() error
}

// A Resetter is a Fake with state that a run changes (items written,
// objects moved): Reset puts it back before each runtime's run, so the Go
// bootstrap and its peer start from the same state.
type Resetter interface {
	Reset()
}

// A Verdict compares the last responses of the Go bootstrap and its peer.
type Verdict struct {
	Summary string // "same: ..." or what differs
	Match   bool
	GoOK    int // units the Go side answered successfully (records, values, rows)
}

// A Check compares the two runtimes' last responses (py is nil when the peer
// did not run).
type Check func(goLast, pyLast []byte) Verdict

var (
	mu     sync.Mutex
	fakes  = map[string]func() (Fake, error){}
	checks = map[string]Check{}
)

// RegisterFake adds a fake by the name a gen.Case lists in Fakes, from an
// init function of the file that holds its handler's part of the harness.
func RegisterFake(name string, start func() (Fake, error)) {
	mu.Lock()
	defer mu.Unlock()
	fakes[name] = start
}

// RegisterCheck adds a comparison by the name a gen.Case gives in Check.
func RegisterCheck(name string, c Check) {
	mu.Lock()
	defer mu.Unlock()
	checks[name] = c
}

func init() {
	RegisterFake("users-table", func() (Fake, error) {
		s, err := fakeddb.Start(gen.Table, gen.TableKey, gen.Items())
		if err != nil {
			return nil, err
		}
		return ddbFake{s}, nil
	})
}

type ddbFake struct{ *fakeddb.Server }

func (f ddbFake) Env() []string { return []string{"AWS_ENDPOINT_URL_DYNAMODB=" + f.URL} }

// started holds the fakes of one run, each started once.
type started map[string]Fake

func (s started) get(name string) (Fake, error) {
	if f := s[name]; f != nil {
		return f, nil
	}
	mu.Lock()
	start := fakes[name]
	mu.Unlock()
	if start == nil {
		var have []string
		for k := range fakes {
			have = append(have, k)
		}
		sort.Strings(have)
		return nil, fmt.Errorf("no fake %q (have %v)", name, have)
	}
	f, err := start()
	if err != nil {
		return nil, fmt.Errorf("fake %s: %w", name, err)
	}
	s[name] = f
	return f, nil
}

func (s started) close() {
	for _, f := range s {
		f.Close()
	}
}

// env starts c's fakes and returns their environment; reset puts the
// stateful ones back.
func (s started) env(c gen.Case) ([]string, func(), error) {
	var env []string
	var resets []Resetter
	for _, name := range c.Fakes {
		f, err := s.get(name)
		if err != nil {
			return nil, nil, err
		}
		env = append(env, f.Env()...)
		if r, ok := f.(Resetter); ok {
			resets = append(resets, r)
		}
	}
	return env, func() {
		for _, r := range resets {
			r.Reset()
		}
	}, nil
}

// delayedFake is a netdelay proxy kept with the fakes of a run.
type delayedFake struct{ *netdelay.Proxy }

func (delayedFake) Env() []string { return nil }

var loopbackAddr = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// delayed puts a netdelay proxy (one per fake's address, started once) in
// front of every loopback address in env, so that each call to a fake
// costs a round trip of 2 × oneWay.
func (s started) delayed(env []string, oneWay time.Duration) ([]string, error) {
	out := make([]string, len(env))
	var failed error
	for i, kv := range env {
		out[i] = loopbackAddr.ReplaceAllStringFunc(kv, func(addr string) string {
			key := "netdelay " + addr
			if f, ok := s[key].(delayedFake); ok {
				return f.Addr
			}
			p, err := netdelay.Start(addr, oneWay)
			if err != nil {
				failed = err
				return addr
			}
			s[key] = delayedFake{p}
			return p.Addr
		})
	}
	return out, failed
}
