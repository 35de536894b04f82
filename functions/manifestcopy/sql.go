package main

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table is a schema-qualified table name.
type Table struct{ Schema, Name string }

// identifier is a part of TARGET_TABLE: lower case, as Redshift folds
// unquoted names, and at most 127 bytes.
var identifier = regexp.MustCompile(`^[a-z_][a-z0-9_$]{0,126}$`)

// ParseTable reads "schema.table".
func ParseTable(s string) (Table, error) {
	schema, name, ok := strings.Cut(s, ".")
	if !ok || !identifier.MatchString(schema) || !identifier.MatchString(name) {
		return Table{}, errors.New("schema.table, each part [a-z_][a-z0-9_$]* of at most 127 bytes")
	}
	return Table{Schema: schema, Name: name}, nil
}

func (t Table) String() string { return t.Schema + "." + t.Name }

// SQL is the table in double quotes (safe for reserved words; the parts are
// validated lower-case identifiers, so quoting changes no meaning).
func (t Table) SQL() (string, error) {
	if !identifier.MatchString(t.Schema) || !identifier.MatchString(t.Name) {
		return "", fmt.Errorf("invalid table %q", t.String())
	}
	return `"` + t.Schema + `"."` + t.Name + `"`, nil
}

// Audit is the load-audit table of the target's schema.
func (t Table) Audit() Table { return Table{Schema: t.Schema, Name: "manifest_loads"} }

// QuoteLiteral returns s as a SQL string literal. It refuses, rather than
// escapes, what could end or bend a literal: single quotes, backslashes
// (Redshift's escape character), control characters and invalid UTF-8.
// Nothing this function quotes legitimately contains them: S3 URLs built
// from validated prefixes and hex batch ids, and IAM role ARNs.
func QuoteLiteral(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", errors.New("string literal is not valid UTF-8")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r == '\'' || r == '\\' || r < 0x20 || r == 0x7f }); i >= 0 {
		return "", fmt.Errorf("string literal %q has a forbidden character at byte %d (quote, backslash or control character)", s, i)
	}
	return "'" + s + "'", nil
}

// CopySpec is what one COPY statement needs.
type CopySpec struct {
	Table       Table
	ManifestURL string // s3://bucket/key of the manifest
	IAMRoleARN  string
	Format      string // CSV, JSON, PARQUET, AVRO, ORC
	Compression string // "", GZIP, BZIP2, ZSTD
	MaxError    int
}

// formatClause is the FORMAT AS argument of each format.
var formatClause = map[string]string{
	"CSV":     "CSV",
	"JSON":    "JSON 'auto'",
	"PARQUET": "PARQUET",
	"AVRO":    "AVRO 'auto'",
	"ORC":     "ORC",
}

// CopySQL builds
//
//	COPY "schema"."table" FROM 's3://bucket/manifest' IAM_ROLE '<arn>' MANIFEST
//	FORMAT AS <fmt> [<compression>] MAXERROR <n> COMPUPDATE OFF STATUPDATE OFF;
//
// on one line. For PARQUET and ORC, Redshift accepts neither MAXERROR nor
// COMPUPDATE (its list of parameters for columnar formats), so both are left
// out: a bad columnar file fails the whole COPY.
func CopySQL(s CopySpec) (string, error) {
	table, err := s.Table.SQL()
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(s.ManifestURL, "s3://") {
		return "", fmt.Errorf("manifest %q is not an s3:// URL", s.ManifestURL)
	}
	from, err := QuoteLiteral(s.ManifestURL)
	if err != nil {
		return "", err
	}
	if !validRoles(s.IAMRoleARN) {
		return "", fmt.Errorf("IAM role %q is not a role ARN or chain of them", s.IAMRoleARN)
	}
	role, err := QuoteLiteral(s.IAMRoleARN)
	if err != nil {
		return "", err
	}
	format, ok := formatClause[s.Format]
	if !ok {
		return "", fmt.Errorf("unknown format %q", s.Format)
	}
	if s.Compression != "" && (!contains(compressions, s.Compression) || columnar(s.Format)) {
		return "", fmt.Errorf("compression %q not allowed with %s", s.Compression, s.Format)
	}
	if s.MaxError < 0 || s.MaxError > MaxErrorLimit || (s.MaxError > 0 && columnar(s.Format)) {
		return "", fmt.Errorf("MAXERROR %d not allowed with %s", s.MaxError, s.Format)
	}
	var b strings.Builder
	b.WriteString("COPY " + table + " FROM " + from + " IAM_ROLE " + role + " MANIFEST FORMAT AS " + format)
	if s.Compression != "" {
		b.WriteString(" " + s.Compression)
	}
	if !columnar(s.Format) {
		b.WriteString(" MAXERROR " + strconv.Itoa(s.MaxError) + " COMPUPDATE OFF")
	}
	b.WriteString(" STATUPDATE OFF;")
	return b.String(), nil
}

// batchIDPattern is the form of a batch id (a SHA-256 in hex).
var batchIDPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// LoadSQL is the one transaction (BatchExecuteStatement) that loads a
// batch and records it:
//
//  1. LOCK the audit table, so loads of the same schema run one after the
//     other and each sees the rows the previous one committed;
//  2. a guard that divides by zero, failing the transaction before COPY,
//     when the batch id is already in the audit table;
//  3. the COPY;
//  4. the audit row.
//
// COPY and the audit row commit together or not at all.
func LoadSQL(s CopySpec, batchID string) ([]string, error) {
	if !batchIDPattern.MatchString(batchID) {
		return nil, fmt.Errorf("invalid batch id %q", batchID)
	}
	copySQL, err := CopySQL(s)
	if err != nil {
		return nil, err
	}
	audit, err := s.Table.Audit().SQL()
	if err != nil {
		return nil, err
	}
	manifest, err := QuoteLiteral(s.ManifestURL)
	if err != nil {
		return nil, err
	}
	id := "'" + batchID + "'"
	return []string{
		"LOCK " + audit + ";",
		"SELECT 1 / (CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END) FROM " + audit + " WHERE batch_id = " + id + ";",
		copySQL,
		"INSERT INTO " + audit + " (batch_id, manifest, loaded_at) VALUES (" + id + ", " + manifest + ", GETDATE());",
	}, nil
}

// AuditCheckSQL counts the audit rows of the batch id bound to :batch_id.
func AuditCheckSQL(t Table) (string, error) {
	audit, err := t.Audit().SQL()
	if err != nil {
		return "", err
	}
	return "SELECT COUNT(*) FROM " + audit + " WHERE batch_id = :batch_id;", nil
}

// AuditDDL creates the audit table the function expects in the target's
// schema (the construct runs it once; the function never creates it).
// Redshift does not enforce the primary key: the function's LOCK and guard
// keep batch ids unique.
func AuditDDL(t Table) (string, error) {
	audit, err := t.Audit().SQL()
	if err != nil {
		return "", err
	}
	return "CREATE TABLE IF NOT EXISTS " + audit + " (" +
		"batch_id CHAR(64) NOT NULL, " +
		"manifest VARCHAR(1024) NOT NULL, " +
		"loaded_at TIMESTAMP NOT NULL DEFAULT GETDATE(), " +
		"PRIMARY KEY (batch_id));", nil
}
