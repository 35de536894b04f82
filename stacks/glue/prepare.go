package glue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/constructs/findmatches"
)

// prepare is ETL-03/ETL-10 and ETL-04: DataBrew cleans raw customers and
// masks phone numbers; FindMatches links records of the unified customer
// table (which a mapping job fills; see find_matches.py).
func (s *Stack) prepare(key awskms.IKey) {
	s.Customers = databrew.New(s.Stack, "CustomerPrep", &databrew.Props{
		InputBucket: s.Lake.Bucket, InputKey: customersRaw,
		OutputBucket: s.Lake.Bucket, OutputPrefix: customersPrepared,
		Steps:         databrew.NotesRecipe(),
		Schedule:      jsii.String("cron(0 4 * * ? *)"),
		EncryptionKey: key,
	})
	s.Matches = findmatches.New(s.Stack, "CustomerMatches", &findmatches.Props{
		DatabaseName: s.Curated.DatabaseName, TableName: "customers_unified", PrimaryKey: "record_id",
		DataBucket: s.Lake.Bucket, DataPrefix: customersUnified,
		EncryptionKey: key,
	})
}
