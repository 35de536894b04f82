package analytics_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchserverless"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestOpensearchserverlessRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *opensearchserverless.Props
		wants []string
	}{
		{"no encryption policy", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{CreateEncryptionPolicy: jsii.Bool(false)}
		}, []string{"opensearchserverless Bad/Aoss: invalid props", "CreateEncryptionPolicy = false: a collection needs an encryption policy", "CollectionName = unset"}},
		{"existing policy and a created one", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{ExistingEncryptionPolicyName: jsii.String("org-enc")}
		}, []string{"ExistingEncryptionPolicyName = org-enc: only with CreateEncryptionPolicy false"}},
		{"existing policy with a key", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{CreateEncryptionPolicy: jsii.Bool(false), ExistingEncryptionPolicyName: jsii.String("Bad_Name"), CollectionName: jsii.String("logs"), AwsOwnedKey: jsii.Bool(true)}
		}, []string{"ExistingEncryptionPolicyName = Bad_Name: a policy name", "AwsOwnedKey/EncryptionKey = set"}},
		{"public without the opt-in", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{PublicAccess: jsii.Bool(true)}
		}, []string{"PublicAccess = true: public network access is an explicit opt-in: give PublicAccessReason"}},
		{"public with a VPC, reason without public", func(stack awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{PublicAccess: jsii.Bool(true), PublicAccessReason: jsii.String("short"), Vpc: awsec2.NewVpc(stack, jsii.String("Vpc"), nil)}
		}, []string{"PublicAccess = true", "Vpc/VpcSubnets/AllowFrom/SourceServices = set: only for a private collection"}},
		{"reason without public", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{PublicAccessReason: jsii.String("because we want it open")}
		}, []string{"PublicAccessReason = because we want it open: only with PublicAccess true"}},
		{"bad collection names", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{CollectionName: jsii.String("Weblogs_2026")}
		}, []string{"CollectionName = Weblogs_2026: 3 to 28 characters"}},
		{"collection name too long", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{CollectionName: jsii.String("a-collection-name-of-29-chars")}
		}, []string{"CollectionName = a-collection-name-of-29-chars: 3 to 28 characters"}},
		{"buffering and retry out of range", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{BufferInterval: awscdk.Duration_Seconds(jsii.Number(901)), BufferSize: awscdk.Size_Mebibytes(jsii.Number(128)),
				RetryDuration: awscdk.Duration_Hours(jsii.Number(3))}
		}, []string{"BufferInterval = 15 minutes 1 second: Firehose buffers 0 to 900 seconds", "BufferSize = 128 MiB: Firehose buffers 1 to 100 MiB", "RetryDuration = 3 hours: 0 to 7,200 seconds"}},
		{"delivery props without delivery", func(stack awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{Delivery: jsii.Bool(false), IndexName: jsii.String("x"), ExistingStream: awskinesis.NewStream(stack, jsii.String("S"), nil)}
		}, []string{"IndexName = set: only with Delivery", "ExistingStream = set: only with Delivery"}},
		{"type, index, services, capacity, retention", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{Type: "GRAPH", IndexName: jsii.String("_Logs"), SourceServices: []*string{jsii.String("firehose")},
				MaxIndexingCapacity: jsii.Number(1), MaxSearchCapacity: jsii.Number(2.5), LogRetention: awslogs.RetentionDays_INFINITE,
				StreamProps: &awskinesis.StreamProps{Encryption: awskinesis.StreamEncryption_UNENCRYPTED}}
		}, []string{"Type = GRAPH: opensearchserverless.TimeSeries, Search or VectorSearch", "IndexName = _Logs", "SourceServices = firehose",
			"MaxIndexingCapacity = 1: a whole number of OCUs, at least 2", "MaxSearchCapacity = 2.5", "LogRetention = INFINITE", "StreamProps.Encryption = UNENCRYPTED"}},
		{"Firehose settings on a pipeline", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{IngestWith: opensearchserverless.OpenSearchIngestion, BufferSize: awscdk.Size_Mebibytes(jsii.Number(5)),
				PipelineMinUnits: jsii.Number(0.5), PipelineMaxUnits: jsii.Number(200)}
		}, []string{"BufferSize = set: only with IngestWith Firehose", "PipelineMaxUnits = 200: a whole number of Ingestion OCUs from 1 to 96",
			"PipelineMinUnits = 0.5: a whole number"}},
		{"pipeline minimum above maximum", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{IngestWith: opensearchserverless.OpenSearchIngestion, PipelineMinUnits: jsii.Number(8)}
		}, []string{"PipelineMinUnits = 8, PipelineMaxUnits = 4: the minimum must not exceed the maximum"}},
		{"unknown ingestion", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{IngestWith: "MSK"}
		}, []string{"IngestWith = MSK: opensearchserverless.Firehose or OpenSearchIngestion"}},
		{"pipeline units with Firehose, unknown ingestion", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{PipelineMinUnits: jsii.Number(2)}
		}, []string{"PipelineMinUnits/PipelineMaxUnits = set: only with IngestWith OpenSearchIngestion"}},
		{"destroy without the sandbox", func(awscdk.Stack) *opensearchserverless.Props {
			return &opensearchserverless.Props{StreamProps: &awskinesis.StreamProps{RemovalPolicy: awscdk.RemovalPolicy_DESTROY}}
		}, []string{"StreamProps"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				opensearchserverless.New(stack, "Aoss", c.props(stack))
			}, c.wants...)
		})
	}
}

// A collection nobody can read or write fails synthesis: an empty data
// access policy is invalid.
func TestOpensearchserverlessNoPrincipal(t *testing.T) {
	s := testkit.Synthesize("opensearchserverless-noprincipal", nil, func(scope constructs.Construct) {
		stack := awscdk.NewStack(scope, jsii.String("Lonely"), nil)
		opensearchserverless.New(stack, "Aoss", &opensearchserverless.Props{Delivery: jsii.Bool(false)})
	})
	if s.Err == nil || !strings.Contains(s.Err.Error(), "no principal has data access to the collection") {
		t.Errorf("err = %v, want the empty data access policy refused", s.Err)
	}
}
