package sensitivedata_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
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

// The human review: each object quarantined under staging/ waits up to 48
// hours for a data steward's decision; approved objects are released to
// published/<key>, denied or undecided ones are deleted. The stewards' role
// may call POST /approve and /deny.
func ExampleSensitiveData_GrantDecide() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("DataProtection"), nil)
	lake := awss3.Bucket_FromBucketName(stack, jsii.String("Lake"), jsii.String("example-lake"))
	gate := sensitivedata.New(stack, "Macie", &sensitivedata.Props{
		Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/", "staging/"}, GatePrefixes: []string{"staging/"}}},
		Approval: &sensitivedata.Approval{
			ApproverEmails: []string{"data-steward@example.com"},
			TimeoutHours:   jsii.Number(48),
			OnDeny:         sensitivedata.Delete,
			ReleasePrefix:  "published/",
		},
	})
	stewards := awsiam.NewRole(stack, jsii.String("Stewards"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	gate.GrantDecide(stewards)
	fmt.Println(*gate.ApprovalStateMachine.Node().Path())
	fmt.Println(*gate.ApprovalApi.Node().Path())
	// Output:
	// DataProtection/Macie/Approval/Workflow/StateMachine
	// DataProtection/Macie/Approval/Api
}
