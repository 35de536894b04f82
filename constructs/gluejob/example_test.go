package gluejob_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// A nightly Spark job turns the raw CSV orders of the catalog into Parquet
// partitioned by year and month, with the shipped csv_to_parquet.py. Job
// bookmarks make each run read only the files added since the last one; a
// failed or timed-out run notifies an encrypted topic.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Etl"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	curate := gluejob.New(stack, "Curate", &gluejob.Props{
		Script:        gluejob.ShippedScript(gluejob.CSVToParquet),
		EncryptionKey: lake.Key,
		Arguments: map[string]string{
			"--database":       "lake_raw",
			"--table":          "orders",
			"--target_path":    *lake.Bucket.S3UrlForObject(jsii.String("curated/orders/")),
			"--partition_keys": "year,month",
		},
	})
	curate.GrantCatalogRead("lake_raw", "orders")
	curate.GrantRead(lake.Bucket, "raw/orders/")
	curate.GrantWrite(lake.Bucket, "curated/orders/")
	fmt.Println(*curate.Job.Node().Path())
	fmt.Println(*curate.Role.Node().Path())
	fmt.Println(*curate.SecurityConfiguration.Node().Path())
	fmt.Println(*curate.WorkBucket.Node().Path())
	fmt.Println(*curate.FailureRule.Node().Path())
	fmt.Println(curate.Bookmarks)
	// Output:
	// Etl/Curate/Job
	// Etl/Curate/Role
	// Etl/Curate/SecurityConfiguration
	// Etl/Curate/WorkBucket/Bucket
	// Etl/Curate/FailureRule
	// job-bookmark-enable
}
