package fieldencryption

import (
	"encoding/json"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/provider"
)

// Actions are the CloudFront API calls of the custom resource function:
// create, read (for the ETag every delete needs) and delete, of profiles
// and configurations; no update call (a change makes a new pair).
var Actions = []string{
	"cloudfront:CreateFieldLevelEncryptionProfile",
	"cloudfront:GetFieldLevelEncryptionProfile",
	"cloudfront:DeleteFieldLevelEncryptionProfile",
	"cloudfront:CreateFieldLevelEncryptionConfig",
	"cloudfront:GetFieldLevelEncryptionConfig",
	"cloudfront:DeleteFieldLevelEncryptionConfig",
}

// encryption creates the function (functions/fieldencryption), its
// provider and the custom resource declaring the profile and configuration.
func (in *Ingest) encryption(p *Props) {
	c := in.Construct
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/fieldencryption"),
		Key:          in.Key,
		LogRetention: p.LogRetention,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(2)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Declares the CloudFront field-level encryption profile and configuration of " + *c.Node().Path()),
		},
		Invocation: gofunction.Invocation{
			Caller: gofunction.CustomResourceHandler, Bound: gofunction.StackOperation,
			Reaches: "only the CloudFront API (TLS, IAM authentication)",
		},
	})
	in.Function = fn.Function
	// Profile and configuration ids exist only once created, so the
	// statement cannot name them (and the create calls have no resource).
	fn.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(Actions...),
		Resources: jsii.Strings("*"),
	}))
	nag.Suppress(nag.DefaultPolicy(fn.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "The six CloudFront field-level encryption calls (create, get for the ETag, delete of profiles and configurations) act on ids that exist only after creation, so the statement names its actions and uses the resource *.",
		AppliesTo: []string{"Resource::*"},
	})
	prov, provRole := provider.New(c, fn.Function, in.Key, p.LogRetention)
	provider.SuppressInvokeVersions(provRole)

	patterns, _ := json.Marshal(p.FieldPatterns)
	in.Encryption = awscdk.NewCustomResource(c, jsii.String("Encryption"), &awscdk.CustomResourceProps{
		ServiceToken: prov.ServiceToken(),
		ResourceType: jsii.String("Custom::FieldLevelEncryption"),
		Properties: &map[string]any{
			"NamePrefix":                namePrefix(c),
			"PublicKeyId":               in.PublicKey.PublicKeyId(),
			"ProviderId":                p.ProviderId,
			"FieldPatterns":             string(patterns),
			"ForwardUnknownContentType": strconv.FormatBool(p.ForwardUnknownContentType != nil && *p.ForwardUnknownContentType),
		},
		// The profile and configuration are settings, not data: deleting
		// the resource deletes them (after the distribution stops using
		// them).
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	in.Encryption.Node().AddDependency(fn.Role)
	in.ConfigId = in.Encryption.GetAttString(jsii.String("ConfigId"))
	in.ProfileId = in.Encryption.GetAttString(jsii.String("ProfileId"))
}

// namePrefix is the construct's unique id (letters and digits), at most
// 100 characters (the function appends a hash of the settings).
func namePrefix(c constructs.Construct) string {
	id := *awscdk.Names_UniqueId(c)
	if len(id) > 100 {
		id = id[len(id)-100:]
	}
	return id
}
