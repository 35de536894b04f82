package manifestbatch_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/manifestbatch"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// A landing bucket for partner drops: files and their manifest under
// landing/partners/, one Parquet file per batch under curated/partners/.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Landing"), nil)
	// The job writes SSE-KMS objects with the bucket's key; EventBridge on.
	landing := securebucket.New(stack, "Landing", &securebucket.Props{Encryption: securebucket.SSEKMS})
	batch := manifestbatch.New(stack, "PartnerDrops", &manifestbatch.Props{
		ExistingBucket: landing.Bucket,
		IncomingPrefix: jsii.String("landing/partners/"),
		OutputPrefix:   jsii.String("curated/partners/"),
	})
	fmt.Println(batch.IncomingPrefix + "*" + batch.ManifestSuffix)
	// Output: landing/partners/*.manifest
}
