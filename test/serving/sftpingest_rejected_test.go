package serving_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestSftpingestRejectedProps: each invalid input fails synthesis with the
// construct path, the property, the value and what is allowed.
func TestSftpingestRejectedProps(t *testing.T) {
	type env struct {
		vpc    *datavpc.DataVpc
		lake   *securebucket.SecureBucket
		stack  awscdk.Stack
		simple func() *sftpingest.Props
	}
	cases := []struct {
		name  string
		props func(e env) *sftpingest.Props
		wants []string
	}{
		{"public endpoint type (the issue's bad input)", func(e env) *sftpingest.Props {
			p := e.simple()
			p.EndpointType = "PUBLIC"
			return p
		}, []string{"sftpingest Bad/Sftp: invalid props", `EndpointType = PUBLIC: "VPC": a PUBLIC endpoint takes no security group, so anyone on the internet reaches port 22; for internet clients use InternetFacing: true`}},
		{"VPC_ENDPOINT", func(e env) *sftpingest.Props {
			p := e.simple()
			p.EndpointType = "VPC_ENDPOINT"
			return p
		}, []string{`EndpointType = VPC_ENDPOINT: "VPC": VPC_ENDPOINT is discontinued`}},
		{"open to the internet without opt-in (the issue's bad input)", func(e env) *sftpingest.Props {
			p := e.simple()
			p.InternetFacing = jsii.Bool(true)
			p.AllowedCidrs = []string{"0.0.0.0/0", "::/0"}
			return p
		}, []string{"AllowedCidrs = 0.0.0.0/0: the addresses of the partners' SFTP clients; opening port 22 to the whole internet needs InternetFacing and the explicit opt-in AllowAnySource: true", "AllowedCidrs = ::/0:"}},
		{"internet-facing without allowed sources", func(e env) *sftpingest.Props {
			p := e.simple()
			p.InternetFacing = jsii.Bool(true)
			return p
		}, []string{"AllowedCidrs = []: the CIDR blocks of the clients allowed to reach an internet-facing endpoint"}},
		{"any source on an internal endpoint", func(e env) *sftpingest.Props {
			p := e.simple()
			p.AllowAnySource = jsii.Bool(true)
			return p
		}, []string{"AllowAnySource = true: only with InternetFacing: true"}},
		{"internet-facing in private subnets", func(e env) *sftpingest.Props {
			p := e.simple()
			p.InternetFacing = jsii.Bool(true)
			p.AllowedCidrs = []string{"203.0.113.0/24", "not-a-cidr"}
			p.VpcSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS}
			return p
		}, []string{"VpcSubnets = Bad/Vpc/Vpc/PrivateSubnet1: public subnets", "AllowedCidrs = not-a-cidr: IPv4 or IPv6 CIDR blocks"}},
		{"more subnets than Elastic IPs", func(e env) *sftpingest.Props {
			// Two public subnet groups in two zones: four public subnets.
			v := awsec2.NewVpc(e.stack, jsii.String("Vpc4"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0), SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
				{Name: jsii.String("A"), SubnetType: awsec2.SubnetType_PUBLIC}, {Name: jsii.String("B"), SubnetType: awsec2.SubnetType_PUBLIC},
			}})
			p := e.simple()
			p.Vpc = v
			p.InternetFacing = jsii.Bool(true)
			p.AllowedCidrs = []string{"203.0.113.0/24"}
			p.VpcSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PUBLIC, OnePerAz: jsii.Bool(false)}
			return p
		}, []string{"VpcSubnets = 4 subnets: 1 to 3 subnets: Transfer attaches at most three Elastic IPs"}},
		{"outdated security policy (the issue's bad input)", func(e env) *sftpingest.Props {
			p := e.simple()
			p.SecurityPolicyName = "TransferSecurityPolicy-2018-11"
			return p
		}, []string{"SecurityPolicyName = TransferSecurityPolicy-2018-11: an outdated security policy (CloudFormation's default, from 2018: allows SHA-1", "one of the current Transfer Family security policies: TransferSecurityPolicy-2024-01, TransferSecurityPolicy-2025-03, TransferSecurityPolicy-FIPS-2024-05, TransferSecurityPolicy-FIPS-2025-03"}},
		{"the notes' policy name", func(e env) *sftpingest.Props {
			p := e.simple()
			p.SecurityPolicyName = "TransferSecurityPolicy-TLS-1-2-2019-07"
			return p
		}, []string{"SecurityPolicyName = TransferSecurityPolicy-TLS-1-2-2019-07: not a Transfer Family security policy (the name resembles an ELB or OpenSearch TLS policy; SFTP is SSH, not TLS)"}},
		{"deprecated experimental and FIPS with ssh-rsa", func(e env) *sftpingest.Props {
			p := e.simple()
			p.SecurityPolicyName = "TransferSecurityPolicy-PQ-SSH-Experimental-2023-04"
			return p
		}, []string{"an outdated security policy (deprecated experimental post-quantum policy; use TransferSecurityPolicy-2025-03)"}},
		{"unknown policy", func(e env) *sftpingest.Props {
			p := e.simple()
			p.SecurityPolicyName = "TransferSecurityPolicy-FIPS-2024-01"
			p.LakePrefix = "/sftp/"
			p.IncomingPrefix = "a/../b"
			return p
		}, []string{"TransferSecurityPolicy-FIPS-2024-01: an outdated security policy (identical to TransferSecurityPolicy-FIPS-2024-05 except that it allows ssh-rsa",
			"LakePrefix = /sftp/: a key prefix of letters", "IncomingPrefix = a/../b: a key prefix"}},
		{"nested prefixes", func(e env) *sftpingest.Props {
			p := e.simple()
			p.LakePrefix = "lake"
			p.IncomingPrefix = "lake/incoming"
			return p
		}, []string{"LakePrefix = lake, IncomingPrefix = lake/incoming: prefixes that do not contain each other"}},
		{"required", func(e env) *sftpingest.Props {
			return &sftpingest.Props{LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"Vpc = <nil>: the VPC of the server's endpoint (required", "Bucket = <nil>: the lake bucket that receives the uploads (required)", "LogRetention = INFINITE: a finite retention"}},
		{"users", func(e env) *sftpingest.Props {
			p := e.simple()
			p.Users = []sftpingest.User{
				{Name: "-alice", SshPublicKeys: []string{sftpingestAliceKey}},
				{Name: "bob"}, {Name: "bob", SshPublicKeys: []string{"ssh-dss AAAAB3NzaC1kc3MAAACBAP", sftpingestRSA(1024), "ssh-ed25519 !!!"}},
			}
			return p
		}, []string{"Users[0].Name = -alice: 3 to 100 letters", "Users[1].SshPublicKeys = 0: 1 to 50 keys", "Users[2].Name = bob: a name no other user has",
			`Users[2].SshPublicKeys[0] = ssh-dss AAAAB3NzaC1kc3MAAACBAP: a key of type ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa, not "ssh-dss"`,
			"Users[2].SshPublicKeys[1] = ssh-rsa", "an RSA key of at least 2048 bits, not 1024", "Users[2].SshPublicKeys[2] = ssh-ed25519 !!!: a key whose data is base64"}},
		{"lambda with users and bad settings", func(e env) *sftpingest.Props {
			p := e.simple()
			p.IdentityProvider = sftpingest.AwsLambda
			p.Users = []sftpingest.User{{Name: "alice", SshPublicKeys: []string{sftpingestAliceKey}}}
			p.SecretPrefix = "users/"
			p.AuthenticationMethods = "KEYBOARD_INTERACTIVE"
			return p
		}, []string{"Users = 1 users: none with IdentityProvider AWS_LAMBDA", "SecretPrefix = users/: a secret name prefix", "AuthenticationMethods = KEYBOARD_INTERACTIVE: one of PUBLIC_KEY_OR_PASSWORD"}},
		{"service-managed with Lambda settings", func(e env) *sftpingest.Props {
			p := e.simple()
			p.SecretPrefix = "users"
			p.AuthenticationMethods = "PASSWORD"
			return p
		}, []string{"SecretPrefix = users: only with IdentityProvider AWS_LAMBDA", "AuthenticationMethods = PASSWORD: only with IdentityProvider AWS_LAMBDA"}},
		{"other identity providers", func(e env) *sftpingest.Props {
			p := e.simple()
			p.IdentityProvider = "API_GATEWAY"
			return p
		}, []string{"IdentityProvider = API_GATEWAY: SERVICE_MANAGED or AWS_LAMBDA"}},
		{"bucket key for a bucket of this app", func(e env) *sftpingest.Props {
			p := e.simple()
			p.BucketKey = awskms.Key_FromKeyArn(e.stack, jsii.String("K"), jsii.String(sftpingestImportedKey))
			return p
		}, []string{"BucketKey = Bad/K: only for an imported bucket: this bucket's key is known (Bad/Lake/Key)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				e := env{stack: stack}
				e.vpc = datavpc.New(stack, "Vpc", &datavpc.Props{Zones: jsii.Number(2)})
				e.lake = securebucket.New(stack, "Lake", nil)
				e.simple = func() *sftpingest.Props { return &sftpingest.Props{Vpc: e.vpc.Vpc, Bucket: e.lake.Bucket} }
				sftpingest.New(stack, "Sftp", c.props(e))
			}, c.wants...)
		})
	}
}
