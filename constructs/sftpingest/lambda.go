package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awstransfer"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
)

// lambdaProvider creates the custom identity provider: the role every
// Lambda-authenticated user gets (the whole lake prefix; the function's
// session policy narrows each login to the user's own folders) and the
// function functions/sftpauth, allowed to read the secrets under
// SecretPrefix (decrypting them with the construct's key through Secrets
// Manager).
func (in *Ingest) lambdaProvider(p *Props) *awstransfer.CfnServer_IdentityProviderDetailsProperty {
	stack := awscdk.Stack_Of(in.Construct)
	in.SecretPrefix = p.SecretPrefix
	if in.SecretPrefix == "" {
		in.SecretPrefix = "sftp/" + *in.Node().Addr()
	}
	users := in.transferRole(in.Construct, "LambdaUsersRole", "SFTP users of "+*in.Node().Path()+" authenticated by its function: the lake prefix, narrowed per login by a session policy", "user/*")
	in.allowPrefixes(users, "Lake", []string{in.LakePrefix}, UserObjectActions)
	in.allowBucketKey(users)
	in.LambdaUsersRole = users

	c := constructs.NewConstruct(in.Construct, jsii.String("Auth"))
	env := map[string]*string{
		"SECRET_PREFIX": jsii.String(in.SecretPrefix),
		"BUCKET":        in.Bucket.BucketName(),
		"BUCKET_ARN":    in.Bucket.BucketArn(),
		"LAKE_PREFIX":   jsii.String(in.LakePrefix),
		"ROLE_ARN":      users.RoleArn(),
		// PUBLIC_KEY_AND_PASSWORD: password logins answer the keys too.
		"AUTHENTICATION_METHODS": jsii.String(p.AuthenticationMethods),
	}
	if in.BucketKey != nil {
		env["KEY_ARN"] = in.BucketKey.KeyArn()
	}
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/sftpauth"),
		Key:          in.Key,
		LogRetention: p.LogRetention,
		// A password login costs one PBKDF2 of 600,000 iterations
		// (BenchmarkVerify): about 0.6 s of a core, so 1024 MB (≈ 0.6
		// vCPU) answers within about a second.
		Memory:  1024,
		Timeout: awscdk.Duration_Seconds(jsii.Number(10)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Authenticates the SFTP users of " + *in.Node().Path() + " against their records in Secrets Manager"),
			Environment: &env,
		},
		Invocation: gofunction.Invocation{
			Caller: "AWS Transfer Family invokes it synchronously for each login (a dead-letter queue receives only failed asynchronous invocations) " +
				"and refuses the login on an error",
			Bound:   "it runs once per login attempt, and a login it cannot serve is refused, not queued",
			Reaches: "only the Secrets Manager API (TLS, IAM authentication)",
		},
	})
	fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:     jsii.String("ReadUserRecords"),
		Actions: jsii.Strings("secretsmanager:GetSecretValue"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("secretsmanager"), Resource: jsii.String("secret"),
			ResourceName: jsii.String(in.SecretPrefix + "/*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
	fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("DecryptUserRecords"),
		Actions:   jsii.Strings("kms:Decrypt"),
		Resources: &[]*string{in.Key.KeyArn()},
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"kms:ViaService": "secretsmanager." + *stack.Region() + "." + *stack.UrlSuffix()},
		},
	}))
	in.AuthFunction, in.AuthRole, in.AuthLogGroup = fn.Function, fn.Role, fn.LogGroup
	return &awstransfer.CfnServer_IdentityProviderDetailsProperty{
		Function:                  fn.Function.FunctionArn(),
		SftpAuthenticationMethods: jsii.String(p.AuthenticationMethods),
	}
}

// allowInvoke lets this server, and only it, invoke the function.
func (in *Ingest) allowInvoke() {
	in.AuthFunction.AddPermission(jsii.String("InvokeByTransfer"), &awslambda.Permission{
		Principal:     awsiam.NewServicePrincipal(jsii.String("transfer.amazonaws.com"), nil),
		SourceArn:     in.Server.AttrArn(),
		SourceAccount: awscdk.Stack_Of(in.Construct).Account(),
	})
}
