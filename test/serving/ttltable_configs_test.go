package serving_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	ttltableDefaultsStack = "TtlTableDefaults"
	ttltableOptionsStack  = "TtlTableOptions"
	ttltableQuietStack    = "TtlTableQuiet"
	ttltableSandboxStack  = "TtlTableSandbox"
)

var ttltableBuilt struct {
	defaults, second, options, quiet, sandbox *ttltable.TTLTable
	key                                       awskms.IKey
	topic                                     awssns.ITopic
	lake                                      *securebucket.SecureBucket
}

// ttltableKey is a caller's key: rotating, denying grants not for AWS
// services (CT.KMS.PR.3).
func ttltableKey(scope constructs.Construct, id string) awskms.Key {
	key := awskms.NewKey(scope, jsii.String(id), &awskms.KeyProps{EnableKeyRotation: jsii.Bool(true)})
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect: awsiam.Effect_DENY, Principals: &[]awsiam.IPrincipal{awsiam.NewAnyPrincipal()}, Actions: jsii.Strings("kms:CreateGrant"), Resources: jsii.Strings("*"),
		Conditions: &map[string]any{"BoolIfExists": map[string]any{"kms:GrantIsForAWSResource": "false", "aws:PrincipalIsAWSService": "false"}},
	}), nil)
	return key
}

var ttltableConfigs = testkit.Register("ttltable", nil, func(app constructs.Construct) {
	// Defaults, twice in one stack: no fixed names collide.
	s1 := awscdk.NewStack(app, jsii.String(ttltableDefaultsStack), nil)
	ttltableBuilt.defaults = ttltable.New(s1, "Sessions", nil)
	ttltableBuilt.second = ttltable.New(s1, "Carts", nil)

	// Every option: provisioned with auto scaling sized by Capacity, a
	// sort key and an index, a custom TTL attribute, the caller's key,
	// topic and lake bucket, a provisioned stream kept a week.
	s2 := awscdk.NewStack(app, jsii.String(ttltableOptionsStack), nil)
	ttltableBuilt.key = ttltableKey(s2, "TableKey")
	topicKey := ttltableKey(s2, "TopicKey")
	ttltableBuilt.topic = awssns.NewTopic(s2, jsii.String("Alerts"), &awssns.TopicProps{MasterKey: topicKey, EnforceSSL: jsii.Bool(true)})
	ttltableBuilt.lake = securebucket.New(s2, "Lake", nil)
	rcu, wcu, err := ttltable.Capacity(ttltable.Workload{ItemSizeBytes: 6 * 1024, ReadsPerSecond: 100, WritesPerSecond: 20, Consistency: ttltable.Strong})
	if err != nil {
		panic(err)
	}
	ttltableBuilt.options = ttltable.New(s2, "Orders", &ttltable.Props{
		PartitionKey:        &awsdynamodb.Attribute{Name: jsii.String("customer"), Type: awsdynamodb.AttributeType_STRING},
		SortKey:             &awsdynamodb.Attribute{Name: jsii.String("orderedAt"), Type: awsdynamodb.AttributeType_NUMBER},
		TimeToLiveAttribute: "purgeAt",
		GlobalSecondaryIndexes: []awsdynamodb.GlobalSecondaryIndexProps{{
			IndexName:    jsii.String("byStatus"),
			PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("status"), Type: awsdynamodb.AttributeType_STRING},
		}},
		Provisioned:      &ttltable.Provisioned{MinReadCapacity: 10, MaxReadCapacity: rcu, MinWriteCapacity: 5, MaxWriteCapacity: wcu, TargetUtilizationPercent: 60},
		EncryptionKey:    ttltableBuilt.key,
		TableProps:       &awsdynamodb.TableProps{ContributorInsightsSpecification: &awsdynamodb.ContributorInsightsSpecification{Enabled: jsii.Bool(true)}},
		StreamShardCount: 2,
		StreamRetention:  awscdk.Duration_Days(jsii.Number(7)),
		Lake:             &firehosetos3.Props{ExistingBucket: ttltableBuilt.lake.Bucket, Prefix: jsii.String("orders/changes/!{timestamp:yyyy-MM-dd}/")},
		AlarmTopic:       ttltableBuilt.topic,
	})

	// No stream, no alarms: the table alone.
	s3 := awscdk.NewStack(app, jsii.String(ttltableQuietStack), nil)
	ttltableBuilt.quiet = ttltable.New(s3, "Cache", &ttltable.Props{StreamToLake: jsii.Bool(false), CreateAlarms: jsii.Bool(false)})
})

var ttltableSandboxConfigs = testkit.Register("ttltable-sandbox", map[string]any{"sandbox": true}, func(app constructs.Construct) {
	s := awscdk.NewStack(app, jsii.String(ttltableSandboxStack), nil)
	ttltableBuilt.sandbox = ttltable.New(s, "Sessions", nil)
})
