package fieldencryption

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// origin is the HTTPS origin: the given host, or the REST API's
// execute-api endpoint with the stage as origin path.
func origin(p *Props, host string) awscloudfront.IOrigin {
	props := &awscloudfrontorigins.HttpOriginProps{
		ProtocolPolicy:     awscloudfront.OriginProtocolPolicy_HTTPS_ONLY,
		OriginSslProtocols: &[]awscloudfront.OriginSslPolicy{awscloudfront.OriginSslPolicy_TLS_V1_2},
	}
	if p.OriginPath != "" {
		props.OriginPath = jsii.String(p.OriginPath)
	}
	return awscloudfrontorigins.NewHttpOrigin(jsii.String(host), props)
}

func (in *Ingest) distribution(p *Props) {
	c := in.Construct
	host := strings.TrimPrefix(p.OriginDomainName, "https://")
	if p.RestApi != nil {
		stack := awscdk.Stack_Of(c)
		host = *p.RestApi.RestApiId() + ".execute-api." + *stack.Region() + "." + *stack.UrlSuffix()
		if p.OriginPath == "" {
			p.OriginPath = "/" + p.RestApiStage
		}
	}
	primary := origin(p, host)
	// GET and HEAD only on every path but IngestPath: a POST elsewhere is
	// refused by CloudFront instead of reaching the origin unencrypted.
	var readOrigin awscloudfront.IOrigin = primary
	if p.FailoverOriginDomainName != "" {
		readOrigin = awscloudfrontorigins.NewOriginGroup(&awscloudfrontorigins.OriginGroupProps{
			PrimaryOrigin:  origin(p, host),
			FallbackOrigin: origin(p, strings.TrimPrefix(p.FailoverOriginDomainName, "https://")),
		})
	}
	props := &awscloudfront.DistributionProps{
		Comment: jsii.String("Field-level encryption of " + *c.Node().Path()),
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:               readOrigin,
			AllowedMethods:       awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
			ViewerProtocolPolicy: awscloudfront.ViewerProtocolPolicy_HTTPS_ONLY,
			CachePolicy:          awscloudfront.CachePolicy_CACHING_DISABLED(),
			OriginRequestPolicy:  awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER(),
		},
		AdditionalBehaviors: &map[string]*awscloudfront.BehaviorOptions{
			p.IngestPath: {
				Origin:               primary,
				AllowedMethods:       awscloudfront.AllowedMethods_ALLOW_ALL(),
				ViewerProtocolPolicy: awscloudfront.ViewerProtocolPolicy_HTTPS_ONLY,
				CachePolicy:          awscloudfront.CachePolicy_CACHING_DISABLED(),
				OriginRequestPolicy:  awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER(),
			},
		},
		Certificate:            awscertificatemanager.Certificate_FromCertificateArn(c, jsii.String("Certificate"), jsii.String(p.CertificateArn)),
		DomainNames:            jsii.Strings(p.DomainNames...),
		MinimumProtocolVersion: p.MinimumProtocolVersion,
		SslSupportMethod:       awscloudfront.SSLMethod_SNI,
		HttpVersion:            awscloudfront.HttpVersion_HTTP2_AND_3,
		// Control Tower CT.CLOUDFRONT.PR.1; the origin answers "/" with
		// whatever it serves for /index.html (usually 404 for an API).
		DefaultRootObject: jsii.String("index.html"),
		EnableLogging:     jsii.Bool(true),
		LogBucket:         in.LogBucket,
		LogFilePrefix:     jsii.String("cloudfront/"),
	}
	if p.WebAclArn != "" {
		props.WebAclId = jsii.String(p.WebAclArn)
	}
	if len(p.AllowedCountries) > 0 {
		props.GeoRestriction = awscloudfront.GeoRestriction_Allowlist(*jsii.Strings(p.AllowedCountries...)...)
	}
	dist := awscloudfront.NewDistribution(c, jsii.String("Distribution"), props)
	in.Distribution = dist
	cfn := dist.Node().DefaultChild().(awscloudfront.CfnDistribution)
	cfn.AddPropertyOverride(jsii.String("DistributionConfig.CacheBehaviors.0.FieldLevelEncryptionId"), in.ConfigId)

	var sup []nag.Suppression
	if p.WebAclArn == "" {
		sup = append(sup, nag.Suppression{Rule: "AwsSolutions-CFR2", Reason: "A web ACL is optional (WebAclArn): a CloudFront web ACL lives in us-east-1 and is usually an organisation-wide Firewall Manager policy, which a stack in another Region cannot create."})
	}
	if len(p.AllowedCountries) == 0 {
		sup = append(sup, nag.Suppression{Rule: "AwsSolutions-CFR1", Reason: "Geographic restriction is optional (AllowedCountries): who may submit the form is a business decision, and the encrypted fields are unreadable without the private key wherever the request comes from."})
	}
	if len(sup) > 0 {
		nag.Suppress(dist, sup...)
	}
}
