// Package durablequeue is an SQS queue that does not lose messages while its
// consumer is down (catalogue ING-05).
//
// Scenario: a consumer application has occasional downtime; with the queue's
// retention set to one day, messages expired and were lost. The fix is a long
// retention plus a dead-letter queue that parks messages the consumer keeps
// failing and keeps them longer still, with alarms that tell someone before
// either queue drops anything.
//
// What New creates, with nil props:
//
//	producers ──TLS──▶ main queue (7 days, KMS CMK) ──▶ consumers
//	                     │ received 3 times, not deleted
//	                     ▼
//	                   dead-letter queue (14 days, same CMK,
//	                     redrive allowed from the main queue only)
//	                     │ ApproximateNumberOfMessagesVisible ≥ 1 ─┐
//	  main queue ApproximateAgeOfOldestMessage > 1,800 s ──────────┤
//	                                                               ▼
//	                                     SNS topic (own CMK, TLS only)
//	  redrive: StartMessageMoveTask(DLQ) ──▶ messages back to the main queue
//
// Why 7 and 14 days. For a standard queue, SQS keeps a message's original
// enqueue time when it moves the message to the dead-letter queue, and the
// DLQ's retention counts from that time: a message that dies when it is R
// days old has (DLQ retention − R) days left in the DLQ. SQS keeps messages
// at most 14 days, so the DLQ gets the maximum and the main queue less: with
// 7 days the queue rides out a consumer outage of a week, and a dead letter
// still has at least a week in the DLQ to be inspected and redriven. A
// longer main retention buys outage time with redrive time (13 days leaves
// one day); it must stay below the DLQ's, which New enforces.
//
// Both queues deny requests without TLS, are encrypted with one rotating
// customer managed key (or SSE-SQS), and are retained when the stack is
// deleted unless the project's sandbox switch is on. FIFO queues get a FIFO
// dead-letter queue (SQS requires the DLQ to be of the same type). Both alarms
// carry the QueueName dimension, use the one-minute maximum, and notify the
// topic on ALARM and on OK.
//
// The way back: once the cause is fixed, move the dead letters back with
// SQS's message move task — `aws sqs start-message-move-task --source-arn
// <DLQ ARN>` returns each message to the queue it came from. GrantRedrive
// gives a role exactly the rights that needs; the dlqredrive construct does it
// on a schedule. A consumer must delete a message only after processing it,
// otherwise neither retention nor the DLQ can help.
//
// The redrive-allow policy names the main queue (byQueue). Because the main
// queue's redrive policy already references the DLQ, the DLQ cannot reference
// the main queue's ARN attribute without a dependency cycle; the main queue
// therefore gets a physical name derived from the construct's path (stack
// name, path, hash: unique per instance), and the DLQ names that ARN. A
// consequence: a change that replaces the main queue (standard ↔ FIFO) needs
// a new construct id. RestrictRedriveSources false (allowAll) avoids the name.
//
// Where the study notes are wrong or incomplete, this construct does what is
// right today:
//   - SQS's default retention is 4 days (345,600 s), not 1 day; 14 days
//     (1,209,600 s) is the maximum, and a DLQ does not prevent expiry: only
//     retention does.
//   - The metric to watch on the DLQ is ApproximateNumberOfMessagesVisible,
//     and the notes' "> 1" misses a single dead letter: the alarm is ≥ 1.
//   - The notes give both queues 14 days. For standard queues a message's
//     expiry in the DLQ counts from its original enqueue time (FIFO queues
//     reset it), so at 14 days each a message that dies on day 13 has one day
//     left in the DLQ, and one that dies on day 14 none. The DLQ must keep
//     messages longer than its source queue: the defaults are 7 and 14 days,
//     and for a standard queue New rejects a new DLQ whose retention is not
//     longer than the main queue's, whichever field sets them
//     (RetentionPeriod, QueueProps.RetentionPeriod,
//     DeadLetterRetentionPeriod, DeadLetterQueueProps.RetentionPeriod), so a
//     main queue of 14 days is rejected unless the DLQ is an existing queue.
//     FIFO queues may have any two retentions; an ExistingDeadLetterQueue's
//     retention is its owner's to keep longer.
//
// cdk-nag suppressions: none. Control Tower exemptions: none (the DLQ passes
// CT.SQS.PR.1 through its redrive-allow policy).
package durablequeue
