package streamtos3

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// leaseKey is the partition key of a KCL lease table: one item per shard.
const leaseKey = "ShardID"

// newLeaseTable creates the KCL lease table here rather than letting the
// application create it at run time: its name is known to the task (no
// dynamodb:CreateTable permission), it is encrypted with the construct's
// key, backed up continuously, and retained with the checkpoints it holds
// (losing them replays the stream from StartPosition).
func newLeaseTable(c constructs.Construct, p *Props, key awskms.IKey) awsdynamodb.ITable {
	tp := awsdynamodb.TableProps{}
	if p.LeaseTableProps != nil {
		tp = *p.LeaseTableProps
	}
	tp.PartitionKey = &awsdynamodb.Attribute{Name: jsii.String(leaseKey), Type: awsdynamodb.AttributeType_STRING}
	if tp.BillingMode == "" {
		tp.BillingMode = awsdynamodb.BillingMode_PAY_PER_REQUEST
	}
	if tp.PointInTimeRecoverySpecification == nil && tp.PointInTimeRecovery == nil {
		tp.PointInTimeRecoverySpecification = &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		}
	}
	if tp.Encryption == "" && tp.EncryptionKey == nil {
		tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
		tp.EncryptionKey = key
	}
	if tp.RemovalPolicy == "" {
		tp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	t := awsdynamodb.NewTable(c, jsii.String("LeaseTable"), &tp)
	nag.Suppress(t, nag.InPacks("DynamoDBInBackupPlan", "The lease table holds the consumer's leases and checkpoints, coordination state it rewrites every few seconds: "+
		"point-in-time recovery covers 35 days, and without the table the consumer starts again from the stream's retention, so months-old recovery points would restore nothing useful.",
		nag.HIPAA, nag.NIST)...)
	return t
}
