package keystore

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// AdminActions are the key administrators' actions, named one by one (no
// wildcard): manage, describe, tag, rotate and schedule deletion, never
// encrypt, decrypt or create grants.
var AdminActions = []string{
	"kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey",
	"kms:DisableKey", "kms:DisableKeyRotation", "kms:EnableKey", "kms:EnableKeyRotation",
	"kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListAliases", "kms:ListGrants",
	"kms:ListKeyPolicies", "kms:ListKeyRotations", "kms:ListResourceTags", "kms:PutKeyPolicy",
	"kms:ReplicateKey", "kms:RevokeGrant", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
	"kms:TagResource", "kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
	"kms:UpdatePrimaryRegion",
}

// UserActions are the key users' actions (grantEncryptDecrypt without its
// wildcards): encrypt, decrypt, re-encrypt and generate data keys.
var UserActions = []string{
	"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
	"kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo",
}

// Key is a customer managed KMS key whose policy separates the principals
// that manage it from those that use it, with an optional alias.
type Key struct {
	constructs.Construct
	// Key is the created key, or Props.ExistingKey.
	Key awskms.IKey
	// Alias is the alias, nil without Props.Alias; AliasName its name.
	Alias     awskms.IAlias
	AliasName string
}

// New creates the key (or wraps Props.ExistingKey), grants Users and adds
// the alias. props may be nil. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Key {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	k := &Key{Construct: c, Key: p.ExistingKey}
	if k.Key == nil {
		rotation := p.RotationPeriod
		if rotation == nil {
			rotation = awscdk.Duration_Days(jsii.Number(DefaultRotationPeriod))
		}
		desc := p.Description
		if desc == "" {
			desc = "Customer managed key of " + *c.Node().Path()
		}
		kp := &awskms.KeyProps{
			EnableKeyRotation: jsii.Bool(true),
			RotationPeriod:    rotation,
			MultiRegion:       p.MultiRegion,
			RemovalPolicy:     sandbox.RemovalPolicy(c),
		}
		key := keys.New(c, "Key", desc, kp)
		if len(p.Admins) > 0 {
			key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:        jsii.String("KeyAdministrators"),
				Principals: &p.Admins,
				Actions:    jsii.Strings(AdminActions...),
				Resources:  jsii.Strings("*"),
			}), jsii.Bool(false))
		}
		k.Key = key
	}
	for _, u := range p.Users {
		k.Key.Grant(u, *jsii.Strings(UserActions...)...)
	}
	if p.Alias != "" {
		k.AliasName = p.Alias
		k.Alias = awskms.NewAlias(c, jsii.String("Alias"), &awskms.AliasProps{
			AliasName:     jsii.String(p.Alias),
			TargetKey:     k.Key,
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
	}
	return k
}
