package security_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/keystore"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	keystoreDefaultsStack = "KeystoreDefaults"
	keystoreOptionsStack  = "KeystoreOptions"
	keystoreTLSStack      = "KeystoreTls"
	keystoreHsmKeyArn     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keystoreCertArn       = "arn:aws:acm:eu-west-1:111122223333:certificate/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
)

var keystoreBuilt struct {
	defaults, second, options, hsm *keystore.Key
	admin, user, reader            awsiam.Role
	alb, nlb                       *keystore.Termination
}

var keystoreConfigs = testkit.Register("keystore", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(keystoreDefaultsStack), nil)
	keystoreBuilt.defaults = keystore.New(s1, "Key", nil)
	keystoreBuilt.second = keystore.New(s1, "Second", nil)

	// Separate administrators and users, a multi-Region primary with a
	// 180-day rotation and an alias; a CloudHSM key store key imported
	// by ARN, used by one role, with its own alias.
	s2 := awscdk.NewStack(app, jsii.String(keystoreOptionsStack), nil)
	keystoreBuilt.admin = awsiam.NewRole(s2, jsii.String("KeyAdmin"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	keystoreBuilt.user = awsiam.NewRole(s2, jsii.String("Writer"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	keystoreBuilt.reader = awsiam.NewRole(s2, jsii.String("Reader"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	keystoreBuilt.options = keystore.New(s2, "Lake", &keystore.Props{
		Description:    "Encrypts the raw zone",
		Admins:         []awsiam.IPrincipal{keystoreBuilt.admin},
		Users:          []awsiam.IGrantable{keystoreBuilt.user},
		MultiRegion:    jsii.Bool(true),
		RotationPeriod: awscdk.Duration_Days(jsii.Number(180)),
		Alias:          "alias/lake/raw",
	})
	keystoreBuilt.hsm = keystore.New(s2, "Hsm", &keystore.Props{
		ExistingKey: awskms.Key_FromKeyArn(s2, jsii.String("HsmKey"), jsii.String(keystoreHsmKeyArn)),
		Users:       []awsiam.IGrantable{keystoreBuilt.reader},
		Alias:       "alias/lake/hsm",
	})

	// TLS termination on an internal ALB (HTTPS) and NLB (TLS), both
	// logged, protected from deletion, in a VPC without NAT.
	// ELB access logging needs the Region (the log delivery account).
	s3 := awscdk.NewStack(app, jsii.String(keystoreTLSStack), &awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String("eu-west-1")}})
	net := datavpc.New(s3, "Net", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0), Cidr: jsii.String("10.60.0.0/16")})
	logs := securebucket.New(s3, "LbLogs", nil)
	alb := awselasticloadbalancingv2.NewApplicationLoadBalancer(s3, jsii.String("Alb"), &awselasticloadbalancingv2.ApplicationLoadBalancerProps{
		Vpc: net.Vpc, VpcSubnets: net.Private, InternetFacing: jsii.Bool(false),
		DropInvalidHeaderFields: jsii.Bool(true), DeletionProtection: jsii.Bool(true),
		DesyncMitigationMode: awselasticloadbalancingv2.DesyncMitigationMode_DEFENSIVE,
	})
	alb.LogAccessLogs(logs.LogBucket, jsii.String("alb"))
	testkit.AcceptNag(alb, "ALBWAFEnabled", "This load balancer stands in for the user's; the keystore only adds its certificate, and a WAF web ACL is the load balancer owner's choice.")
	keystoreBuilt.alb = keystore.NewTermination(s3, "Https", &keystore.TerminationProps{ApplicationLoadBalancer: alb, CertificateArn: keystoreCertArn})
	nlb := awselasticloadbalancingv2.NewNetworkLoadBalancer(s3, jsii.String("Nlb"), &awselasticloadbalancingv2.NetworkLoadBalancerProps{
		Vpc: net.Vpc, VpcSubnets: net.Private, InternetFacing: jsii.Bool(false),
		CrossZoneEnabled: jsii.Bool(true), DeletionProtection: jsii.Bool(true),
	})
	nlb.LogAccessLogs(logs.LogBucket, jsii.String("nlb"))
	targets := awselasticloadbalancingv2.NewNetworkTargetGroup(s3, jsii.String("Targets"), &awselasticloadbalancingv2.NetworkTargetGroupProps{
		Vpc: net.Vpc, Port: jsii.Number(8443), Protocol: awselasticloadbalancingv2.Protocol_TCP, TargetType: awselasticloadbalancingv2.TargetType_IP,
	})
	keystoreBuilt.nlb = keystore.NewTermination(s3, "Tls", &keystore.TerminationProps{
		NetworkLoadBalancer: nlb, NetworkTargetGroup: targets, CertificateArn: keystoreCertArn,
		SslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06", Port: 8443,
	})
})
