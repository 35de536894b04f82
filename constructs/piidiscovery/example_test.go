package piidiscovery_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
)

// Diagnostic devices publish on devices/+/diag; the hourly job pseudonymises
// the owner and every name, address or phone number Comprehend finds in the
// technicians' notes (the salt lives in Secrets Manager); analysts query the
// device, time, status and reading, data scientists the whole table.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Diagnostics"), nil)
	pii := piidiscovery.New(stack, "Pii", &piidiscovery.Props{
		Mode:        piidiscovery.Hash,
		SaltSecret:  awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Salt"), jsii.String("diagnostics/pii-salt")),
		EntityTypes: []string{"NAME", "ADDRESS", "PHONE", "EMAIL"},
	})
	fmt.Println(pii.AnalystColumns)
	fmt.Println(pii.SensitiveColumns)
	fmt.Println(*pii.Ingest.TopicRule.Node().Path())
	fmt.Println(*pii.Job.Job.Node().Path())
	// Output:
	// [device_id event_time status reading pii_types dt]
	// [owner_id notes]
	// Diagnostics/Pii/Ingest/TopicRule
	// Diagnostics/Pii/Job/Job
}
