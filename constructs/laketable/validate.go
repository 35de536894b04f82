package laketable

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE   = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	prefixRE = regexp.MustCompile(`^[A-Za-z0-9!_.*'()/=-]+/$`)
	// placeholderRE finds ${key} in a location template.
	placeholderRE = regexp.MustCompile(`\$\{([^}]*)\}`)
)

// checkTable checks what both kinds of table need: names, location, columns.
func checkTable(pr *propcheck.Problems, db, table string, bucket awss3.IBucket, prefix string, cols []Column, what string) {
	if !nameRE.MatchString(db) {
		pr.Add("DatabaseName", strconv.Quote(db), "the Glue database of the table: lowercase letters, digits and underscores")
	}
	if !nameRE.MatchString(table) {
		pr.Add("TableName", strconv.Quote(table), "lowercase letters, digits and underscores, at most 255 (queries name it)")
	}
	if bucket == nil {
		pr.Add("Bucket", "nil", "the bucket of the table's location (required: "+what+")")
	}
	if !prefixRE.MatchString(prefix) || strings.HasPrefix(prefix, "/") || strings.Contains(prefix, "//") {
		pr.Add("Prefix", strconv.Quote(prefix), `the table's folder in the bucket, ending in "/" ("iceberg/orders/"); required: `+what)
	}
	if len(cols) == 0 {
		pr.Add("Columns", "none", "at least one column")
	}
	checkColumns(pr, "Columns", cols)
}

func checkColumns(pr *propcheck.Problems, prop string, cols []Column) {
	for i, c := range cols {
		at := prop + "[" + strconv.Itoa(i) + "]"
		if !nameRE.MatchString(c.Name) {
			pr.Add(at+".Name", strconv.Quote(c.Name), "lowercase letters, digits and underscores")
		}
		if !c.Type.valid() {
			pr.Add(at+".Type", strconv.Quote(c.Type.hive), "a type of this package: String, Int, BigInt, Double, Float, Boolean, Date, Timestamp, Binary or Decimal(p, s) with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p")
		}
	}
}

func duplicates(pr *propcheck.Problems, prop string, names []string) {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			pr.Add(prop, strconv.Quote(n), "each name once")
		}
		seen[n] = true
	}
}

func names(cols []Column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return out
}

func checkIceberg(scope constructs.Construct, id string, p *IcebergProps) *propcheck.Problems {
	pr := propcheck.For("laketable.Iceberg", scope, id)
	checkTable(pr, p.DatabaseName, p.TableName, p.Bucket, p.Prefix, p.Columns, "an Iceberg table cannot be created without a location")
	duplicates(pr, "Columns", names(p.Columns))
	byName := map[string]Column{}
	for _, c := range p.Columns {
		byName[c.Name] = c
	}
	var fields []string
	for i, f := range p.Partitioning {
		at := "Partitioning[" + strconv.Itoa(i) + "]"
		c, ok := byName[f.Column]
		if !ok {
			pr.Add(at+".Column", strconv.Quote(f.Column), "a column of Columns")
		} else if good, want := f.Transform.accepts(c.Type); !good && f.Transform.name != "" {
			pr.Add(at+".Transform", f.Transform.String()+" of "+c.Type.hive+" column "+c.Name, want)
		}
		if (f.Transform.name == "bucket" || f.Transform.name == "truncate") && f.Transform.width < 1 {
			pr.Add(at+".Transform", f.Transform.String(), "a bucket count or truncate width of at least 1")
		}
		if f.Transform.name == "" {
			pr.Add(at+".Transform", "none", "Identity, Year, Month, Day, Hour, Bucket(n) or Truncate(w)")
		}
		if !nameRE.MatchString(f.fieldName()) {
			pr.Add(at+".Name", strconv.Quote(f.fieldName()), "lowercase letters, digits and underscores")
		}
		fields = append(fields, f.fieldName())
	}
	duplicates(pr, "Partitioning (field names)", fields)
	for i, s := range p.WriteOrder {
		if _, ok := byName[s.Column]; !ok {
			pr.Add("WriteOrder["+strconv.Itoa(i)+"].Column", strconv.Quote(s.Column), "a column of Columns")
		}
	}
	if m := p.Maintenance; m != nil {
		checkMaintenance(pr, m, len(p.WriteOrder) > 0)
	}
	return pr
}

func checkMaintenance(pr *propcheck.Problems, m *Maintenance, sorted bool) {
	compaction := m.Compaction == nil || *m.Compaction
	if m.Strategy != "" && !slices.Contains([]Strategy{Binpack, Sort, ZOrder}, m.Strategy) {
		pr.Add("Maintenance.Strategy", m.Strategy, "Binpack, Sort or ZOrder")
	}
	if (m.Strategy == Sort || m.Strategy == ZOrder) && !sorted {
		pr.Add("Maintenance.Strategy", m.Strategy, "Binpack, or a WriteOrder that the sort and z-order strategies order by")
	}
	if !compaction && (m.Strategy != "" || m.MinInputFiles != nil || m.DeleteFileThreshold != nil) {
		pr.Add("Maintenance.Compaction", false, "no Strategy, MinInputFiles or DeleteFileThreshold with compaction off")
	}
	atLeast1 := func(prop string, v *float64) {
		if v != nil && !wholeAtLeast(*v, 1) {
			pr.Add("Maintenance."+prop, *v, "a whole number, at least 1")
		}
	}
	atLeast1("MinInputFiles", m.MinInputFiles)
	atLeast1("DeleteFileThreshold", m.DeleteFileThreshold)
	atLeast1("SnapshotRetentionDays", m.SnapshotRetentionDays)
	atLeast1("SnapshotsToRetain", m.SnapshotsToRetain)
	atLeast1("OrphanFileRetentionDays", m.OrphanFileRetentionDays)
	if m.SnapshotRetention != nil && !*m.SnapshotRetention && (m.SnapshotRetentionDays != nil || m.SnapshotsToRetain != nil || m.CleanExpiredFiles != nil) {
		pr.Add("Maintenance.SnapshotRetention", false, "no SnapshotRetentionDays, SnapshotsToRetain or CleanExpiredFiles with snapshot retention off")
	}
	if m.OrphanFileDeletion != nil && !*m.OrphanFileDeletion && m.OrphanFileRetentionDays != nil {
		pr.Add("Maintenance.OrphanFileDeletion", false, "no OrphanFileRetentionDays with orphan-file deletion off")
	}
}

func checkProjected(scope constructs.Construct, id string, p *ProjectedProps) *propcheck.Problems {
	pr := propcheck.For("laketable.Projected", scope, id)
	checkTable(pr, p.DatabaseName, p.TableName, p.Bucket, p.Prefix, p.Columns, "Athena reads the table's files there")
	if len(p.PartitionKeys) == 0 {
		pr.Add("PartitionKeys", "none", "at least one partition key (year, month, ...): the table is partitioned")
	}
	checkColumns(pr, "PartitionKeys", p.PartitionKeys)
	duplicates(pr, "Columns and PartitionKeys", append(names(p.Columns), names(p.PartitionKeys)...))
	keys := names(p.PartitionKeys)
	data := names(p.Columns)

	projected := make([]string, 0, len(p.Projection))
	for k := range p.Projection {
		projected = append(projected, k)
	}
	sort.Strings(projected)
	for _, k := range projected {
		spec := p.Projection[k]
		if !slices.Contains(keys, k) {
			pr.Add("Projection["+k+"]", k, "a partition key (projection computes partition values; "+k+" is not one of PartitionKeys "+strings.Join(keys, ", ")+")")
			continue
		}
		if spec == nil {
			pr.Add("Projection["+k+"]", "nil", "DateProjection, IntegerProjection, EnumProjection or InjectedProjection")
			continue
		}
		spec.check(pr.Add, k)
	}
	if len(p.Projection) > 0 {
		for _, k := range keys {
			if _, ok := p.Projection[k]; !ok {
				pr.Add("Projection", "no "+k, "a projection for every partition key (Athena projects all of them or none)")
			}
		}
	}
	if t := p.LocationTemplate; t != "" {
		if len(p.Projection) == 0 {
			pr.Add("LocationTemplate", strconv.Quote(t), "only with Projection (it is storage.location.template)")
		}
		if !strings.HasPrefix(t, "s3://") {
			pr.Add("LocationTemplate", strconv.Quote(t), "an s3:// URI")
		}
		found := map[string]bool{}
		for _, m := range placeholderRE.FindAllStringSubmatch(t, -1) {
			found[m[1]] = true
			if !slices.Contains(keys, m[1]) {
				pr.Add("LocationTemplate", "${"+m[1]+"}", "placeholders of partition keys only ("+strings.Join(keys, ", ")+")")
			}
		}
		for _, k := range keys {
			if !found[k] {
				pr.Add("LocationTemplate", strconv.Quote(t), "a ${"+k+"} placeholder for partition key "+k)
			}
		}
	}
	// Bucketing.
	switch {
	case len(p.BucketColumns) > 0 && p.NumberOfBuckets == nil:
		pr.Add("NumberOfBuckets", "nil", "the number of buckets the files were written with (BucketColumns is set)")
	case len(p.BucketColumns) == 0 && p.NumberOfBuckets != nil:
		pr.Add("BucketColumns", "none", "the columns the files are bucketed by (NumberOfBuckets is set)")
	}
	if n := p.NumberOfBuckets; n != nil && (!wholeAtLeast(*n, 2) || *n > 100000) {
		pr.Add("NumberOfBuckets", *n, "a whole number from 2 to 100000")
	}
	for _, c := range p.BucketColumns {
		switch {
		case slices.Contains(keys, c):
			pr.Add("BucketColumns", c, "data columns, not partition keys (a partition holds one value of its key)")
		case !slices.Contains(data, c):
			pr.Add("BucketColumns", c, "a column of Columns")
		}
	}
	duplicates(pr, "BucketColumns", p.BucketColumns)
	if f := p.BucketingFormat; f != "" {
		if f != HiveBucketing && f != SparkBucketing {
			pr.Add("BucketingFormat", f, "HiveBucketing or SparkBucketing")
		}
		if len(p.BucketColumns) == 0 {
			pr.Add("BucketingFormat", f, "only with BucketColumns")
		}
	}
	return pr
}
