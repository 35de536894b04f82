// Package notices makes a stack's one notice topic: the encrypted topic
// that alarms, EventBridge rules and state machines of the stack publish
// to (statemachine.NewNoticeTopic), with the cdk.json e-mail address
// subscribed when one is set.
package notices

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// Topic creates the topic id in scope and subscribes email unless it is
// empty (the address must confirm the subscription).
func Topic(scope constructs.Construct, id, email string) statemachine.NoticeTopic {
	t := statemachine.NewNoticeTopic(scope, id)
	if email != "" {
		t.Topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(email), nil))
	}
	return t
}
