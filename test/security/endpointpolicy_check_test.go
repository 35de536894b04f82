package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/endpointpolicy"
)

// TestEndpointpolicyCheckStatements is the bad input and its
// neighbours: only an Allow to any principal without a condition (or a
// statement without principal) is refused.
func TestEndpointpolicyCheckStatements(t *testing.T) {
	any_ := []awsiam.IPrincipal{awsiam.NewAnyPrincipal()}
	cases := []struct {
		name  string
		props awsiam.PolicyStatementProps
		want  string // "" = accepted
	}{
		{"Allow to AnyPrincipal without condition", awsiam.PolicyStatementProps{Principals: &any_, Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("*")},
			`statement [0] = Allow s3:GetObject on *: an Allow to any principal ("Principal": "*" or {"AWS": "*"}) needs a Condition`},
		{"Allow to StarPrincipal without condition, with a Sid", awsiam.PolicyStatementProps{Sid: jsii.String("OpenAll"), Principals: &[]awsiam.IPrincipal{awsiam.NewStarPrincipal()}, Actions: jsii.Strings("*"), Resources: jsii.Strings("*")},
			`statement [0] (Sid OpenAll) = Allow * on *: an Allow to any principal`},
		{`Allow to {"AWS": "*"} (ArnPrincipal) without condition`, awsiam.PolicyStatementProps{Principals: &[]awsiam.IPrincipal{awsiam.NewArnPrincipal(jsii.String("*"))}, Actions: jsii.Strings("kms:Decrypt"), Resources: jsii.Strings("*")},
			`statement [0] = Allow kms:Decrypt on *: an Allow to any principal`},
		{"Allow to NotPrincipal without condition", awsiam.PolicyStatementProps{NotPrincipals: &[]awsiam.IPrincipal{awsiam.NewAccountPrincipal(jsii.String("111122223333"))}, Actions: jsii.Strings("s3:PutObject"), Resources: jsii.Strings("*")},
			`statement [0] = Allow s3:PutObject on *: an Allow to any principal`},
		{"no principal", awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("*")},
			`statement [0] = Allow s3:GetObject on *: no Principal: VPC endpoint policy statements need one`},
		{"Deny to any principal without condition", awsiam.PolicyStatementProps{Effect: awsiam.Effect_DENY, Principals: &any_, Actions: jsii.Strings("cloudformation:CreateStack"), Resources: jsii.Strings("*")}, ""},
		{"Allow to any principal of the organization", awsiam.PolicyStatementProps{Principals: &any_, Actions: jsii.Strings("s3:*"), Resources: jsii.Strings("*"),
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": endpointpolicyOrgID}}}, ""},
		{"Allow to a named account without condition", awsiam.PolicyStatementProps{Principals: &[]awsiam.IPrincipal{awsiam.NewAccountPrincipal(jsii.String("111122223333"))}, Actions: jsii.Strings("s3:GetObject"), Resources: jsii.Strings("*")}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			props := c.props
			got := endpointpolicy.CheckStatements([]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&props)})
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("refused: %v", got)
			case c.want != "" && len(got) != 1:
				t.Errorf("findings = %v, want one", got)
			case c.want != "" && !strings.Contains(got[0].String(), c.want):
				t.Errorf("finding = %s\nwant %s", got[0], c.want)
			}
		})
	}
}

// TestEndpointpolicyCheckPolicyJSON checks the notes' two CloudFormation
// endpoint policies as written: both allow every principal without a
// condition, (1) for the listed actions, (2) for everything but
// CreateStack; their Deny is fine.
func TestEndpointpolicyCheckPolicyJSON(t *testing.T) {
	listed := `{"Statement":[{"Effect":"Allow","Principal":"*","Action":["cloudformation:CreateStack","cloudformation:DescribeStacks"],"Resource":"*"}]}`
	denyCreate := `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"cloudformation:CreateStack","Resource":"*"},
		{"Sid":"AllowAllOther","Effect":"Allow","Principal":{"AWS":["*"]},"Action":"*","Resource":"*"}]}`
	fixed := `{"Statement":{"Effect":"Allow","Principal":"*","Action":"cloudformation:DescribeStacks","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}}`
	err := endpointpolicy.CheckPolicyJSON("Stack/Endpoints", "cloudformation", []byte(listed))
	if err == nil || !strings.Contains(err.Error(), "Stack/Endpoints: endpoint cloudformation: policy refused:\n  - statement [0] = Allow cloudformation:CreateStack,cloudformation:DescribeStacks on *: an Allow to any principal") {
		t.Errorf("example (1): %v", err)
	}
	err = endpointpolicy.CheckPolicyJSON("Stack/Endpoints", "cloudformation", []byte(denyCreate))
	if err == nil || !strings.Contains(err.Error(), "statement [1] (Sid AllowAllOther) = Allow * on *") || strings.Contains(err.Error(), "[0]") {
		t.Errorf("example (2): %v", err)
	}
	if err := endpointpolicy.CheckPolicyJSON("Stack/Endpoints", "cloudformation", []byte(fixed)); err != nil {
		t.Errorf("conditioned policy refused: %v", err)
	}
	if err := endpointpolicy.CheckPolicyJSON("Stack/Endpoints", "cloudformation", []byte(`{"Statement": 3}`)); err == nil {
		t.Errorf("a malformed policy passed")
	}
}
