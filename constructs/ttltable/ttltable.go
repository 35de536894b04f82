package ttltable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// TTLTable is a DynamoDB table whose items expire by a TTL attribute, with
// on-demand or auto-scaled provisioned capacity, point-in-time recovery, a
// customer managed key, its changes streamed to the lake, and alarms.
type TTLTable struct {
	constructs.Construct
	// Table is the DynamoDB table.
	Table awsdynamodb.ITable
	// Key encrypts the table (created, or Props.EncryptionKey).
	Key awskms.IKey
	// TimeToLiveAttribute is the attribute writers set to the expiry time
	// (epoch seconds, Number).
	TimeToLiveAttribute string
	// Stream receives every change of the table (Kinesis streaming
	// destination); nil when StreamToLake is false.
	Stream awskinesis.IStream
	// Lake is the delivery of the stream to S3 (its Bucket, Role, LogGroup
	// and alarms); nil when StreamToLake is false.
	Lake *firehosetos3.FirehoseToS3
	// AlarmTopic is notified by the alarms; AlarmTopicKey encrypts it when
	// the construct created it. Both nil when alarms are off.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// ReadThrottleAlarm, WriteThrottleAlarm and SystemErrorsAlarm watch the
	// table; StreamThrottleAlarm the change records the stream throttled
	// (nil without the stream). All nil when alarms are off.
	ReadThrottleAlarm   awscloudwatch.IAlarm
	WriteThrottleAlarm  awscloudwatch.IAlarm
	SystemErrorsAlarm   awscloudwatch.IAlarm
	StreamThrottleAlarm awscloudwatch.IAlarm
}

// New creates the table, its stream to the lake and its alarms. props may
// be nil. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *TTLTable {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &TTLTable{Construct: c, Key: p.EncryptionKey, TimeToLiveAttribute: p.TimeToLiveAttribute}
	if t.Key == nil {
		t.Key = keys.New(c, "Key", "Encrypts the DynamoDB table "+*c.Node().Path()+"/Table", nil)
	}
	if *p.CreateAlarms {
		t.topic(&p)
	}
	if *p.StreamToLake {
		t.Stream = newStream(c, &p)
	}
	table := t.table(&p)
	t.Table = table
	if p.Provisioned != nil {
		autoScale(table, &p)
	}
	if *p.StreamToLake {
		t.lake(&p)
	}
	if *p.CreateAlarms {
		t.alarms(table)
	}
	return t
}

// fill sets the defaults of the props that are not given.
func fill(p *Props) {
	if p.PartitionKey == nil {
		p.PartitionKey = &awsdynamodb.Attribute{Name: jsii.String(DefaultPartitionKey), Type: awsdynamodb.AttributeType_STRING}
	}
	if p.TimeToLiveAttribute == "" {
		p.TimeToLiveAttribute = DefaultTimeToLiveAttribute
	}
	if p.Provisioned != nil && p.Provisioned.TargetUtilizationPercent == 0 {
		q := *p.Provisioned
		q.TargetUtilizationPercent = DefaultTargetUtilizationPercent
		p.Provisioned = &q
	}
	if p.StreamToLake == nil {
		p.StreamToLake = jsii.Bool(true)
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
}

// table creates the table: the props' key schema and TTL, on-demand or
// provisioned, the customer managed key, point-in-time recovery, deletion
// protection and RETAIN (both off only with the sandbox switch), and the
// Kinesis streaming destination with microsecond creation times (so the
// lake can order the changes of one item).
func (t *TTLTable) table(p *Props) awsdynamodb.Table {
	tp := awsdynamodb.TableProps{}
	if p.TableProps != nil {
		tp = *p.TableProps
	}
	tp.PartitionKey = p.PartitionKey
	tp.SortKey = p.SortKey
	tp.TimeToLiveAttribute = jsii.String(p.TimeToLiveAttribute)
	tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
	tp.EncryptionKey = t.Key
	if tp.PointInTimeRecoverySpecification == nil {
		tp.PointInTimeRecoverySpecification = &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)}
	}
	if tp.RemovalPolicy == "" {
		tp.RemovalPolicy = sandbox.RemovalPolicy(t.Construct)
	}
	if tp.DeletionProtection == nil {
		tp.DeletionProtection = jsii.Bool(!sandbox.Enabled(t.Construct))
	}
	if q := p.Provisioned; q != nil {
		tp.BillingMode = awsdynamodb.BillingMode_PROVISIONED
		tp.ReadCapacity = jsii.Number(q.MinReadCapacity)
		tp.WriteCapacity = jsii.Number(q.MinWriteCapacity)
	} else {
		tp.BillingMode = awsdynamodb.BillingMode_PAY_PER_REQUEST
	}
	if t.Stream != nil {
		tp.KinesisStream = t.Stream
		tp.KinesisPrecisionTimestamp = awsdynamodb.ApproximateCreationDateTimePrecision_MICROSECOND
	}
	table := awsdynamodb.NewTable(t.Construct, jsii.String("Table"), &tp)
	nag.Suppress(table, nag.InPacks("DynamoDBInBackupPlan", "The table holds short-lived items that expire by TTL (sessions, carts, tokens): "+
		"point-in-time recovery restores any second of the last 35 days, and recovery points kept for months would keep data designed to expire; "+
		"where they are wanted, a backupplan selects the table (Tables).", nag.HIPAA, nag.NIST)...)
	for _, gsi := range p.GlobalSecondaryIndexes {
		g := gsi
		if q := p.Provisioned; q != nil {
			g.ReadCapacity = jsii.Number(q.MinReadCapacity)
			g.WriteCapacity = jsii.Number(q.MinWriteCapacity)
		}
		table.AddGlobalSecondaryIndex(&g)
	}
	return table
}

// autoScale registers the table's (and each index's) read and write
// capacity with Application Auto Scaling (DynamoDB's service-linked role)
// and tracks the target utilisation.
func autoScale(table awsdynamodb.Table, p *Props) {
	q := p.Provisioned
	read := &awsdynamodb.EnableScalingProps{MinCapacity: jsii.Number(q.MinReadCapacity), MaxCapacity: jsii.Number(q.MaxReadCapacity)}
	write := &awsdynamodb.EnableScalingProps{MinCapacity: jsii.Number(q.MinWriteCapacity), MaxCapacity: jsii.Number(q.MaxWriteCapacity)}
	target := &awsdynamodb.UtilizationScalingProps{TargetUtilizationPercent: jsii.Number(q.TargetUtilizationPercent)}
	table.AutoScaleReadCapacity(read).ScaleOnUtilization(target)
	table.AutoScaleWriteCapacity(write).ScaleOnUtilization(target)
	for _, g := range p.GlobalSecondaryIndexes {
		table.AutoScaleGlobalSecondaryIndexReadCapacity(g.IndexName, read).ScaleOnUtilization(target)
		table.AutoScaleGlobalSecondaryIndexWriteCapacity(g.IndexName, write).ScaleOnUtilization(target)
	}
}
