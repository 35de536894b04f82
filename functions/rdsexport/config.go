package main

import (
	"fmt"
	"regexp"
	"strings"
)

// Source kinds: what SOURCE_KIND names.
const (
	Instance = "instance"
	Cluster  = "cluster"
)

// MaxTables is how many EXPORT_ONLY tables one run may export: one export
// task each, and RDS runs at most five export tasks at a time per account
// and region.
const MaxTables = 5

// Config is the function's environment, checked at cold start.
type Config struct {
	SourceKind string // Instance or Cluster
	SourceID   string // DB instance or cluster identifier
	Bucket     string
	Prefix     string // "" or ending in "/"
	RoleARN    string // the export role (export.rds.amazonaws.com)
	KMSKeyID   string // key ARN the export encrypts with
	ExportOnly []string
	TaskPrefix string
}

var (
	sourceID  = regexp.MustCompile(`^[a-zA-Z](-?[a-zA-Z0-9])*$`)
	bucket    = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	roleARN   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/\S+$`)
	keyARN    = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/\S+$`)
	tableName = regexp.MustCompile(`^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+){0,2}$`)
)

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	env := func(n string) string { return strings.TrimSpace(getenv(n)) }
	c := Config{
		SourceKind: env("SOURCE_KIND"), SourceID: env("SOURCE_ID"), Bucket: env("BUCKET"), Prefix: env("PREFIX"),
		RoleARN: env("EXPORT_ROLE_ARN"), KMSKeyID: env("KMS_KEY_ID"), TaskPrefix: env("TASK_PREFIX"),
	}
	var bad []string
	add := func(name, value, allowed string) { bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed)) }
	if c.SourceKind != Instance && c.SourceKind != Cluster {
		add("SOURCE_KIND", c.SourceKind, `"instance" or "cluster"`)
	}
	if len(c.SourceID) > 63 || !sourceID.MatchString(c.SourceID) {
		add("SOURCE_ID", c.SourceID, "a DB instance or cluster identifier (1 to 63 letters, digits, single hyphens, starting with a letter)")
	}
	if !bucket.MatchString(c.Bucket) {
		add("BUCKET", c.Bucket, "an S3 bucket name")
	}
	if c.Prefix != "" && (!strings.HasSuffix(c.Prefix, "/") || strings.HasPrefix(c.Prefix, "/")) {
		add("PREFIX", c.Prefix, `empty or a key prefix ending in "/" such as "archive/"`)
	}
	if !roleARN.MatchString(c.RoleARN) {
		add("EXPORT_ROLE_ARN", c.RoleARN, "the ARN of the role RDS assumes to write the export")
	}
	if !keyARN.MatchString(c.KMSKeyID) {
		add("KMS_KEY_ID", c.KMSKeyID, "the ARN of the KMS key the export is encrypted with")
	}
	if v := env("EXPORT_ONLY"); v != "" {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if !tableName.MatchString(t) {
				add("EXPORT_ONLY", v, "a comma-separated list of database[.schema][.table] names such as plm_db.orders")
				break
			}
			c.ExportOnly = append(c.ExportOnly, t)
		}
		if len(c.ExportOnly) > MaxTables {
			add("EXPORT_ONLY", v, fmt.Sprintf("at most %d tables (one export task each; RDS runs five at a time)", MaxTables))
		}
	}
	if _, err := TaskID(c.TaskPrefix, fixedDay, len(c.ExportOnly)); err != nil {
		add("TASK_PREFIX", c.TaskPrefix, err.Error())
	}
	if len(bad) > 0 {
		return c, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}
