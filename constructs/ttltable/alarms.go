package ttltable

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// alarmedOperations are the data-plane operations whose SystemErrors the
// alarm sums (a CloudWatch alarm's math expression takes at most ten
// metrics: the PartiQL and stream operations are left out).
var alarmedOperations = []awsdynamodb.Operation{
	awsdynamodb.Operation_GET_ITEM, awsdynamodb.Operation_BATCH_GET_ITEM,
	awsdynamodb.Operation_QUERY, awsdynamodb.Operation_SCAN,
	awsdynamodb.Operation_PUT_ITEM, awsdynamodb.Operation_UPDATE_ITEM,
	awsdynamodb.Operation_DELETE_ITEM, awsdynamodb.Operation_BATCH_WRITE_ITEM,
	awsdynamodb.Operation_TRANSACT_GET_ITEMS, awsdynamodb.Operation_TRANSACT_WRITE_ITEMS,
}

// topic is the user's AlarmTopic or a new encrypted one.
func (t *TTLTable) topic(p *Props) {
	t.AlarmTopic = p.AlarmTopic
	if t.AlarmTopic == nil {
		nt := alarms.NewTopic(t.Construct, "AlarmTopic")
		t.AlarmTopic, t.AlarmTopicKey = nt.Topic, nt.Key
	}
}

// alarms watches throttling (ReadThrottleEvents, WriteThrottleEvents),
// DynamoDB's own errors (SystemErrors), all with the TableName dimension,
// and, with the stream, the writes the stream throttled
// (WriteProvisionedThroughputExceeded, StreamName dimension: the only
// writer is DynamoDB's change capture). DynamoDB's own
// ThrottledPutRecordCount is published per TableName and
// DelegatedOperation, a dimension whose value the guide does not give, so
// an alarm on it could watch a series that never exists.
func (t *TTLTable) alarms(table awsdynamodb.Table) {
	path := *t.Node().Path()
	for _, a := range []struct {
		id, metric, what string
		field            *awscloudwatch.IAlarm
	}{
		{"ReadThrottleAlarm", "ReadThrottleEvents", "reads", &t.ReadThrottleAlarm},
		{"WriteThrottleAlarm", "WriteThrottleEvents", "writes", &t.WriteThrottleAlarm},
	} {
		*a.field = alarms.New(t.Construct, a.id, alarms.Spec{
			Metric:            table.Metric(jsii.String(a.metric), alarms.PerMinute("Sum")),
			Threshold:         0,
			Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			EvaluationPeriods: 3,
			Description:       fmt.Sprintf("DynamoDB throttled %s of %s in each of 3 minutes: raise the provisioned maximum (or the on-demand maximum throughput), or spread a hot partition key.", a.what, path),
		}, t.AlarmTopic)
	}
	t.SystemErrorsAlarm = alarms.New(t.Construct, "SystemErrorsAlarm", alarms.Spec{
		Metric: table.MetricSystemErrorsForOperations(&awsdynamodb.SystemErrorsForOperationsMetricOptions{
			Operations: &alarmedOperations,
			Period:     alarms.PerMinute("Sum").Period,
			Statistic:  jsii.String("Sum"),
		}),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: fmt.Sprintf("DynamoDB answered requests to %s with HTTP 500 errors: the SDKs retry them; if it lasts, check the AWS Health Dashboard.", path),
	}, t.AlarmTopic)
	if t.Stream != nil {
		t.StreamThrottleAlarm = alarms.New(t.Construct, "StreamThrottleAlarm", alarms.Spec{
			Metric:      t.Stream.MetricWriteProvisionedThroughputExceeded(alarms.PerMinute("Sum")),
			Threshold:   0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: fmt.Sprintf("The Kinesis stream of %s throttled DynamoDB's change records: DynamoDB retries them, but the lake falls behind (AgeOfOldestUnreplicatedRecord grows). Add shards or keep the stream on-demand, and spread partition keys.", path),
		}, t.AlarmTopic)
	}
}
