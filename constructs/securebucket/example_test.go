package securebucket_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// A bucket for a data lake with every default: DSSE-KMS with its own
// rotating key, TLS 1.2 only, versioned, access logs in a second bucket,
// EventBridge notifications on, retained when the stack is deleted.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Lake"), nil)
	lake := securebucket.New(stack, "Raw", nil)
	fmt.Println(*lake.Bucket.Node().Path())
	fmt.Println(*lake.Key.Node().Path())
	fmt.Println(*lake.LogBucket.Node().Path())
	// Output:
	// Lake/Raw/Bucket
	// Lake/Raw/Key
	// Lake/Raw/LogBucket
}
