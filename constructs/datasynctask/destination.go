package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatasync"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// destination creates (or takes) the lake bucket, the role DataSync
// assumes to write it, and the S3 location on LakePrefix.
func (t *Task) destination(p *Props) {
	t.Bucket = p.LakeBucket
	if t.Bucket == nil {
		t.SecureBucket = securebucket.New(t.Construct, "Destination", p.BucketProps)
		t.Bucket = t.SecureBucket.Bucket
	}
	role := awsiam.NewRole(t.Construct, jsii.String("BucketRole"), &awsiam.RoleProps{
		AssumedBy:   datasyncPrincipal(t),
		Description: jsii.String("DataSync writes the lake bucket for " + *t.Node().Path()),
	})
	t.BucketRole = role
	prefixes := []string{p.LakePrefix}
	if p.ReportPrefix != "" {
		prefixes = append(prefixes, p.ReportPrefix)
	}
	grantBucket(role, t, prefixes)
	suppressFindings(role)
	loc := awsdatasync.NewCfnLocationS3(t.Construct, jsii.String("Destination"+"Location"), &awsdatasync.CfnLocationS3Props{
		S3BucketArn:    t.Bucket.BucketArn(),
		S3Config:       &awsdatasync.CfnLocationS3_S3ConfigProperty{BucketAccessRoleArn: role.RoleArn()},
		S3StorageClass: jsii.String(p.StorageClass),
		Subdirectory:   jsii.String("/" + p.LakePrefix),
	})
	// DataSync checks the role's access when the location is created.
	loc.Node().AddDependency(role)
	t.DestinationLocationArn = loc.AttrLocationArn()
}

// grantBucket gives role the DataSync user guide's actions for an S3
// destination: bucket-level listing, and object reads, writes, tagging and
// deletes (overwrites, RemoveDeletedFiles, multipart clean-up) under the
// prefixes only, plus kms:GenerateDataKey and kms:Decrypt on the bucket's
// key when known.
func grantBucket(role awsiam.IRole, t *Task, prefixes []string) {
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"),
		Resources: jsii.Strings(*t.Bucket.BucketArn()),
	}))
	objects := make([]*string, len(prefixes))
	for i, pr := range prefixes {
		objects[i] = t.Bucket.ArnForObjects(jsii.String(pr + "*"))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectTagging",
			"s3:GetObjectVersion", "s3:GetObjectVersionTagging", "s3:ListMultipartUploadParts", "s3:PutObject", "s3:PutObjectTagging"),
		Resources: &objects,
	}))
	if key := t.Bucket.EncryptionKey(); key != nil {
		key.Grant(role, jsii.String("kms:GenerateDataKey"), jsii.String("kms:Decrypt"))
	}
}
