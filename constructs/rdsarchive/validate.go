package rdsarchive

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	dbIdentifier = regexp.MustCompile(`^[a-zA-Z](-?[a-zA-Z0-9])*$`)
	taskPrefix   = regexp.MustCompile(`^[a-z](-?[a-z0-9])*$`)
	tableName    = regexp.MustCompile(`^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+){1,2}$`)
)

// check lists every problem of p (defaults filled) before anything is
// created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("rdsarchive", scope, id)
	inst, clu := p.DBInstanceIdentifier, p.DBClusterIdentifier
	switch {
	case inst == "" && clu == "":
		pr.Add("DBInstanceIdentifier", "none", "the DB instance (or DBClusterIdentifier: the Aurora cluster) whose snapshots are exported is required")
	case inst != "" && clu != "":
		pr.Add("DBClusterIdentifier", clu, "empty with DBInstanceIdentifier: one archive exports one source")
	}
	for prop, v := range map[string]string{"DBInstanceIdentifier": inst, "DBClusterIdentifier": clu} {
		if v != "" && !token(v) && (len(v) > 63 || !dbIdentifier.MatchString(v)) {
			pr.Add(prop, v, "an RDS identifier: 1 to 63 letters, digits and single hyphens, starting with a letter")
		}
	}
	if p.Bucket == nil {
		pr.Add("Bucket", nil, "the bucket that receives the Parquet files is required")
	} else if p.EncryptionKey == nil && p.Bucket.EncryptionKey() == nil {
		pr.Add("EncryptionKey", nil, "a customer managed KMS key: StartExportTask requires one and the bucket has none")
	}
	if p.Prefix == "" || !strings.HasSuffix(p.Prefix, "/") || strings.HasPrefix(p.Prefix, "/") || strings.Contains(p.Prefix, "//") || strings.ContainsAny(p.Prefix, "*?") {
		pr.Add("Prefix", p.Prefix, `a key prefix without a leading "/" that ends in "/" such as "archive/"`)
	}
	if len(p.ExportOnly) > MaxTables {
		pr.Add("ExportOnly", fmt.Sprintf("%d tables", len(p.ExportOnly)), fmt.Sprintf("at most %d (one export task each; RDS runs five export tasks at a time)", MaxTables))
	}
	seen := map[string]bool{}
	for i, t := range p.ExportOnly {
		if !tableName.MatchString(t) {
			pr.Add(fmt.Sprintf("ExportOnly[%d]", i), t, `"database.table" (MySQL, MariaDB) or "database.schema.table" (PostgreSQL)`)
		}
		if seen[strings.ToLower(t)] {
			pr.Add(fmt.Sprintf("ExportOnly[%d]", i), t, "each table once")
		}
		seen[strings.ToLower(t)] = true
	}
	pr.Schedule("Schedule", p.Schedule)
	if strings.HasPrefix(p.Schedule, "rate(") {
		pr.Add("Schedule", p.Schedule, "a cron(...) expression: exports are snapshots of a day, at most one a day (task identifiers are per date)")
	}
	pr.Cron("CrawlerSchedule", p.CrawlerSchedule)
	if !token(p.TaskIDPrefix) && (len(p.TaskIDPrefix) > MaxTaskIDPrefix || !taskPrefix.MatchString(p.TaskIDPrefix)) {
		pr.Add("TaskIDPrefix", p.TaskIDPrefix, fmt.Sprintf("1 to %d lowercase letters, digits and single hyphens, starting with a letter, not ending with a hyphen", MaxTaskIDPrefix))
	}
	if p.DatabaseName != nil && !token(*p.DatabaseName) && !regexp.MustCompile(`^[a-z0-9_]{1,255}$`).MatchString(*p.DatabaseName) {
		pr.Add("DatabaseName", *p.DatabaseName, "lowercase letters, digits and _ (Redshift and Athena read it)")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func token(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }

// defaultTaskPrefix is the DB identifier in lowercase, cut to
// MaxTaskIDPrefix characters without a trailing hyphen.
func defaultTaskPrefix(id string) string {
	id = strings.ToLower(id)
	if len(id) > MaxTaskIDPrefix {
		id = id[:MaxTaskIDPrefix]
	}
	return strings.TrimRight(id, "-")
}

// fillDefaults sets what nil/empty means.
func (p *Props) fillDefaults() {
	if p.Prefix == "" {
		p.Prefix = DefaultPrefix
	}
	if p.Schedule == "" {
		p.Schedule = DefaultSchedule
	}
	if p.CrawlerSchedule == "" {
		p.CrawlerSchedule = DefaultCrawlerSchedule
	}
	if p.TaskIDPrefix == "" {
		src := p.DBInstanceIdentifier
		if src == "" {
			src = p.DBClusterIdentifier
		}
		if !token(src) {
			p.TaskIDPrefix = defaultTaskPrefix(src)
		}
	}
}
