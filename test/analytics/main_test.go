// Package analytics_test checks the templates of the streaming-analytics
// constructs (issue 18): MSK provisioned and serverless, MSK Connect, the
// Kafka consumer service, the log shipper, Managed Flink, OpenSearch
// Serverless, the OpenSearch domain's tiers, snapshots and replication, and
// the stream alert. All configurations are synthesized once in one app
// (testkit.Register); TestEveryConfiguration runs cdk-nag, Control Tower,
// the partition check and the retention check over all of them.
package analytics_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
