package dataapi

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// suppressions records the cdk-nag findings the design accepts, each with
// its reason (listed in doc.go and docs/patterns/dataapi.md).
func (d *DataAPI) suppressions(p *Props) {
	stage := d.Stage.Node().DefaultChild()
	if p.WebAclArn == "" {
		const waf = "A WAF web ACL is an option of the data API (WebAclArn): every method is authenticated (IAM or Cognito), its parameters are validated and the stage is throttled, so an ACL is the owner's choice of cost against the rules it adds."
		nag.Suppress(stage, nag.Suppression{Rule: "AwsSolutions-APIG3", Reason: waf})
		nag.Suppress(stage, nag.InPacks("APIGWAssociatedWithWAF", waf, nag.NIST, nag.PCI)...)
	}
	nag.Suppress(stage, nag.InPacks("APIGWSSLEnabled", nag.APIClientCertificateReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	nag.Suppress(stage, nag.InPacks("APIGWCacheEnabledAndEncrypted", "The stage has no cache: answers depend on the caller (page tokens are bound to the caller) and on fresh data, "+
		"and a cache would hold query results outside the encrypted stores; Athena's query result reuse (ReuseMinutes) is the cache, inside the workgroup's encryption.",
		nag.HIPAA, nag.NIST, nag.PCI)...)
	if p.Auth == IAM {
		for _, path := range d.Paths {
			m := d.Api.Root().GetResource(jsii.String(path[1:])).Node().FindChild(jsii.String("GET")).Node().DefaultChild()
			nag.Suppress(m, nag.Suppression{
				Rule:   "AwsSolutions-COG4",
				Reason: "The data API authorizes IAM principals (AWS_IAM, SigV4) granted execute-api:Invoke by GrantInvoke; Cognito is the other option (Auth: Cognito).",
			})
		}
	}
	if pol := nag.DefaultPolicy(d.InvokeRole); pol != nil {
		nag.Suppress(pol, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::<.*\\.Arn>:\\*$/"},
			Reason:    "CDK's GrantInvoke adds the function's versions and aliases (\"<function arn>:*\") next to the function itself; the role may invoke only the data API's function.",
		})
	}
	if pol := nag.DefaultPolicy(d.Role); pol != nil {
		nag.Suppress(pol, nag.Suppression{
			Rule: "AwsSolutions-IAM5",
			AppliesTo: []string{"Resource::*", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*",
				"Action::s3:Abort*", "Action::s3:DeleteObject*", "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*",
				"/^Resource::.*\\/\\*$/"},
			Reason: "Redshift Data API statement ids have no ARN, so DescribeStatement and GetStatementResult are on * limited to the function's own statements by the statement-owner condition; X-Ray PutTraceSegments and PutTelemetryRecords have no resource; the KMS and S3 wildcards come from CDK's grants on the Athena results prefix, its key and the tables' data buckets.",
		})
	}
}
