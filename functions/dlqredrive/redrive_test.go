package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/stretchr/testify/require"
)

// fakeSQS answers from fields and records the calls made.
type fakeSQS struct {
	visible, inFlight string
	tasks             [][]types.ListMessageMoveTasksResultEntry // one entry per List call; the last repeats
	attrErr, listErr  error
	startErr          error
	calls             []string
	start             *sqs.StartMessageMoveTaskInput
	attrs             *sqs.GetQueueAttributesInput
}

func (f *fakeSQS) GetQueueAttributes(_ context.Context, in *sqs.GetQueueAttributesInput, _ ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error) {
	f.calls = append(f.calls, "GetQueueAttributes")
	f.attrs = in
	if f.attrErr != nil {
		return nil, f.attrErr
	}
	return &sqs.GetQueueAttributesOutput{Attributes: map[string]string{
		"ApproximateNumberOfMessages": f.visible, "ApproximateNumberOfMessagesNotVisible": f.inFlight,
	}}, nil
}

func (f *fakeSQS) ListMessageMoveTasks(_ context.Context, in *sqs.ListMessageMoveTasksInput, _ ...func(*sqs.Options)) (*sqs.ListMessageMoveTasksOutput, error) {
	f.calls = append(f.calls, "ListMessageMoveTasks")
	if aws.ToString(in.SourceArn) != testARN {
		return nil, errors.New("wrong source " + aws.ToString(in.SourceArn))
	}
	if f.listErr != nil {
		return nil, f.listErr
	}
	var out []types.ListMessageMoveTasksResultEntry
	if len(f.tasks) > 0 {
		out = f.tasks[0]
		if len(f.tasks) > 1 {
			f.tasks = f.tasks[1:]
		}
	}
	return &sqs.ListMessageMoveTasksOutput{Results: out}, nil
}

func (f *fakeSQS) StartMessageMoveTask(_ context.Context, in *sqs.StartMessageMoveTaskInput, _ ...func(*sqs.Options)) (*sqs.StartMessageMoveTaskOutput, error) {
	f.calls = append(f.calls, "StartMessageMoveTask")
	f.start = in
	if f.startErr != nil {
		return nil, f.startErr
	}
	return &sqs.StartMessageMoveTaskOutput{TaskHandle: aws.String("handle-1")}, nil
}

func task(status string) types.ListMessageMoveTasksResultEntry {
	return types.ListMessageMoveTasksResultEntry{
		Status: aws.String(status), TaskHandle: aws.String("task-" + status),
		ApproximateNumberOfMessagesMoved: 7, ApproximateNumberOfMessagesToMove: aws.Int64(20),
	}
}

func redriver(f *fakeSQS, mutate ...func(*Config)) *Redriver {
	c := Config{QueueURL: testURL, QueueARN: testARN, MinMessages: 1}
	for _, m := range mutate {
		m(&c)
	}
	return &Redriver{Config: c, SQS: f}
}

func TestEmptyQueueStartsNothing(t *testing.T) {
	f := &fakeSQS{visible: "0", inFlight: "3"}
	res, err := redriver(f).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Result{Action: Empty, QueueARN: testARN, InFlightMessages: 3}, res)
	require.Equal(t, []string{"GetQueueAttributes"}, f.calls)
	require.Equal(t, testURL, aws.ToString(f.attrs.QueueUrl))
	require.ElementsMatch(t, []types.QueueAttributeName{"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"}, f.attrs.AttributeNames)
}

func TestBelowMinimumStartsNothing(t *testing.T) {
	f := &fakeSQS{visible: "9"}
	res, err := redriver(f, func(c *Config) { c.MinMessages = 10 }).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Empty, res.Action)
	require.Equal(t, int64(9), res.VisibleMessages)
}

func TestStartsBackToSource(t *testing.T) {
	f := &fakeSQS{visible: "42", tasks: [][]types.ListMessageMoveTasksResultEntry{{task("COMPLETED"), task("FAILED")}}}
	res, err := redriver(f).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Result{Action: Started, QueueARN: testARN, VisibleMessages: 42, TaskHandle: "handle-1"}, res)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks", "StartMessageMoveTask"}, f.calls)
	require.Equal(t, testARN, aws.ToString(f.start.SourceArn))
	require.Nil(t, f.start.DestinationArn, "no destination: SQS returns messages to their source queue")
	require.Nil(t, f.start.MaxNumberOfMessagesPerSecond)
}

func TestStartsWithDestinationAndRate(t *testing.T) {
	f := &fakeSQS{visible: "5"}
	dest := "arn:aws:sqs:eu-west-1:111111111111:replay"
	res, err := redriver(f, func(c *Config) { c.DestinationARN = dest; c.MaxMessagesPerSecond = 25 }).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, Started, res.Action)
	require.Equal(t, dest, aws.ToString(f.start.DestinationArn))
	require.Equal(t, int32(25), aws.ToInt32(f.start.MaxNumberOfMessagesPerSecond))
}

func TestRunningTaskIsLeftAlone(t *testing.T) {
	for _, status := range []string{"RUNNING", "CANCELLING"} {
		f := &fakeSQS{visible: "5", tasks: [][]types.ListMessageMoveTasksResultEntry{{task("COMPLETED"), task(status)}}}
		res, err := redriver(f).Run(context.Background(), Request{})
		require.NoError(t, err)
		require.Equal(t, AlreadyRunning, res.Action)
		require.Equal(t, "task-"+status, res.TaskHandle)
		require.Equal(t, int64(7), res.MovedMessages)
		require.Equal(t, int64(20), res.ToMoveMessages)
		require.NotContains(t, f.calls, "StartMessageMoveTask")
	}
}

func TestDryRunStartsNothing(t *testing.T) {
	f := &fakeSQS{visible: "5"}
	res, err := redriver(f).Run(context.Background(), Request{DryRun: true})
	require.NoError(t, err)
	require.Equal(t, WouldStart, res.Action)
	require.NotContains(t, f.calls, "StartMessageMoveTask")
}

func TestRaceWithAnotherRunIsNotAFailure(t *testing.T) {
	f := &fakeSQS{visible: "5", startErr: errors.New("a task is already running"),
		tasks: [][]types.ListMessageMoveTasksResultEntry{{}, {task("RUNNING")}}}
	res, err := redriver(f).Run(context.Background(), Request{})
	require.NoError(t, err)
	require.Equal(t, AlreadyRunning, res.Action)
	require.Equal(t, []string{"GetQueueAttributes", "ListMessageMoveTasks", "StartMessageMoveTask", "ListMessageMoveTasks"}, f.calls)
}

func TestErrorsNameTheCall(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]*fakeSQS{
		"GetQueueAttributes " + testURL:   {attrErr: boom},
		"ListMessageMoveTasks " + testARN: {visible: "1", listErr: boom},
		"StartMessageMoveTask " + testARN: {visible: "1", startErr: boom},
	}
	for want, f := range cases {
		_, err := redriver(f).Run(context.Background(), Request{})
		require.ErrorIs(t, err, boom)
		require.Contains(t, err.Error(), want)
	}
}

func TestParseRequest(t *testing.T) {
	scheduled := `{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","detail":{}}`
	for raw, want := range map[string]Request{"": {}, "null": {}, scheduled: {}, `{"dryRun":true}`: {DryRun: true}} {
		got, err := parseRequest(json.RawMessage(raw))
		require.NoError(t, err, raw)
		require.Equal(t, want, got, raw)
	}
	_, err := parseRequest(json.RawMessage(`[1,2]`))
	require.Error(t, err)
}

func TestHandlerLogsOneJSONLine(t *testing.T) {
	var buf bytes.Buffer
	h := handler(redriver(&fakeSQS{visible: "3"}), slog.New(slog.NewJSONHandler(&buf, nil)))
	res, err := h(context.Background(), json.RawMessage(`{"source":"aws.events"}`))
	require.NoError(t, err)
	require.Equal(t, Started, res.Action)
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	require.Len(t, lines, 1)
	var entry struct {
		Msg    string `json:"msg"`
		Result Result `json:"result"`
	}
	require.NoError(t, json.Unmarshal(lines[0], &entry))
	require.Equal(t, "redrive", entry.Msg)
	require.Equal(t, "handle-1", entry.Result.TaskHandle)
}
