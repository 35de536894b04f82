package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsemr"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcerts"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// newLogBucket creates (or takes) the bucket of the logs and of the
// generated TLS bundle. SSE-KMS with the cluster's key, not the DSSE-KMS
// default of securebucket: EMR uploads the logs with an SSE-KMS header
// naming LogEncryptionKmsKeyId, which a DSSE bucket's policy denies.
func newLogBucket(c constructs.Construct, cl *Cluster, p *Props) {
	cl.LogPrefix = orString(p.LogPrefix, "emr-logs/")
	if p.LogBucket != nil {
		cl.LogBucket = p.LogBucket
		cl.LogKey = p.LogBucketKey
		if cl.LogKey == nil {
			cl.LogKey = p.LogBucket.EncryptionKey()
		}
		return
	}
	sb := securebucket.New(c, "LogBucket", &securebucket.Props{
		Encryption:    securebucket.SSEKMS,
		EncryptionKey: cl.Key,
	})
	cl.LogBucket, cl.LogKey = sb.Bucket, cl.Key
}

// newSecurityConfiguration creates the TLS bundle (unless given) and the
// security configuration (SEC-04): EMRFS writes S3 objects with SSE-KMS
// under the cluster key, local disks (instance store and EBS, root
// volume included) are encrypted with the same key, in-transit TLS with
// the PEM bundle, IMDSv2 only.
func newSecurityConfiguration(c constructs.Construct, cl *Cluster, p *Props) {
	doc := p.SecurityConfiguration
	if doc == nil {
		url := p.CertificatesS3Url
		if url == "" {
			cl.Certificates = emrcerts.New(c, "Certificates", &emrcerts.Props{Bucket: cl.LogBucket, Key: cl.Key})
			cl.Certificates.GrantRead(cl.InstanceRole)
			cl.CertificatesS3Url = cl.Certificates.S3Url()
		} else {
			cl.CertificatesS3Url = jsii.String(url)
			p.CertificatesBucket.GrantRead(cl.InstanceRole, nil)
		}
		keyArn := cl.Key.KeyArn()
		s3enc := map[string]any{"EncryptionMode": "SSE-KMS", "AwsKmsKey": keyArn}
		if o := overrides(cl, p); len(o) > 0 {
			s3enc["Overrides"] = o
		}
		doc = map[string]any{
			"EncryptionConfiguration": map[string]any{
				"EnableAtRestEncryption":    true,
				"EnableInTransitEncryption": true,
				"AtRestEncryptionConfiguration": map[string]any{
					"S3EncryptionConfiguration": s3enc,
					"LocalDiskEncryptionConfiguration": map[string]any{
						"EncryptionKeyProviderType": "AwsKms",
						"AwsKmsKey":                 keyArn,
						"EnableEbsEncryption":       true,
					},
				},
				"InTransitEncryptionConfiguration": map[string]any{
					"TLSCertificateConfiguration": map[string]any{"CertificateProviderType": "PEM", "S3Object": cl.CertificatesS3Url},
				},
			},
			"InstanceMetadataServiceConfiguration": map[string]any{
				"MinimumInstanceMetadataServiceVersion": 2,
				"HttpPutResponseHopLimit":               1,
			},
		}
	}
	cl.SecurityConfiguration = awsemr.NewCfnSecurityConfiguration(c, jsii.String("SecurityConfiguration"), &awsemr.CfnSecurityConfigurationProps{
		SecurityConfiguration: doc,
	})
}

// grantKeys lets the nodes encrypt and decrypt with the cluster key (local
// disks, EMRFS SSE-KMS, logs) and the service role create the grants EC2
// needs for the encrypted EBS volumes (only for AWS resources, as the key
// policy requires).
func grantKeys(cl *Cluster) {
	cl.Key.GrantEncryptDecrypt(cl.InstanceRole)
	if cl.LogKey != nil && cl.LogKey != cl.Key {
		cl.LogKey.GrantEncryptDecrypt(cl.InstanceRole)
	}
	cl.Key.Grant(cl.ServiceRole, jsii.String("kms:DescribeKey"), jsii.String("kms:Encrypt"), jsii.String("kms:Decrypt"),
		jsii.String("kms:ReEncrypt*"), jsii.String("kms:GenerateDataKey*"))
	cl.ServiceRole.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"),
		Resources:  &[]*string{cl.Key.KeyArn()},
		Conditions: &map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": "true"}},
	}))
}

// newKey creates the cluster key unless one is given.
func newKey(c constructs.Construct, cl *Cluster, p *Props) {
	cl.Key = p.EncryptionKey
	if cl.Key == nil {
		cl.Key = keys.NewForLogs(c, "Key", "Encrypts the EMR cluster "+*c.Node().Path()+" (S3 output through EMRFS, local disks and EBS volumes, logs, flow logs)")
	} else {
		// The new VPC's flow logs are encrypted with it (no effect on an
		// imported key: its policy must allow CloudWatch Logs).
		keys.AllowLogs(cl.Key)
	}
}

// overrides are the per-bucket S3 encryption of EMRFS: a Data bucket
// encrypted with its own KMS key gets its objects written with that key
// (a securebucket's policy denies uploads naming another key); the
// construct's key applies elsewhere.
func overrides(cl *Cluster, p *Props) []any {
	var out []any
	seen := map[string]bool{}
	for _, a := range p.Data {
		key := a.Bucket.EncryptionKey()
		if key == nil || key == cl.Key || seen[*a.Bucket.Node().Path()] {
			continue
		}
		seen[*a.Bucket.Node().Path()] = true
		out = append(out, map[string]any{"BucketName": a.Bucket.BucketName(), "EncryptionMode": "SSE-KMS", "AwsKmsKey": key.KeyArn()})
	}
	return out
}
