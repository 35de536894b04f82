package tokenvault

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
)

// functions creates the two functions from the one binary
// functions/tokenize, each with its own role, log group and permissions.
func (v *Vault) functions(p *Props, net *network) {
	tok := v.function(p, net, "Tokenize", "tokenize", "Turns values into tokens in the vault ")
	v.TokenizeFunction, v.TokenizeRole, v.TokenizeLogGroup = tok.Function, tok.Role, tok.LogGroup
	det := v.function(p, net, "Detokenize", "detokenize", "Turns tokens back into values from the vault ")
	v.DetokenizeFunction, v.DetokenizeRole, v.DetokenizeLogGroup = det.Function, det.Role, det.LogGroup

	// Tokenize: new items only (PutItem with attribute_not_exists; no
	// update, no delete) and data keys under the vault's context.
	v.Table.Grant(tok.Role, jsii.String("dynamodb:PutItem"))
	v.allowEnvelopeKey(tok.Role, "kms:GenerateDataKey")
	// Detokenize: read items and decrypt their data keys.
	v.Table.Grant(det.Role, jsii.String("dynamodb:BatchGetItem"), jsii.String("dynamodb:GetItem"))
	v.allowEnvelopeKey(det.Role, "kms:Decrypt")
	for _, role := range []awsiam.IRole{tok.Role, det.Role} {
		v.allowTableKey(role)
	}
	if v.HMACSecret != nil {
		v.HMACSecret.GrantRead(tok.Role, nil)
	}
}

func (v *Vault) function(p *Props, net *network, id, mode, what string) gofunction.Function {
	c := constructs.NewConstruct(v.Construct, jsii.String(id))
	maxAge := 300.0
	if p.DataKeyMaxAge != nil {
		maxAge = seconds(p.DataKeyMaxAge)
	}
	maxUses := p.DataKeyMaxUses
	if maxUses == 0 {
		maxUses = DefaultDataKeyMaxUses
	}
	env := map[string]*string{
		"MODE":                     jsii.String(mode),
		"TABLE_NAME":               v.Table.TableName(),
		"KEY_ARN":                  v.Key.KeyArn(),
		"DATA_KEY_MAX_AGE_SECONDS": jsii.String(strconv.Itoa(int(maxAge))),
		"DATA_KEY_MAX_USES":        jsii.String(strconv.Itoa(int(maxUses))),
	}
	if mode == "tokenize" && v.HMACSecret != nil {
		env["HMAC_SECRET_ARN"] = v.HMACSecret.SecretArn()
	}
	fp := &awslambda.FunctionProps{
		Description: jsii.String(what + *v.Node().Path()),
		Environment: &env,
		// Invoked synchronously by the application: a failure is the
		// caller's error to handle, so there is no retry and no
		// dead-letter queue.
		Timeout: awscdk.Duration_Seconds(jsii.Number(30)),
	}
	if p.ReservedConcurrency > 0 {
		fp.ReservedConcurrentExecutions = jsii.Number(p.ReservedConcurrency)
	}
	if net != nil {
		fp.Vpc, fp.VpcSubnets = p.Vpc, net.subnets
		fp.SecurityGroups = &[]awsec2.ISecurityGroup{net.sg}
	}
	memory := p.MemorySize
	if memory == 0 {
		memory = 256
	}
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/tokenize"),
		Key:          v.StorageKey,
		LogRetention: p.LogRetention,
		Memory:       memory,
		Props:        fp,
		Invocation: gofunction.Invocation{
			Caller:  "its callers invoke it synchronously with the values (a dead-letter queue receives only failed asynchronous invocations) and receive the error",
			Bound:   "its callers' own concurrency bounds it, and an invocation beyond the account's free concurrency is refused with a throttling error the caller retries",
			Reaches: "only the DynamoDB, KMS and Secrets Manager APIs (TLS, IAM authentication)",
		},
	})
	if net != nil {
		allowVpcAccess(fn.Role)
	}
	return fn
}

// kmsContextCondition requires the vault's encryption context, and no
// other key in it.
func (v *Vault) kmsContextCondition() *map[string]any {
	return &map[string]any{
		"StringEquals":              map[string]any{"kms:EncryptionContext:" + EncryptionContextKey: v.Table.TableName()},
		"ForAllValues:StringEquals": map[string]any{"kms:EncryptionContextKeys": []string{EncryptionContextKey}},
	}
}

// allowEnvelopeKey lets role use the envelope key for action with the
// vault's encryption context only. No CDK grant expresses the condition.
func (v *Vault) allowEnvelopeKey(role awsiam.IRole, action string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("EnvelopeKey"),
		Actions:    jsii.Strings(action),
		Resources:  &[]*string{v.Key.KeyArn()},
		Conditions: v.kmsContextCondition(),
	}))
}

// allowTableKey lets role use the table's key through DynamoDB only (the
// table's customer managed key decrypts the table key on the caller's
// behalf); nothing when the table has no customer managed key.
func (v *Vault) allowTableKey(role awsiam.IRole) {
	k := v.Table.EncryptionKey()
	if k == nil {
		return
	}
	stack := awscdk.Stack_Of(v.Construct)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:       jsii.String("TableKeyThroughDynamoDB"),
		Actions:   jsii.Strings("kms:Decrypt", "kms:DescribeKey"),
		Resources: &[]*string{k.KeyArn()},
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"kms:ViaService": "dynamodb." + *stack.Region() + "." + *stack.UrlSuffix()},
		},
	}))
}

// allowVpcAccess gives role what Lambda needs to attach the function to
// the VPC (the actions of AWSLambdaVPCAccessExecutionRole, which have no
// resource-level form).
func allowVpcAccess(role awsiam.IRole) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
			"ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"),
		Resources: jsii.Strings("*"),
	}))
}
