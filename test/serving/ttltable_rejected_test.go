package serving_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestTtltableRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *ttltable.Props
		wants []string
	}{
		// The bad input.
		{"TTL attribute that is a document path", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{TimeToLiveAttribute: "a.b"}
		}, []string{"ttltable Bad/Table: invalid props", "TimeToLiveAttribute = a.b: a top-level attribute name, not a document path: TTL reads only top-level Number attributes"}},
		{"TTL attribute with an index", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{TimeToLiveAttribute: "expiry[0]"}
		}, []string{"TimeToLiveAttribute = expiry[0]: a top-level attribute name, not a document path"}},
		{"TTL attribute placeholder", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{TimeToLiveAttribute: "#ttl"}
		}, []string{"TimeToLiveAttribute = #ttl: the attribute's name, not an expression placeholder"}},
		{"TTL attribute too long", func(awscdk.Stack) *ttltable.Props {
			long := make([]byte, 256)
			for i := range long {
				long[i] = 'x'
			}
			return &ttltable.Props{TimeToLiveAttribute: string(long)}
		}, []string{": a top-level attribute name of 1 to 255 bytes"}},
		{"key attribute names", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("a.b"), Type: awsdynamodb.AttributeType_STRING}, SortKey: &awsdynamodb.Attribute{Name: jsii.String("s")}}
		}, []string{"PartitionKey.Name = a.b: a plain attribute name of 1 to 255 bytes", "SortKey = incomplete: a Name and a Type"}},
		{"provisioned bounds", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{Provisioned: &ttltable.Provisioned{MinReadCapacity: 50, MaxReadCapacity: 10, MinWriteCapacity: 0, MaxWriteCapacity: 50000, TargetUtilizationPercent: 95}}
		}, []string{"Provisioned.MinReadCapacity = 50, Provisioned.MaxReadCapacity = 10: the minimum must not exceed the maximum",
			"Provisioned.MinWriteCapacity = 0: whole capacity units from 1 to 40000", "Provisioned.MaxWriteCapacity = 50000: whole capacity units",
			"Provisioned.TargetUtilizationPercent = 95: 20 to 90 percent"}},
		{"index capacity and names", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{GlobalSecondaryIndexes: []awsdynamodb.GlobalSecondaryIndexProps{{IndexName: jsii.String("i"), ReadCapacity: jsii.Number(5)}}}
		}, []string{"GlobalSecondaryIndexes[0]: an IndexName and a PartitionKey are required", "GlobalSecondaryIndexes[0].ReadCapacity/WriteCapacity: set by Provisioned"}},
		{"AWS managed key", func(stack awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{EncryptionKey: awskms.Alias_FromAliasName(stack, jsii.String("K"), jsii.String("alias/aws/dynamodb"))}
		}, []string{"EncryptionKey = alias/aws/dynamodb: a customer managed key"}},
		{"table props that bypass the construct", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{TableProps: &awsdynamodb.TableProps{
				TimeToLiveAttribute: jsii.String("ttl"), BillingMode: awsdynamodb.BillingMode_PROVISIONED, TableName: jsii.String("fixed"),
				Encryption: awsdynamodb.TableEncryption_AWS_MANAGED, PointInTimeRecovery: jsii.Bool(false), DeletionProtection: jsii.Bool(false),
			}}
		}, []string{"TableProps.TimeToLiveAttribute = set: nil: use TimeToLiveAttribute", "TableProps.BillingMode = set: nil: use Provisioned",
			"TableProps.TableName = set: nil: two instances must not collide", "TableProps.Encryption/EncryptionKey = set: nil: use EncryptionKey",
			"TableProps.PointInTimeRecovery = false: enabled", "TableProps.DeletionProtection = false: true outside the sandbox"}},
		{"stream settings", func(stack awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{StreamShardCount: 1.5, StreamRetention: awscdk.Duration_Hours(jsii.Number(12)),
				Lake: &firehosetos3.Props{SourceStream: awskinesis.NewStream(stack, jsii.String("Other"), nil)}}
		}, []string{"StreamShardCount = 1.5: 0 (on-demand) or a whole number of shards from 1 to 500",
			"StreamRetention = 12 hours: whole hours from 24 hours to 365 days", "Lake.SourceStream = Bad/Other: nil: the source is the table's own stream"}},
		{"stream settings without a stream", func(awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{StreamToLake: jsii.Bool(false), StreamShardCount: 2}
		}, []string{"StreamShardCount/StreamRetention/Lake = set: only with StreamToLake"}},
		{"topic without alarms", func(stack awscdk.Stack) *ttltable.Props {
			return &ttltable.Props{CreateAlarms: jsii.Bool(false), AlarmTopic: awssns.NewTopic(stack, jsii.String("T"), nil)}
		}, []string{"AlarmTopic = Bad/T: CreateAlarms is false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				ttltable.New(stack, "Table", c.props(stack))
			}, c.wants...)
		})
	}
}

func TestTtltableDestroyOverridesNeedTheSandbox(t *testing.T) {
	testkit.CheckDestroyOverrides(t, []testkit.OverrideCase{{
		Name: "ttltable TableProps",
		Build: func(stack awscdk.Stack) {
			ttltable.New(stack, "Table", &ttltable.Props{TableProps: &awsdynamodb.TableProps{RemovalPolicy: awscdk.RemovalPolicy_DESTROY}, StreamToLake: jsii.Bool(false)})
		},
		Wants: []string{"ttltable Stack/Table", "TableProps.RemovalPolicy = DESTROY"},
	}})
}
