package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	sensitivedataDefaultsStack = "SensitiveDataDefaults"
	sensitivedataGateStack     = "SensitiveDataGate"
	sensitivedataExistingStack = "SensitiveDataExisting"
	sensitivedataImportedLake  = "example-imported-lake"
)

var sensitivedataBuilt struct {
	defaults, gate, existing *sensitivedata.SensitiveData
	lake                     *securebucket.SecureBucket
}

var sensitivedataConfigs = testkit.Register("sensitivedata", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(sensitivedataDefaultsStack), nil)
	sensitivedataBuilt.defaults = sensitivedata.New(s1, "Macie", nil)

	// The data gate: a KMS lake whose staging/ prefix is quarantined,
	// raw/ only tagged; a custom identifier, two allow lists, an archive
	// filter for the test bucket, a weekly job, hourly updates.
	s2 := awscdk.NewStack(app, jsii.String(sensitivedataGateStack), nil)
	sensitivedataBuilt.lake = securebucket.New(s2, "Lake", nil)
	sensitivedataBuilt.gate = sensitivedata.New(s2, "Macie", &sensitivedata.Props{
		FindingPublishingFrequency: sensitivedata.OneHour,
		CustomDataIdentifiers: []sensitivedata.CustomDataIdentifier{{
			Name: "EmployeeId", Description: "Employee ids (E- and six digits)", Regex: `E-\d{6}`,
			Keywords: []string{"employee", "staff id"}, IgnoreWords: []string{"E-000000"}, MaximumMatchDistance: 30,
		}},
		AllowLists: []sensitivedata.AllowList{
			{Name: "TestCards", Regex: `4111[ -]?1111[ -]?1111[ -]?1111`},
			{Name: "PublicNames", WordsBucket: sensitivedataBuilt.lake.Bucket, WordsKey: "config/allow-words.txt"},
		},
		FindingsFilters: []sensitivedata.FindingsFilter{{Name: "ArchiveTestData", Description: "Known synthetic test data",
			Buckets: []string{"example-test-fixtures"}}},
		Watched: []sensitivedata.Watched{{Bucket: sensitivedataBuilt.lake.Bucket,
			Prefixes: []string{"raw/", "staging/"}, GatePrefixes: []string{"staging/"}}},
		Job: &sensitivedata.Job{Frequency: sensitivedata.Weekly, DayOfWeek: "SUNDAY", SamplingPercentage: 100},
	})

	// Macie already enabled by the administrator: tag only, an imported
	// bucket scanned whole, one-time job, High findings only.
	s3 := awscdk.NewStack(app, jsii.String(sensitivedataExistingStack), nil)
	imported := awss3.Bucket_FromBucketName(s3, jsii.String("Imported"), jsii.String(sensitivedataImportedLake))
	sensitivedataBuilt.existing = sensitivedata.New(s3, "Macie", &sensitivedata.Props{
		ExistingSession: jsii.Bool(true),
		Watched:         []sensitivedata.Watched{{Bucket: imported}},
		Mode:            sensitivedata.TagOnly,
		Severities:      []string{sensitivedata.High},
		Job:             &sensitivedata.Job{Type: sensitivedata.OneTime, SamplingPercentage: 50},
	})
})
