package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	piidiscoveryDefaultsStack = "PiiDiscoveryDefaults"
	piidiscoveryOptionsStack  = "PiiDiscoveryOptions"
	piidiscoverySandboxStack  = "PiiDiscoverySandbox"
	piidiscoveryLakeAdmin     = "arn:aws:iam::111122223333:role/LakeAdmin"
)

var piidiscoveryBuilt struct {
	defaults, hashed, options, sandbox *piidiscovery.PiiDiscovery
	raw, lake                          *securebucket.SecureBucket
	analyst, scientistA, scientistB    awsiam.IRole
	settings                           *lakeformation.Settings
	columns                            []piidiscovery.Column
}

func piidiscoverySalt(scope constructs.Construct) awssecretsmanager.ISecret {
	return awssecretsmanager.Secret_FromSecretNameV2(scope, jsii.String("Salt"), jsii.String("pii/salt"))
}

var piidiscoveryConfigs = testkit.Register("piidiscovery", nil, func(app constructs.Construct) {
	// Two instances in one stack: nil props, and Hash mode with its own
	// iotredact delivery.
	s1 := awscdk.NewStack(app, jsii.String(piidiscoveryDefaultsStack), nil)
	piidiscoveryBuilt.defaults = piidiscovery.New(s1, "Pii", nil)
	piidiscoveryBuilt.hashed = piidiscovery.New(s1, "Hashed", &piidiscovery.Props{
		Mode: piidiscovery.Hash, SaltSecret: piidiscoverySalt(s1),
	})

	// Every option: the caller's raw and curated buckets, Spanish, three
	// entity types, custom columns, the caller's roles and Lake Formation
	// settings.
	s2 := awscdk.NewStack(app, jsii.String(piidiscoveryOptionsStack), nil)
	piidiscoveryBuilt.raw = securebucket.New(s2, "Raw", &securebucket.Props{Encryption: securebucket.SSEKMS})
	piidiscoveryBuilt.lake = securebucket.New(s2, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	piidiscoveryBuilt.settings = lakeformation.NewSettings(s2, "LakeSettings", &lakeformation.SettingsProps{Admins: []string{piidiscoveryLakeAdmin}})
	role := func(id string) awsiam.IRole {
		return awsiam.NewRole(s2, jsii.String(id), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	}
	piidiscoveryBuilt.analyst, piidiscoveryBuilt.scientistA, piidiscoveryBuilt.scientistB = role("Analysts"), role("ScientistsA"), role("ScientistsB")
	piidiscoveryBuilt.columns = []piidiscovery.Column{
		{Name: "vin", Handling: piidiscovery.Redact},
		{Name: "odometer", Type: laketable.BigInt},
		{Name: "complaint", Handling: piidiscovery.Detect},
		{Name: "mechanic_notes", Handling: piidiscovery.Detect},
	}
	piidiscoveryBuilt.options = piidiscovery.New(s2, "Pii", &piidiscovery.Props{
		RawBucket:                  piidiscoveryBuilt.raw.Bucket,
		RawPrefix:                  "landing/",
		Columns:                    piidiscoveryBuilt.columns,
		LanguageCode:               "es",
		EntityTypes:                []string{"NAME", "PHONE", "VEHICLE_IDENTIFICATION_NUMBER"},
		MinScore:                   jsii.Number(0.8),
		BatchBytes:                 jsii.Number(20000),
		CuratedBucket:              piidiscoveryBuilt.lake.Bucket,
		CuratedPrefix:              "lake/service/",
		DatabaseName:               "service_curated",
		TableName:                  "visits",
		Schedule:                   "cron(0 2 * * ? *)",
		Workers:                    jsii.Number(4),
		LakeSettings:               piidiscoveryBuilt.settings,
		Analysts:                   []awsiam.IRole{piidiscoveryBuilt.analyst},
		DataScientists:             []awsiam.IRole{piidiscoveryBuilt.scientistA, piidiscoveryBuilt.scientistB},
		BytesScannedCutoffPerQuery: jsii.Number(1e9),
	})
})

var piidiscoverySandboxConfigs = testkit.Register("piidiscovery-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(piidiscoverySandboxStack), nil)
	piidiscoveryBuilt.sandbox = piidiscovery.New(s, "Pii", nil)
})
