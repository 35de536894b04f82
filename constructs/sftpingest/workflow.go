package sftpingest

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awstransfer"
	"github.com/aws/jsii-runtime-go"
)

// Tags the workflow puts on objects (S3 tag values cannot hold the
// workflow's ${transfer:...} variables: '$', '{' and '}' are not allowed
// in them; the user and date are in the copy's key instead).
const (
	SourceTagKey   = "source"
	SourceTagValue = "sftp"
	IngestTagKey   = "ingest"
	CopiedTagValue = "copied"
	FailedTagValue = "failed"
)

// WorkflowActions of the execution role: read the upload and its tags,
// write the copy, tag both. (Versioned buckets need the *Version* forms.)
var (
	workflowSourceActions = []string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"}
	workflowCopyActions   = []string{"s3:PutObject", "s3:GetObjectTagging", "s3:GetObjectVersionTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"}
)

// workflow creates the managed workflow run after every completed upload:
// copy the file to <IncomingPrefix>/<user>/<YYYY-MM-DD>/, tag the copy
// source=sftp, tag the upload ingest=copied; on an exception, tag the
// upload ingest=failed. Its role may read the lake prefix, write the
// incoming prefix, tag both and use the bucket key through S3.
func (in *Ingest) workflow() {
	role := in.transferRole(in.Construct, "WorkflowRole", "Runs the upload workflow of "+*in.Node().Path()+": copy to the incoming prefix and tag", "*")
	in.allowPrefixes(role, "Uploads", []string{in.LakePrefix}, workflowSourceActions)
	in.allowPrefixes(role, "Copies", []string{in.IncomingPrefix}, workflowCopyActions)
	in.allowBucketKey(role)
	in.WorkflowRole = role

	// CloudFormation types the step details as JSON, so the CDK passes
	// them through as given: they are maps with CloudFormation's
	// PascalCase keys (the Cfn*StepDetailsProperty structs would be
	// written with camelCase keys, which Transfer rejects).
	tag := func(name, source, key, value string) *awstransfer.CfnWorkflow_WorkflowStepProperty {
		return &awstransfer.CfnWorkflow_WorkflowStepProperty{
			Type: jsii.String("TAG"),
			TagStepDetails: map[string]any{
				"Name":               name,
				"SourceFileLocation": source,
				"Tags":               []any{map[string]any{"Key": key, "Value": value}},
			},
		}
	}
	in.Workflow = awstransfer.NewCfnWorkflow(in.Construct, jsii.String("Workflow"), &awstransfer.CfnWorkflowProps{
		// CloudFormation allows only letters, digits, '_', '-' and spaces.
		Description: jsii.String("Copies SFTP uploads to the incoming prefix and tags them"),
		Steps: []any{
			&awstransfer.CfnWorkflow_WorkflowStepProperty{
				Type: jsii.String("COPY"),
				CopyStepDetails: map[string]any{
					"Name":               "CopyToIncoming",
					"SourceFileLocation": "${original.file}",
					"DestinationFileLocation": map[string]any{
						"S3FileLocation": map[string]any{
							"Bucket": in.Bucket.BucketName(),
							"Key":    in.IncomingPrefix + "/${transfer:UserName}/${transfer:UploadDate}/",
						},
					},
					// The bucket is versioned (securebucket's default): a
					// second upload of a name on one day keeps the first
					// copy as a noncurrent version.
					"OverwriteExisting": "TRUE",
				},
			},
			tag("TagCopy", "${previous.file}", SourceTagKey, SourceTagValue),
			tag("TagUploadCopied", "${original.file}", IngestTagKey, CopiedTagValue),
		},
		OnExceptionSteps: []any{
			tag("TagUploadFailed", "${original.file}", IngestTagKey, FailedTagValue),
		},
	})
}
