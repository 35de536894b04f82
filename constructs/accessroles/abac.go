package accessroles

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// tagActions are, per service, the actions that add or remove resource
// tags (authorized against aws:TagKeys). The ABAC policy denies them for
// the tag key; an ABAC action of a service not listed here is refused,
// because its resources could be retagged.
var tagActions = map[string][]string{
	"secretsmanager": {"secretsmanager:TagResource", "secretsmanager:UntagResource"},
	"kms":            {"kms:TagResource", "kms:UntagResource"},
	"dynamodb":       {"dynamodb:TagResource", "dynamodb:UntagResource"},
	"athena":         {"athena:TagResource", "athena:UntagResource"},
	"glue":           {"glue:TagResource", "glue:UntagResource"},
	"kinesis":        {"kinesis:AddTagsToStream", "kinesis:RemoveTagsFromStream", "kinesis:TagResource", "kinesis:UntagResource"},
	"states":         {"states:TagResource", "states:UntagResource"},
}

// identityTagActions change the tags of IAM roles and users, that is of
// principals: with them a principal could give itself another project.
var identityTagActions = []string{"iam:TagRole", "iam:UntagRole", "iam:TagUser", "iam:UntagUser"}

// PolicyVariable is "${aws:PrincipalTag/<key>}".
func PolicyVariable(tagKey string) string { return "${aws:PrincipalTag/" + tagKey + "}" }

func (a *AccessRoles) abac(p *Props, t *trust) {
	ab := p.Abac
	scope := constructs.NewConstruct(a.Construct, jsii.String("Abac"))
	stmts := AbacStatements(ab.TagKey, ab.Actions, abacObjects(a.Construct, ab))
	mp := awsiam.NewManagedPolicy(scope, jsii.String("Policy"), &awsiam.ManagedPolicyProps{
		Description: jsii.String("ABAC on tag " + ab.TagKey + " of " + *a.Node().Path()),
		Statements:  &stmts,
	})
	nag.Suppress(mp, nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Resource::*", `/^Resource::.*\/\*$/`},
		Reason:    "ABAC chooses resources by tag, not by ARN: the Allow on any resource holds only when aws:ResourceTag (or the object tag) equals the principal's tag, and the Deny statements apply to every resource on purpose.",
	})
	a.AbacPolicy = mp
	policies := []awsiam.IManagedPolicy{mp}
	if isTrue(ab.SessionTags) {
		role := t.role(scope, "Session", "ABAC role of "+*a.Node().Path()+": project from the session tag "+ab.TagKey, p, policies)
		role.AssumeRolePolicy().AddStatements(t.tagSession(ab.TagKey, ab.Values))
		a.AbacRoles[""] = role
		return
	}
	for _, v := range ab.Values {
		role := t.role(scope, "Project"+v, "ABAC role of "+*a.Node().Path()+" for "+ab.TagKey+" "+v, p, policies)
		awscdk.Tags_Of(role).Add(jsii.String(ab.TagKey), jsii.String(v), nil)
		role.AssumeRolePolicy().AddStatements(t.tagSession(ab.TagKey, []string{v}))
		a.AbacRoles[v] = role
	}
}

// AbacObjects are the S3 objects the ABAC policy covers.
type AbacObjects struct {
	// ObjectArns are the buckets' object ARNs (arn:...:s3:::bucket/*).
	ObjectArns []string
	// KeyArns are the buckets' customer managed keys, usable only through
	// S3 (kms:ViaService = ViaService): the object tag decides access, the
	// key is shared by every project of the bucket.
	KeyArns    []string
	ViaService string
}

func abacObjects(scope constructs.Construct, ab *Abac) *AbacObjects {
	if len(ab.Buckets) == 0 {
		return nil
	}
	o := &AbacObjects{ViaService: "s3." + *awscdk.Stack_Of(scope).Region() + ".amazonaws.com"}
	for _, b := range ab.Buckets {
		o.ObjectArns = append(o.ObjectArns, *b.ArnForObjects(jsii.String("*")))
		if k := b.EncryptionKey(); k != nil {
			o.KeyArns = append(o.KeyArns, *k.KeyArn())
		}
	}
	return o
}

// AbacStatements are the statements of the ABAC policy for tagKey: allow
// actions where the resource's tag equals the principal's, read and write
// objects by the same rule (nil: none), and deny every way of changing the
// tag on resources, objects and principals. Exported so that tests (and
// users) can evaluate the policy as a document.
func AbacStatements(tagKey string, actions []string, objects *AbacObjects) []awsiam.PolicyStatement {
	same := PolicyVariable(tagKey)
	out := []awsiam.PolicyStatement{
		// The one rule of ABAC: same tag value on both sides. A principal
		// or resource without the tag never matches (the variable or the key
		// is missing, so the condition is false).
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("AllowSameProjectResources"),
			Actions:    jsii.Strings(actions...),
			Resources:  jsii.Strings("*"),
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/" + tagKey: same}},
		}),
	}
	if objects != nil {
		objectArns := objects.ObjectArns
		out = append(out,
			// S3 objects carry their own tags (s3:ExistingObjectTag), not
			// aws:ResourceTag.
			awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:        jsii.String("ReadSameProjectObjects"),
				Actions:    jsii.Strings("s3:GetObject", "s3:GetObjectVersion"),
				Resources:  jsii.Strings(objectArns...),
				Conditions: &map[string]any{"StringEquals": map[string]any{"s3:ExistingObjectTag/" + tagKey: same}},
			}),
			// Writes must be tagged with the writer's own project, so no
			// one plants data in (or hides it from) another project.
			awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:        jsii.String("WriteObjectsTaggedWithOwnProject"),
				Actions:    jsii.Strings("s3:PutObject"),
				Resources:  jsii.Strings(objectArns...),
				Conditions: &map[string]any{"StringEquals": map[string]any{"s3:RequestObjectTag/" + tagKey: same}},
			}))
		if len(objects.KeyArns) > 0 {
			out = append(out, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Sid:        jsii.String("UseTheBucketKeysThroughS3"),
				Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey"),
				Resources:  jsii.Strings(objects.KeyArns...),
				Conditions: &map[string]any{"StringEquals": map[string]any{"kms:ViaService": objects.ViaService}},
			}))
		}
	}
	// Threat: a principal that also holds tagging permissions from another
	// policy retags a Star resource as Heart (or removes the tag) and so
	// moves it into its own project. Denied for every resource of the
	// services of the ABAC actions, whatever the new value.
	retag := append([]string{}, identityTagActions...)
	seen := map[string]bool{}
	for _, a := range actions {
		prefix, _, _ := strings.Cut(a, ":")
		if !seen[prefix] {
			seen[prefix] = true
			retag = append(retag, tagActions[prefix]...)
		}
	}
	sort.Strings(retag)
	out = append(out,
		// Threat: a principal retags a resource into its own project, or
		// retags its own role (iam:TagRole) into another project.
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("DenyChangingTheProjectTag"),
			Effect:     awsiam.Effect_DENY,
			Actions:    jsii.Strings(retag...),
			Resources:  jsii.Strings("*"),
			Conditions: &map[string]any{"ForAnyValue:StringEquals": map[string]any{"aws:TagKeys": []string{tagKey}}},
		}),
		// Threat: the same through object tags: retag or untag an object
		// that carries the key (PutObjectTagging replaces the whole set).
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("DenyChangingTaggedObjects"),
			Effect:     awsiam.Effect_DENY,
			Actions:    jsii.Strings("s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"),
			Resources:  jsii.Strings("*"),
			Conditions: &map[string]any{"Null": map[string]any{"s3:ExistingObjectTag/" + tagKey: "false"}},
		}),
		// Threat: tag an untagged object into a project.
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("DenyTaggingObjectsWithTheKey"),
			Effect:     awsiam.Effect_DENY,
			Actions:    jsii.Strings("s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
			Resources:  jsii.Strings("*"),
			Conditions: &map[string]any{"ForAnyValue:StringEquals": map[string]any{"s3:RequestObjectTagKeys": []string{tagKey}}},
		}),
	)
	return out
}
