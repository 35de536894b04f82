package laketable

import (
	"strconv"
	"strings"
)

// Projection is how Athena computes the values of one partition key
// (partition projection): DateProjection, IntegerProjection,
// EnumProjection or InjectedProjection.
type Projection interface {
	// parameters are the table parameters projection.<key>.* of key.
	parameters(key string) map[string]string
	// check records what is wrong with the projection of key.
	check(add func(prop string, value any, allowed string), key string)
}

// DateProjection projects dates (or date-times) in Format between the two
// ends of Range.
type DateProjection struct {
	// Format of the values in the prefixes, a Java DateTimeFormatter
	// pattern of y, M, d, H, m, s (and literal text): "yyyy-MM-dd",
	// "yyyy/MM/dd/HH".
	Format string
	// Range is "start,end": each a date in Format or NOW, optionally
	// NOW-3YEARS, NOW+1DAY (units YEAR(S), MONTH(S), WEEK(S), DAY(S),
	// HOUR(S), MINUTE(S), SECOND(S)). "2020-01-01,NOW".
	Range string
	// Interval between values, at least 1.
	// @default 1
	Interval *float64
	// Unit of Interval: YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS.
	// @default the finest unit of Format (DAYS for yyyy-MM-dd)
	Unit string
}

// IntegerProjection projects whole numbers from Min to Max.
type IntegerProjection struct {
	Min, Max int64
	// Interval between values, at least 1.
	// @default 1
	Interval *float64
	// Digits pads values with leading zeros to this many digits (2: 01..12).
	// @default no padding
	Digits *float64
}

// EnumProjection projects a fixed set of values (a few dozen at most: the
// table's metadata is limited to about 1 MB).
type EnumProjection struct {
	Values []string
}

// InjectedProjection takes the value from the query, which must give it
// (WHERE device = 'a1'): for keys with too many values to enumerate.
type InjectedProjection struct{}

func (p DateProjection) parameters(key string) map[string]string {
	unit := p.Unit
	if unit == "" {
		unit = finestUnit(p.Format)
	}
	return map[string]string{
		"projection." + key + ".type":          "date",
		"projection." + key + ".format":        p.Format,
		"projection." + key + ".range":         p.Range,
		"projection." + key + ".interval":      strconv.FormatFloat(orFloat(p.Interval, 1), 'f', -1, 64),
		"projection." + key + ".interval.unit": unit,
	}
}

func (p IntegerProjection) parameters(key string) map[string]string {
	out := map[string]string{
		"projection." + key + ".type":  "integer",
		"projection." + key + ".range": strconv.FormatInt(p.Min, 10) + "," + strconv.FormatInt(p.Max, 10),
	}
	if p.Interval != nil {
		out["projection."+key+".interval"] = strconv.FormatFloat(*p.Interval, 'f', -1, 64)
	}
	if p.Digits != nil {
		out["projection."+key+".digits"] = strconv.FormatFloat(*p.Digits, 'f', -1, 64)
	}
	return out
}

func (p EnumProjection) parameters(key string) map[string]string {
	return map[string]string{
		"projection." + key + ".type":   "enum",
		"projection." + key + ".values": strings.Join(p.Values, ","),
	}
}

func (InjectedProjection) parameters(key string) map[string]string {
	return map[string]string{"projection." + key + ".type": "injected"}
}

func (p DateProjection) check(add func(string, any, string), key string) {
	at := "Projection[" + key + "]"
	if err := checkDateFormat(p.Format); err != "" {
		add(at+".Format", strconv.Quote(p.Format), err)
		return
	}
	if err := checkDateRange(p.Format, p.Range); err != "" {
		add(at+".Range", strconv.Quote(p.Range), err)
	}
	if p.Interval != nil && !wholeAtLeast(*p.Interval, 1) {
		add(at+".Interval", *p.Interval, "a whole number, at least 1")
	}
	if p.Unit != "" && !validUnit(p.Unit) {
		add(at+".Unit", p.Unit, "YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES or SECONDS")
	}
}

func (p IntegerProjection) check(add func(string, any, string), key string) {
	at := "Projection[" + key + "]"
	if p.Min > p.Max {
		add(at+".Min/Max", strconv.FormatInt(p.Min, 10)+","+strconv.FormatInt(p.Max, 10), "Min at most Max")
	}
	if p.Interval != nil && !wholeAtLeast(*p.Interval, 1) {
		add(at+".Interval", *p.Interval, "a whole number, at least 1")
	}
	if p.Digits != nil && (!wholeAtLeast(*p.Digits, 1) || *p.Digits > 19) {
		add(at+".Digits", *p.Digits, "a whole number of digits from 1 to 19")
	}
}

func (p EnumProjection) check(add func(string, any, string), key string) {
	at := "Projection[" + key + "].Values"
	if len(p.Values) == 0 {
		add(at, "[]", "at least one value (a key with no value matches no partition)")
	}
	seen := map[string]bool{}
	for _, v := range p.Values {
		switch {
		case v == "" || strings.Contains(v, ","):
			add(at, strconv.Quote(v), "values without commas, not empty (Athena splits the list at commas)")
		case seen[v]:
			add(at, strconv.Quote(v), "each value once")
		}
		seen[v] = true
	}
}

func (InjectedProjection) check(func(string, any, string), string) {}

func orFloat(v *float64, d float64) float64 {
	if v != nil {
		return *v
	}
	return d
}

func wholeAtLeast(v, min float64) bool { return v >= min && v == float64(int64(v)) }
