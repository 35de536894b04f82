package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Vault is the tokenization vault: the table, the envelope key, and the
// tokenize and detokenize functions with separate roles.
type Vault struct {
	constructs.Construct
	// Table holds token → ciphertext, encrypted data key, key ARN, context,
	// creation time.
	Table awsdynamodb.ITable
	// Key generates and decrypts the data keys (envelope encryption).
	Key awskms.IKey
	// StorageKey encrypts the table (when created), the log groups and the
	// secret.
	StorageKey awskms.IKey

	// TokenizeFunction turns values into tokens; its role may generate
	// data keys and put new items, and nothing else.
	TokenizeFunction awslambda.IFunction
	TokenizeRole     awsiam.IRole
	TokenizeLogGroup awslogs.ILogGroup
	// DetokenizeFunction turns tokens back into values; its role may read
	// items and decrypt data keys, and nothing else.
	DetokenizeFunction awslambda.IFunction
	DetokenizeRole     awsiam.IRole
	DetokenizeLogGroup awslogs.ILogGroup

	// HMACSecret holds the deterministic-token key; nil for random tokens.
	HMACSecret awssecretsmanager.ISecret

	// SecurityGroup of both functions in a VPC (HTTPS out only); nil
	// outside one.
	SecurityGroup awsec2.ISecurityGroup
	// DynamoDBEndpoint, KMSEndpoint and SecretsManagerEndpoint are the
	// endpoints Props.Endpoints created (nil otherwise); EndpointSecurityGroup
	// lets the functions' group reach the interface endpoints.
	DynamoDBEndpoint       awsec2.IGatewayVpcEndpoint
	KMSEndpoint            awsec2.IInterfaceVpcEndpoint
	SecretsManagerEndpoint awsec2.IInterfaceVpcEndpoint
	EndpointSecurityGroup  awsec2.ISecurityGroup
}

// New creates the vault. props may be nil. Invalid props fail synthesis
// with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Vault {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	v := &Vault{Construct: c, Key: p.EncryptionKey, StorageKey: p.StorageKey}
	if v.StorageKey == nil {
		v.StorageKey = keys.NewForLogs(c, "StorageKey", "Encrypts the vault table, logs and secret of "+*c.Node().Path())
	}
	if v.Key == nil {
		v.Key = keys.New(c, "Key", "Envelope key of the tokenization vault "+*c.Node().Path()+": generates and decrypts its data keys only", nil)
	}
	v.table(&p)
	if isTrue(p.Deterministic) {
		v.secret()
	}
	var net *network
	if p.Vpc != nil {
		net = v.network(&p)
	}
	v.functions(&p, net)
	if p.EncryptionKey == nil {
		v.keyPolicy()
	}
	if net != nil && isTrue(p.Endpoints) {
		v.endpoints(&p, net)
	}
	v.suppress(net != nil)
	return v
}

// GrantTokenize lets grantee invoke the tokenize function (only: it gives
// no way to detokenize). For a principal of another account, add a
// resource policy with TokenizeFunction.AddPermission.
func (v *Vault) GrantTokenize(grantee awsiam.IGrantable) awsiam.Grant {
	return grantInvoke(grantee, v.TokenizeFunction)
}

// GrantDetokenize lets grantee invoke the detokenize function, which
// returns plaintext values: grant it to as few principals as possible.
func (v *Vault) GrantDetokenize(grantee awsiam.IGrantable) awsiam.Grant {
	return grantInvoke(grantee, v.DetokenizeFunction)
}

// grantInvoke is lambda:InvokeFunction on the function's ARN only
// (Function.GrantInvoke also grants every version and alias, "<arn>:*",
// which the vault does not publish).
func grantInvoke(grantee awsiam.IGrantable, fn awslambda.IFunction) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("lambda:InvokeFunction"),
		ResourceArns: &[]*string{fn.FunctionArn()},
	})
}

func isTrue(b *bool) bool { return b != nil && *b }

// seconds is d in whole seconds.
func seconds(d awscdk.Duration) float64 {
	return *d.ToSeconds(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
}
