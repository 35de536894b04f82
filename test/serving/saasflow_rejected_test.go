package serving_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/saasflow"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSaasflowRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *saasflow.Props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *saasflow.Props { return nil }, []string{
			"saasflow Bad/Flow: invalid props",
			`ConnectorProfileName = "": the name of an existing Salesforce connection`,
			`Object = "": the Salesforce object's API name`}},
		{"both connections", func(s awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", Salesforce: &saasflow.SalesforceConnection{InstanceUrl: "http://example.com"}}
		}, []string{"ConnectorProfileName = prod: not with Salesforce",
			"Salesforce.InstanceUrl = http://example.com: the org's https URL",
			"Salesforce.ClientCredentials = nil: the Secrets Manager secret"}},
		{"plain JWT", func(s awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{Object: "Account", Salesforce: &saasflow.SalesforceConnection{
				InstanceUrl:       "https://example.my.salesforce.com",
				ClientCredentials: awssecretsmanager.Secret_FromSecretNameV2(s, jsii.String("S"), jsii.String("app")),
				JwtToken:          awscdk.SecretValue_UnsafePlainText(jsii.String("aaa.bbb.ccc")),
			}}
		}, []string{"Salesforce.JwtToken = a plain value: a reference CloudFormation resolves at deploy time"}},
		{"EventBridge schedule", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", Schedule: "rate(1 hour)"}
		}, []string{`Schedule = rate(1 hour): an AppFlow rate expression: "rate(<n>minutes)", "rate(<n>hours)" or "rate(<n>days)", e.g. "rate(1hours)" (this is EventBridge's spelling`}},
		{"cron schedule", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", Schedule: "cron(0 * * * ? *)"}
		}, []string{`Schedule = cron(0 * * * ? *): an AppFlow rate expression`}},
		{"full pull without reason", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", FullPull: jsii.Bool(true), IncrementalField: "SystemModstamp"}
		}, []string{"FullPull = true: a FullPullReason: every run then copies the whole object",
			"IncrementalField = SystemModstamp: not with FullPull"}},
		{"reason without full pull", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", FullPullReason: "small"}
		}, []string{"FullPullReason = small: only with FullPull: true"}},
		{"fields", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "bad name!", Object: "Bad Object", Fields: []string{"Id", "Id", "1st"}}
		}, []string{"ConnectorProfileName = bad name!: 1 to 256 letters", "Object = Bad Object: a Salesforce API name",
			"Fields[1] = Id: a field not listed twice", "Fields[2] = 1st: a Salesforce field API name",
			"Fields = Id,Id,1st: the incremental field LastModifiedDate among them"}},
		{"no fields", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", Fields: []string{}}
		}, []string{"Fields = []: at least one field, or nil for every field"}},
		{"JSON without reason", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", FileType: "JSON", PrefixFormat: "WEEK", TargetFileSizeMB: 2048}
		}, []string{"FileType = JSON: PARQUET, or a FileTypeReason: JSON and CSV lose the column types",
			"PrefixFormat = WEEK: one of YEAR, MONTH, DAY, HOUR, MINUTE",
			"TargetFileSizeMB = 2048: a whole number of MB from 1 to 1024"}},
		{"unknown file type", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", FileType: "AVRO", FileTypeReason: "x"}
		}, []string{"FileType = AVRO: one of PARQUET, JSON, CSV"}},
		{"reason with parquet", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", FileTypeReason: "x"}
		}, []string{"FileTypeReason = x: only with FileType JSON or CSV"}},
		{"imported bucket", func(s awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", Prefix: "/raw/",
				Bucket: awss3.Bucket_FromBucketName(s, jsii.String("Imported"), jsii.String("lake-raw"))}
		}, []string{"Bucket = Bad/Imported: a bucket of this app (the construct adds the AppFlow statement to its policy), or confirm with ImportedBucketAllowsAppFlow: true",
			"Prefix = /raw/: S3 key segments"}},
		{"confirmation without imported bucket", func(awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account", ImportedBucketAllowsAppFlow: jsii.Bool(true)}
		}, []string{"ImportedBucketAllowsAppFlow = true: only with an imported Bucket"}},
		{"AWS managed key", func(s awscdk.Stack) *saasflow.Props {
			return &saasflow.Props{ConnectorProfileName: "prod", Object: "Account",
				EncryptionKey: awskms.Key_FromKeyArn(s, jsii.String("K"), jsii.String("arn:aws:kms:eu-west-1:111122223333:alias/aws/appflow"))}
		}, []string{"EncryptionKey = arn:aws:kms:eu-west-1:111122223333:alias/aws/appflow: a customer managed key"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				saasflow.New(stack, "Flow", c.props(stack))
			}, c.wants...)
		})
	}
}
