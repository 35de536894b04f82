package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Config is the function's environment, checked at cold start.
type Config struct {
	Bucket         string // SOURCE_BUCKET: data files, manifests and markers
	SourcePrefix   string // SOURCE_PREFIX: data files
	ManifestPrefix string // MANIFEST_PREFIX: ends with "/"; pending/ and loaded/ below it
	Table          Table  // TARGET_TABLE
	IAMRoleARN     string // IAM_ROLE_ARN: the role(s) COPY assumes, comma-separated for chaining
	Format         string // FORMAT: CSV, JSON, PARQUET, AVRO or ORC
	Compression    string // COMPRESSION: "" (none), GZIP, BZIP2 or ZSTD
	MaxError       int    // MAX_ERROR: 0 to 100000

	// Either ClusterIdentifier, Database and SecretARN (provisioned), or
	// WorkgroupName and Database (serverless; SecretARN optional).
	ClusterIdentifier string
	WorkgroupName     string
	Database          string
	SecretARN         string

	Slices              int // SLICES: 0 when not set
	MaxFilesPerManifest int // MAX_FILES_PER_MANIFEST: default 1000
}

// Limits of the configuration.
const (
	DefaultMaxFiles  = 1000
	MaxFilesLimit    = 100000
	MaxErrorLimit    = 100000
	maxManifestBytes = 800 // MANIFEST_PREFIX: the manifest URL must fit the audit table's VARCHAR(1024)
)

var (
	bucketName   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	roleARN      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=.@_/-]{1,512}$`)
	clusterID    = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{0,62}$`)
	workgroup    = regexp.MustCompile(`^([a-z0-9-]{3,64}|arn:aws[a-z-]*:redshift-serverless:[a-z0-9-]+:\d{12}:workgroup/[a-z0-9-]{1,64})$`)
	databaseName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]{0,126}$`)
	secretARN    = regexp.MustCompile(`^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$`)
)

// Formats COPY reads, and the compressions each allows.
var (
	formats      = []string{"CSV", "JSON", "PARQUET", "AVRO", "ORC"}
	compressions = []string{"GZIP", "BZIP2", "ZSTD"}
)

// columnar formats take neither a compression parameter (the codec is in
// the file) nor MAXERROR nor COMPUPDATE.
func columnar(format string) bool { return format == "PARQUET" || format == "ORC" }

// BatchSize is the number of files of a full manifest: with SLICES, the
// largest multiple of it that is at most MAX_FILES_PER_MANIFEST (DWH-03).
func (c Config) BatchSize() int {
	if c.Slices > 0 {
		return c.MaxFilesPerManifest / c.Slices * c.Slices
	}
	return c.MaxFilesPerManifest
}

// Serverless is true for a Redshift Serverless workgroup.
func (c Config) Serverless() bool { return c.WorkgroupName != "" }

// ConfigFromEnv reads the configuration through getenv (os.Getenv in main),
// returning one error that names every bad variable, its value and what is
// allowed.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	c := Config{
		Bucket:              get("SOURCE_BUCKET"),
		SourcePrefix:        get("SOURCE_PREFIX"),
		ManifestPrefix:      get("MANIFEST_PREFIX"),
		IAMRoleARN:          get("IAM_ROLE_ARN"),
		Format:              strings.ToUpper(get("FORMAT")),
		Compression:         strings.ToUpper(get("COMPRESSION")),
		ClusterIdentifier:   get("CLUSTER_IDENTIFIER"),
		WorkgroupName:       get("WORKGROUP_NAME"),
		Database:            get("DATABASE"),
		SecretARN:           get("SECRET_ARN"),
		MaxFilesPerManifest: DefaultMaxFiles,
	}
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}

	if !bucketName.MatchString(c.Bucket) || strings.Contains(c.Bucket, "..") {
		add("SOURCE_BUCKET", c.Bucket, "an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')")
	}
	if err := checkKeyPrefix(c.SourcePrefix); err != "" {
		add("SOURCE_PREFIX", c.SourcePrefix, "the key prefix of the data files: "+err)
	}
	if err := checkKeyPrefix(c.ManifestPrefix); err != "" || !strings.HasSuffix(c.ManifestPrefix, "/") ||
		len(c.ManifestPrefix) > maxManifestBytes || strings.ContainsAny(c.ManifestPrefix, `'\`) {
		add("MANIFEST_PREFIX", c.ManifestPrefix, fmt.Sprintf("a key prefix ending in '/' (e.g. manifests/), at most %d bytes, without ' or \\", maxManifestBytes))
	} else if c.SourcePrefix != "" && (strings.HasPrefix(c.SourcePrefix, c.ManifestPrefix) || strings.HasPrefix(c.ManifestPrefix, c.SourcePrefix)) {
		add("MANIFEST_PREFIX", c.ManifestPrefix, fmt.Sprintf("must not overlap SOURCE_PREFIX %q (manifests would be listed as data files)", c.SourcePrefix))
	}

	if t, err := ParseTable(get("TARGET_TABLE")); err != nil {
		add("TARGET_TABLE", get("TARGET_TABLE"), err.Error())
	} else {
		c.Table = t
	}
	if !validRoles(c.IAMRoleARN) {
		add("IAM_ROLE_ARN", c.IAMRoleARN, "the ARN of the role COPY assumes (arn:<partition>:iam::<account>:role/<name>), or a comma-separated chain of them")
	}

	if !contains(formats, c.Format) {
		add("FORMAT", c.Format, "one of "+strings.Join(formats, ", "))
	}
	if c.Compression == "NONE" {
		c.Compression = ""
	}
	switch {
	case c.Compression != "" && !contains(compressions, c.Compression):
		add("COMPRESSION", c.Compression, "empty, NONE, "+strings.Join(compressions, ", "))
	case c.Compression != "" && columnar(c.Format):
		add("COMPRESSION", c.Compression, "empty or NONE with "+c.Format+" (the codec is inside the file)")
	}
	if v := get("MAX_ERROR"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0 || n > MaxErrorLimit:
			add("MAX_ERROR", v, fmt.Sprintf("empty (0) or a whole number from 0 to %d", MaxErrorLimit))
		case n > 0 && columnar(c.Format):
			add("MAX_ERROR", v, "empty or 0 with "+c.Format+" (Redshift does not support MAXERROR for columnar formats)")
		default:
			c.MaxError = n
		}
	}

	switch {
	case c.ClusterIdentifier != "" && c.WorkgroupName != "":
		add("WORKGROUP_NAME", c.WorkgroupName, "empty when CLUSTER_IDENTIFIER is set (one of a provisioned cluster or a serverless workgroup)")
	case c.ClusterIdentifier == "" && c.WorkgroupName == "":
		add("CLUSTER_IDENTIFIER", "", "set CLUSTER_IDENTIFIER, DATABASE and SECRET_ARN (provisioned) or WORKGROUP_NAME and DATABASE (serverless)")
	case c.ClusterIdentifier != "":
		if !clusterID.MatchString(c.ClusterIdentifier) {
			add("CLUSTER_IDENTIFIER", c.ClusterIdentifier, "a cluster identifier (a letter, then up to 62 letters, digits or '-')")
		}
		if c.SecretARN == "" {
			add("SECRET_ARN", "", "the ARN of the Secrets Manager secret of the database user (required with CLUSTER_IDENTIFIER)")
		}
	default:
		if !workgroup.MatchString(c.WorkgroupName) {
			add("WORKGROUP_NAME", c.WorkgroupName, "a workgroup name (3 to 64 of a-z, 0-9, '-') or ARN")
		}
	}
	if c.SecretARN != "" && !secretARN.MatchString(c.SecretARN) {
		add("SECRET_ARN", c.SecretARN, "a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>)")
	}
	if !databaseName.MatchString(c.Database) {
		add("DATABASE", c.Database, "the database name")
	}

	if v := get("MAX_FILES_PER_MANIFEST"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxFilesLimit {
			add("MAX_FILES_PER_MANIFEST", v, fmt.Sprintf("empty (%d) or a whole number from 1 to %d", DefaultMaxFiles, MaxFilesLimit))
		} else {
			c.MaxFilesPerManifest = n
		}
	}
	if v := get("SLICES"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 1:
			add("SLICES", v, "empty or a positive whole number (the cluster's slice count)")
		case n > c.MaxFilesPerManifest:
			add("SLICES", v, fmt.Sprintf("at most MAX_FILES_PER_MANIFEST (%d): a batch is a multiple of SLICES", c.MaxFilesPerManifest))
		default:
			c.Slices = n
		}
	}

	if len(bad) > 0 {
		return Config{}, fmt.Errorf("invalid environment: %s", strings.Join(bad, "; "))
	}
	return c, nil
}

// checkKeyPrefix returns why p is not a usable key prefix, or "".
func checkKeyPrefix(p string) string {
	switch {
	case p == "":
		return "must not be empty"
	case strings.HasPrefix(p, "/"):
		return "must not start with '/'"
	case len(p) > 1024 || !utf8.ValidString(p):
		return "must be UTF-8 of at most 1024 bytes"
	case strings.IndexFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
		return "must not contain control characters"
	}
	return ""
}

func validRoles(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range strings.Split(s, ",") {
		if !roleARN.MatchString(r) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
