package opensearchserverless

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
)

// capacityLimits sets the account's OpenSearch Serverless capacity limits
// in this region (aoss:UpdateAccountSettings) on create and update. They
// are account-wide: every collection of the account in the region scales
// up to them, and deleting the stack leaves them as set (there is no
// previous value to restore that another stack would not also own).
func capacityLimits(c constructs.Construct, s *Collection, p *Props) customresources.AwsCustomResource {
	limits := map[string]any{}
	id := "aoss-capacity"
	if v := p.MaxIndexingCapacity; v != nil {
		limits["maxIndexingCapacityInOCU"] = *v
		id += "-i" + fmtNum(*v)
	}
	if v := p.MaxSearchCapacity; v != nil {
		limits["maxSearchCapacityInOCU"] = *v
		id += "-s" + fmtNum(*v)
	}
	call := &customresources.AwsSdkCall{
		Service:            jsii.String("OpenSearchServerless"),
		Action:             jsii.String("updateAccountSettings"),
		Parameters:         map[string]any{"capacityLimits": limits},
		PhysicalResourceId: customresources.PhysicalResourceId_Of(jsii.String(id)),
	}
	cr := sdkcall.New(c, "CapacityLimits", sdkcall.Props{
		OnCreate: call,
		OnUpdate: call,
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			// UpdateAccountSettings has no resource-level permissions.
			Actions: jsii.Strings("aoss:UpdateAccountSettings"), Resources: jsii.Strings("*"),
		})},
		Key:         s.Key,
		Retention:   p.LogRetention,
		Description: "Sets the account's OpenSearch Serverless capacity limits for " + *c.Node().Path(),
	})
	cr.Node().AddDependency(s.CfnCollection)
	return cr
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
