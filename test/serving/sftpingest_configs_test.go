package serving_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/binary"
	"math/big"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	sftpingestDefaultsStack = "SftpIngestDefaults"
	sftpingestLambdaStack   = "SftpIngestLambda"
	sftpingestPublicStack   = "SftpIngestInternet"
	sftpingestAnyStack      = "SftpIngestAnySource"
	sftpingestPartnerCidr   = "203.0.113.0/24"
	sftpingestPartnerCidr6  = "2001:db8:1234::/48"
	sftpingestImportedKey   = "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"
)

func sftpingestSSHBlob(parts ...[]byte) string {
	var b bytes.Buffer
	for _, p := range parts {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(p)))
		b.Write(p)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

// sftpingestEd25519 is a fresh OpenSSH ed25519 public key line.
func sftpingestEd25519(comment string) string {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	return strings.TrimSpace("ssh-ed25519 " + sftpingestSSHBlob([]byte("ssh-ed25519"), pub) + " " + comment)
}

// sftpingestRSA is a fresh OpenSSH RSA public key line of bits bits.
func sftpingestRSA(bits int) string {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		panic(err)
	}
	return "ssh-rsa " + sftpingestSSHBlob([]byte("ssh-rsa"), big.NewInt(int64(k.E)).Bytes(), append([]byte{0}, k.N.Bytes()...))
}

var (
	sftpingestAliceKey = sftpingestEd25519("alice@laptop")
	sftpingestBobKey   = sftpingestRSA(2048)
)

var sftpingestBuilt struct {
	defaults, second, lambda, internet, anySource *sftpingest.Ingest
	bucket                                        *securebucket.SecureBucket
	vpc                                           *datavpc.DataVpc
	importedBucket                                awss3.IBucket
}

// sftpingestNetwork is a two-zone VPC with public subnets and a lake
// bucket (DSSE-KMS with its own key).
func sftpingestNetwork(s awscdk.Stack) (*datavpc.DataVpc, *securebucket.SecureBucket) {
	return datavpc.New(s, "Vpc", &datavpc.Props{Zones: jsii.Number(2)}), securebucket.New(s, "Lake", nil)
}

var sftpingestConfigs = testkit.Register("sftpingest", nil, func(app constructs.Construct) {
	// Service-managed users, everything else default; a second server in
	// the same stack without users.
	s1 := awscdk.NewStack(app, jsii.String(sftpingestDefaultsStack), nil)
	vpc, lake := sftpingestNetwork(s1)
	sftpingestBuilt.vpc, sftpingestBuilt.bucket = vpc, lake
	sftpingestBuilt.defaults = sftpingest.New(s1, "Sftp", &sftpingest.Props{
		Vpc: vpc.Vpc, Bucket: lake.Bucket,
		Users: []sftpingest.User{
			{Name: "alice", SshPublicKeys: []string{sftpingestAliceKey}},
			{Name: "bob.partner@example", SshPublicKeys: []string{sftpingestBobKey, sftpingestEd25519("")}},
		},
	})
	sftpingestBuilt.second = sftpingest.New(s1, "Second", &sftpingest.Props{Vpc: vpc.Vpc, Bucket: lake.Bucket, LakePrefix: "partners/sftp", IncomingPrefix: "partners/incoming"})

	// The Lambda identity provider on an imported bucket with its key,
	// a post-quantum policy, own prefixes and secret prefix, key-only
	// logins, no workflow.
	s2 := awscdk.NewStack(app, jsii.String(sftpingestLambdaStack), nil)
	vpc2 := datavpc.New(s2, "Vpc", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0)})
	sftpingestBuilt.importedBucket = awss3.Bucket_FromBucketName(s2, jsii.String("Imported"), jsii.String("lake-raw"))
	sftpingestBuilt.lambda = sftpingest.New(s2, "Sftp", &sftpingest.Props{
		Vpc: vpc2.Vpc, Bucket: sftpingestBuilt.importedBucket,
		BucketKey:             awskms.Key_FromKeyArn(s2, jsii.String("LakeKey"), jsii.String(sftpingestImportedKey)),
		IdentityProvider:      sftpingest.AwsLambda,
		SecretPrefix:          "sftp/partners",
		AuthenticationMethods: "PUBLIC_KEY",
		SecurityPolicyName:    "TransferSecurityPolicy-2025-03",
		LakePrefix:            "landing/sftp",
		Workflow:              jsii.Bool(false),
	})

	// Internet-facing for two partner networks (IPv4 and IPv6).
	s3 := awscdk.NewStack(app, jsii.String(sftpingestPublicStack), nil)
	vpc3, lake3 := sftpingestNetwork(s3)
	sftpingestBuilt.internet = sftpingest.New(s3, "Sftp", &sftpingest.Props{
		Vpc: vpc3.Vpc, Bucket: lake3.Bucket, InternetFacing: jsii.Bool(true),
		AllowedCidrs:       []string{sftpingestPartnerCidr, sftpingestPartnerCidr6},
		SecurityPolicyName: "TransferSecurityPolicy-FIPS-2024-05",
		Users:              []sftpingest.User{{Name: "partner1", SshPublicKeys: []string{sftpingestAliceKey}}},
	})
})

// Opted in to every source address on port 22.
var sftpingestAnyConfigs = testkit.Register("sftpingest-any-source", nil, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(sftpingestAnyStack), nil)
	vpc, lake := sftpingestNetwork(s)
	sftpingestBuilt.anySource = sftpingest.New(s, "Sftp", &sftpingest.Props{
		Vpc: vpc.Vpc, Bucket: lake.Bucket, InternetFacing: jsii.Bool(true), AllowAnySource: jsii.Bool(true),
		IdentityProvider: sftpingest.AwsLambda,
	})
})

// Port 22 open to 0.0.0.0/0 and ::/0 is what AllowAnySource asks for: the
// two security-group controls fail on the endpoint's group, on purpose.
var _ = testkit.ExpectGuard("sftpingest-any-source",
	"CT.EC2.PR.3 "+sftpingestAnyStack+"/Sftp/SecurityGroup/Resource",
	"CT.EC2.PR.4 "+sftpingestAnyStack+"/Sftp/SecurityGroup/Resource",
)
