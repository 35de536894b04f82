package backupplan_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/backupplan"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Back up the lake's raw bucket (transformed data is reproducible) and
// everything tagged DataProtectionLevel=Critical: daily and monthly
// snapshots plus continuous point-in-time recovery, copied to a vault of
// the backup account in another Region, into a vault locked in compliance
// mode after a 3-day grace period.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("DataProtection"), nil)
	raw := securebucket.New(stack, "Raw", nil)
	backup := backupplan.New(stack, "Backup", &backupplan.Props{
		Buckets:    []awss3.IBucket{raw.Bucket},
		Continuous: jsii.Bool(true),
		Lock:       &backupplan.VaultLock{MinRetentionDays: 7, MaxRetentionDays: 400, ChangeableForDays: 3},
		CopyTo:     &backupplan.Copy{VaultArn: "arn:aws:backup:eu-central-1:111122223333:backup-vault:lake-copies", RetentionDays: 90},
	})
	fmt.Println(backup.RuleNames)
	fmt.Println(len(backup.Selections), "selections")
	fmt.Println(*backup.Vault.Node().Path())
	// Output:
	// [Daily Monthly Continuous]
	// 2 selections
	// DataProtection/Backup/Vault
}
