package manifestload_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Gzipped CSV order files dropped under "incoming/orders/" are loaded into
// sales.orders every 15 minutes: the loader writes a manifest of the new
// files, runs one COPY for all of them and records the load, so a file is
// never loaded twice.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Dwh"), nil)
	staging := securebucket.New(stack, "Staging", &securebucket.Props{Encryption: securebucket.SSEKMS})
	dwh := warehouse.New(stack, "Warehouse", &warehouse.Props{
		Buckets: []warehouse.BucketAccess{
			{Bucket: staging.Bucket, Prefix: "incoming/orders/"},
			{Bucket: staging.Bucket, Prefix: "manifests/"},
		},
		EncryptionKey: staging.Key,
	})
	loader := manifestload.New(stack, "OrdersLoader", &manifestload.Props{
		Warehouse:      dwh,
		Bucket:         staging.Bucket,
		Prefix:         "incoming/orders/",
		ManifestPrefix: "manifests/orders/",
		Table:          "sales.orders",
		Compression:    "GZIP",
	})
	fmt.Println(*loader.Function.Node().Path())
	fmt.Println(*loader.Role.Node().Path())
	fmt.Println(*loader.Schedule.Node().Path())
	fmt.Println(*loader.Schedule.ScheduleExpression())
	// Output:
	// Dwh/OrdersLoader/Function
	// Dwh/OrdersLoader/Role
	// Dwh/OrdersLoader/Schedule
	// rate(15 minutes)
}
