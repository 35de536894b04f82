package harness

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"sync"

	"github.com/cdk-data-patterns/patterns/test/bench/fakeddb"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// writeTable is a fakeddb.Table as a harness Fake: Reset before each
// runtime's run keeps the other run's table for the check.
type writeTable struct{ *fakeddb.Table }

func (f writeTable) Env() []string { return []string{"AWS_ENDPOINT_URL_DYNAMODB=" + f.URL} }

// tables are the tables of the current run by fake name, for the checks.
var tables sync.Map

func startWriteTable(fake, name, key string) func() (Fake, error) {
	return func() (Fake, error) {
		t, err := fakeddb.StartTable(name, key)
		if err != nil {
			return nil, err
		}
		tables.Store(fake, t)
		return writeTable{t}, nil
	}
}

// runTables returns the items and stats the Go bootstrap and (when py) its
// peer left in the table of fake: with the peer, the Go run's table is the
// one the Reset before the peer's run kept.
func runTables(fake string, py bool) (goItems, pyItems map[string]map[string]any, goStats, pyStats fakeddb.Stats, err error) {
	v, ok := tables.Load(fake)
	if !ok {
		return nil, nil, goStats, pyStats, fmt.Errorf("fake %s not started", fake)
	}
	t := v.(*fakeddb.Table)
	if !py {
		goItems, goStats = t.Items()
		return
	}
	goItems, goStats = t.Previous()
	pyItems, pyStats = t.Items()
	return
}

func init() {
	RegisterFake("device-table", startWriteTable("device-table", gen.DeviceTable, gen.DeviceKey))
	RegisterCheck("devicelatest", checkDeviceLatest)
}

var updatedAtRE = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)

// checkDeviceLatest: both answered no batch item failures, both wrote each
// reading of the first invocation (the same event again is refused by the
// condition: written = readings, the rest conditional failures), no other
// error, and both tables hold the same item for every device, with the
// seven attributes of functions/devicelatest/doc.go (updatedAt is the
// writer's clock: only its form is compared).
func checkDeviceLatest(goLast, pyLast []byte) Verdict {
	var g, p struct {
		Failures *[]map[string]string `json:"batchItemFailures"`
	}
	if err := json.Unmarshal(goLast, &g); err != nil || g.Failures == nil {
		return Verdict{Summary: fmt.Sprintf("Go response is not a Kinesis batch response: %.200s", goLast)}
	}
	if len(*g.Failures) > 0 {
		return Verdict{Summary: fmt.Sprintf("Go reported batch item failures: %v", *g.Failures)}
	}
	if pyLast != nil {
		if err := json.Unmarshal(pyLast, &p); err != nil || p.Failures == nil {
			return Verdict{Summary: fmt.Sprintf("Python response is not a Kinesis batch response: %.200s", pyLast)}
		}
		if len(*p.Failures) > 0 {
			return Verdict{Summary: fmt.Sprintf("Python reported batch item failures: %v", *p.Failures)}
		}
	}
	gi, pi, gs, ps, err := runTables("device-table", pyLast != nil)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	check := func(who string, items map[string]map[string]any, s fakeddb.Stats) string {
		switch {
		case s.Errors > 0:
			return fmt.Sprintf("%s: %d DynamoDB errors, last %s", who, s.Errors, s.LastError)
		case s.Updates == 0 || s.Written == 0 || len(items) == 0:
			return fmt.Sprintf("%s wrote nothing (%d UpdateItem)", who, s.Updates)
		case s.Puts > 0:
			return fmt.Sprintf("%s used PutItem", who)
		case s.Written+s.ConditionFailed != s.Updates || s.Updates%s.Written != 0:
			return fmt.Sprintf("%s: %d UpdateItem, %d written, %d refused: not one write per reading of the first invocation", who, s.Updates, s.Written, s.ConditionFailed)
		}
		for dev, it := range items {
			if len(it) != 7 {
				return fmt.Sprintf("%s: item %s has %d attributes, want 7", who, dev, len(it))
			}
			at, _ := it["updatedAt"].(map[string]any)
			if s, _ := at["S"].(string); !updatedAtRE.MatchString(s) {
				return fmt.Sprintf("%s: item %s updatedAt %v", who, dev, it["updatedAt"])
			}
		}
		return ""
	}
	if msg := check("Go", gi, gs); msg != "" {
		return Verdict{Summary: msg}
	}
	sum := fmt.Sprintf("same: no failures, %d readings written, %d devices", gs.Written, len(gi))
	if pyLast == nil {
		return Verdict{Summary: sum, Match: true, GoOK: gs.Written}
	}
	if msg := check("Python", pi, ps); msg != "" {
		return Verdict{Summary: msg}
	}
	if gs.Written != ps.Written {
		return Verdict{Summary: fmt.Sprintf("differ: Go wrote %d readings, Python %d", gs.Written, ps.Written)}
	}
	if len(gi) != len(pi) {
		return Verdict{Summary: fmt.Sprintf("differ: Go %d devices, Python %d", len(gi), len(pi))}
	}
	var diff []string
	for dev, it := range gi {
		other := pi[dev]
		for _, a := range []string{"device", "id", "sentAt", "shardId", "sequenceNumber", "subSequence"} {
			x, _ := json.Marshal(it[a])
			y, _ := json.Marshal(other[a])
			if string(x) != string(y) {
				diff = append(diff, fmt.Sprintf("%s.%s Go %s Python %s", dev, a, x, y))
			}
		}
	}
	if len(diff) > 0 {
		sort.Strings(diff)
		return Verdict{Summary: fmt.Sprintf("differ: %d attributes, first %s", len(diff), diff[0])}
	}
	return Verdict{Summary: sum, Match: true, GoOK: gs.Written}
}
