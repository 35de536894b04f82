package emrcluster_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcluster"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// The notes' nightly aggregation: a transient cluster reads raw/iot/ of the
// lake, writes curated/iot_daily/ and the lake_curated tables, and
// terminates after its step. The job script would be an awss3assets.Asset
// in Scripts; here it is a key of the lake.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("SparkCompute"), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	nightly := emrcluster.New(stack, "Nightly", &emrcluster.Props{
		Mode: emrcluster.Transient,
		Steps: []emrcluster.Step{{
			Name: "aggregate",
			Args: []string{"spark-submit", "--deploy-mode", "cluster", "s3://" + *lake.Bucket.BucketName() + "/jobs/iot_daily.py"},
		}},
		CoreCapacity:  jsii.Number(1),
		Data:          []emrcluster.Access{{Bucket: lake.Bucket, Prefix: "raw/iot/"}, {Bucket: lake.Bucket, Prefix: "jobs/"}, {Bucket: lake.Bucket, Prefix: "curated/iot_daily/", Write: true}},
		GlueDatabases: []string{"lake_curated"},
	})
	fmt.Println(*nightly.Cluster.ReleaseLabel())
	fmt.Println(nightly.Mode, len(nightly.Endpoints), "interface endpoints")
	fmt.Println(*nightly.SecurityConfiguration.Node().Path())
	// Output:
	// emr-7.13.0
	// TRANSIENT 4 interface endpoints
	// SparkCompute/Nightly/SecurityConfiguration
}
