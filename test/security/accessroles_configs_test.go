package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	accessrolesDefaultsStack = "AccessRolesDefaults"
	accessrolesOptionsStack  = "AccessRolesOptions"
	accessrolesSessionStack  = "AccessRolesSession"
	accessrolesSamlArn       = "arn:aws:iam::111122223333:saml-provider/Corp"
	accessrolesAccount       = "111122223333"
)

var accessrolesBuilt struct {
	defaults, second, options, session *accessroles.AccessRoles
	bucket                             *securebucket.SecureBucket
	auditPolicy                        awsiam.ManagedPolicy
}

var accessrolesConfigs = testkit.Register("accessroles", nil, func(app constructs.Construct) {
	b := &accessrolesBuilt
	// nil props, and a second instance in the same stack (the account's
	// analyzer exists already: the first one made it).
	s1 := awscdk.NewStack(app, jsii.String(accessrolesDefaultsStack), nil)
	b.defaults = accessroles.New(s1, "Access", nil)
	b.second = accessroles.New(s1, "Second", &accessroles.Props{ExistingAnalyzer: jsii.Bool(true)})

	// A SAML IdP; job functions with grants, a caller's managed policy and
	// a permissions boundary; the notes' ABAC roles Heart, Star, Bolt with
	// object tags on a bucket; an organization analyzer and an unused-access
	// analyzer.
	s2 := awscdk.NewStack(app, jsii.String(accessrolesOptionsStack), nil)
	b.bucket = securebucket.New(s2, "Curated", nil)
	b.auditPolicy = awsiam.NewManagedPolicy(s2, jsii.String("Audit"), &awsiam.ManagedPolicyProps{Statements: &[]awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("athena:GetWorkGroup"), Resources: jsii.Strings("arn:" + *s2.Partition() + ":athena:" + *s2.Region() + ":" + *s2.Account() + ":workgroup/audit")}),
	}})
	awscdk.Tags_Of(b.auditPolicy).Add(jsii.String("purpose"), jsii.String("audit"), nil)
	b.options = accessroles.New(s2, "Access", &accessroles.Props{
		SamlProvider: awsiam.SamlProvider_FromSamlProviderArn(s2, jsii.String("Corp"), jsii.String(accessrolesSamlArn)),
		JobFunctions: []accessroles.JobFunction{
			{Name: "Analyst", Level: accessroles.Analyst, Grants: []func(awsiam.IGrantable){func(g awsiam.IGrantable) { b.bucket.Bucket.GrantRead(g, nil) }}},
			{Name: "Steward", Level: accessroles.Admin},
			{Name: "Auditor", ManagedPolicies: []awsiam.IManagedPolicy{b.auditPolicy}},
		},
		Databases:            []string{"sales", "marketing"},
		Workgroups:           []string{"analysts"},
		MaxSessionDuration:   awscdk.Duration_Hours(jsii.Number(4)),
		PermissionsBoundary:  awsiam.ManagedPolicy_FromManagedPolicyName(s2, jsii.String("Boundary"), jsii.String("lake-boundary")),
		Abac:                 &accessroles.Abac{Values: []string{"Heart", "Star", "Bolt"}, Buckets: []awss3.IBucket{b.bucket.Bucket}},
		AnalyzerType:         "ORGANIZATION",
		UnusedAccessAnalyzer: jsii.Bool(true),
		UnusedAccessAgeDays:  30,
	})

	// ABAC only, the project from the session tag; another account's
	// principals with MFA; the analyzer exists.
	s3 := awscdk.NewStack(app, jsii.String(accessrolesSessionStack), nil)
	b.session = accessroles.New(s3, "Access", &accessroles.Props{
		JobFunctions:     []accessroles.JobFunction{},
		TrustedAccount:   accessrolesAccount,
		Abac:             &accessroles.Abac{Values: []string{"Heart", "Star", "Bolt"}, SessionTags: jsii.Bool(true), Actions: []string{"secretsmanager:GetSecretValue", "kms:Decrypt"}},
		ExistingAnalyzer: jsii.Bool(true),
	})
})
