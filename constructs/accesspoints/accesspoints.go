package accesspoints

import (
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// AccessPoints is a set of access points on one bucket, and the statement
// of the bucket's policy that delegates access control to them.
type AccessPoints struct {
	constructs.Construct
	// Bucket the access points are on.
	Bucket awss3.IBucket
	// Key is the bucket's KMS key the grantees were granted (nil for an
	// SSE-S3 bucket).
	Key awskms.IKey
	// Points are the access points in the order of Props.AccessPoints.
	Points []*Point
	// Delegation is the statement added to the bucket's policy (nil with
	// BucketPolicyManagedElsewhere).
	Delegation awsiam.PolicyStatement
}

// Point is one access point.
type Point struct {
	// ID is AccessPoint.ID; Prefix and Access as given (Access filled).
	ID     string
	Prefix string
	Access Access
	// Resource is the AWS::S3::AccessPoint.
	Resource awss3.CfnAccessPoint
	// Name, Arn and Alias of the access point. Name and Arn are built from
	// the name (not read from the resource), so they can be used in
	// policies of resources it depends on; Alias is Fn::GetAtt Alias, the
	// bucket-style name that S3 clients can use instead of the ARN.
	Name  *string
	Arn   *string
	Alias *string
	// Policy is the access point's policy.
	Policy awsiam.PolicyDocument
}

// Point returns the access point with the given ID, or nil.
func (a *AccessPoints) Point(id string) *Point {
	for _, p := range a.Points {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// New creates the access points and adds the delegation statement to the
// bucket's policy. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *AccessPoints {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &AccessPoints{Construct: c, Bucket: p.Bucket, Key: p.Bucket.EncryptionKey()}
	if a.Key == nil {
		a.Key = p.EncryptionKey
	}
	var actions []string
	for _, ap := range p.AccessPoints {
		pt := a.create(c, ap)
		a.Points = append(a.Points, pt)
		actions = append(actions, objectActions(pt.Access)...)
	}
	if !isTrue(p.BucketPolicyManagedElsewhere) {
		a.Delegation = DelegationStatement(p.Bucket, append(actions, "s3:ListBucket"))
		// Sids are unique in a policy: one statement per construct.
		a.Delegation.SetSid(jsii.String("DelegateToAccessPoints" + *awscdk.Names_UniqueId(c)))
		a.Delegation.AddResources(p.Bucket.BucketArn())
		p.Bucket.AddToResourcePolicy(a.Delegation)
	}
	return a
}

// objectActions are the object actions of an access.
func objectActions(a Access) []string {
	if a == ReadWrite {
		return []string{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:AbortMultipartUpload"}
	}
	return []string{"s3:GetObject", "s3:GetObjectVersion"}
}

// DelegationStatement is the bucket-policy statement that delegates access
// control to the access points of the bucket owner's account: any
// principal, but only through an access point of this account
// (s3:DataAccessPointAccount), and only the given actions on the bucket's
// objects (add the bucket ARN for s3:ListBucket). The access points'
// policies then decide who may do what. For a bucket of this app New adds
// it; for an imported bucket, add it where that bucket's policy is managed.
func DelegationStatement(bucket awss3.IBucket, actions []string) awsiam.PolicyStatement {
	seen := map[string]bool{}
	var uniq []string
	for _, x := range actions {
		if !seen[x] {
			seen[x] = true
			uniq = append(uniq, x)
		}
	}
	sort.Strings(uniq)
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Sid:        jsii.String("DelegateToAccessPointsOfThisAccount"),
		Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()},
		Actions:    jsii.Strings(uniq...),
		Resources:  &[]*string{bucket.ArnForObjects(jsii.String("*"))},
		Conditions: &map[string]any{
			"StringEquals": map[string]any{"s3:DataAccessPointAccount": awscdk.Stack_Of(bucket).Account()},
		},
	})
}

// create makes one access point, its policy and the grantees' key grants.
func (a *AccessPoints) create(c constructs.Construct, ap AccessPoint) *Point {
	access := ap.Access
	if access == "" {
		access = Read
	}
	scope := constructs.NewConstruct(c, jsii.String(ap.ID))
	name := ap.Name
	if name == "" {
		name = derivedName(scope)
	}
	stack := awscdk.Stack_Of(c)
	pt := &Point{ID: ap.ID, Prefix: ap.Prefix, Access: access, Name: jsii.String(name)}
	pt.Arn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("s3"), Resource: jsii.String("accesspoint"), ResourceName: jsii.String(name),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
	objects := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("s3"), Resource: jsii.String("accesspoint"), ResourceName: jsii.String(name + "/object/" + ap.Prefix + "*"),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	principals := make([]awsiam.IPrincipal, len(ap.Grantees))
	for i, g := range ap.Grantees {
		principals[i] = g.GrantPrincipal()
	}
	var via map[string]any
	if ap.CalledVia != "" {
		via = map[string]any{"ForAnyValue:StringEquals": map[string]any{"aws:CalledVia": []string{ap.CalledVia}}}
	}
	doc := awsiam.NewPolicyDocument(nil)
	obj := &awsiam.PolicyStatementProps{
		Sid:        jsii.String("ObjectsUnderPrefix"),
		Principals: &principals,
		Actions:    jsii.Strings(objectActions(access)...),
		Resources:  &[]*string{objects},
	}
	if via != nil {
		obj.Conditions = &via
	}
	doc.AddStatements(awsiam.NewPolicyStatement(obj))
	list := &awsiam.PolicyStatementProps{
		Sid:        jsii.String("ListUnderPrefix"),
		Principals: &principals,
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{pt.Arn},
	}
	conds := map[string]any{}
	for k, v := range via {
		conds[k] = v
	}
	if ap.Prefix != "" {
		conds["StringLike"] = map[string]any{"s3:prefix": []string{ap.Prefix + "*"}}
	}
	if len(conds) > 0 {
		list.Conditions = &conds
	}
	doc.AddStatements(awsiam.NewPolicyStatement(list))
	pt.Policy = doc

	props := &awss3.CfnAccessPointProps{
		Bucket: a.Bucket.BucketName(),
		Name:   jsii.String(name),
		Policy: doc,
		PublicAccessBlockConfiguration: &awss3.CfnAccessPoint_PublicAccessBlockConfigurationProperty{
			BlockPublicAcls:       jsii.Bool(true),
			BlockPublicPolicy:     jsii.Bool(true),
			IgnorePublicAcls:      jsii.Bool(true),
			RestrictPublicBuckets: jsii.Bool(true),
		},
	}
	if ap.Vpc != nil {
		props.VpcConfiguration = &awss3.CfnAccessPoint_VpcConfigurationProperty{VpcId: ap.Vpc.VpcId()}
	}
	pt.Resource = awss3.NewCfnAccessPoint(scope, jsii.String("Resource"), props)
	pt.Alias = pt.Resource.AttrAlias()

	if a.Key != nil {
		kmsActions := []string{"kms:Decrypt"}
		if access == ReadWrite {
			kmsActions = append(kmsActions, "kms:GenerateDataKey")
		}
		for _, g := range ap.Grantees {
			a.Key.Grant(g, *jsii.Strings(kmsActions...)...)
		}
	}
	return pt
}

// derivedName is a name for the access point under scope: the stack name
// and construct path with a hash of the path (awscdk.Names.uniqueResourceName),
// lowercase, at most 50 characters. It is a literal, so the access point's
// ARN can appear in its own policy without a circular reference.
func derivedName(scope constructs.Construct) string {
	n := *awscdk.Names_UniqueResourceName(scope, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(50), Separator: jsii.String("-"), AllowedSpecialCharacters: jsii.String("-"),
	})
	n = strings.Trim(strings.ToLower(n), "-")
	for strings.Contains(n, "--") {
		n = strings.ReplaceAll(n, "--", "-")
	}
	return n
}
