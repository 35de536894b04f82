package datasynctask_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
)

// Copy the sales share of a Windows file server into the raw zone every
// night at 01:00 UTC, at most 20 MiB/s, verifying what was copied, skipping
// temporary files, with the password in Secrets Manager.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Ingestion"), nil)
	password := awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Password"), jsii.String("datasync/fs01"))
	task := datasynctask.New(stack, "SalesShare", &datasynctask.Props{
		AgentArns: []string{"arn:aws:datasync:eu-west-1:111122223333:agent/agent-0123456789abcdef0"},
		SMB: &datasynctask.SMB{
			ServerHostname: "fs01.corp.example.com",
			Subdirectory:   "/sales",
			User:           "svc-datasync",
			Domain:         "CORP",
			Password:       password,
		},
		LakePrefix:     "raw/sales/",
		BytesPerSecond: 20 << 20,
		Filters:        &datasynctask.Filters{Excludes: []string{"*.tmp", "~$*"}},
		Schedule:       "cron(0 1 * * ? *)",
	})
	fmt.Println(task.LakePrefix, *task.CfnTask.Node().Path())
	// Output: raw/sales/ Ingestion/SalesShare/Task
}
