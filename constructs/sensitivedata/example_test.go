package sensitivedata_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
)

// The data gate before publishing: Macie scans raw/ and staging/ of the
// lake every day; objects with Medium or High sensitive-data findings under
// staging/ are moved to the construct's quarantine bucket, those under raw/
// are tagged, and a notice goes to the construct's topic.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("DataProtection"), nil)
	lake := awss3.Bucket_FromBucketName(stack, jsii.String("Lake"), jsii.String("example-lake"))
	gate := sensitivedata.New(stack, "Macie", &sensitivedata.Props{
		CustomDataIdentifiers: []sensitivedata.CustomDataIdentifier{{
			Name: "EmployeeId", Regex: `E-\d{6}`, Keywords: []string{"employee"},
		}},
		Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/", "staging/"}, GatePrefixes: []string{"staging/"}}},
	})
	fmt.Println(*gate.Session.Node().Path())
	fmt.Println(*gate.Job.Node().Path())
	fmt.Println(*gate.Rule.Node().Path())
	fmt.Println(*gate.Function.Node().Path())
	// Output:
	// DataProtection/Macie/Session
	// DataProtection/Macie/Job
	// DataProtection/Macie/Gate/Rule
	// DataProtection/Macie/Gate/Function
}
