package storage_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/durablequeue"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDestroyOverridesNeedTheSandbox: no override props struct deletes data
// without sandbox=true.
func TestDestroyOverridesNeedTheSandbox(t *testing.T) {
	destroy := awscdk.RemovalPolicy_DESTROY
	testkit.CheckDestroyOverrides(t, []testkit.OverrideCase{
		{Name: "securebucket BucketProps.RemovalPolicy", Build: func(s awscdk.Stack) {
			securebucket.New(s, "Data", &securebucket.Props{BucketProps: &awss3.BucketProps{RemovalPolicy: destroy}})
		}, Wants: []string{"securebucket Stack/Data: invalid props", "BucketProps.RemovalPolicy = DESTROY"}},
		{Name: "securebucket BucketProps.AutoDeleteObjects", Build: func(s awscdk.Stack) {
			securebucket.New(s, "Data", &securebucket.Props{BucketProps: &awss3.BucketProps{AutoDeleteObjects: jsii.Bool(true)}})
		}, Wants: []string{"securebucket Stack/Data: invalid props", "BucketProps.AutoDeleteObjects = true"}},
		{Name: "securebucket LogBucketProps", Build: func(s awscdk.Stack) {
			securebucket.New(s, "Data", &securebucket.Props{LogBucketProps: &awss3.BucketProps{RemovalPolicy: destroy, AutoDeleteObjects: jsii.Bool(true)}})
		}, Wants: []string{"LogBucketProps.RemovalPolicy = DESTROY", "LogBucketProps.AutoDeleteObjects = true"}},
		{Name: "securebucket KeyProps", Build: func(s awscdk.Stack) {
			securebucket.New(s, "Data", &securebucket.Props{KeyProps: &awskms.KeyProps{RemovalPolicy: destroy}})
		}, Wants: []string{"securebucket Stack/Data: invalid props", "KeyProps.RemovalPolicy = DESTROY"}},
		{Name: "durablequeue QueueProps", Build: func(s awscdk.Stack) {
			durablequeue.New(s, "Orders", &durablequeue.Props{QueueProps: &awssqs.QueueProps{RemovalPolicy: destroy}})
		}, Wants: []string{"durablequeue Stack/Orders: invalid props", "QueueProps.RemovalPolicy = DESTROY"}},
		{Name: "durablequeue DeadLetterQueueProps and KeyProps", Build: func(s awscdk.Stack) {
			durablequeue.New(s, "Orders", &durablequeue.Props{
				DeadLetterQueueProps: &awssqs.QueueProps{RemovalPolicy: destroy},
				KeyProps:             &awskms.KeyProps{RemovalPolicy: destroy},
			})
		}, Wants: []string{"DeadLetterQueueProps.RemovalPolicy = DESTROY", "KeyProps.RemovalPolicy = DESTROY"}},
	})
}
