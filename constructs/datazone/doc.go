// Package datazone catalogues the lake's Glue databases in Amazon DataZone
// and gives lineage a place to land (catalogue CAT-14): a DataZone domain
// encrypted with a customer managed key, its execution role, the built-in
// data lake blueprint enabled for the stack's account and region with its
// manage-access and provisioning roles, a project with a data lake
// environment, and a Glue data source that imports the given databases on a
// schedule, with their Glue Data Quality results (New).
//
// Scenario: track where data comes from and how it was transformed, for
// governance and debugging, across the lake's raw and curated databases.
//
//	Glue databases (lake_raw, lake_curated) ──(data source, daily)──▶ DataZone project inventory
//	     ▲                                                             │ publish (review, or PublishOnImport)
//	Glue Spark jobs ──(OpenLineage events, runtime)──▶ domain lineage ◀┘ catalog: assets, data quality, lineage graph
//
// Corrections to the notes: the notes answer "lineage" with SageMaker ML
// Lineage Tracking only. That records ML entities (training data,
// processing and training jobs, models, endpoints) that SageMaker jobs and
// the SDK create (CreateArtifact, CreateAction, AddAssociation); none of
// them has a CloudFormation resource. For data lineage in general AWS now
// offers DataZone / SageMaker Unified Studio lineage, OpenLineage-compatible,
// which this package sets up: the catalog side is declared here, the lineage
// events themselves are emitted at run time (Glue Spark jobs with the
// OpenLineage listener, LineageSparkConf + GrantPostLineage, or any producer
// calling PostLineageEvent), and DataZone stitches them to the imported
// assets.
//
// What CloudFormation cannot declare: lineage events (runtime only); an
// option to import lineage with the Glue data source (GlueRunConfiguration
// has only AutoImportDataQualityResult; lineage capture from data sources is
// a blueprint/portal setting); SageMaker ML lineage entities; Lake Formation
// grants on existing databases for the manage-access role (give them with
// the lakeformation package); project members who have no DataZone user
// profile yet, and subscriptions (requested and approved in the portal).
//
// Defaults: single sign-on off (IAM users and roles of the account sign in
// to the portal), the domain retained (its business metadata exists
// nowhere else), data quality imported, assets left in the project's
// inventory until reviewed (PublishOnImport false), no generated business
// names, daily run at 03:00 UTC.
//
// cdk-nag suppressions: AwsSolutions-IAM4 on the three roles, each for the
// AWS managed policy DataZone's guide prescribes for it
// (AmazonDataZoneDomainExecutionRolePolicy,
// AmazonDataZoneGlueManageAccessRolePolicy,
// AmazonDataZoneRedshiftGlueProvisioningPolicy), which AWS keeps in step
// with DataZone's features.
package datazone
