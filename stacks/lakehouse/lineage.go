package lakehouse

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datazone"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// lineage is CAT-14 as far as CloudFormation goes: an Amazon DataZone
// domain whose project imports GlueEtl's curated database and the lakehouse
// database every morning (with their data quality results), so the tables
// are searchable and their lineage can be shown once producers send
// OpenLineage events (Glue Spark jobs with datazone.LineageSparkConf, or
// PostLineageEvent). DataZone's manage-access role gets grantable read on
// both databases in Lake Formation, which it needs to publish and share.
func (s *Stack) lineage(cfg Config, lake *Lake) {
	if !on(cfg.DataZone) {
		return
	}
	databases := []string{lake.CuratedDatabase, cfg.Database}
	s.Lineage = datazone.New(s.Stack, "Lineage", &datazone.Props{
		Databases: databases,
		Schedule:  jsii.String("cron(0 8 * * ? *)"),
	})
	g := s.Governance
	role := *s.Lineage.ManageAccessRole.RoleArn()
	read := []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}
	for _, db := range []struct{ id, name string }{{"Curated", lake.CuratedDatabase}, {"Lakehouse", cfg.Database}} {
		lakeformation.NewGrant(s.Stack, "DataZone"+db.id+"Database", &lakeformation.GrantProps{
			Principal: role, Resource: lakeformation.Database{Name: db.name},
			Permissions: []lakeformation.Permission{lakeformation.Describe}, Grantable: []lakeformation.Permission{lakeformation.Describe},
			DependsOn: dependables(s.Database), Settings: g.Settings,
		})
		lakeformation.NewGrant(s.Stack, "DataZone"+db.id+"Tables", &lakeformation.GrantProps{
			Principal: role, Resource: lakeformation.AllTables{Database: db.name},
			Permissions: read, Grantable: read,
			DependsOn: dependables(s.Database), Settings: g.Settings,
		})
	}
}
