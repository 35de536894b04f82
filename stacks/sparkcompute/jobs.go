package sparkcompute

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"

	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
)

// work is what every compute variant runs: the same two jobs over the
// same data.
type work struct {
	stack   *Stack
	cfg     Config
	lake    *Lake
	devices awsdynamodb.ITable
	// warehouse is the offload's warehouse (ETL-22), nil to leave it out.
	warehouse *Warehouse
}

// url is the s3:// URL of a prefix of the lake.
func (w *work) url(prefix string) string {
	return "s3://" + *w.lake.Bucket.BucketName() + "/" + prefix
}

// skewArgs are skew_join.py's arguments (ETL-23, MON-11): spend per
// customer and age over the curated orders joined with the unified
// customers, whose key column is record_id.
func (w *work) skewArgs() []string {
	return []string{
		"--facts", w.url(w.lake.OrdersPrefix),
		"--dimension", w.url(w.lake.CustomersPrefix),
		"--dimension-key", "record_id", "--dimension-columns", "age",
		"--output", w.url(OrdersByCustomerPrefix),
		"--job-name", SkewJobName,
		"--region", *w.stack.Region(),
	}
}

// export is the DynamoDB export's run (ETL-21) over the devices table.
func (w *work) export() sparkjobs.HiveExport {
	return sparkjobs.HiveExport{
		DynamoDBTable:     *w.devices.TableName(),
		OutputLocation:    w.url(DevicesPrefix),
		Database:          Database,
		ScratchLocation:   w.url(OutputPrefix + "hive/scratch/"),
		WarehouseLocation: w.url(OutputPrefix + "hive/warehouse/"),
	}
}

// must stops synthesis on a run helper's error (its message names the
// field and the value).
func must[T any](v T, err error) T {
	if err != nil {
		panic("sparkcompute: " + err.Error())
	}
	return v
}
