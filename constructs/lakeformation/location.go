package lakeformation

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// Location is an S3 prefix registered with Lake Formation
// (AWS::LakeFormation::Resource) and the role Lake Formation uses to read
// and write it on behalf of the principals it has granted.
type Location struct {
	constructs.Construct
	Resource awslakeformation.CfnResource
	// Role is the role of the registration: read and write on exactly the
	// prefix, and the bucket's key.
	Role awsiam.IRole
	// Arn is the registered location (arn:<partition>:s3:::bucket/prefix).
	Arn *string
}

// NewLocation registers Bucket/Prefix with a role scoped to that prefix
// (never the service-linked role, whose S3 access is the whole account's).
func NewLocation(scope constructs.Construct, id string, props *LocationProps) *Location {
	p := LocationProps{}
	if props != nil {
		p = *props
	}
	checkLocation(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	l := &Location{Construct: c}
	prefix := strings.TrimSuffix(p.Prefix, "/")
	l.Arn = p.Bucket.BucketArn()
	if prefix != "" {
		l.Arn = p.Bucket.ArnForObjects(jsii.String(prefix))
	}
	l.Role = p.Role
	if l.Role == nil {
		role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lakeformation.amazonaws.com"), nil),
			Description: jsii.String("Lake Formation reads and writes the registered location " + *c.Node().Path()),
		})
		l.Role = role
	}
	readOnly := p.ReadOnly != nil && *p.ReadOnly
	grantLocation(l.Role, p.Bucket, prefix, readOnly)
	if pol := nag.DefaultPolicy(l.Role); pol != nil {
		nag.Suppress(pol, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			Reason:    "Lake Formation reads and writes every object under the registered prefix on behalf of the principals it granted, so the object grant ends in the prefix and a wildcard.",
			AppliesTo: []string{`/^Resource::<.*\.Arn>\/.*\*$/`, `/^Resource::arn:.*\*$/`},
		})
	}
	hybrid := p.HybridAccess != nil && *p.HybridAccess
	l.Resource = awslakeformation.NewCfnResource(c, jsii.String("Resource"), &awslakeformation.CfnResourceProps{
		ResourceArn:          l.Arn,
		UseServiceLinkedRole: jsii.Bool(false),
		RoleArn:              l.Role.RoleArn(),
		HybridAccessEnabled:  jsii.Bool(hybrid),
	})
	l.Resource.Node().AddDependency(l.Role)
	dependOn(l.Resource, p.Settings)
	return l
}

// grantLocation lets role list the prefix, read (and unless readOnly write
// and delete) its objects, and use the bucket's key.
func grantLocation(role awsiam.IRole, bucket awss3.IBucket, prefix string, readOnly bool) {
	list := &awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:ListBucket", "s3:GetBucketLocation"),
		Resources: &[]*string{bucket.BucketArn()},
	}
	objects := "*"
	if prefix != "" {
		list.Conditions = &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{prefix, prefix + "/*"}}}
		objects = prefix + "/*"
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(list))
	actions := []string{"s3:GetObject"}
	if !readOnly {
		actions = append(actions, "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(actions...),
		Resources: &[]*string{bucket.ArnForObjects(jsii.String(objects))},
	}))
	if k := bucket.EncryptionKey(); k != nil {
		keyActions := []string{"kms:Decrypt", "kms:DescribeKey"}
		if !readOnly {
			keyActions = append(keyActions, "kms:Encrypt", "kms:GenerateDataKey")
		}
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(keyActions...),
			Resources: &[]*string{k.KeyArn()},
		}))
	}
}
