package piidiscovery

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

// table creates the Glue database and the curated Parquet table, with
// partition projection on dt (the UTC day of the run that curated the
// rows), so no crawler or MSCK REPAIR TABLE ever runs.
func (d *PiiDiscovery) table(p *Props) {
	d.DatabaseName = p.DatabaseName
	if d.DatabaseName == "" {
		d.DatabaseName = strings.ToLower(*awscdk.Names_UniqueResourceName(d.Construct, &awscdk.UniqueResourceNameOptions{
			MaxLength: jsii.Number(200), Separator: jsii.String("_"),
		}))
		d.DatabaseName = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
				return r
			}
			return '_'
		}, d.DatabaseName)
	}
	d.Database = gluecatalog.NewDatabase(d.Construct, "Database", d.DatabaseName, "Curated device records of "+*d.Node().Path()+", personal data replaced by Comprehend PII detection")
	cols := make([]laketable.Column, 0, len(p.Columns)+1)
	for _, c := range p.Columns {
		comment := ""
		switch c.Handling {
		case Detect:
			comment = "personal data replaced (Comprehend, " + string(p.Mode) + ")"
		case Redact:
			comment = "identifier replaced (" + string(p.Mode) + ")"
		}
		cols = append(cols, laketable.Column{Name: c.Name, Type: c.Type, Comment: comment})
	}
	cols = append(cols, laketable.Column{Name: "pii_types", Type: laketable.String, Comment: "Comprehend entity types replaced in the row, comma-separated"})
	d.TableName = p.TableName
	d.Table = laketable.NewProjected(d.Construct, "Table", &laketable.ProjectedProps{
		DatabaseName:  d.DatabaseName,
		TableName:     d.TableName,
		Bucket:        d.CuratedBucket,
		Prefix:        d.CuratedPrefix,
		Columns:       cols,
		PartitionKeys: []laketable.Column{{Name: "dt", Type: laketable.String, Comment: "UTC day of the job run that curated the rows"}},
		Projection:    map[string]laketable.Projection{"dt": laketable.DateProjection{Format: "yyyy-MM-dd", Range: "2024-01-01,NOW"}},
	})
	d.Table.Table.Node().AddDependency(d.Database)
}
