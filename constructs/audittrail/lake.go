package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudtrail"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// newLake creates the CloudTrail Lake event data store with its own key
// (CloudTrail's key policy for event data stores allows no aws:SourceArn
// condition, so it does not share the trail key's scoped statements), and
// outputs the LakeQueries with the store's id filled in.
func (a *AuditTrail) newLake(p *Props) {
	c := a.Construct
	key := keys.New(c, "LakeKey", "Encrypts the CloudTrail Lake event data store "+*c.Node().Path(), nil)
	allowLake(key)
	a.LakeKey = key

	mode := p.LakeBillingMode
	if mode == "" {
		mode = ExtendableRetention
	}
	days := p.LakeRetentionDays
	if days == 0 {
		days = DefaultLakeRetentionDays
	}
	eds := awscloudtrail.NewCfnEventDataStore(c, jsii.String("EventDataStore"), &awscloudtrail.CfnEventDataStoreProps{
		Name:                         awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(128), Separator: jsii.String("-")}),
		AdvancedEventSelectors:       lakeSelectors(p),
		BillingMode:                  jsii.String(mode),
		RetentionPeriod:              jsii.Number(days),
		KmsKeyId:                     key.KeyArn(),
		MultiRegionEnabled:           true,
		OrganizationEnabled:          false,
		IngestionEnabled:             true,
		TerminationProtectionEnabled: true,
	})
	eds.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	// The store checks its key when it is created.
	eds.Node().AddDependency(key)
	a.EventDataStore = eds

	for _, q := range LakeQueries {
		awscdk.NewCfnOutput(c, jsii.String("LakeQuery"+q.ID), &awscdk.CfnOutputProps{
			Description: jsii.String(q.Title + " (CloudTrail Lake SQL; run it in the Lake query editor or with aws cloudtrail start-query)"),
			Value:       a.LakeQuery(q),
		})
	}
}

// allowLake adds the CloudTrail guide's key policy statements for event
// data stores: CloudTrail encrypts, decrypts and describes; people who run
// queries decrypt through IAM (the key's default account statement).
func allowLake(key awskms.IKey) {
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("AllowCloudTrailLakeToUseTheKey"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String(cloudtrailService), nil)},
		Actions:    jsii.Strings("kms:GenerateDataKey", "kms:Decrypt", "kms:DescribeKey"),
		Resources:  jsii.Strings("*"),
	}), jsii.Bool(true))
}

// LakeQuery is q's SQL with this construct's event data store id in its
// FROM clause (a deployment-time value).
func (a *AuditTrail) LakeQuery(q Query) *string {
	if a.EventDataStore == nil {
		panic("audittrail " + *a.Node().Path() + ": LakeQuery needs Lake: true")
	}
	id := awscdk.Fn_Select(jsii.Number(1), awscdk.Fn_Split(jsii.String("/"), a.EventDataStore.AttrEventDataStoreArn(), nil))
	return awscdk.Fn_Sub(jsii.String(q.SQL), &map[string]*string{"EventDataStoreId": id})
}

// GrantLakeQueries lets grantee run queries on the event data store and read
// their results (cloudtrail:StartQuery, GetQueryResults, DescribeQuery,
// CancelQuery, ListQueries on the store; decrypt with the lake key).
func (a *AuditTrail) GrantLakeQueries(grantee awsiam.IGrantable) {
	if a.EventDataStore == nil {
		panic("audittrail " + *a.Node().Path() + ": GrantLakeQueries needs Lake: true")
	}
	awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("cloudtrail:StartQuery", "cloudtrail:GetQueryResults", "cloudtrail:DescribeQuery", "cloudtrail:CancelQuery", "cloudtrail:ListQueries"),
		ResourceArns: &[]*string{a.EventDataStore.AttrEventDataStoreArn()},
	})
	a.LakeKey.Grant(grantee, jsii.String("kms:Decrypt"), jsii.String("kms:GenerateDataKey"))
}
