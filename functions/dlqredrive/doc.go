// Command dlqredrive is the Lambda function of the dlqredrive construct: on
// each invocation it moves the messages of an SQS dead-letter queue back to
// the queue they came from, with SQS's own message move task.
//
// An EventBridge schedule invokes it (any event is accepted; a manual invoke
// may send {"dryRun": true}). Each run:
//
//  1. reads ApproximateNumberOfMessages of the dead-letter queue
//     (GetQueueAttributes); below MIN_MESSAGES there is nothing to do;
//  2. lists the queue's message move tasks (ListMessageMoveTasks); a task
//     that is RUNNING or CANCELLING means a move is under way, so it does not
//     start another (SQS allows one active task per queue);
//  3. starts a task (StartMessageMoveTask) with the dead-letter queue as
//     source: without DESTINATION_ARN, SQS returns each message to the queue
//     it was dead-lettered from.
//
// If the start fails, the tasks are listed again: when another invocation
// started one in between, the run reports "already-running" instead of
// failing. (SQS documents no dedicated error code for that race, so the
// function checks the state rather than parse error messages.) Any other SQS
// error fails the invocation, so Lambda's retries, the on-failure destination
// and the Errors alarm see it. One JSON log line per run says what happened.
//
// Environment:
//
//	DLQ_URL                  URL of the dead-letter queue (required)
//	DLQ_ARN                  ARN of the dead-letter queue (required)
//	DESTINATION_ARN          another destination queue (optional)
//	MAX_MESSAGES_PER_SECOND  1 to 500 (optional; SQS's own rate otherwise)
//	MIN_MESSAGES             start only from this many visible messages (default 1)
//
// Permissions (DurableQueue.GrantRedrive gives exactly these): on the
// dead-letter queue sqs:GetQueueAttributes, sqs:ListMessageMoveTasks,
// sqs:StartMessageMoveTask, and for the move itself sqs:ReceiveMessage and
// sqs:DeleteMessage; on the destination sqs:SendMessage; kms:Decrypt on the
// dead-letter queue's key and kms:GenerateDataKey on the destination's key.
//
// Delivery stays at-least-once: a moved message can be delivered again, so
// consumers must be idempotent, as with any SQS queue.
package main
