package durablequeue

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// maxNameLength is SQS's limit on queue names, ".fifo" included.
const maxNameLength = 80

// physicalName is a name unique to the construct's path in its stack and
// account region (stack name + path + hash), so that two instances or two
// stacks never collide. It is needed only to name the main queue in the
// dead-letter queue's redrive-allow policy before the main queue exists
// (referencing its ARN would make the two queues depend on each other).
func physicalName(c constructs.Construct, fifo bool) *string {
	max := float64(maxNameLength)
	if fifo {
		max -= float64(len(".fifo"))
	}
	name := awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength:                jsii.Number(max),
		Separator:                jsii.String("-"),
		AllowedSpecialCharacters: jsii.String("-_"),
	})
	if fifo {
		name = jsii.String(*name + ".fifo")
	}
	return name
}

// redriveAllowPolicy lets only the named main queue send its dead letters to
// the DLQ, or any queue of the account when restrict is false.
func redriveAllowPolicy(c constructs.Construct, restrict bool, mainName *string) *awssqs.RedriveAllowPolicy {
	if !restrict || mainName == nil {
		return &awssqs.RedriveAllowPolicy{RedrivePermission: awssqs.RedrivePermission_ALLOW_ALL}
	}
	arn := awscdk.Stack_Of(c).FormatArn(&awscdk.ArnComponents{
		Service:  jsii.String("sqs"),
		Resource: mainName,
	})
	source := awssqs.Queue_FromQueueArn(c, jsii.String("MainQueueRef"), arn)
	return &awssqs.RedriveAllowPolicy{
		RedrivePermission: awssqs.RedrivePermission_BY_QUEUE,
		SourceQueues:      &[]awssqs.IQueue{source},
	}
}

// redriveActions are the message-move-task actions on the dead-letter queue.
// StartMessageMoveTask also needs to receive and delete from the DLQ and to
// send to the destination, which the consume and send grants give.
var redriveActions = []string{
	"sqs:StartMessageMoveTask",
	"sqs:ListMessageMoveTasks",
	"sqs:CancelMessageMoveTask",
}

// sendActions are what moving a message into the main queue needs; narrower
// than GrantSendMessages, whose KMS part adds wildcard actions
// (kms:GenerateDataKey*, kms:ReEncrypt*) that a redrive never uses.
var (
	sendActions    = []string{"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"}
	sendKeyActions = []string{"kms:GenerateDataKey", "kms:Decrypt"}
)

// GrantRedrive lets grantee move dead letters back to the main queue with
// SQS's message move task (StartMessageMoveTask, ListMessageMoveTasks,
// CancelMessageMoveTask): consume rights on the dead-letter queue, send rights
// on the main queue, and the KMS rights both need, without wildcard actions.
//
// By hand, the same redrive is:
//
//	aws sqs start-message-move-task --source-arn <DeadLetterQueue ARN>
//
// which moves every message back to the queue it came from (or to
// --destination-arn), at --max-number-of-messages-per-second if given.
func (dq *DurableQueue) GrantRedrive(grantee awsiam.IGrantable) {
	dq.DeadLetterQueue.GrantConsumeMessages(grantee)
	dq.DeadLetterQueue.Grant(grantee, *jsii.Strings(redriveActions...)...)
	dq.Queue.Grant(grantee, *jsii.Strings(sendActions...)...)
	if dq.Key != nil {
		dq.Key.Grant(grantee, *jsii.Strings(sendKeyActions...)...)
	}
}
