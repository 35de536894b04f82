package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestPiidiscoveryRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *piidiscovery.Props
		wants []string
	}{
		{"raw bucket and ingest", func(stack awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{RawBucket: securebucket.New(stack, "Raw", nil).Bucket, Ingest: &iotredact.Props{}}
		}, []string{"piidiscovery Bad/Pii: invalid props", "RawBucket and Ingest = both given: an existing raw bucket, or the props of a new iotredact delivery, not both"}},
		{"prefixes", func(stack awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{RawPrefix: "/data", CuratedPrefix: "curated/!{timestamp:yyyy}/",
				Ingest: &iotredact.Props{Delivery: &firehosetos3.Props{Prefix: jsii.String("x/")}}}
		}, []string{"RawPrefix = /data: only with RawBucket", "RawPrefix = /data: a key prefix ending in / without a leading /",
			"CuratedPrefix = curated/!{timestamp:yyyy}/: a key prefix ending in / without a leading / or Firehose expressions",
			"Ingest.Delivery.Prefix = x/: the default: the job reads data/"}},
		{"unknown entity types", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{EntityTypes: []string{"NAME", "FAVOURITE_COLOUR", "NAME", "ALL"}}
		}, []string{"EntityTypes[1] = FAVOURITE_COLOUR: a Comprehend PII entity type: BANK_ACCOUNT_NUMBER, BANK_ROUTING,",
			"EntityTypes[2] = NAME: each type once", "EntityTypes[3] = ALL: ALL alone"}},
		{"no entity types", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{EntityTypes: []string{}}
		}, []string{`EntityTypes = []: ["ALL"] (nil) or Comprehend PII entity types`}},
		{"unsupported language", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{LanguageCode: "de"}
		}, []string{"LanguageCode = de: en or es: DetectPiiEntities supports English and Spanish only"}},
		{"hash without a salt secret", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{Mode: piidiscovery.Hash}
		}, []string{"SaltSecret = <nil>: required with Hash: a Secrets Manager secret holding the salt"}},
		{"salt without hash, unknown mode", func(stack awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{SaltSecret: piidiscoverySalt(stack)}
		}, []string{"SaltSecret = Bad/Salt: only with Mode piidiscovery.Hash"}},
		{"unknown mode", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{Mode: "encrypt"}
		}, []string{"Mode = encrypt: piidiscovery.Mask or piidiscovery.Hash"}},
		{"score and batch", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{MinScore: jsii.Number(1.5), BatchBytes: jsii.Number(200000)}
		}, []string{"MinScore = 1.5: a confidence from 0 to 1", "BatchBytes = 200000: a whole number of bytes from 1000 to 100000 (DetectPiiEntities accepts at most 100 KB"}},
		{"columns", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{Columns: []piidiscovery.Column{
				{Name: "Notes", Handling: piidiscovery.Detect},
				{Name: "reading", Type: laketable.Double, Handling: piidiscovery.Detect},
				{Name: "reading"},
				{Name: "dt"},
				{Name: "born", Type: laketable.Date},
				{Name: "x", Handling: "encrypt"},
			}}
		}, []string{"Columns[0].Name = Notes: lowercase letters, digits and underscores",
			"Columns[1].Handling = detect: Keep for a double column: only strings are scanned or redacted",
			"Columns[2].Name = reading: a name not used by another column nor by the columns the job adds (pii_types, dt)",
			"Columns[3].Name = dt: a name not used", "Columns[4].Type = date: laketable.String, BigInt, Double, Boolean or Timestamp",
			"Columns[5].Handling = encrypt: piidiscovery.Keep, Detect or Redact"}},
		{"no column to scan", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{Columns: []piidiscovery.Column{{Name: "device_id"}, {Name: "owner", Handling: piidiscovery.Redact}}}
		}, []string{"Columns = [device_id , owner redact]: at least one string column with Handling Detect: the free text Comprehend scans"}},
		{"names, schedule, workers, cutoff, empty roles", func(awscdk.Stack) *piidiscovery.Props {
			return &piidiscovery.Props{DatabaseName: "Curated-DB", TableName: "1table", Schedule: "rate(1 hour)", Workers: jsii.Number(1),
				BytesScannedCutoffPerQuery: jsii.Number(1000), Analysts: []awsiam.IRole{}, DataScientists: []awsiam.IRole{}}
		}, []string{"DatabaseName = Curated-DB: 1 to 255 lowercase letters", "TableName = 1table: 1 to 255 lowercase letters",
			"Schedule = rate(1 hour)", "Workers = 1: a whole number of at least 2", "BytesScannedCutoffPerQuery = 1000: at least 10 MB",
			"Analysts = []: at least one role, or nil for a new one", "DataScientists = []: at least one role"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				piidiscovery.New(stack, "Pii", c.props(stack))
			}, c.wants...)
		})
	}
}
