package saasflow

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsappflow"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Flow is a scheduled, incremental AppFlow flow from a Salesforce object to
// Parquet files in an S3 bucket, with its connector profile when the
// construct creates one.
type Flow struct {
	constructs.Construct
	// Flow is the AppFlow flow.
	Flow awsappflow.CfnFlow
	// FlowName is the flow's name, derived from the construct path.
	FlowName *string
	// ConnectorProfile is the profile created from Props.Salesforce; nil
	// with Props.ConnectorProfileName.
	ConnectorProfile awsappflow.CfnConnectorProfile
	// ConnectorProfileName is the profile the flow reads with.
	ConnectorProfileName *string
	// Key encrypts the profile's credentials and the flow (and the new
	// bucket).
	Key awskms.IKey
	// Bucket receives the files; Lake is the securebucket when the construct
	// created it (nil for Props.Bucket).
	Bucket awss3.IBucket
	Lake   *securebucket.SecureBucket
	// Prefix is the key prefix the flow writes under (AppFlow appends the
	// flow name and the date path).
	Prefix string
}

// New creates the flow (and the bucket, key and connector profile it needs).
// Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Flow {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	f := &Flow{Construct: c, Prefix: p.Prefix}
	f.key(&p)
	f.destination(&p)
	f.profile(&p)
	f.flow(&p)
	return f
}

func fill(p *Props) {
	if p.Schedule == "" {
		p.Schedule = DefaultSchedule
	}
	if p.IncrementalField == "" && !isTrue(p.FullPull) {
		p.IncrementalField = DefaultIncrementalField
	}
	if p.PrefixFormat == "" {
		p.PrefixFormat = DefaultPrefixFormat
	}
	if p.FileType == "" {
		p.FileType = Parquet
	}
	if p.Prefix == "" {
		p.Prefix = "saas/salesforce/" + strings.ToLower(p.Object)
	}
}

// key picks the key: the given one, the given bucket's, or a new one.
func (f *Flow) key(p *Props) {
	switch {
	case p.EncryptionKey != nil:
		f.Key = p.EncryptionKey
	case p.Bucket != nil && p.Bucket.EncryptionKey() != nil:
		f.Key = p.Bucket.EncryptionKey()
	default:
		f.Key = keys.New(f.Construct, "Key", "Encrypts the AppFlow connection and flow "+*f.Node().Path(), nil)
	}
}

// name derives a physical name from the construct path (AppFlow names are
// required and unique in the account and Region).
func name(c constructs.Construct, suffix string) *string {
	n := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(200), Separator: jsii.String("-")})
	return jsii.String(n + "-" + suffix)
}
