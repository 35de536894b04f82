package laketable

import (
	"fmt"
	"regexp"
)

// Type is a column type. Use the package's values and constructors (String,
// BigInt, Decimal(12, 2), ...): each knows its name in the Hive DDL of a
// Parquet table and in an Iceberg schema, which differ (bigint is Iceberg's
// long).
type Type struct {
	hive, iceberg string
	kind          kind
}

type kind int

const (
	kindOther kind = iota
	kindString
	kindInteger
	kindDecimal
	kindDate
	kindTimestamp
	kindBinary
)

// Column types.
var (
	String    = Type{"string", "string", kindString}
	Int       = Type{"int", "int", kindInteger}
	BigInt    = Type{"bigint", "long", kindInteger}
	Float     = Type{"float", "float", kindOther}
	Double    = Type{"double", "double", kindOther}
	Boolean   = Type{"boolean", "boolean", kindOther}
	Date      = Type{"date", "date", kindDate}
	Timestamp = Type{"timestamp", "timestamp", kindTimestamp}
	Binary    = Type{"binary", "binary", kindBinary}
)

// Decimal is decimal(precision, scale); precision 1 to 38, scale 0 to
// precision (checked when a table uses it).
func Decimal(precision, scale int) Type {
	n := fmt.Sprintf("decimal(%d,%d)", precision, scale)
	return Type{n, n, kindDecimal}
}

// Hive is the type's name in a Glue (Hive) table and in Athena DDL.
func (t Type) Hive() string { return t.hive }

// Iceberg is the type's name in an Iceberg schema.
func (t Type) Iceberg() string { return t.iceberg }

func (t Type) String() string { return t.hive }

var decimalRE = regexp.MustCompile(`^decimal\((\d+),(\d+)\)$`)

// valid reports whether t is one of the package's types (not the zero
// value) with a decimal precision and scale Glue and Iceberg accept.
func (t Type) valid() bool {
	if t.hive == "" {
		return false
	}
	if t.kind != kindDecimal {
		return true
	}
	var p, s int
	m := decimalRE.FindStringSubmatch(t.hive)
	if m == nil {
		return false
	}
	fmt.Sscan(m[1], &p)
	fmt.Sscan(m[2], &s)
	return p >= 1 && p <= 38 && s >= 0 && s <= p
}

// Column is a column of a table.
type Column struct {
	// Name in lowercase letters, digits and underscores (Athena folds
	// names to lowercase; Glue keeps what it is given).
	Name string
	Type Type
	// Comment is stored with the column (Iceberg: the field's doc).
	Comment string
	// Required marks an Iceberg field as not null (ignored by Parquet
	// tables, whose columns are always nullable).
	// @default false
	Required bool
}
