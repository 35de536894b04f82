package orchestration

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/scheduledindex"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// OrdersIndex is the OpenSearch index of the lake's raw orders (ORC-11).
const OrdersIndex = "orders"

// ordersColumns are the typed columns of the raw orders
// (order_id,customer_id,order_date,status,amount; docs/samples/orders.csv):
// the ids stay strings, as in the lake's tables.
var ordersColumns = map[string]scheduledindex.ColumnType{
	"order_date": scheduledindex.Timestamp,
	"amount":     scheduledindex.Float,
}

// search is ORC-11 over FirehoseDelivery's OpenSearch domain: on
// cfg.Search.Schedule, a Go function indexes the CSV orders that arrived
// under the lake's raw prefix since its last run into the "orders" index,
// beside the music events, for search and Dashboards. The function runs in
// the domain's VPC and is mapped as a writer of "orders" only.
func (s *Stack) search(cfg Config, lake *Lake, domain *streamtoopensearch.StreamToOpenSearch) {
	s.OrdersIndex = scheduledindex.New(s.Stack, "OrdersIndex", &scheduledindex.Props{
		Bucket:     lake.Bucket,
		Prefix:     jsii.String(lake.RawPrefix),
		Search:     domain,
		IndexName:  jsii.String(OrdersIndex),
		Columns:    ordersColumns,
		Schedule:   jsii.String(cfg.Search.Schedule),
		AlarmTopic: s.Notices.Topic,
	})
}
