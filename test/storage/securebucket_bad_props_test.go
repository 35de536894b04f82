package storage_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func securebucketDays(n float64) awscdk.Duration { return awscdk.Duration_Days(jsii.Number(n)) }

// TestBadProps: each invalid input fails synthesis with the construct path,
// the property, the value and what is allowed.
func TestSecurebucketBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awscdk.Stack) *securebucket.Props
		wants []string
	}{
		{"DSSE with a bucket key", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{BucketKeyEnabled: jsii.Bool(true)}
		}, []string{"BucketKeyEnabled = true", "not supported with DSSE-KMS"}},
		{"DSSE with a bucket key through BucketProps", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Encryption: securebucket.DSSEKMS, BucketProps: &awss3.BucketProps{BucketKeyEnabled: jsii.Bool(true)}}
		}, []string{"BucketKeyEnabled = true", "DSSE-KMS"}},
		{"Standard-IA before 30 days", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Lifecycle: &securebucket.Lifecycle{InfrequentAccessAfter: securebucketDays(10)}}
		}, []string{"Lifecycle.InfrequentAccessAfter = 10 days", "at least 30 days old"}},
		{"Glacier less than 30 days after Standard-IA", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Lifecycle: &securebucket.Lifecycle{InfrequentAccessAfter: securebucketDays(180), GlacierAfter: securebucketDays(200)}}
		}, []string{"Lifecycle.GlacierAfter = 200 days", "InfrequentAccessAfter + 30 days"}},
		{"Deep Archive less than 90 days after Glacier", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Lifecycle: &securebucket.Lifecycle{GlacierAfter: securebucketDays(100), DeepArchiveAfter: securebucketDays(150)}}
		}, []string{"Lifecycle.DeepArchiveAfter = 150 days", "GlacierAfter + 90 days"}},
		{"expiry before the last transition", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Lifecycle: &securebucket.Lifecycle{InfrequentAccessAfter: securebucketDays(60), Expiration: securebucketDays(30)}}
		}, []string{"Lifecycle.Expiration = 30 days", "after the last transition"}},
		{"fraction of a day", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Lifecycle: &securebucket.Lifecycle{AbortIncompleteUploadsAfter: awscdk.Duration_Hours(jsii.Number(36))}}
		}, []string{"Lifecycle.AbortIncompleteUploadsAfter = 1 day 12 hours", "whole days"}},
		{"object lock without versioning", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Versioned: jsii.Bool(false), ObjectLock: &securebucket.ObjectLock{Mode: securebucket.Governance, Retention: securebucketDays(30)}}
		}, []string{"ObjectLock = set with versioning off", "needs versioning"}},
		{"object lock with versioning off through BucketProps", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{BucketProps: &awss3.BucketProps{Versioned: jsii.Bool(false)}, ObjectLock: &securebucket.ObjectLock{Mode: securebucket.Compliance, Retention: securebucketDays(1)}}
		}, []string{"ObjectLock = set with versioning off"}},
		{"object lock mode and retention", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{ObjectLock: &securebucket.ObjectLock{Mode: "FOREVER", Retention: securebucketDays(40000)}}
		}, []string{"ObjectLock.Mode = FOREVER", "ObjectLock.Retention = 40000 days", "1 days to 36500 days"}},
		{"existing log bucket and log bucket props", func(stack awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{
				ExistingLogBucket: awss3.Bucket_FromBucketName(stack, jsii.String("Logs"), jsii.String("central-logs")),
				LogBucketProps:    &awss3.BucketProps{},
			}
		}, []string{"ExistingLogBucket and LogBucketProps = both given"}},
		{"existing key and key props", func(stack awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{
				EncryptionKey: awskms.Key_FromKeyArn(stack, jsii.String("K"), jsii.String("arn:aws:kms:eu-west-1:111111111111:key/x")),
				KeyProps:      &awskms.KeyProps{},
			}
		}, []string{"EncryptionKey and KeyProps = both given"}},
		{"a key with SSE-S3", func(stack awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Encryption: securebucket.SSES3, KeyProps: &awskms.KeyProps{}}
		}, []string{"EncryptionKey/KeyProps = given with SSES3"}},
		{"unknown encryption", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Encryption: "ROT13"}
		}, []string{"Encryption = ROT13", "DSSEKMS, SSEKMS or SSES3"}},
		{"encryption through BucketProps", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{BucketProps: &awss3.BucketProps{Encryption: awss3.BucketEncryption_KMS_MANAGED}}
		}, []string{"BucketProps.Encryption/EncryptionKey = KMS_MANAGED"}},
		{"public bucket", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{BucketProps: &awss3.BucketProps{PublicReadAccess: jsii.Bool(true)}}
		}, []string{"BucketProps.PublicReadAccess = true", "never public"}},
		{"TLS without SSL enforcement", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{MinimumTLSVersion: jsii.Number(1.1), BucketProps: &awss3.BucketProps{EnforceSSL: jsii.Bool(false)}}
		}, []string{"MinimumTLSVersion = 1.1", "1.2 or 1.3", "BucketProps.EnforceSSL = false"}},
		{"log settings with logs off", func(awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{ServerAccessLogs: jsii.Bool(false), LogRetention: securebucketDays(30)}
		}, []string{"ServerAccessLogs = false", "log bucket settings were given"}},
		{"replication without destination key or versioning", func(stack awscdk.Stack) *securebucket.Props {
			return &securebucket.Props{Versioned: jsii.Bool(false), Replication: &securebucket.Replication{}}
		}, []string{"Replication = set with versioning off", "Replication.Destination = <nil>", "Replication.DestinationKey = <nil>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
				securebucket.New(stack, "Data", c.props(stack))
			}, append([]string{"securebucket Bad/Data: invalid props"}, c.wants...)...)
		})
	}
}

// TestAllProblemsAtOnce: one synthesis reports every problem of the props.
func TestSecurebucketAllProblemsAtOnce(t *testing.T) {
	testkit.MustPanic(t, func() {
		app := testkit.NewApp(t.TempDir(), nil)
		stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
		securebucket.New(stack, "Data", &securebucket.Props{
			BucketKeyEnabled: jsii.Bool(true),
			Versioned:        jsii.Bool(false),
			ObjectLock:       &securebucket.ObjectLock{Mode: securebucket.Governance, Retention: securebucketDays(1)},
			Lifecycle:        &securebucket.Lifecycle{InfrequentAccessAfter: securebucketDays(7)},
		})
	}, "BucketKeyEnabled = true", "ObjectLock = set with versioning off", "Lifecycle.InfrequentAccessAfter = 7 days")
}
