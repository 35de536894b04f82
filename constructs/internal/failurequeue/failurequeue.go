// Package failurequeue creates the queue where a construct's asynchronous
// failures end (Lambda on-failure destinations, EventBridge target dead-letter
// queues), the same way everywhere.
package failurequeue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// New creates the queue "FailureQueue" that failure paths end in: events
// EventBridge could not deliver (target dead-letter queue) or invocations
// that still failed after Lambda's retries (on-failure destination). It keeps
// them 14 days, encrypted, TLS only. No SQS queue may use it as its own
// dead-letter queue (redrive-allow policy denyAll).
func New(c constructs.Construct, key awskms.IKey) awssqs.IQueue {
	q := awssqs.NewQueue(c, jsii.String("FailureQueue"), &awssqs.QueueProps{
		Encryption:          awssqs.QueueEncryption_KMS,
		EncryptionMasterKey: key,
		EnforceSSL:          jsii.Bool(true),
		RetentionPeriod:     awscdk.Duration_Days(jsii.Number(14)),
		RemovalPolicy:       sandbox.RemovalPolicy(c),
		RedriveAllowPolicy:  &awssqs.RedriveAllowPolicy{RedrivePermission: awssqs.RedrivePermission_DENY_ALL},
	})
	nag.Suppress(q, nag.Suppression{
		Rule:   "AwsSolutions-SQS3",
		Reason: "This queue is itself a dead-letter destination (EventBridge target dead-letter queue, Lambda on-failure destination); its messages are read by people or tools, not by a consumer that could fail them repeatedly.",
	})
	return q
}

// SuppressSendGrant records, on the default policy of a function's role,
// why it holds wildcard KMS actions: CDK's send grant on the encrypted
// failure queue (the function's dead-letter queue or on-failure
// destination) adds kms:GenerateDataKey* and kms:ReEncrypt* on the queue's
// key.
func SuppressSendGrant(role constructs.IConstruct) {
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		Reason:    "The wildcard KMS actions come from CDK's send grant on the failure queue (the function's dead-letter queue or on-failure destination) and are limited to the construct's one key.",
	})
}
