package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awselasticloadbalancingv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/keystore"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestKeystoreRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *keystore.Props
		wants []string
	}{
		{"custom key store", func(awscdk.Stack) *keystore.Props { return &keystore.Props{CustomKeyStoreId: "cks-1234567890abcdef0"} },
			[]string{"keystore Bad/Key: invalid props", "CustomKeyStoreId = cks-1234567890abcdef0: a key created with the KMS API and given as ExistingKey: CloudFormation's AWS::KMS::Key cannot create a key in a CloudHSM or external key store"}},
		{"existing key and new-key props", func(stack awscdk.Stack) *keystore.Props {
			return &keystore.Props{
				ExistingKey: awskms.Key_FromKeyArn(stack, jsii.String("K"), jsii.String(keystoreHsmKeyArn)),
				Description: "x", MultiRegion: jsii.Bool(true), RotationPeriod: awscdk.Duration_Days(jsii.Number(90)),
				Admins: []awsiam.IPrincipal{awsiam.NewAccountRootPrincipal()},
			}
		}, []string{"Description = x: not with ExistingKey", "Admins = 1 principals: not with ExistingKey", "MultiRegion = true: not with ExistingKey", "RotationPeriod = 90 days: not with ExistingKey"}},
		{"rotation and alias", func(awscdk.Stack) *keystore.Props {
			return &keystore.Props{RotationPeriod: awscdk.Duration_Days(jsii.Number(30)), Alias: "alias/aws/s3"}
		}, []string{"RotationPeriod = 30 days: a whole number of days from 90 to 2560", "Alias = alias/aws/s3: alias/<name>"}},
		{"alias without prefix", func(awscdk.Stack) *keystore.Props { return &keystore.Props{Alias: "lake"} },
			[]string{"Alias = lake: alias/<name>"}},
		{"admin who decrypts", func(stack awscdk.Stack) *keystore.Props {
			r := awsiam.NewRole(stack, jsii.String("Both"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
			return &keystore.Props{Admins: []awsiam.IPrincipal{r}, Users: []awsiam.IGrantable{r}}
		}, []string{"Users = Bad/Both: principals that are not also Admins"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				keystore.New(stack, "Key", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestKeystoreRejectedTermination(t *testing.T) {
	alb := func(s awscdk.Stack) awselasticloadbalancingv2.IApplicationLoadBalancer {
		return awselasticloadbalancingv2.ApplicationLoadBalancer_FromApplicationLoadBalancerAttributes(s, jsii.String("Alb"), &awselasticloadbalancingv2.ApplicationLoadBalancerAttributes{
			LoadBalancerArn: jsii.String("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"), SecurityGroupId: jsii.String("sg-0123456789abcdef0"),
		})
	}
	nlb := func(s awscdk.Stack) awselasticloadbalancingv2.INetworkLoadBalancer {
		return awselasticloadbalancingv2.NetworkLoadBalancer_FromNetworkLoadBalancerAttributes(s, jsii.String("Nlb"), &awselasticloadbalancingv2.NetworkLoadBalancerAttributes{
			LoadBalancerArn: jsii.String("arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/tcp/50dc6c495c0c9189"),
		})
	}
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *keystore.TerminationProps
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *keystore.TerminationProps { return nil },
			[]string{"keystore Bad/Tls: invalid props", "ApplicationLoadBalancer/NetworkLoadBalancer = none: exactly one load balancer", "CertificateArn = : the ARN of an ACM certificate"}},
		{"outdated SSL policy", func(s awscdk.Stack) *keystore.TerminationProps {
			return &keystore.TerminationProps{ApplicationLoadBalancer: alb(s), CertificateArn: keystoreCertArn, SslPolicy: "ELBSecurityPolicy-2016-08"}
		}, []string{"SslPolicy = ELBSecurityPolicy-2016-08: an ELBSecurityPolicy-TLS13-1-2-* or ELBSecurityPolicy-TLS13-1-3-* policy of 2021 or later"}},
		{"TLS 1.0 policy", func(s awscdk.Stack) *keystore.TerminationProps {
			return &keystore.TerminationProps{ApplicationLoadBalancer: alb(s), CertificateArn: keystoreCertArn, SslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06", Port: 70000}
		}, []string{"SslPolicy = ELBSecurityPolicy-TLS13-1-0-2021-06", "Port = 70000: 1 to 65535"}},
		{"TLS 1.2 2017 policy and IAM certificate", func(s awscdk.Stack) *keystore.TerminationProps {
			return &keystore.TerminationProps{ApplicationLoadBalancer: alb(s), CertificateArn: "arn:aws:iam::111122223333:server-certificate/web", SslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01"}
		}, []string{"SslPolicy = ELBSecurityPolicy-TLS-1-2-2017-01", "CertificateArn = arn:aws:iam::111122223333:server-certificate/web: an ACM certificate ARN"}},
		{"both load balancers", func(s awscdk.Stack) *keystore.TerminationProps {
			return &keystore.TerminationProps{ApplicationLoadBalancer: alb(s), NetworkLoadBalancer: nlb(s), CertificateArn: keystoreCertArn}
		}, []string{"ApplicationLoadBalancer/NetworkLoadBalancer = both set: exactly one load balancer"}},
		{"NLB without target group", func(s awscdk.Stack) *keystore.TerminationProps {
			return &keystore.TerminationProps{NetworkLoadBalancer: nlb(s), CertificateArn: keystoreCertArn}
		}, []string{"NetworkTargetGroup = nil: the target group of the NLB's TLS listener"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				keystore.NewTermination(stack, "Tls", c.props(stack))
			}, c.wants...)
		})
	}
}
