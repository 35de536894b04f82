package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// table creates the vault table unless one is given: on-demand (tokenize
// traffic follows the application's), point-in-time recovery (a deleted or
// overwritten vault loses the only copy of the values), encrypted with the
// storage key, deletion protection and RETAIN unless sandbox.
func (v *Vault) table(p *Props) {
	if p.Table != nil {
		v.Table = p.Table
		return
	}
	tp := awsdynamodb.TableProps{}
	if p.TableProps != nil {
		tp = *p.TableProps
	}
	if tp.PartitionKey == nil {
		tp.PartitionKey = &awsdynamodb.Attribute{Name: jsii.String(PartitionKey), Type: awsdynamodb.AttributeType_STRING}
	}
	if tp.BillingMode == "" {
		tp.BillingMode = awsdynamodb.BillingMode_PAY_PER_REQUEST
	}
	if tp.Encryption == "" {
		tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
	}
	if tp.EncryptionKey == nil {
		tp.EncryptionKey = v.StorageKey
	}
	if tp.PointInTimeRecoverySpecification == nil && tp.PointInTimeRecovery == nil {
		tp.PointInTimeRecoverySpecification = &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)}
	}
	if tp.RemovalPolicy == "" {
		tp.RemovalPolicy = sandbox.RemovalPolicy(v.Construct)
	}
	if tp.DeletionProtection == nil {
		tp.DeletionProtection = jsii.Bool(!sandbox.Enabled(v.Construct))
	}
	v.Table = awsdynamodb.NewTable(v.Construct, jsii.String("Table"), &tp)
}
