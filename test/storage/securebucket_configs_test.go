package storage_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const securebucketStackName = "BucketStack"

// env pins test stacks so that ARNs and partitions resolve predictably.
var securebucketEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// built keeps the constructs of the last build of each configuration, to
// check what New exposes.
var securebucketBuilt = map[string][]*securebucket.SecureBucket{}

func securebucketSynth(name string, ctx map[string]any, props ...func(awscdk.Stack) *securebucket.Props) func() *testkit.Synth {
	return testkit.Register("securebucket "+name, ctx, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String(securebucketStackName), &awscdk.StackProps{Env: securebucketEnv})
		securebucketBuilt[name] = nil
		for i, p := range props {
			id := "Data"
			if i > 0 {
				id = "Data" + string(rune('0'+i))
			}
			props := p(stack)
			sb := securebucket.New(stack, id, props)
			securebucketBuilt[name] = append(securebucketBuilt[name], sb)
			if props != nil && props.Encryption == securebucket.SSES3 {
				testkit.AcceptNag(sb.Bucket, "S3DefaultEncryptionKMS", "This configuration exercises the SSE-S3 option (Encryption SSES3), which the packs rightly flag.")
			}
		}
	})
}

var securebucketDefaults = securebucketSynth("defaults", nil, func(awscdk.Stack) *securebucket.Props { return nil })

// options: SSE-KMS with the notes' lifecycle, noncurrent expiry, Object Lock
// in compliance mode and cross-region replication; a second instance in the
// same stack with SSE-S3 that logs into the first one's log bucket.
var securebucketOptions = func() func() *testkit.Synth {
	first := func(stack awscdk.Stack) *securebucket.Props {
		lc := securebucket.NotesLifecycle()
		lc.NoncurrentVersionExpiration = awscdk.Duration_Days(jsii.Number(90))
		lc.DeepArchiveAfter = awscdk.Duration_Days(jsii.Number(1000))
		lc.Expiration = awscdk.Duration_Days(jsii.Number(3650))
		lc.Prefix = jsii.String("raw/")
		return &securebucket.Props{
			Encryption: securebucket.SSEKMS,
			Lifecycle:  lc,
			ObjectLock: &securebucket.ObjectLock{Mode: securebucket.Compliance, Retention: awscdk.Duration_Days(jsii.Number(365))},
			Replication: &securebucket.Replication{
				Destination: awss3.Bucket_FromBucketAttributes(stack, jsii.String("Replica"), &awss3.BucketAttributes{
					BucketArn: jsii.String("arn:aws:s3:::replica-bucket-eu-central-1"),
					Region:    jsii.String("eu-central-1"),
				}),
				DestinationKey: awskms.Key_FromKeyArn(stack, jsii.String("ReplicaKey"),
					jsii.String("arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555")),
				StorageClass: awss3.StorageClass_INFREQUENT_ACCESS(),
			},
			MinimumTLSVersion: jsii.Number(1.3),
			LogRetention:      awscdk.Duration_Days(jsii.Number(90)),
			LogPrefix:         jsii.String("logs/raw/"),
		}
	}
	second := func(stack awscdk.Stack) *securebucket.Props {
		return &securebucket.Props{
			Encryption:        securebucket.SSES3,
			ExistingLogBucket: securebucketBuilt["options"][0].LogBucket,
			EventBridge:       jsii.Bool(false),
			BucketProps: &awss3.BucketProps{
				TransferAcceleration: jsii.Bool(true),
				LifecycleRules: &[]*awss3.LifecycleRule{{
					Id: jsii.String("user-rule"), Prefix: jsii.String("tmp/"), Expiration: awscdk.Duration_Days(jsii.Number(1)),
				}},
			},
		}
	}
	return securebucketSynth("options", nil, first, second)
}()

// Data1 turns EventBridge notifications off on purpose (see the options test).
var _ = testkit.ExpectGuard("securebucket options",
	"CT.S3.PR.10 "+securebucketStackName+"/Data1/Bucket/Resource",
	"CT.S3.PR.4 "+securebucketStackName+"/Data1/Bucket/Resource")

// existingKey: the user's imported key with SSE-KMS and no Bucket Key,
// no access logs, versioning off. The user owns the consequence: they
// suppress AwsSolutions-S1 themselves (an unsuppressed nag error fails synth).
var securebucketExistingKey = testkit.Register("existing-key", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(securebucketStackName), &awscdk.StackProps{Env: securebucketEnv})
	sb := securebucket.New(stack, "Data", &securebucket.Props{
		Encryption: securebucket.SSEKMS,
		EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("UserKey"),
			jsii.String("arn:aws:kms:eu-west-1:111111111111:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")),
		BucketKeyEnabled: jsii.Bool(false),
		ServerAccessLogs: jsii.Bool(false),
		Versioned:        jsii.Bool(false),
	})
	securebucketBuilt["existing-key"] = []*securebucket.SecureBucket{sb}
	cdknag.NagSuppressions_AddResourceSuppressions(sb.Bucket, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-S1"), Reason: jsii.String("The test user turned access logs off on purpose for this bucket."),
	}}, jsii.Bool(true))
	testkit.AcceptNag(sb.Bucket, "S3BucketLoggingEnabled", "The test user turned access logs off on purpose for this bucket (ServerAccessLogs false).")
	testkit.AcceptNag(sb.Bucket, "S3BucketVersioningEnabled", "The test user turned versioning off on purpose for this bucket (Versioned false).")
})

// existing-key turns versioning (CT.S3.PR.2) and access logs (CT.S3.PR.11) off on purpose.
var _ = testkit.ExpectGuard("existing-key",
	"CT.S3.PR.11 "+securebucketStackName+"/Data/Bucket/Resource",
	"CT.S3.PR.2 "+securebucketStackName+"/Data/Bucket/Resource")

var securebucketSandboxed = securebucketSynth("sandbox", map[string]any{"sandbox": true}, func(awscdk.Stack) *securebucket.Props { return nil })
