package streamtoopensearch

import (
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Snapshots registers an S3 bucket as the domain's manual snapshot
// repository (catalogue STO-06), besides the hourly automated snapshots
// OpenSearch Service keeps for 14 days on its own.
type Snapshots struct {
	// RepositoryName of the repository (_snapshot/<name>).
	// @default "manual"
	RepositoryName *string
	// ExistingBucket holds the snapshots instead of a new securebucket.
	ExistingBucket awss3.IBucket
	// BucketProps configure the new bucket.
	BucketProps *securebucket.Props
}

// Cognito turns on Amazon Cognito authentication for OpenSearch Dashboards
// (catalogue STO-06): users sign in through a user pool; the identity
// pool's authenticated role is mapped to readall and kibana_user (add it to
// AdminRoleArns for more).
type Cognito struct {
	// UserPoolID and IdentityPoolID are existing pools (both or neither);
	// give AuthenticatedRoleArn with them.
	// @default a new user pool (no self sign-up, MFA required, a Cognito
	// domain) and a new identity pool without unauthenticated identities
	UserPoolID     *string
	IdentityPoolID *string
	// AuthenticatedRoleArn is the identity pool's authenticated role
	// (existing pools only); it is mapped in the domain.
	AuthenticatedRoleArn *string
}

var repoNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,127}$`)

func checkSecurityOptions(pr *propcheck.Problems, scope constructs.Construct, p *Props) {
	if sn := p.Snapshots; sn != nil {
		if sn.ExistingBucket != nil && sn.BucketProps != nil {
			pr.Add("Snapshots.ExistingBucket and Snapshots.BucketProps", "both given", "an existing bucket or the props of a new securebucket, not both")
		}
		if n := sn.RepositoryName; n != nil && (!repoNameRE.MatchString(*n) || strings.HasPrefix(*n, "cs-")) {
			pr.Add("Snapshots.RepositoryName", *n, "1 to 128 of a-z 0-9 _ . -, not starting with cs- (the service's automated snapshots)")
		}
	}
	if cg := p.Cognito; cg != nil {
		existing := 0
		for _, v := range []*string{cg.UserPoolID, cg.IdentityPoolID, cg.AuthenticatedRoleArn} {
			if v != nil {
				existing++
			}
		}
		if existing != 0 && existing != 3 {
			pr.Add("Cognito", "UserPoolID/IdentityPoolID/AuthenticatedRoleArn partly given", "all three (existing pools) or none (new pools)")
		}
		if a := cg.AuthenticatedRoleArn; a != nil && !*awscdk.Token_IsUnresolved(*a) && !iamRoleRE.MatchString(*a) {
			pr.Add("Cognito.AuthenticatedRoleArn", *a, "an IAM role ARN")
		}
		if dp := p.DomainProps; dp != nil && dp.CognitoDashboardsAuth != nil {
			pr.Add("Cognito", "with DomainProps.CognitoDashboardsAuth", "Cognito only")
		}
	}
}

// newSnapshots creates the bucket, the role OpenSearch Service assumes to
// write it, and registers the repository through the access function,
// whose role may pass the snapshot role. It returns the repository name.
func newSnapshots(c constructs.Construct, s *StreamToOpenSearch, p *Props) string {
	sn := p.Snapshots
	if sn == nil {
		return ""
	}
	name := "manual"
	if sn.RepositoryName != nil {
		name = *sn.RepositoryName
	}
	bucket := sn.ExistingBucket
	if bucket == nil {
		bucket = securebucket.New(c, "Snapshots", sn.BucketProps).Bucket
	}
	s.SnapshotBucket = bucket
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("SnapshotRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("es.amazonaws.com"), nil).WithConditions(&map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()},
			"ArnLike":      map[string]any{"aws:SourceArn": s.Domain.DomainArn()},
		}),
		Description: jsii.String("OpenSearch Service writes the manual snapshots of " + *c.Node().Path()),
	})
	bucket.GrantReadWrite(role, nil)
	s.SnapshotRole = role
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*", "Action::s3:Abort*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*", "/^Resource::<.*\\.Arn>/\\*$/", "/^Resource::arn:.*:s3:::.*/\\*$/"},
		Reason:    "OpenSearch Service writes, reads and deletes snapshot files it names itself in the snapshot bucket only (CDK's read/write grant, with its key).",
	})
	fnRole := s.AccessFunction.Role()
	role.GrantPassRole(fnRole)
	s.SnapshotRepository = s.AddAccessResource("SnapshotRepository", "Custom::OpenSearchSnapshotRepository", []string{"_snapshot/*"}, map[string]any{
		"RepositoryName": name,
		"Bucket":         bucket.BucketName(),
		"Region":         stack.Region(),
		"RoleArn":        role.RoleArn(),
		"BasePath":       "snapshots",
	})
	s.SnapshotRepository.Node().AddDependency(role)
	return name
}

// allowCognitoUsers lets the created pool's signed-in users call the
// domain (once it exists).
func allowCognitoUsers(s *StreamToOpenSearch) {
	if s.cognitoUsers == nil {
		return
	}
	s.cognitoUsers.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("es:ESHttpGet", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete", "es:ESHttpHead", "es:ESHttpPatch"),
		Resources: jsii.Strings(*s.Domain.DomainArn() + "/*"),
	}))
	nag.Suppress(nag.DefaultPolicy(s.cognitoUsers), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"/^Resource::<.*\\.Arn>/\\*$/"},
		Reason:    "Signed-in Dashboards users call the domain's paths; fine-grained access control decides what they may read (readall, kibana_user).",
	})
}

// newCognito is the domain's CognitoDashboardsAuth and the authenticated
// role to map, creating the pools when none are given.
func newCognito(c constructs.Construct, s *StreamToOpenSearch, p *Props) (*awsopensearchservice.CognitoOptions, *string) {
	cg := p.Cognito
	if cg == nil {
		return nil, nil
	}
	scope := constructs.NewConstruct(c, jsii.String("Cognito"))
	stack := awscdk.Stack_Of(c)
	userPoolID, identityPoolID, authRole := cg.UserPoolID, cg.IdentityPoolID, cg.AuthenticatedRoleArn
	if userPoolID == nil {
		pool := awscognito.NewUserPool(scope, jsii.String("UserPool"), &awscognito.UserPoolProps{
			SelfSignUpEnabled: jsii.Bool(false),
			SignInAliases:     &awscognito.SignInAliases{Email: jsii.Bool(true), Username: jsii.Bool(true)},
			Mfa:               awscognito.Mfa_REQUIRED,
			MfaSecondFactor:   &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
			PasswordPolicy: &awscognito.PasswordPolicy{
				MinLength: jsii.Number(12), RequireDigits: jsii.Bool(true), RequireLowercase: jsii.Bool(true),
				RequireUppercase: jsii.Bool(true), RequireSymbols: jsii.Bool(true),
			},
			AccountRecovery: awscognito.AccountRecovery_EMAIL_ONLY,
			// Threat protection (compromised credentials, risky sign-ins)
			// needs the Plus plan, billed per monthly active user: a few
			// Dashboards users cost cents.
			FeaturePlan:                  awscognito.FeaturePlan_PLUS,
			StandardThreatProtectionMode: awscognito.StandardThreatProtectionMode_FULL_FUNCTION,
			RemovalPolicy:                sandbox.RemovalPolicy(c),
		})
		// OpenSearch Service signs users in through the pool's hosted UI,
		// which needs a Cognito domain: a prefix unique per account.
		pool.AddDomain(jsii.String("Domain"), &awscognito.UserPoolDomainOptions{CognitoDomain: &awscognito.CognitoDomainOptions{
			DomainPrefix: awscdk.Fn_Join(jsii.String(""), jsii.Strings("os-"+(*scope.Node().Addr())[:12]+"-", *stack.Account())),
		}})
		idPool := awscognito.NewCfnIdentityPool(scope, jsii.String("IdentityPool"), &awscognito.CfnIdentityPoolProps{
			AllowUnauthenticatedIdentities: jsii.Bool(false),
		})
		// OpenSearch Service adds its app client to both pools itself.
		role := awsiam.NewRole(scope, jsii.String("AuthenticatedRole"), &awsiam.RoleProps{
			AssumedBy: awsiam.NewFederatedPrincipal(jsii.String("cognito-identity.amazonaws.com"), &map[string]any{
				"StringEquals":           map[string]any{"cognito-identity.amazonaws.com:aud": idPool.Ref()},
				"ForAnyValue:StringLike": map[string]any{"cognito-identity.amazonaws.com:amr": "authenticated"},
			}, jsii.String("sts:AssumeRoleWithWebIdentity")),
			Description: jsii.String("Users signed in to the Dashboards of " + *c.Node().Path()),
		})
		s.cognitoUsers = role
		awscognito.NewCfnIdentityPoolRoleAttachment(scope, jsii.String("Roles"), &awscognito.CfnIdentityPoolRoleAttachmentProps{
			IdentityPoolId: idPool.Ref(),
			Roles:          &map[string]any{"authenticated": role.RoleArn()},
		})
		userPoolID, identityPoolID, authRole = pool.UserPoolId(), idPool.Ref(), role.RoleArn()
		s.UserPool = pool
	}
	// The role OpenSearch Service assumes to configure the pools (what the
	// AWS managed AmazonOpenSearchServiceCognitoAccess policy allows,
	// scoped to these pools).
	osRole := awsiam.NewRole(scope, jsii.String("OpenSearchRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("es.amazonaws.com"), nil),
		Description: jsii.String("OpenSearch Service configures the Cognito pools of " + *c.Node().Path()),
	})
	osRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("cognito-idp:DescribeUserPool", "cognito-idp:CreateUserPoolClient", "cognito-idp:DeleteUserPoolClient",
			"cognito-idp:UpdateUserPoolClient", "cognito-idp:DescribeUserPoolClient", "cognito-idp:AdminInitiateAuth",
			"cognito-idp:AdminUserGlobalSignOut", "cognito-idp:ListUserPoolClients"),
		Resources: jsii.Strings(*stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("cognito-idp"), Resource: jsii.String("userpool"), ResourceName: userPoolID})),
	}))
	osRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("cognito-identity:DescribeIdentityPool", "cognito-identity:UpdateIdentityPool", "cognito-identity:GetIdentityPoolRoles"),
		Resources: jsii.Strings(*stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("cognito-identity"), Resource: jsii.String("identitypool"), ResourceName: identityPoolID})),
	}))
	osRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("iam:GetRole", "iam:PassRole"),
		Resources:  jsii.Strings(*authRole),
		Conditions: &map[string]any{"StringEqualsIfExists": map[string]any{"iam:PassedToService": "cognito-identity.amazonaws.com"}},
	}))
	s.CognitoRole = osRole
	return &awsopensearchservice.CognitoOptions{
		UserPoolId:     userPoolID,
		IdentityPoolId: identityPoolID,
		Role:           osRole,
	}, authRole
}
