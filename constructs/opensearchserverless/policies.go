package opensearchserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchserverless"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Data-plane permissions of the data access policy, per kind of principal.
var (
	writerIndex     = []string{"aoss:CreateIndex", "aoss:UpdateIndex", "aoss:DescribeIndex", "aoss:WriteDocument"}
	readerIndex     = []string{"aoss:DescribeIndex", "aoss:ReadDocument"}
	readerColl      = []string{"aoss:DescribeCollectionItems"}
	adminIndex      = []string{"aoss:CreateIndex", "aoss:DeleteIndex", "aoss:UpdateIndex", "aoss:DescribeIndex", "aoss:ReadDocument", "aoss:WriteDocument"}
	adminCollection = []string{"aoss:CreateCollectionItems", "aoss:DeleteCollectionItems", "aoss:UpdateCollectionItems", "aoss:DescribeCollectionItems"}
)

// encryptionPolicy creates the encryption policy matching the collection's
// name, with the customer managed key (or the AWS owned key), or returns
// the name of the existing policy the user named.
func encryptionPolicy(c constructs.Construct, s *Collection, p *Props, base string) (awsopensearchserverless.CfnSecurityPolicy, *string) {
	if !*p.CreateEncryptionPolicy {
		return nil, p.ExistingEncryptionPolicyName
	}
	doc := map[string]any{
		"Rules": []any{map[string]any{"ResourceType": "collection", "Resource": []string{"collection/" + s.name}}},
	}
	if *p.AwsOwnedKey {
		doc["AWSOwnedKey"] = true
	} else {
		doc["AWSOwnedKey"] = false
		doc["KmsARN"] = s.Key.KeyArn()
	}
	pol := awsopensearchserverless.NewCfnSecurityPolicy(c, jsii.String("EncryptionPolicy"), &awsopensearchserverless.CfnSecurityPolicyProps{
		Name:        jsii.String(base + "-enc"),
		Type:        jsii.String("encryption"),
		Description: jsii.String("Encryption of collection " + s.name),
		Policy:      awscdk.Stack_Of(c).ToJsonString(doc, nil),
	})
	return pol, pol.Name()
}

// networkPolicy: private by default — the collection endpoint from the VPC
// endpoint and the SourceServices, Dashboards from the VPC endpoint (AWS
// service access applies only to the collection endpoint); public only
// with the opt-in.
func networkPolicy(c constructs.Construct, s *Collection, p *Props, base string) awsopensearchserverless.CfnSecurityPolicy {
	coll := map[string]any{"ResourceType": "collection", "Resource": []string{"collection/" + s.name}}
	dash := map[string]any{"ResourceType": "dashboard", "Resource": []string{"collection/" + s.name}}
	var doc []any
	desc := "Private access to collection " + s.name + " through its VPC endpoint"
	if *p.PublicAccess {
		desc = "PUBLIC access to collection " + s.name + ": " + *p.PublicAccessReason
		doc = []any{map[string]any{"Description": "Public (opted in)", "Rules": []any{coll, dash}, "AllowFromPublic": true}}
	} else {
		entry := map[string]any{"Description": "Collection endpoint", "Rules": []any{coll}, "AllowFromPublic": false,
			"SourceVPCEs": []*string{s.VpcEndpoint.AttrId()}}
		if len(p.SourceServices) > 0 {
			entry["SourceServices"] = p.SourceServices
		}
		doc = []any{entry, map[string]any{"Description": "Dashboards endpoint", "Rules": []any{dash}, "AllowFromPublic": false,
			"SourceVPCEs": []*string{s.VpcEndpoint.AttrId()}}}
	}
	if len(desc) > 1000 {
		desc = desc[:1000]
	}
	return awsopensearchserverless.NewCfnSecurityPolicy(c, jsii.String("NetworkPolicy"), &awsopensearchserverless.CfnSecurityPolicyProps{
		Name:        jsii.String(base + "-net"),
		Type:        jsii.String("network"),
		Description: jsii.String(desc),
		Policy:      awscdk.Stack_Of(c).ToJsonString(doc, nil),
	})
}

// accessDocument collects the principals of the data access policy until
// synthesis.
type accessDocument struct {
	admins, readers, writers []*string
	seen                     map[string]bool
}

func newAccessDocument() *accessDocument { return &accessDocument{seen: map[string]bool{}} }

func (d *accessDocument) add(list *[]*string, kind string, arn *string) {
	if key := kind + *arn; !d.seen[key] {
		d.seen[key] = true
		*list = append(*list, arn)
	}
}

func (d *accessDocument) empty() bool {
	return len(d.admins)+len(d.readers)+len(d.writers) == 0
}

// rules is the policy document: one entry per kind of principal that has
// members.
func (d *accessDocument) rules(name string) []any {
	index := "index/" + name + "/*"
	collection := "collection/" + name
	var doc []any
	entry := func(desc string, principals []*string, rules ...any) {
		if len(principals) > 0 {
			doc = append(doc, map[string]any{"Description": desc, "Rules": rules, "Principal": principals})
		}
	}
	entry("Admins: manage indices and documents", d.admins,
		map[string]any{"ResourceType": "collection", "Resource": []string{collection}, "Permission": adminCollection},
		map[string]any{"ResourceType": "index", "Resource": []string{index}, "Permission": adminIndex})
	entry("Readers: read documents", d.readers,
		map[string]any{"ResourceType": "collection", "Resource": []string{collection}, "Permission": readerColl},
		map[string]any{"ResourceType": "index", "Resource": []string{index}, "Permission": readerIndex})
	entry("Writers: create indices and write documents", d.writers,
		map[string]any{"ResourceType": "index", "Resource": []string{index}, "Permission": writerIndex})
	return doc
}

// policyProducer renders the data access policy at synthesis, so grants
// made after New are in it.
type policyProducer struct{ s *Collection }

func (p *policyProducer) Produce(awscdk.IResolveContext) *string {
	return awscdk.Stack_Of(p.s.Construct).ToJsonString(p.s.access.rules(p.s.name), nil)
}

// accessValidation fails synthesis when no principal has data access: an
// empty data access policy is rejected by OpenSearch Serverless.
type accessValidation struct{ s *Collection }

func (v *accessValidation) Validate() *[]*string {
	if v.s.access.empty() {
		return &[]*string{jsii.String("opensearchserverless " + *v.s.Node().Path() + ": no principal has data access to the collection: keep Delivery, give Admins, Readers or Writers, or call GrantAdmin, GrantRead or GrantWrite")}
	}
	return &[]*string{}
}

// apiAccess gives role aoss:APIAccessAll on the collection (the IAM side of
// every data-plane request; the data access policy decides the rest).
func (s *Collection) apiAccess(role awsiam.IRole, extra ...string) awsiam.Grant {
	actions := append([]*string{jsii.String("aoss:APIAccessAll")}, *jsii.Strings(extra...)...)
	resources := []*string{s.CollectionArn()}
	if len(extra) > 0 {
		// Dashboards access has one resource per account and region.
		resources = append(resources, awscdk.Stack_Of(s.Construct).FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("aoss"), Resource: jsii.String("dashboards"), ResourceName: jsii.String("default"),
			ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		}))
	}
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: role, Actions: &actions, ResourceArns: &resources,
	})
}

// GrantWrite lets role create and update the collection's indices and
// write documents (the data access policy) and call its API (IAM).
func (s *Collection) GrantWrite(role awsiam.IRole) awsiam.Grant {
	s.access.add(&s.access.writers, "w", role.RoleArn())
	return s.apiAccess(role)
}

// GrantRead lets role describe the indices and read documents.
func (s *Collection) GrantRead(role awsiam.IRole) awsiam.Grant {
	s.access.add(&s.access.readers, "r", role.RoleArn())
	return s.apiAccess(role)
}

// GrantAdmin lets role manage the collection's indices and documents and
// open OpenSearch Dashboards.
func (s *Collection) GrantAdmin(role awsiam.IRole) awsiam.Grant {
	s.access.add(&s.access.admins, "a", role.RoleArn())
	return s.apiAccess(role, "aoss:DashboardsAccessAll")
}
