package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// secret creates the deterministic-token key: 64 generated letters and
// digits (about 380 bits), encrypted with the storage key, read only by the
// tokenize role at cold start. It is never rotated automatically: a new
// key gives every value a new token, so rotating it is a migration
// (re-tokenize the application's data), not a schedule.
func (v *Vault) secret() {
	v.HMACSecret = awssecretsmanager.NewSecret(v.Construct, jsii.String("HmacKey"), &awssecretsmanager.SecretProps{
		Description:   jsii.String("HMAC key of the deterministic tokens of " + *v.Node().Path()),
		EncryptionKey: v.StorageKey,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			PasswordLength:     jsii.Number(64),
			ExcludePunctuation: jsii.Bool(true),
		},
		RemovalPolicy: sandbox.RemovalPolicy(v.Construct),
	})
}
