package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const sensitivedataApprovalStack = "SensitiveDataApproval"

var sensitivedataApprovalBuilt struct {
	deleting, keeping *sensitivedata.SensitiveData
	lake              *securebucket.SecureBucket
	reviewer          awsiam.Role
}

// Two gates with approval in one stack (no fixed names): a KMS lake whose
// staging/ prefix is quarantined, reviewed within 24 hours, denied objects
// deleted, released under reviewed/, a reviewer role allowed to decide;
// and a second gate over another prefix of the same lake with the
// defaults (72 hours, kept on denial, released/), in the existing session.
var sensitivedataApprovalConfigs = testkit.Register("sensitivedata-approval", nil, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(sensitivedataApprovalStack), nil)
	sensitivedataApprovalBuilt.lake = securebucket.New(s, "Lake", nil)
	lake := sensitivedataApprovalBuilt.lake.Bucket
	sensitivedataApprovalBuilt.deleting = sensitivedata.New(s, "Macie", &sensitivedata.Props{
		Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/", "staging/"}, GatePrefixes: []string{"staging/"}}},
		NoJob:   jsii.Bool(true),
		Approval: &sensitivedata.Approval{
			ApproverEmails: []string{"data-steward@example.com", "dpo@example.com"},
			TimeoutHours:   jsii.Number(24),
			OnDeny:         sensitivedata.Delete,
			ReleasePrefix:  "reviewed/",
		},
	})
	sensitivedataApprovalBuilt.reviewer = awsiam.NewRole(s, jsii.String("Reviewer"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewAccountRootPrincipal(),
	})
	sensitivedataApprovalBuilt.deleting.GrantDecide(sensitivedataApprovalBuilt.reviewer)
	sensitivedataApprovalBuilt.keeping = sensitivedata.New(s, "Macie2", &sensitivedata.Props{
		ExistingSession: jsii.Bool(true),
		Watched:         []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"inbox/"}, GatePrefixes: []string{"inbox/"}}},
		NoJob:           jsii.Bool(true),
		Approval:        &sensitivedata.Approval{ApproverEmails: []string{"data-steward@example.com"}},
	})
})
