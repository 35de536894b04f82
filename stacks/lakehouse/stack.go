// Package lakehouse is the Lakehouse stack: governance and analytics over
// the lake that GlueEtl fills (issue 15).
//
//	GlueEtl lake bucket ─┬─ curated/orders/ ──▶ lakehouse.orders_projected (partition projection, STO-09)
//	                     ├─ iceberg/orders/ ──▶ lakehouse.orders_iceberg (Iceberg v2 + Glue optimizers, STO-08)
//	                     └─ raw/reviews/ (TSV) ─▶ crawler with a tab classifier ─▶ lakehouse.reviews (ANA-08)
//	Lake Formation: settings (no IAMAllowedPrincipals defaults), the three prefixes registered,
//	  LF-tags domain/sensitivity, a data cells filter, grants to the stack's roles and a
//	  consumer account (CAT-06..09); lake_raw/lake_curated stay in IAM mode, read by
//	  RawReader through table-level IAM (CAT-12)
//	Athena: workgroups with cutoffs, alarms, KMS results, named queries, CTAS/UNLOAD,
//	  the CloudWatch Logs federated catalog and a Spark workgroup (ANA-01..03, ETL-17, MON-05)
//
// The lakehouse database is created after the Lake Formation settings, so
// its tables are governed by Lake Formation only; GlueEtl's databases,
// created before, keep their IAM defaults and their pipelines work as they
// did. Deploy after GlueEtl (same account and region).
package lakehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datazone"
	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Lake is what the stack reads from GlueEtl by cross-stack reference.
type Lake struct {
	// Bucket is the lake bucket (SSE-KMS with its key).
	Bucket awss3.IBucket
	// RawDatabase and CuratedDatabase are GlueEtl's databases (IAM mode);
	// Table is the orders table in both, published under CuratedPrefix and
	// landing under RawPrefix.
	RawDatabase, CuratedDatabase, Table string
	RawPrefix, CuratedPrefix            string
}

// Prefixes of the lake the stack owns.
const (
	IcebergPrefix = "iceberg/orders/"
	ReviewsPrefix = "raw/reviews/"
)

// Stack is the Lakehouse stack and its parts.
type Stack struct {
	awscdk.Stack
	// Database is the Lake Formation-governed database of the tables below.
	Database awsglue.IDatabase
	// Governance: settings, locations, tags, filter, grants.
	Governance *Governance
	// Iceberg and Projected are the orders tables; Reviews the TSV catalog.
	Iceberg   *laketable.Iceberg
	Projected *laketable.Projected
	Reviews   *gluecatalog.Catalog
	// OtherRegions catalogs the configured buckets of other regions (nil
	// without lakehouse.otherRegions).
	OtherRegions *gluecatalog.Catalog
	// Roles people assume: Analyst (Lake Formation), Fulfilment (the data
	// cells filter), RawReader (table-level IAM, CAT-12), LakeAdmin.
	Analyst, Fulfilment, RawReader, LakeAdmin awsiam.IRole
	// RawAccess is RawReader's IAM policy over GlueEtl's tables.
	RawAccess *lakeformation.IamTableAccess
	// Analytics is the Athena part.
	Analytics *Analytics
	// Lineage is the DataZone domain and project over the curated and
	// lakehouse databases (nil with lakehouse.dataZone false).
	Lineage *datazone.Catalog
}

// New creates the stack from cfg over lake.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake) *Stack {
	if lake == nil || lake.Bucket == nil {
		panic("lakehouse: New needs the lake (the GlueEtl stack's bucket and databases)")
	}
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: lakehouse governance and analytics (Lake Formation, Athena, Iceberg, partition projection, federated query)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.people()
	s.governance(cfg, lake)
	s.Database = gluecatalog.NewDatabase(stack, "Database", cfg.Database, "Lakehouse tables over the GlueEtl lake, governed by Lake Formation")
	// Created after the settings: no IAMAllowedPrincipals grant by default.
	s.Database.Node().AddDependency(s.Governance.Settings.Resource)
	s.tables(cfg, lake)
	s.reviews(cfg, lake)
	s.otherRegions(cfg)
	s.grants(cfg, lake)
	s.analytics(cfg, lake)
	s.lineage(cfg, lake)
	s.outputs()
	return s
}

// outputs are what a user needs after deploying (README: see the data flow).
func (s *Stack) outputs() {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	a := s.Analytics
	out("WorkGroupName", jsii.String(a.WorkGroup.Name), "Athena workgroup of the analysts (enforced cutoff, KMS results, saved queries)")
	out("AnalystRoleArn", s.Analyst.RoleArn(), "Reads the tables tagged domain=sales, sensitivity=public")
	out("FulfilmentRoleArn", s.Fulfilment.RoleArn(), "Reads the shipped orders without customer ids")
	out("RawReaderRoleArn", s.RawReader.RoleArn(), "Reads GlueEtl's curated orders through table-level IAM")
	out("LakeAdminRoleArn", s.LakeAdmin.RoleArn(), "Lake Formation data lake administrator")
	out("MergeOrdersStateMachine", a.MergeOrders.StateMachine.StateMachineArn(), "Daily MERGE of the published orders into lakehouse.orders_iceberg")
	out("ConvertReviewsStateMachine", a.ConvertReviews.StateMachine.StateMachineArn(), "Run once after the first crawl: CTAS of the TSV reviews to Parquet")
	out("ReviewsCrawler", s.Reviews.Crawler.Ref(), "Crawls raw/reviews/ (TSV) into lakehouse.reviews, daily at 05:00 UTC")
	if s.Lineage != nil {
		out("DataZoneDomainId", s.Lineage.DomainID(), "Amazon DataZone domain: open its portal, run the data source, publish, see lineage")
	}
}

// people creates the roles the stack grants, each assumable by the
// account's IAM principals that are allowed to assume it.
func (s *Stack) people() {
	role := func(id, description string) awsiam.IRole {
		return awsiam.NewRole(s.Stack, jsii.String(id), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewAccountRootPrincipal(),
			Description: jsii.String(description),
		})
	}
	s.LakeAdmin = role("LakeAdmin", "Lake Formation data lake administrator")
	s.Analyst = role("Analyst", "Queries the lakehouse tables tagged domain=sales, sensitivity=public (Lake Formation)")
	s.Fulfilment = role("Fulfilment", "Queries the shipped orders without customer ids (Lake Formation data cells filter)")
	s.RawReader = role("RawReader", "Queries GlueEtl's raw and curated orders through table-level IAM (no Lake Formation)")
}
