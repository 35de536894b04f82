package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// newSQSServer is SQS's AWS JSON 1.0 protocol (awsfake) with the replies of
// a queue holding messages and a finished earlier move task.
func newSQSServer(t *testing.T) (*awsfake.Server, *sqs.Client) {
	s := awsfake.New(t, awsfake.SQS)
	s.Reply("GetQueueAttributes", `{"Attributes":{"ApproximateNumberOfMessages":"12","ApproximateNumberOfMessagesNotVisible":"2"}}`)
	s.Reply("ListMessageMoveTasks", `{"Results":[{"Status":"COMPLETED","TaskHandle":"old","ApproximateNumberOfMessagesMoved":5,"SourceArn":"`+testARN+`"}]}`)
	s.Reply("StartMessageMoveTask", `{"TaskHandle":"eyJ0YXNrSWQiOiJuZXcifQ=="}`)
	return s, sqs.NewFromConfig(s.Config())
}

func TestRealClientRequests(t *testing.T) {
	s, client := newSQSServer(t)
	r := &Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1,
		DestinationARN: "arn:aws:sqs:eu-west-1:111111111111:replay", MaxMessagesPerSecond: 100}, SQS: client}

	res, err := r.Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Result{Action: Started, QueueARN: testARN, VisibleMessages: 12, InFlightMessages: 2,
		TaskHandle: "eyJ0YXNrSWQiOiJuZXcifQ==", DestinationARN: "arn:aws:sqs:eu-west-1:111111111111:replay"}, res)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks", "StartMessageMoveTask"}, s.Ops())

	require.Equal(t, testURL, s.Last("GetQueueAttributes")["QueueUrl"])
	require.ElementsMatch(t, []any{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"}, s.Last("GetQueueAttributes")["AttributeNames"])
	require.Equal(t, map[string]any{"SourceArn": testARN, "MaxResults": float64(10)}, s.Last("ListMessageMoveTasks"))
	require.Equal(t, map[string]any{
		"SourceArn": testARN, "DestinationArn": "arn:aws:sqs:eu-west-1:111111111111:replay", "MaxNumberOfMessagesPerSecond": float64(100),
	}, s.Last("StartMessageMoveTask"))
}

func TestRealClientRunningTask(t *testing.T) {
	s, client := newSQSServer(t)
	s.Reply("ListMessageMoveTasks", `{"Results":[{"Status":"RUNNING","TaskHandle":"busy","ApproximateNumberOfMessagesMoved":3,"ApproximateNumberOfMessagesToMove":12}]}`)
	res, err := (&Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}, SQS: client}).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, AlreadyRunning, res.Action)
	require.Equal(t, "busy", res.TaskHandle)
	require.Equal(t, int64(3), res.MovedMessages)
	require.Equal(t, int64(12), res.ToMoveMessages)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks"}, s.Ops())
}

func TestRealClientErrors(t *testing.T) {
	for op, typ := range map[string]string{
		"GetQueueAttributes":   "QueueDoesNotExist",
		"ListMessageMoveTasks": "ResourceNotFoundException",
		"StartMessageMoveTask": "UnsupportedOperation",
	} {
		s, client := newSQSServer(t)
		s.Fail(op, typ)
		_, err := (&Redriver{Config: Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}, SQS: client}).Run(context.Background(), Request{})
		require.Error(t, err, op)
		require.Contains(t, err.Error(), op+" ")
		require.Contains(t, err.Error(), typ)
		require.Contains(t, err.Error(), "injected "+typ)
	}
}
