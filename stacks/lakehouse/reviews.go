package lakehouse

import (
	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// reviews is ANA-08's TSV lake: an application writes customer reviews as
// tab-separated files with a header row under raw/reviews/; a daily crawler
// with a tab classifier keeps lakehouse.reviews current (LazySimpleSerDe,
// field.delim "\\t"), which Athena queries in place and CTAS turns into
// Parquet. The crawler creates the table, so Lake Formation makes it the
// table's owner; it needs CREATE_TABLE on the database and access to the
// registered prefix.
func (s *Stack) reviews(cfg Config, lake *Lake) {
	s.Reviews = gluecatalog.New(s.Stack, "Reviews", &gluecatalog.Props{
		ExistingDatabase: s.Database,
		Targets:          []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: ReviewsPrefix, Format: gluecatalog.CSV}},
		Delimited:        &gluecatalog.Delimited{Delimiter: gluecatalog.Tab},
		Schedule:         strPtr("cron(0 5 * * ? *)"),
	})
	g := s.Governance
	role := *s.Reviews.Role.RoleArn()
	for _, grant := range []struct {
		id         string
		resource   lakeformation.Resource
		permission lakeformation.Permission
	}{
		{"ReviewsCrawlerCreate", lakeformation.Database{Name: cfg.Database}, lakeformation.CreateTable},
		{"ReviewsCrawlerLocation", lakeformation.DataLocation{Location: g.Reviews}, lakeformation.DataLocationAccess},
	} {
		gr := lakeformation.NewGrant(s.Stack, grant.id, &lakeformation.GrantProps{
			Principal: role, Resource: grant.resource, Permissions: []lakeformation.Permission{grant.permission},
			DependsOn: dependables(s.Database), Settings: g.Settings,
		})
		// The crawler must not run before it may write the catalog.
		s.Reviews.Crawler.Node().AddDependency(gr.Resource)
	}
}

func strPtr(s string) *string { return &s }
