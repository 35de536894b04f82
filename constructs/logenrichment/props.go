package logenrichment

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
)

// Props configures a LogEnrichment. LogGroup, Table, TableKey and KeyField
// are required.
type Props struct {
	// LogGroup is subscribed (every event, or FilterPattern's).
	LogGroup awslogs.ILogGroup
	// FilterPattern of the subscription.
	// @default "" (every event)
	FilterPattern *string
	// Table holds the reference data, with a string partition key TableKey
	// and no sort key.
	Table awsdynamodb.ITable
	// TableKey is the name of the table's partition key.
	TableKey *string
	// KeyField is the path (keys joined by dots) of the lookup key in each
	// JSON log message, e.g. "user_id".
	KeyField *string
	// CacheTTL keeps looked-up items in the function between invocations,
	// 0 (off) to 1 hour.
	// @default 60 seconds
	CacheTTL awscdk.Duration
	// Delivery configures the delivery stream and bucket (see firehosetos3);
	// its Processor is the enrichment function.
	Delivery *firehosetos3.Props
}
