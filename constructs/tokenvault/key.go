package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// keyPolicy adds to the envelope key's policy (a key this construct
// created) the statements that make the roles' permissions the only ones:
// whatever IAM policies the account's other principals have, only the
// tokenize role can generate data keys (or encrypt), only the detokenize
// role can decrypt, and nobody can re-encrypt (ReEncryptFrom would decrypt
// into a key the caller controls). The key's administration stays with the
// account (CDK's default statement), so the policy can be changed in a
// break-glass procedure, which CloudTrail records.
func (v *Vault) keyPolicy() {
	deny := func(sid string, actions []string, except *string) {
		st := &awsiam.PolicyStatementProps{
			Sid:        jsii.String(sid),
			Effect:     awsiam.Effect_DENY,
			Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
			Actions:    jsii.Strings(actions...),
			Resources:  jsii.Strings("*"),
		}
		if except != nil {
			st.Conditions = &map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": except}}
		}
		v.Key.AddToResourcePolicy(awsiam.NewPolicyStatement(st), jsii.Bool(false))
	}
	deny("DenyDataKeysButTokenize", []string{"kms:GenerateDataKey*", "kms:Encrypt"}, v.TokenizeRole.RoleArn())
	deny("DenyDecryptButDetokenize", []string{"kms:Decrypt"}, v.DetokenizeRole.RoleArn())
	deny("DenyReEncrypt", []string{"kms:ReEncrypt*"}, nil)
}
