package backupplan

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsbackup"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// vaultArnRE matches a backup vault ARN and captures its account.
var vaultArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:backup:[a-z0-9-]+:(\d{12}):backup-vault:[a-zA-Z0-9_-]{2,50}$`)

// protectedActions are denied by the vault's access policy to everyone but
// the break-glass role. CloudFormation never calls the first two; it calls
// DeleteBackupVault only when a sandbox stack is deleted, so that action is
// denied only outside the sandbox.
var protectedActions = []string{"backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"}

func (plan *Plan) vault(p *Props) {
	stack := awscdk.Stack_Of(plan.Construct)
	key := p.EncryptionKey
	if key == nil {
		k := keys.New(plan.Construct, "Key", "Encrypts the AWS Backup vault "+*plan.Node().Path()+"/Vault", nil)
		if p.CopyTo != nil {
			if m := vaultArnRE.FindStringSubmatch(p.CopyTo.VaultArn); m != nil && (unresolved(stack.Account()) || m[1] != *stack.Account()) {
				// The destination account's AWS Backup re-encrypts the copy
				// with its vault's key; it must be able to read this one.
				k.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Sid:        jsii.String("AllowCopyDestinationAccount"),
					Principals: &[]awsiam.IPrincipal{awsiam.NewAccountPrincipal(jsii.String(m[1]))},
					Actions:    jsii.Strings("kms:Decrypt", "kms:DescribeKey"),
					Resources:  jsii.Strings("*"),
				}), jsii.Bool(true))
				k.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
					Sid:        jsii.String("AllowCopyDestinationAccountGrantsForAwsBackup"),
					Principals: &[]awsiam.IPrincipal{awsiam.NewAccountPrincipal(jsii.String(m[1]))},
					Actions:    jsii.Strings("kms:CreateGrant"),
					Resources:  jsii.Strings("*"),
					Conditions: &map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}},
				}), jsii.Bool(true))
			}
		}
		key = k
	}
	plan.Key = key

	policy := awsiam.NewPolicyDocument(nil)
	actions := append([]string{}, protectedActions...)
	if !sandbox.Enabled(plan.Construct) {
		actions = append(actions, "backup:DeleteBackupVault")
	}
	deny := &awsiam.PolicyStatementProps{
		Sid:        jsii.String("DenyRecoveryPointDeletion"),
		Effect:     awsiam.Effect_DENY,
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings(actions...),
		Resources:  jsii.Strings("*"),
	}
	if p.BreakGlassRole != nil {
		deny.Sid = jsii.String("DenyRecoveryPointDeletionButBreakGlass")
		deny.Conditions = &map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": p.BreakGlassRole.RoleArn()}}
	}
	policy.AddStatements(awsiam.NewPolicyStatement(deny))
	if len(p.CopySourceAccounts) > 0 {
		principals := make([]awsiam.IPrincipal, len(p.CopySourceAccounts))
		for i, a := range p.CopySourceAccounts {
			principals[i] = awsiam.NewAccountPrincipal(jsii.String(a))
		}
		policy.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("AllowCopyFromSourceAccounts"),
			Principals: &principals,
			Actions:    jsii.Strings("backup:CopyIntoBackupVault"),
			Resources:  jsii.Strings("*"),
		}))
	}

	events := make([]awsbackup.BackupVaultEvents, len(p.NotificationEvents))
	for i, e := range p.NotificationEvents {
		events[i] = awsbackup.BackupVaultEvents(e)
	}
	props := &awsbackup.BackupVaultProps{
		EncryptionKey:      key,
		AccessPolicy:       policy,
		NotificationTopic:  plan.Topic,
		NotificationEvents: &events,
		RemovalPolicy:      sandbox.RemovalPolicy(plan.Construct),
	}
	if l := p.Lock; l != nil {
		lc := &awsbackup.LockConfiguration{MinRetention: awscdk.Duration_Days(jsii.Number(l.MinRetentionDays))}
		if l.MaxRetentionDays > 0 {
			lc.MaxRetention = awscdk.Duration_Days(jsii.Number(l.MaxRetentionDays))
		}
		if l.ChangeableForDays > 0 {
			lc.ChangeableFor = awscdk.Duration_Days(jsii.Number(l.ChangeableForDays))
		}
		props.LockConfiguration = lc
	}
	plan.Vault = awsbackup.NewBackupVault(plan.Construct, jsii.String("Vault"), props)
}
