package emrcerts_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcerts"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// A TLS bundle for an EMR security configuration, generated at deployment
// into the cluster's encrypted bucket; the security configuration reads
// S3Url, and only the instance role is granted the object.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Spark"), nil)
	bucket := securebucket.New(stack, "Work", nil)
	certs := emrcerts.New(stack, "Tls", &emrcerts.Props{Bucket: bucket.Bucket, ObjectKey: "emr/tls.zip", ValidityDays: 730})
	fmt.Println(*certs.ObjectKey)
	fmt.Println(*certs.Resource.Node().Path())
	// Output:
	// emr/tls.zip
	// Spark/Tls/Resource
}
