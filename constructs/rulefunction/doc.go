// Package rulefunction is an EventBridge rule that invokes a Lambda function
// (catalogue SEC-02), with the permission, retries and failure handling done
// right.
//
// Scenario: an EventBridge rule must invoke a Lambda function and the
// invocation fails with AccessDeniedException. The fix is the function's
// resource-based policy allowing events.amazonaws.com to invoke it for that
// rule's ARN (AWS:SourceArn), which this construct always creates. Users also
// want to know when an event was lost, so every failure path ends in an
// encrypted queue and an alarm.
//
// What New creates:
//
//	schedule / event pattern ──▶ rule ──invoke (resource policy,──▶ function
//	                              │      AWS:SourceArn = rule)         │ (provided.al2023, arm64,
//	                              │ delivery failed after               │  own role, JSON logs to a
//	                              │ 10 retries / 1 hour                 │  CMK log group, 1 year)
//	                              ▼                                     │ failed after 2 retries
//	                        failure queue (14 days, CMK, TLS) ◀─────────┘ (on-failure destination)
//	alarms (SNS, CMK topic): function Errors ≥ 1, rule FailedInvocations ≥ 1,
//	                         failure queue visible messages ≥ 1
//
// EventBridge invokes Lambda asynchronously, so there are two retry layers:
// EventBridge retries delivering the event (throttling, a missing permission)
// up to TargetRetryAttempts times within TargetMaxEventAge, then sends it to
// the target's dead-letter queue; Lambda retries a function error twice
// within an hour, then sends the event to the on-failure destination. Both are
// the same failure queue, encrypted with the construct's key, whose key
// policy lets EventBridge (this account only) and CloudWatch Logs use it.
// The queue policy lets EventBridge send for this rule only.
//
// The execution role has no managed policy: it may write its own log group
// and send to the failure queue, nothing else; add your grants to Role.
//
// Where the study notes are wrong, this construct does what is right today:
//   - An EventBridge rule needs no IAM role to invoke a Lambda function. Roles
//     are for targets such as Kinesis, Step Functions, ECS tasks, event buses
//     in other accounts, and for EventBridge Scheduler. The notes' "EventBridge
//     IAM role with lambda:InvokeFunction" is not created; the function's
//     resource-based policy is what grants the invoke.
//   - The execution role's trust policy (lambda.amazonaws.com) is not the fix
//     for an AccessDeniedException on invoke; CloudTrail shows the denied
//     lambda:InvokeFunction call.
//
// cdk-nag suppressions (each on one resource):
//   - AwsSolutions-SQS3 on the failure queue: it is itself a dead-letter
//     destination, read by people or tools.
//   - the compliance packs' Lambda rules on the function: LambdaDLQ (failed
//     invocations go to the on-failure destination), LambdaConcurrency (a
//     schedule starts one run per period; events wait in Lambda's
//     asynchronous queue) and, with Props.Reaches saying what the code calls,
//     LambdaInsideVPC (see constructs/internal/gofunction Invocation).
//   - AwsSolutions-IAM5 on the execution role's policy, only for the actions
//     kms:GenerateDataKey* and kms:ReEncrypt*: CDK's send grant on the
//     encrypted failure queue, limited to the construct's key.
//
// Control Tower exemptions (test/guard-exemptions.json): CT.SQS.PR.1 on the
// failure queue (it is a dead-letter queue that no SQS queue may redrive into:
// redrive-allow denyAll, which the control does not recognise), and
// CT.LAMBDA.PR.3 on the function (it calls only AWS APIs; a VPC would add NAT
// or endpoints and cost without reducing what it can reach).
package rulefunction
