package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Kinesis is the part of the Kinesis API the function calls.
type Kinesis interface {
	DescribeStreamSummary(ctx context.Context, in *kinesis.DescribeStreamSummaryInput, opts ...func(*kinesis.Options)) (*kinesis.DescribeStreamSummaryOutput, error)
	UpdateShardCount(ctx context.Context, in *kinesis.UpdateShardCountInput, opts ...func(*kinesis.Options)) (*kinesis.UpdateShardCountOutput, error)
}

// Scaler scales one provisioned stream on its two alarms.
type Scaler struct {
	Config  Config
	Kinesis Kinesis
}

// Run handles one EventBridge event.
func (s *Scaler) Run(ctx context.Context, ev events.CloudWatchEvent) (Result, error) {
	res := Result{EventID: ev.ID, Stream: s.Config.StreamName, DryRun: s.Config.DryRun}
	if ev.DetailType != DetailType {
		return ignored(res, fmt.Sprintf("detail-type %q is not %q", ev.DetailType, DetailType)), nil
	}
	change, err := parseAlarmChange(ev.Detail)
	if err != nil {
		return res, err
	}
	res.Alarm, res.State = change.AlarmName, change.State.Value
	dir, ok := s.Config.direction(change.AlarmName)
	if !ok {
		return ignored(res, "alarm is neither SCALE_OUT_ALARM nor SCALE_IN_ALARM"), nil
	}
	res.Direction = dir
	if change.State.Value != StateAlarm {
		return ignored(res, "state is not "+StateAlarm), nil
	}

	sum, err := s.describe(ctx)
	if err != nil {
		return res, err
	}
	res.StreamStatus = string(sum.StreamStatus)
	res.StreamMode = string(types.StreamModeProvisioned)
	if sum.StreamModeDetails != nil {
		res.StreamMode = string(sum.StreamModeDetails.StreamMode)
	}
	res.CurrentShards = aws.ToInt32(sum.OpenShardCount)
	switch {
	case res.StreamMode == string(types.StreamModeOnDemand):
		res.Action = OnDemand
		return res, nil
	case sum.StreamStatus != types.StreamStatusActive:
		res.Action = NotActive // one resharding at a time
		return res, nil
	}

	res.TargetShards = Target(res.CurrentShards, dir, s.Config)
	switch {
	case res.TargetShards == res.CurrentShards:
		res.Action = AtBound
		return res, nil
	case s.Config.DryRun:
		res.Action = WouldScale
		return res, nil
	}
	return s.update(ctx, res)
}

// describe reads the stream's summary.
func (s *Scaler) describe(ctx context.Context) (*types.StreamDescriptionSummary, error) {
	in := &kinesis.DescribeStreamSummaryInput{}
	in.StreamName, in.StreamARN = s.Config.streamRef()
	out, err := s.Kinesis.DescribeStreamSummary(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("DescribeStreamSummary %s: %w", s.Config.StreamName, err)
	}
	if out.StreamDescriptionSummary == nil {
		return nil, fmt.Errorf("DescribeStreamSummary %s: no StreamDescriptionSummary in the response", s.Config.StreamName)
	}
	return out.StreamDescriptionSummary, nil
}

// update asks for res.TargetShards. A refusal for a limit or a concurrent
// update is reported, not returned: retrying would not help.
func (s *Scaler) update(ctx context.Context, res Result) (Result, error) {
	in := &kinesis.UpdateShardCountInput{
		ScalingType:      types.ScalingTypeUniformScaling,
		TargetShardCount: aws.Int32(res.TargetShards),
	}
	in.StreamName, in.StreamARN = s.Config.streamRef()
	_, err := s.Kinesis.UpdateShardCount(ctx, in)
	var limit *types.LimitExceededException
	var inUse *types.ResourceInUseException
	switch {
	case err == nil:
		res.Action = Scaled
	case errors.As(err, &limit):
		res.Action, res.Reason = LimitExceeded, limit.ErrorMessage()
	case errors.As(err, &inUse):
		res.Action, res.Reason = InUse, inUse.ErrorMessage()
	default:
		return res, fmt.Errorf("UpdateShardCount %s from %d to %d: %w", s.Config.StreamName, res.CurrentShards, res.TargetShards, err)
	}
	return res, nil
}

// streamRef names the stream in API calls: by ARN when STREAM_ARN is set,
// by name otherwise.
func (c Config) streamRef() (name, arn *string) {
	if c.StreamARN != "" {
		return nil, aws.String(c.StreamARN)
	}
	return aws.String(c.StreamName), nil
}

func ignored(res Result, reason string) Result {
	res.Action, res.Reason = Ignored, reason
	return res
}
