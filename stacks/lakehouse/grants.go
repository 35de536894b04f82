package lakehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

// grants: who reads what (CAT-06 to CAT-09, CAT-12).
//
//   - Analyst: every table tagged domain=sales, sensitivity=public, that is
//     every column but the pii ones (CAT-09);
//   - Fulfilment: the shipped orders without customer ids (CAT-08);
//   - the consumer account, when configured: the same tag expression,
//     shared through Lake Formation and RAM (CAT-07);
//   - the Iceberg table's optimizers: the table and its location;
//   - RawReader: GlueEtl's orders in IAM mode, table by table (CAT-12).
func (s *Stack) grants(cfg Config, lake *Lake) {
	g := s.Governance
	sales := []lakeformation.TagCondition{{Tag: g.Domain, Values: []string{"sales"}}, {Tag: g.Sensitivity, Values: []string{"public"}}}
	read := []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}
	grant := func(id, principal string, r lakeformation.Resource, perms []lakeformation.Permission) *lakeformation.Grant {
		return lakeformation.NewGrant(s.Stack, id, &lakeformation.GrantProps{
			Principal: principal, Resource: r, Permissions: perms,
			DependsOn: dependables(s.Database, s.Iceberg.Table, s.Projected.Table), Settings: g.Settings,
		})
	}
	analyst := *s.Analyst.RoleArn()
	grant("AnalystDatabases", analyst, lakeformation.TagExpression{ResourceType: lakeformation.TagDatabases, Conditions: sales[:1]}, []lakeformation.Permission{lakeformation.Describe})
	grant("AnalystTables", analyst, lakeformation.TagExpression{ResourceType: lakeformation.TagTables, Conditions: sales}, read)

	fulfilment := *s.Fulfilment.RoleArn()
	grant("FulfilmentDatabase", fulfilment, lakeformation.Database{Name: cfg.Database}, []lakeformation.Permission{lakeformation.Describe})
	grant("FulfilmentShipped", fulfilment, lakeformation.Filtered{Filter: g.Shipped}, []lakeformation.Permission{lakeformation.Select})

	if cfg.ConsumerAccount != "" {
		grant("ConsumerDatabases", cfg.ConsumerAccount, lakeformation.TagExpression{ResourceType: lakeformation.TagDatabases, Conditions: sales[:1]}, []lakeformation.Permission{lakeformation.Describe})
		grant("ConsumerTables", cfg.ConsumerAccount, lakeformation.TagExpression{ResourceType: lakeformation.TagTables, Conditions: sales}, read)
	}

	for _, typ := range []string{laketable.CompactionOptimizer, laketable.RetentionOptimizer, laketable.OrphanFileOptimizer} {
		role, ok := s.Iceberg.OptimizerRoles[typ]
		if !ok {
			continue
		}
		id := "Optimizer" + map[string]string{laketable.CompactionOptimizer: "Compaction", laketable.RetentionOptimizer: "Retention", laketable.OrphanFileOptimizer: "OrphanFiles"}[typ]
		t := grant(id+"Table", *role.RoleArn(), lakeformation.Table{Database: cfg.Database, Name: IcebergTable}, []lakeformation.Permission{lakeformation.All})
		l := grant(id+"Location", *role.RoleArn(), lakeformation.DataLocation{Location: g.Iceberg}, []lakeformation.Permission{lakeformation.DataLocationAccess})
		s.Iceberg.Optimizers[typ].Node().AddDependency(t.Resource, l.Resource)
		lakeformation.GrantDataAccess(role)
	}

	// Lake Formation decides on the data; IAM must still let the roles ask
	// the catalog and Lake Formation for it.
	lakeformation.GrantQuery(s.Stack, s.Analyst, cfg.Database)
	lakeformation.GrantQuery(s.Stack, s.Fulfilment, cfg.Database)

	s.RawAccess = lakeformation.NewIamTableAccess(s.Stack, "RawReaderAccess", &lakeformation.IamTableAccessProps{
		Database: lake.CuratedDatabase,
		Tables:   []lakeformation.IamTable{{Name: lake.Table, Bucket: lake.Bucket, Prefix: lake.CuratedPrefix}},
		Roles:    []awsiam.IRole{s.RawReader},
	})
}
