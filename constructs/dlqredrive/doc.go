// Package dlqredrive moves the dead letters of a durablequeue back into the
// queue on a schedule (catalogue ING-05's "automatic redrive", built on the
// rulefunction pattern, SEC-02).
//
// Scenario: a consumer failed messages while a downstream system was down;
// they went to the dead-letter queue after MaxReceiveCount receives. Once the
// downstream is back, someone has to move them back. SQS does that natively
// with a message move task (StartMessageMoveTask); this construct runs it.
//
//	EventBridge schedule (rate(1 hour), DISABLED by default)
//	   │ invoke (resource policy scoped to the rule)
//	   ▼
//	Go Lambda functions/dlqredrive (provided.al2023, arm64)
//	   1 GetQueueAttributes(DLQ): visible messages ≥ MinMessages?
//	   2 ListMessageMoveTasks(DLQ): a task RUNNING? then nothing to do
//	   3 StartMessageMoveTask(source = DLQ[, rate]) ─▶ SQS moves every
//	     message back to the queue it came from
//
// The function's role gets exactly what a message move task needs (through
// DurableQueue.GrantRedrive): receive, delete and the three move-task actions
// on the DLQ, send on the main queue, and the KMS actions both queues' key
// needs, with no wildcard action. Failures of the function or of the rule end
// in the rule function's failure queue and raise alarms on the queue's alarm
// topic.
//
// Why the schedule is off by default: a message that fails because it is
// malformed (a poison message) fails again after every redrive, so an
// always-on redrive turns the DLQ into a loop that hides the problem and
// costs receives. Enable it (Enabled, or securestorage.autoRedrive in
// cdk.json) for queues whose failures are transient. A manual redrive is one
// command: `aws sqs start-message-move-task --source-arn <DLQ ARN>`, or an
// invoke of the function with {"dryRun": true} to see what it would do.
//
// cdk-nag suppressions and Control Tower exemptions: those of rulefunction.
package dlqredrive
