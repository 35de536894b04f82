package serving_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/saasflow"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	saasflowDefaultsStack = "SaasFlowDefaults"
	saasflowOptionsStack  = "SaasFlowOptions"
	saasflowImportedStack = "SaasFlowImported"
	saasflowSecretArn     = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:salesforce/connected-app-AbCdEf"
	saasflowJwtSecretArn  = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:salesforce/jwt-GhIjKl"
)

var saasflowBuilt struct {
	defaults, second, options, imported *saasflow.Flow
	raw                                 *securebucket.SecureBucket
}

var saasflowConfigs = testkit.Register("saasflow", nil, func(app constructs.Construct) {
	// An existing connection (the one-time console step), Account with
	// every field; a second flow in the same stack with a projection.
	s1 := awscdk.NewStack(app, jsii.String(saasflowDefaultsStack), nil)
	saasflowBuilt.defaults = saasflow.New(s1, "Accounts", &saasflow.Props{ConnectorProfileName: "salesforce-prod", Object: "Account"})
	saasflowBuilt.second = saasflow.New(s1, "Opportunities", &saasflow.Props{
		ConnectorProfileName: "salesforce-prod", Object: "Opportunity",
		Fields: []string{"Id", "AccountId", "Amount", "StageName", "LastModifiedDate"},
	})

	// A profile created from Secrets Manager with the JWT bearer grant, the
	// lake's bucket of the app, a full pull to JSON, hourly date paths.
	s2 := awscdk.NewStack(app, jsii.String(saasflowOptionsStack), nil)
	saasflowBuilt.raw = securebucket.New(s2, "Raw", &securebucket.Props{Encryption: securebucket.SSEKMS})
	saasflowBuilt.options = saasflow.New(s2, "Invoices", &saasflow.Props{
		Salesforce: &saasflow.SalesforceConnection{
			InstanceUrl:       "https://example.my.salesforce.com",
			Sandbox:           jsii.Bool(true),
			ClientCredentials: awssecretsmanager.Secret_FromSecretCompleteArn(s2, jsii.String("ConnectedApp"), jsii.String(saasflowSecretArn)),
			JwtToken:          awscdk.SecretValue_SecretsManager(jsii.String(saasflowJwtSecretArn), &awscdk.SecretsManagerSecretOptions{JsonField: jsii.String("jwt")}),
		},
		Object:                "Invoice__c",
		Fields:                []string{"Id", "Name", "Amount__c"},
		FullPull:              jsii.Bool(true),
		FullPullReason:        "Invoice__c has no reliable timestamp and is small",
		IncludeDeletedRecords: jsii.Bool(true),
		Schedule:              "rate(6hours)",
		Suspended:             jsii.Bool(true),
		Bucket:                saasflowBuilt.raw.Bucket,
		Prefix:                "raw/salesforce/invoices",
		PrefixFormat:          "HOUR",
		FileType:              "JSON",
		FileTypeReason:        "the billing export reads JSON lines",
		TargetFileSizeMB:      128,
	})

	// An imported bucket whose policy already admits AppFlow, with its key.
	s3 := awscdk.NewStack(app, jsii.String(saasflowImportedStack), nil)
	saasflowBuilt.imported = saasflow.New(s3, "Contacts", &saasflow.Props{
		ConnectorProfileName:        "salesforce-prod",
		Object:                      "Contact",
		Bucket:                      awss3.Bucket_FromBucketName(s3, jsii.String("Lake"), jsii.String("lake-raw-111122223333")),
		ImportedBucketAllowsAppFlow: jsii.Bool(true),
	})
})
