package mskcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// newScram creates one secret per SCRAM user, named AmazonMSK_<cluster>_<user>
// (Amazon MSK only associates secrets whose name starts with AmazonMSK_)
// and encrypted with the cluster's customer managed key (it refuses secrets
// under the default aws/secretsmanager key), and associates them.
func newScram(c constructs.Construct, cl *Cluster, p *Props) {
	cl.ScramSecrets = map[string]awssecretsmanager.ISecret{}
	if !cl.scram || len(p.ScramUsers) == 0 {
		return
	}
	arns := []*string{}
	for _, user := range p.ScramUsers {
		secret := awssecretsmanager.NewSecret(c, jsii.String("Scram-"+user), &awssecretsmanager.SecretProps{
			SecretName:    jsii.String("AmazonMSK_" + cl.Name + "_" + user),
			Description:   jsii.String("SASL/SCRAM user " + user + " of the Amazon MSK cluster " + *c.Node().Path()),
			EncryptionKey: cl.Key,
			RemovalPolicy: sandbox.RemovalPolicy(c),
			GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
				SecretStringTemplate: jsii.String(`{"username":"` + user + `"}`),
				GenerateStringKey:    jsii.String("password"),
				PasswordLength:       jsii.Number(32),
				ExcludePunctuation:   jsii.Bool(true),
			},
		})
		nag.NoRotation(secret, "Amazon MSK has no rotation function for SCRAM credentials: a new password is set by updating the secret (MSK reads it at the next authentication), which the client using it must learn at the same time, so rotation is an operator's step rather than a scheduled Lambda.")
		cl.ScramSecrets[user] = secret
		arns = append(arns, secret.SecretArn())
	}
	cl.ScramSecretBatch = awsmsk.NewCfnBatchScramSecret(c, jsii.String("ScramSecrets"), &awsmsk.CfnBatchScramSecretProps{
		ClusterArn:    cl.Cluster.AttrArn(),
		SecretArnList: &arns,
	})
}
