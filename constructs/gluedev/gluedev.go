package gluedev

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// SessionActions start, drive and end Glue interactive sessions.
var SessionActions = []string{
	"glue:CreateSession", "glue:GetSession", "glue:ListSessions", "glue:StopSession", "glue:DeleteSession",
	"glue:RunStatement", "glue:GetStatement", "glue:ListStatements", "glue:CancelStatement",
	"glue:TagResource", "glue:GetTags",
}

// DevLoop is what interactive sessions and notebooks need: the role they
// run as, an encrypting security configuration and the developers' policy.
type DevLoop struct {
	constructs.Construct
	// SessionRole is the role sessions run as (pass it with
	// --iam-role or %iam_role).
	SessionRole awsiam.IRole
	// SecurityConfiguration encrypts the sessions' logs, bookmarks and S3
	// writes (pass its name with %security_config).
	SecurityConfiguration awsglue.SecurityConfiguration
	// Key encrypts through SecurityConfiguration.
	Key awskms.IKey
	// DeveloperPolicy is attached to the Developers and by GrantDevelop.
	DeveloperPolicy awsiam.ManagedPolicy
	// ScratchPrefix is where sessions write.
	ScratchPrefix string
}

// New creates the development loop. Invalid props fail synthesis with
// every problem listed.
func New(scope constructs.Construct, id string, props *Props) *DevLoop {
	p := Props{}
	if props != nil {
		p = *props
	}
	if p.ScratchPrefix == "" {
		p.ScratchPrefix = DefaultScratchPrefix
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &DevLoop{Construct: c, ScratchPrefix: p.ScratchPrefix, Key: p.EncryptionKey}
	if d.Key == nil {
		d.Key = keys.NewForLogs(c, "Key", "Encrypts the Glue interactive sessions' logs, bookmarks and writes of "+*c.Node().Path())
	}
	role := gluebase.NewRole(c, "Glue interactive sessions and notebooks of "+*c.Node().Path())
	d.SessionRole = role
	d.SecurityConfiguration = gluebase.SecurityConfiguration(c, d.Key, true)
	gluebase.GrantLogs(role)
	gluebase.GrantKey(role, d.Key)
	for _, rp := range p.ReadPrefixes {
		gluebase.GrantReadPrefix(role, p.Bucket, rp)
	}
	gluebase.GrantWritePrefix(role, p.Bucket, p.ScratchPrefix)
	for _, db := range p.Databases {
		gluebase.GrantDatabaseRead(c, role, jsii.String(db))
	}
	if p.Notebooks != nil && *p.Notebooks {
		d.developStatements(func(s awsiam.PolicyStatement) { role.AddToPrincipalPolicy(s) })
	}
	d.DeveloperPolicy = awsiam.NewManagedPolicy(c, jsii.String("DeveloperPolicy"), &awsiam.ManagedPolicyProps{
		Description: jsii.String("Start and drive Glue interactive sessions as the session role of " + *c.Node().Path()),
	})
	d.developStatements(func(s awsiam.PolicyStatement) { d.DeveloperPolicy.AddStatements(s) })
	for _, g := range p.Developers {
		d.GrantDevelop(g)
	}
	sessions := "/^Resource::arn:" + nag.Partition + ":glue:" + nag.Region + ":" + nag.Account + `:session\/\*$/`
	reason := "A session's id is chosen when the developer starts it, so the session statement ends in session/* of this account and region; the role passed to Glue is the session role alone, and only to Glue."
	nag.Suppress(d.DeveloperPolicy, nag.Suppression{Rule: "AwsSolutions-IAM5", AppliesTo: []string{sessions}, Reason: reason})
	if pol := nag.DefaultPolicy(role); pol != nil {
		applies := append([]string{}, gluebase.LogsSuppression.AppliesTo...)
		applies = append(applies, `/^Resource::arn:.*:s3:::.*\/.*\*$/`, `/^Resource::<.*\.Arn>\/.*\*$/`, "/^Resource::arn:.*:glue:.*:table\\/.*\\/\\*$/", sessions,
			"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*")
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", AppliesTo: applies,
			Reason: "The session role reads the objects under its read prefixes and writes under the scratch prefix (keys unknown in advance), reads every table of the listed databases, writes Glue's run-time log groups under /aws-glue/, uses the bucket's key through CDK's grants (the wildcard KMS actions are theirs), and, for notebooks, drives its own sessions, whose ids are chosen at start."})
	}
	return d
}

// developStatements are the session actions on this account's sessions and
// the passing of the session role to Glue.
func (d *DevLoop) developStatements(add func(awsiam.PolicyStatement)) {
	stack := awscdk.Stack_Of(d.Construct)
	add(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("GlueInteractiveSessions"),
		Actions: jsii.Strings(SessionActions...),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("glue"), Resource: jsii.String("session"), ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})},
	}))
	add(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("PassSessionRoleToGlue"),
		Actions:    jsii.Strings("iam:PassRole"),
		Resources:  &[]*string{d.SessionRole.RoleArn()},
		Conditions: &map[string]any{"StringEquals": map[string]any{"iam:PassedToService": "glue.amazonaws.com"}},
	}))
}

// GrantDevelop lets grantee start and drive sessions as the session role:
// the developer policy, attached to grantee's role or user.
func (d *DevLoop) GrantDevelop(grantee awsiam.IGrantable) {
	// AttachToRole also works for imported roles (the policy names them),
	// where Role.AddManagedPolicy would do nothing.
	switch g := grantee.(type) {
	case awsiam.IRole:
		d.DeveloperPolicy.AttachToRole(g)
	case awsiam.IUser:
		d.DeveloperPolicy.AttachToUser(g)
	default:
		d.developStatements(func(s awsiam.PolicyStatement) { grantee.GrantPrincipal().AddToPrincipalPolicy(s) })
	}
}
