package glue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// Prefixes of the customer flow, besides customersRaw and customersPrepared.
const (
	customersProfiles = "profiles/customers/"
	customersMatched  = "matched/customers/"
)

// UnifiedCustomersTable (in the curated database) and the prefix of its
// objects: the DataBrew-prepared customers in the schema FindMatches
// compares, which the Warehouse stack also loads (ETL-03).
const (
	UnifiedCustomersTable  = "customers_unified"
	UnifiedCustomersPrefix = "unified/customers/"
)

// customerMapping maps DataBrew's prepared customers onto the unified
// schema FindMatches compares: the customer id becomes the record id, the
// masked phone number is dropped (a column of '#' only would make every
// record look alike).
var customerMapping = []findmatches.Mapping{
	{Source: "customer_id", SourceType: "string", Target: "record_id", TargetType: "string"},
	{Source: "name", SourceType: "string", Target: "name", TargetType: "string"},
	{Source: "email", SourceType: "string", Target: "email", TargetType: "string"},
	{Source: "age", SourceType: "int", Target: "age", TargetType: "int"},
}

// Prepared is what prepare builds besides Customers and Matches.
type Prepared struct {
	// Profile profiles the raw customers at 03:00 UTC: PII detection
	// (ETL-10) and the notes' data quality rules (ETL-11).
	Profile *databrew.ProfileJob
	// Unify fills lake_curated.customers_unified after each successful
	// DataBrew preparation (ETL-04).
	Unify *findmatches.Unify
	// Match applies the trained transform to the unified table; start it
	// once the transform is labelled and trained.
	Match *gluejob.GlueJob
}

// prepare is ETL-03/ETL-10/ETL-11 and ETL-04:
//
//	raw/customers/ ─▶ DataBrew profile job 03:00 (PII entity types, ruleset CHECK_ALL) ─▶ profiles/customers/
//	               ─▶ DataBrew recipe job 04:00 (clean, mask) ─▶ prepared/customers/ (snapshot)
//	                    └ SUCCEEDED event ─▶ workflow ─▶ Unify job (find_matches.py, mapping) ─▶ unified/customers/
//	                                                        = lake_curated.customers_unified ─▶ FindMatches transform
//	               Match job (find_matches.py, matching; on demand after training) ─▶ matched/customers/
//
// Failed runs and failed validations notify the stack's alarm topic.
func (s *Stack) prepare(key awskms.IKey) *Prepared {
	topic := s.Curate.AlarmTopic
	out := &Prepared{}
	out.Profile = databrew.NewProfileJob(s.Stack, "CustomerProfile", &databrew.ProfileProps{
		InputBucket: s.Lake.Bucket, InputKey: customersRaw,
		OutputBucket: s.Lake.Bucket, OutputPrefix: customersProfiles,
		Rules:         databrew.NotesRules(),
		EntityTypes:   []string{"EMAIL", "PHONE_NUMBER", "PERSON_NAME", "USA_SSN", "CREDIT_CARD"},
		Schedule:      jsii.String("cron(0 3 * * ? *)"),
		EncryptionKey: key,
		AlarmTopic:    topic,
	})
	s.Customers = databrew.New(s.Stack, "CustomerPrep", &databrew.Props{
		InputBucket: s.Lake.Bucket, InputKey: customersRaw,
		OutputBucket: s.Lake.Bucket, OutputPrefix: customersPrepared,
		InputFormat:   "CSV",
		Steps:         databrew.NotesRecipe(),
		Schedule:      jsii.String("cron(0 4 * * ? *)"),
		EncryptionKey: key,
	})
	out.Unify = findmatches.NewUnify(s.Stack, "CustomerUnify", &findmatches.UnifyProps{
		DatabaseName: s.Curated.DatabaseName, TableName: UnifiedCustomersTable, PrimaryKey: "record_id",
		SourceBucket: s.Lake.Bucket, SourcePrefix: customersPrepared,
		TargetBucket: s.Lake.Bucket, TargetPrefix: UnifiedCustomersPrefix,
		Mapping:      customerMapping,
		StartPattern: s.Customers.SucceededPattern(),
		GlueJob:      &gluejob.Props{EncryptionKey: key, AlarmTopic: topic},
	})
	out.Unify.Table.Node().AddDependency(s.Curated.Database)
	s.Matches = findmatches.New(s.Stack, "CustomerMatches", &findmatches.Props{
		DatabaseName: s.Curated.DatabaseName, TableName: UnifiedCustomersTable, PrimaryKey: "record_id",
		DataBucket: s.Lake.Bucket, DataPrefix: UnifiedCustomersPrefix,
		EncryptionKey: key,
	})
	s.Matches.Transform.Node().AddDependency(out.Unify.Table)

	out.Match = gluejob.New(s.Stack, "CustomerMatch", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.FindMatches),
		EncryptionKey: key,
		AlarmTopic:    topic,
		Arguments: map[string]string{
			"--database": *s.Curated.DatabaseName, "--table": UnifiedCustomersTable,
			"--transform_id": *s.Matches.Transform.Ref(),
			"--mapping":      findmatches.MappingArgument(findmatches.Unified(customerMapping)),
			"--target_path":  *s.Lake.Bucket.S3UrlForObject(jsii.String(customersMatched)),
		},
	})
	out.Match.GrantCatalogRead(*s.Curated.DatabaseName, UnifiedCustomersTable)
	out.Match.GrantRead(s.Lake.Bucket, UnifiedCustomersPrefix)
	out.Match.GrantWrite(s.Lake.Bucket, customersMatched)
	s.Matches.GrantApply(out.Match.Role)
	return out
}
