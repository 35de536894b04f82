package laketable

import "fmt"

// PartitionField is one field of an Iceberg partition spec: a transform of
// a source column.
type PartitionField struct {
	// Column is the source column's name.
	Column string
	// Transform applied to it.
	Transform Transform
	// Name of the partition field.
	// @default the column for Identity, else column_transform (ts_day,
	// customer_id_bucket, name_trunc), as Spark names them
	Name string
}

// Transform is an Iceberg partition transform.
type Transform struct {
	name  string // identity, year, month, day, hour, bucket, truncate
	width int    // bucket count or truncate width
}

// Transforms of the Iceberg spec (hidden partitioning: day(ts) partitions by
// day without a day column in the data).
var (
	Identity = Transform{name: "identity"}
	Year     = Transform{name: "year"}
	Month    = Transform{name: "month"}
	Day      = Transform{name: "day"}
	Hour     = Transform{name: "hour"}
)

// Bucket hashes the column into n buckets (n at least 1).
func Bucket(n int) Transform { return Transform{name: "bucket", width: n} }

// Truncate keeps the first w characters (strings) or truncates numbers to
// multiples of w (w at least 1).
func Truncate(w int) Transform { return Transform{name: "truncate", width: w} }

// String is the transform as an Iceberg spec writes it: "day",
// "bucket[16]", "truncate[4]".
func (t Transform) String() string {
	if t.name == "bucket" || t.name == "truncate" {
		return fmt.Sprintf("%s[%d]", t.name, t.width)
	}
	return t.name
}

// sql is the transform in Athena's PARTITIONED BY: day(ts), bucket(16, id).
func (t Transform) sql(col string) string {
	switch t.name {
	case "identity":
		return col
	case "bucket", "truncate":
		return fmt.Sprintf("%s(%d, %s)", t.name, t.width, col)
	}
	return t.name + "(" + col + ")"
}

// fieldName is the partition field's name.
func (f PartitionField) fieldName() string {
	if f.Name != "" {
		return f.Name
	}
	switch f.Transform.name {
	case "identity":
		return f.Column
	case "truncate":
		return f.Column + "_trunc"
	}
	return f.Column + "_" + f.Transform.name
}

// accepts reports whether the transform applies to columns of type t, and
// if not what does.
func (tr Transform) accepts(t Type) (bool, string) {
	switch tr.name {
	case "identity":
		return true, ""
	case "year", "month", "day":
		return t.kind == kindDate || t.kind == kindTimestamp, "a date or timestamp column"
	case "hour":
		return t.kind == kindTimestamp, "a timestamp column"
	case "bucket":
		ok := t.kind == kindString || t.kind == kindInteger || t.kind == kindDecimal || t.kind == kindDate ||
			t.kind == kindTimestamp || t.kind == kindBinary
		return ok, "a string, integer, decimal, date, timestamp or binary column"
	case "truncate":
		ok := t.kind == kindString || t.kind == kindInteger || t.kind == kindDecimal || t.kind == kindBinary
		return ok, "a string, integer, decimal or binary column"
	}
	return false, "Identity, Year, Month, Day, Hour, Bucket(n) or Truncate(w)"
}

// SortField orders rows within data files.
type SortField struct {
	Column string
	// Descending sorts from high to low.
	// @default false (ascending)
	Descending bool
	// NullsLast puts nulls after values.
	// @default false for ascending (nulls first), as Iceberg does
	NullsLast bool
}

func (s SortField) direction() string {
	if s.Descending {
		return "desc"
	}
	return "asc"
}

func (s SortField) nullOrder() string {
	if s.NullsLast {
		return "nulls-last"
	}
	return "nulls-first"
}
