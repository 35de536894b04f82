package laketable

import (
	"fmt"
	"sort"
	"strings"
)

// The Athena SQL of the patterns, as text: the DDL alternative to the
// CloudFormation Iceberg table, and the statements that maintain a table by
// hand or from a scheduled query where Glue's optimizers are not used.

// CreateTableSQL is Athena's DDL for the same Iceberg table at location
// (s3://bucket/prefix/): columns, the partition spec as PARTITIONED BY
// transforms, and TBLPROPERTIES table_type ICEBERG with Parquet/ZSTD and the
// snapshot retention of Maintenance as VACUUM settings. Athena's DDL has no
// write order (set it from Spark: ALTER TABLE ... WRITE ORDERED BY).
func (p IcebergProps) CreateTableSQL(location string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s.%s (\n", p.DatabaseName, p.TableName)
	for i, c := range p.Columns {
		fmt.Fprintf(&b, "  %s %s", c.Name, c.Type.hive)
		if c.Comment != "" {
			fmt.Fprintf(&b, " COMMENT '%s'", strings.ReplaceAll(c.Comment, "'", "''"))
		}
		if i < len(p.Columns)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")\n")
	if len(p.Partitioning) > 0 {
		parts := make([]string, len(p.Partitioning))
		for i, f := range p.Partitioning {
			parts[i] = f.Transform.sql(f.Column)
		}
		fmt.Fprintf(&b, "PARTITIONED BY (%s)\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "LOCATION '%s'\n", location)
	props := map[string]string{"table_type": "ICEBERG", "format": "parquet", "write_compression": "zstd"}
	m := p.Maintenance
	if m == nil {
		m = &Maintenance{}
	}
	if m.SnapshotRetention == nil || *m.SnapshotRetention {
		props["vacuum_max_snapshot_age_seconds"] = fmt.Sprint(int64(orFloat(m.SnapshotRetentionDays, 5) * 86400))
		props["vacuum_min_snapshots_to_keep"] = fmt.Sprint(int64(orFloat(m.SnapshotsToRetain, 1)))
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteString("TBLPROPERTIES (\n")
	for i, k := range keys {
		fmt.Fprintf(&b, "  '%s'='%s'", k, props[k])
		if i < len(keys)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	return b.String()
}

// OptimizeSQL compacts the table's small files (Athena; what the
// compaction optimizer does on its own).
func (p IcebergProps) OptimizeSQL() string {
	return fmt.Sprintf("OPTIMIZE %s.%s REWRITE DATA USING BIN_PACK", p.DatabaseName, p.TableName)
}

// VacuumSQL expires snapshots older than the table's
// vacuum_max_snapshot_age_seconds and deletes orphan files (Athena; what the
// retention and orphan-file optimizers do on their own).
func (p IcebergProps) VacuumSQL() string {
	return fmt.Sprintf("VACUUM %s.%s", p.DatabaseName, p.TableName)
}

// RepairSQL loads Hive-style partitions written since the last repair: for a
// partitioned table without projection.
func (p ProjectedProps) RepairSQL() string {
	return fmt.Sprintf("MSCK REPAIR TABLE %s.%s", p.DatabaseName, p.TableName)
}
