package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// SQS is the part of the SQS API the function calls.
type SQS interface {
	GetQueueAttributes(ctx context.Context, in *sqs.GetQueueAttributesInput, opts ...func(*sqs.Options)) (*sqs.GetQueueAttributesOutput, error)
	ListMessageMoveTasks(ctx context.Context, in *sqs.ListMessageMoveTasksInput, opts ...func(*sqs.Options)) (*sqs.ListMessageMoveTasksOutput, error)
	StartMessageMoveTask(ctx context.Context, in *sqs.StartMessageMoveTaskInput, opts ...func(*sqs.Options)) (*sqs.StartMessageMoveTaskOutput, error)
}

// Action is what a run did.
type Action string

const (
	Empty          Action = "empty"           // fewer than MinMessages dead letters
	AlreadyRunning Action = "already-running" // a move task is active
	WouldStart     Action = "would-start"     // dry run
	Started        Action = "started"         // a move task was started
)

// Request is the invocation event. Scheduled EventBridge events carry none of
// its fields; a manual invoke may ask for a dry run.
type Request struct {
	DryRun bool `json:"dryRun"`
}

// Result is what a run returns and logs.
type Result struct {
	Action           Action `json:"action"`
	QueueARN         string `json:"dlqArn"`
	VisibleMessages  int64  `json:"visibleMessages"`
	InFlightMessages int64  `json:"inFlightMessages"`
	TaskHandle       string `json:"taskHandle,omitempty"`
	TaskStatus       string `json:"taskStatus,omitempty"`
	MovedMessages    int64  `json:"movedMessages,omitempty"`
	ToMoveMessages   int64  `json:"toMoveMessages,omitempty"`
	DestinationARN   string `json:"destinationArn,omitempty"`
}

// Redriver runs the redrive for one dead-letter queue.
type Redriver struct {
	Config Config
	SQS    SQS
}

// activeStatuses are the task states in which SQS refuses a second task.
var activeStatuses = map[string]bool{"RUNNING": true, "CANCELLING": true}

// Run does one redrive pass.
func (r *Redriver) Run(ctx context.Context, req Request) (Result, error) {
	res := Result{QueueARN: r.Config.QueueARN, DestinationARN: r.Config.DestinationARN}
	attrs, err := r.SQS.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: aws.String(r.Config.QueueURL),
		AttributeNames: []types.QueueAttributeName{
			types.QueueAttributeNameApproximateNumberOfMessages,
			types.QueueAttributeNameApproximateNumberOfMessagesNotVisible,
		},
	})
	if err != nil {
		return res, fmt.Errorf("GetQueueAttributes %s: %w", r.Config.QueueURL, err)
	}
	res.VisibleMessages = count(attrs.Attributes, types.QueueAttributeNameApproximateNumberOfMessages)
	res.InFlightMessages = count(attrs.Attributes, types.QueueAttributeNameApproximateNumberOfMessagesNotVisible)
	if res.VisibleMessages < r.Config.MinMessages {
		res.Action = Empty
		return res, nil
	}

	if active, err := r.activeTask(ctx); err != nil {
		return res, err
	} else if active != nil {
		return alreadyRunning(res, active), nil
	}
	if req.DryRun {
		res.Action = WouldStart
		return res, nil
	}

	in := &sqs.StartMessageMoveTaskInput{SourceArn: aws.String(r.Config.QueueARN)}
	if r.Config.DestinationARN != "" {
		in.DestinationArn = aws.String(r.Config.DestinationARN)
	}
	if r.Config.MaxMessagesPerSecond > 0 {
		in.MaxNumberOfMessagesPerSecond = aws.Int32(r.Config.MaxMessagesPerSecond)
	}
	out, startErr := r.SQS.StartMessageMoveTask(ctx, in)
	if startErr != nil {
		// Another run may have started a task since the list above.
		if active, err := r.activeTask(ctx); err == nil && active != nil {
			return alreadyRunning(res, active), nil
		}
		return res, fmt.Errorf("StartMessageMoveTask %s: %w", r.Config.QueueARN, startErr)
	}
	res.Action = Started
	res.TaskHandle = aws.ToString(out.TaskHandle)
	return res, nil
}

// activeTask returns the queue's running (or cancelling) move task, if any.
func (r *Redriver) activeTask(ctx context.Context) (*types.ListMessageMoveTasksResultEntry, error) {
	out, err := r.SQS.ListMessageMoveTasks(ctx, &sqs.ListMessageMoveTasksInput{
		SourceArn:  aws.String(r.Config.QueueARN),
		MaxResults: aws.Int32(10),
	})
	if err != nil {
		return nil, fmt.Errorf("ListMessageMoveTasks %s: %w", r.Config.QueueARN, err)
	}
	for i := range out.Results {
		if activeStatuses[aws.ToString(out.Results[i].Status)] {
			return &out.Results[i], nil
		}
	}
	return nil, nil
}

func alreadyRunning(res Result, t *types.ListMessageMoveTasksResultEntry) Result {
	res.Action = AlreadyRunning
	res.TaskHandle = aws.ToString(t.TaskHandle)
	res.TaskStatus = aws.ToString(t.Status)
	res.MovedMessages = t.ApproximateNumberOfMessagesMoved
	res.ToMoveMessages = aws.ToInt64(t.ApproximateNumberOfMessagesToMove)
	return res
}

// count parses a numeric queue attribute; a missing one counts as 0.
func count(attrs map[string]string, name types.QueueAttributeName) int64 {
	n, _ := strconv.ParseInt(attrs[string(name)], 10, 64)
	return n
}

// parseRequest reads the event: any JSON (a scheduled event has none of
// Request's fields); an empty payload is an empty request.
func parseRequest(raw json.RawMessage) (Request, error) {
	var req Request
	if len(raw) == 0 || string(raw) == "null" {
		return req, nil
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return req, fmt.Errorf("event is not a JSON object: %w", err)
	}
	return req, nil
}
