package laketable

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// This file is catalogue CAT-03: the S3 layout (partition keys and their
// order) derived from the queries a table serves. It is pure Go and
// deterministic: the same input gives the same layout and the same reasons.

// LayoutColumn is a column that queries may filter on.
type LayoutColumn struct {
	Name string
	// Cardinality is the number of distinct values (devices, countries);
	// ignored for the Time column.
	Cardinality int64
	// Time marks the event-time column, partitioned by year/month/day/hour
	// at the granularity the queries' time ranges call for. At most one.
	Time bool
}

// Query is one kind of query the table serves.
type Query struct {
	// Name identifies the query in the reasons.
	Name string
	// Filters are the columns in its WHERE clause.
	Filters []string
	// Weight is how often it runs (per day, or a share of all queries),
	// more than 0.
	Weight float64
	// TimeRange is the span its time filter covers (one day, one month);
	// only for queries that filter the Time column.
	TimeRange time.Duration
}

// LayoutInput is what ChooseLayout decides from.
type LayoutInput struct {
	Columns []LayoutColumn
	Queries []Query
	// MinShare is the share of queries (by weight) that must filter a
	// column for it to become a partition key: partition on the dominant
	// filters only.
	// @default 0.5
	MinShare float64
	// MaxCardinality is the most distinct values a key (and the keys after
	// the time column together) may have: more makes tiny files and
	// partitions than queries can use (bucket such columns instead).
	// @default 1000
	MaxCardinality int64
}

// Granularity of the time keys.
type Granularity string

// Granularities, coarse to fine.
const (
	ByYear  Granularity = "year"
	ByMonth Granularity = "month"
	ByDay   Granularity = "day"
	ByHour  Granularity = "hour"
)

// Layout is the chosen partitioning.
type Layout struct {
	// Keys are the partition keys in prefix order ("year", "month", "day",
	// "device").
	Keys []string
	// Granularity of the time keys, "" without a time key.
	Granularity Granularity
	// Reasons says, column by column in input order, why it is or is not a
	// key.
	Reasons []string
}

// String is the layout as the notes write it: "year/month/day/device".
func (l Layout) String() string { return strings.Join(l.Keys, "/") }

// Template is the Hive-style prefix of a partition under the table's
// location: "year=${year}/month=${month}/".
func (l Layout) Template() string {
	var b strings.Builder
	for _, k := range l.Keys {
		b.WriteString(k + "=${" + k + "}/")
	}
	return b.String()
}

// PartitionKeys are the keys as string partition columns of a Parquet table
// (ProjectedProps.PartitionKeys).
func (l Layout) PartitionKeys() []Column {
	out := make([]Column, len(l.Keys))
	for i, k := range l.Keys {
		out[i] = Column{Name: k, Type: String}
	}
	return out
}

var timeKeys = map[Granularity][]string{
	ByYear:  {"year"},
	ByMonth: {"year", "month"},
	ByDay:   {"year", "month", "day"},
	ByHour:  {"year", "month", "day", "hour"},
}

// ChooseLayout derives the partition layout from the queries: a column
// becomes a key when at least MinShare of the queries (by weight) filter it
// and it has at most MaxCardinality values; the time column is split into
// year/month/day/hour down to the granularity of the weighted median of the
// queries' time ranges (a year or more: year; a month or more: month; a day
// or more: day; less: hour); keys are ordered by share, the dominant filter
// first (on a tie the time keys first, then fewer values first). Keys after
// the first whose values multiply beyond MaxCardinality are dropped, least
// shared first. It returns an error for input it cannot decide from.
func ChooseLayout(in LayoutInput) (Layout, error) {
	minShare, maxCard := in.MinShare, in.MaxCardinality
	if minShare == 0 {
		minShare = 0.5
	}
	if maxCard == 0 {
		maxCard = 1000
	}
	if err := checkLayoutInput(in, minShare, maxCard); err != nil {
		return Layout{}, err
	}
	var total float64
	share := map[string]float64{}
	for _, q := range in.Queries {
		total += q.Weight
		seen := map[string]bool{}
		for _, f := range q.Filters {
			if !seen[f] {
				share[f] += q.Weight
				seen[f] = true
			}
		}
	}
	for k := range share {
		share[k] /= total
	}

	type cand struct {
		col   LayoutColumn
		share float64
	}
	var l Layout
	var chosen []cand
	reasons := map[string]string{}
	for _, c := range in.Columns {
		s := share[c.Name]
		switch {
		case s < minShare:
			reasons[c.Name] = fmt.Sprintf("%s: not a key, filtered by %s of the queries (less than %s)", c.Name, pct(s), pct(minShare))
		case !c.Time && c.Cardinality > maxCard:
			reasons[c.Name] = fmt.Sprintf("%s: not a key, %d distinct values is high cardinality (more than %d): bucket it instead", c.Name, c.Cardinality, maxCard)
		default:
			chosen = append(chosen, cand{c, s})
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool {
		a, b := chosen[i], chosen[j]
		if a.share != b.share {
			return a.share > b.share
		}
		if a.col.Time != b.col.Time {
			return a.col.Time
		}
		if a.col.Cardinality != b.col.Cardinality {
			return a.col.Cardinality < b.col.Cardinality
		}
		return a.col.Name < b.col.Name
	})
	// The values of the non-time keys multiply: drop the least shared
	// (last) ones until their product fits.
	for {
		product, last := int64(1), -1
		for i, c := range chosen {
			if !c.col.Time {
				product *= c.col.Cardinality
				last = i
			}
		}
		if product <= maxCard || last <= 0 {
			break
		}
		c := chosen[last]
		reasons[c.col.Name] = fmt.Sprintf("%s: not a key, with the keys before it there would be %d partitions per time unit (more than %d)", c.col.Name, product, maxCard)
		chosen = append(chosen[:last], chosen[last+1:]...)
	}
	for pos, c := range chosen {
		if c.col.Time {
			l.Granularity = granularity(in.Queries, c.col.Name)
			l.Keys = append(l.Keys, timeKeys[l.Granularity]...)
			reasons[c.col.Name] = fmt.Sprintf("%s: key %d as %s, filtered by %s of the queries, by %s (median time range)",
				c.col.Name, pos+1, strings.Join(timeKeys[l.Granularity], "/"), pct(c.share), l.Granularity)
			continue
		}
		l.Keys = append(l.Keys, c.col.Name)
		reasons[c.col.Name] = fmt.Sprintf("%s: key %d, filtered by %s of the queries, %d distinct values", c.col.Name, pos+1, pct(c.share), c.col.Cardinality)
	}
	for _, c := range in.Columns {
		l.Reasons = append(l.Reasons, reasons[c.Name])
	}
	return l, nil
}

// granularity is the granularity of the weighted median time range of the
// queries filtering col.
func granularity(qs []Query, col string) Granularity {
	type rw struct {
		r time.Duration
		w float64
	}
	var list []rw
	var total float64
	for _, q := range qs {
		for _, f := range q.Filters {
			if f == col && q.TimeRange > 0 {
				list = append(list, rw{q.TimeRange, q.Weight})
				total += q.Weight
				break
			}
		}
	}
	if len(list) == 0 {
		return ByDay
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].r < list[j].r })
	var acc float64
	median := list[len(list)-1].r
	for _, x := range list {
		acc += x.w
		if acc >= total/2 {
			median = x.r
			break
		}
	}
	const day = 24 * time.Hour
	switch {
	case median >= 365*day:
		return ByYear
	case median >= 28*day:
		return ByMonth
	case median >= day:
		return ByDay
	}
	return ByHour
}

func checkLayoutInput(in LayoutInput, minShare float64, maxCard int64) error {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if minShare < 0 || minShare > 1 {
		add("MinShare = %v: a share from 0 to 1 (0 means the default 0.5)", in.MinShare)
	}
	if maxCard < 1 {
		add("MaxCardinality = %d: at least 1 (0 means the default 1000)", in.MaxCardinality)
	}
	cols := map[string]LayoutColumn{}
	times := 0
	for i, c := range in.Columns {
		if !nameRE.MatchString(c.Name) {
			add("Columns[%d].Name = %q: lowercase letters, digits and underscores", i, c.Name)
		}
		if _, dup := cols[c.Name]; dup {
			add("Columns[%d].Name = %q: each column once", i, c.Name)
		}
		cols[c.Name] = c
		if c.Time {
			times++
		} else if c.Cardinality < 1 {
			add("Columns[%d].Cardinality = %d: the number of distinct values, at least 1", i, c.Cardinality)
		}
	}
	if times > 1 {
		add("Columns: %d columns marked Time: at most one event-time column", times)
	}
	if len(in.Queries) == 0 {
		add("Queries = none: at least one query with its filters and weight")
	}
	for i, q := range in.Queries {
		if !(q.Weight > 0) {
			add("Queries[%d].Weight = %v: more than 0", i, q.Weight)
		}
		hasTime := false
		for _, f := range q.Filters {
			c, ok := cols[f]
			if !ok {
				add("Queries[%d].Filters = %q: a column of Columns", i, f)
			}
			hasTime = hasTime || c.Time
		}
		if q.TimeRange < 0 || (q.TimeRange > 0 && !hasTime) {
			add("Queries[%d].TimeRange = %v: a positive span, only for queries that filter the Time column", i, q.TimeRange)
		}
	}
	if len(errs) > 0 {
		return errors.New("laketable.ChooseLayout: invalid input:\n  - " + strings.Join(errs, "\n  - "))
	}
	return nil
}

func pct(s float64) string { return fmt.Sprintf("%.0f%%", s*100) }
