package main

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/stretchr/testify/require"
)

// fakeKinesis answers from fields and records the calls made.
type fakeKinesis struct {
	mode        types.StreamMode // empty: no StreamModeDetails, as older streams
	status      types.StreamStatus
	open        int32
	describeErr error
	updateErr   error
	calls       []string
	describe    *kinesis.DescribeStreamSummaryInput
	update      *kinesis.UpdateShardCountInput
}

func (f *fakeKinesis) DescribeStreamSummary(_ context.Context, in *kinesis.DescribeStreamSummaryInput, _ ...func(*kinesis.Options)) (*kinesis.DescribeStreamSummaryOutput, error) {
	f.calls = append(f.calls, "DescribeStreamSummary")
	f.describe = in
	if f.describeErr != nil {
		return nil, f.describeErr
	}
	sum := &types.StreamDescriptionSummary{
		StreamName: aws.String(testStream), StreamARN: aws.String(testARN),
		StreamStatus: f.status, OpenShardCount: aws.Int32(f.open), RetentionPeriodHours: aws.Int32(24),
	}
	if f.mode != "" {
		sum.StreamModeDetails = &types.StreamModeDetails{StreamMode: f.mode}
	}
	return &kinesis.DescribeStreamSummaryOutput{StreamDescriptionSummary: sum}, nil
}

func (f *fakeKinesis) UpdateShardCount(_ context.Context, in *kinesis.UpdateShardCountInput, _ ...func(*kinesis.Options)) (*kinesis.UpdateShardCountOutput, error) {
	f.calls = append(f.calls, "UpdateShardCount")
	f.update = in
	if f.updateErr != nil {
		return nil, f.updateErr
	}
	return &kinesis.UpdateShardCountOutput{StreamName: aws.String(testStream),
		CurrentShardCount: aws.Int32(f.open), TargetShardCount: in.TargetShardCount}, nil
}

func active(open int32) *fakeKinesis {
	return &fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusActive, open: open}
}

func scaler(k Kinesis, mutate ...func(*Config)) *Scaler {
	c := Config{StreamName: testStream, ScaleOutAlarm: testOut, ScaleInAlarm: testIn,
		MinShards: 1, MaxShards: 64, ScaleOutFactor: 2, ScaleInFactor: 0.5}
	for _, m := range mutate {
		m(&c)
	}
	return &Scaler{Config: c, Kinesis: k}
}

// alarmEvent is a minimal alarm state change event.
func alarmEvent(alarm, state string) events.CloudWatchEvent {
	detail, _ := json.Marshal(map[string]any{
		"alarmName":     alarm,
		"state":         map[string]string{"value": state, "reason": "Threshold Crossed"},
		"previousState": map[string]string{"value": "OK"},
	})
	return events.CloudWatchEvent{ID: "ev-1", DetailType: DetailType, Source: "aws.cloudwatch", Detail: detail}
}

func TestIgnoresOtherEvents(t *testing.T) {
	scheduled := events.CloudWatchEvent{DetailType: "Scheduled Event", Source: "aws.events", Detail: json.RawMessage(`{}`)}
	cases := map[string]struct {
		ev     events.CloudWatchEvent
		reason string
	}{
		"OK state":           {alarmEvent(testOut, "OK"), "state is not ALARM"},
		"INSUFFICIENT_DATA":  {alarmEvent(testIn, "INSUFFICIENT_DATA"), "state is not ALARM"},
		"unknown alarm name": {alarmEvent("payments-scale-out", "ALARM"), "alarm is neither SCALE_OUT_ALARM nor SCALE_IN_ALARM"},
		"not an alarm event": {scheduled, `detail-type "Scheduled Event" is not "CloudWatch Alarm State Change"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f := active(4)
			res, err := scaler(f).Run(context.Background(), c.ev)
			require.NoError(t, err)
			require.Equal(t, Ignored, res.Action)
			require.Equal(t, c.reason, res.Reason)
			require.Empty(t, f.calls)
		})
	}
}

func TestBadDetailIsAnError(t *testing.T) {
	f := active(4)
	ev := events.CloudWatchEvent{DetailType: DetailType, Detail: json.RawMessage(`"ALARM"`)}
	_, err := scaler(f).Run(context.Background(), ev)
	require.ErrorContains(t, err, "is not an alarm state change")
	require.Empty(t, f.calls)
}

func TestSkipsStreamsItMustNotScale(t *testing.T) {
	cases := map[string]struct {
		f       *fakeKinesis
		action  Action
		message string
	}{
		"on-demand":          {&fakeKinesis{mode: types.StreamModeOnDemand, status: types.StreamStatusActive, open: 4}, OnDemand, "on-demand stream scales itself"},
		"on-demand updating": {&fakeKinesis{mode: types.StreamModeOnDemand, status: types.StreamStatusUpdating, open: 4}, OnDemand, "on-demand stream scales itself"},
		"updating":           {&fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusUpdating, open: 4}, NotActive, "resharding in progress"},
		"creating":           {&fakeKinesis{mode: types.StreamModeProvisioned, status: types.StreamStatusCreating, open: 4}, NotActive, "stream is not ACTIVE"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := scaler(c.f).Run(context.Background(), alarmEvent(testOut, "ALARM"))
			require.NoError(t, err)
			require.Equal(t, c.action, res.Action)
			require.Equal(t, c.message, res.Message())
			require.Equal(t, []string{"DescribeStreamSummary"}, c.f.calls)
		})
	}
}

func TestScalesOut(t *testing.T) {
	f := active(3)
	res, err := scaler(f).Run(context.Background(), alarmEvent(testOut, "ALARM"))
	require.NoError(t, err)
	require.Equal(t, Result{Action: Scaled, EventID: "ev-1", Alarm: testOut, State: "ALARM", Direction: Out,
		Stream: testStream, StreamMode: "PROVISIONED", StreamStatus: "ACTIVE", CurrentShards: 3, TargetShards: 6}, res)
	require.Equal(t, []string{"DescribeStreamSummary", "UpdateShardCount"}, f.calls)
	require.Equal(t, testStream, aws.ToString(f.describe.StreamName))
	require.Nil(t, f.describe.StreamARN)
	require.Equal(t, types.ScalingTypeUniformScaling, f.update.ScalingType)
	require.Equal(t, int32(6), aws.ToInt32(f.update.TargetShardCount))
	require.Equal(t, testStream, aws.ToString(f.update.StreamName))
	require.Nil(t, f.update.StreamARN)
}

func TestScalesInWithoutStreamMode(t *testing.T) {
	f := &fakeKinesis{status: types.StreamStatusActive, open: 8} // no StreamModeDetails: provisioned
	res, err := scaler(f).Run(context.Background(), alarmEvent(testIn, "ALARM"))
	require.NoError(t, err)
	require.Equal(t, Scaled, res.Action)
	require.Equal(t, In, res.Direction)
	require.Equal(t, "PROVISIONED", res.StreamMode)
	require.Equal(t, int32(4), aws.ToInt32(f.update.TargetShardCount))
}

func TestUsesTheARNWhenGiven(t *testing.T) {
	f := active(2)
	_, err := scaler(f, func(c *Config) { c.StreamARN = testARN }).Run(context.Background(), alarmEvent(testOut, "ALARM"))
	require.NoError(t, err)
	require.Equal(t, testARN, aws.ToString(f.describe.StreamARN))
	require.Nil(t, f.describe.StreamName)
	require.Equal(t, testARN, aws.ToString(f.update.StreamARN))
	require.Nil(t, f.update.StreamName)
}

func TestAtBoundCallsNothing(t *testing.T) {
	for _, c := range []struct {
		alarm string
		open  int32
	}{{testOut, 64}, {testIn, 1}} {
		f := active(c.open)
		res, err := scaler(f).Run(context.Background(), alarmEvent(c.alarm, "ALARM"))
		require.NoError(t, err)
		require.Equal(t, AtBound, res.Action)
		require.Equal(t, c.open, res.TargetShards)
		require.Equal(t, []string{"DescribeStreamSummary"}, f.calls)
	}
}

func TestDryRunCallsNothing(t *testing.T) {
	f := active(40)
	res, err := scaler(f, func(c *Config) { c.DryRun = true }).Run(context.Background(), alarmEvent(testOut, "ALARM"))
	require.NoError(t, err)
	require.Equal(t, WouldScale, res.Action)
	require.True(t, res.DryRun)
	require.Equal(t, int32(64), res.TargetShards)
	require.Equal(t, []string{"DescribeStreamSummary"}, f.calls)
}

func TestRefusalsAreReportedNotReturned(t *testing.T) {
	cases := map[string]struct {
		err    error
		action Action
		reason string
	}{
		"limit exceeded": {&types.LimitExceededException{Message: aws.String("Rate exceeded for stream orders under account 123456789012.")},
			LimitExceeded, "Rate exceeded for stream orders under account 123456789012."},
		"limit exceeded, wrapped": {joined(&types.LimitExceededException{Message: aws.String("shard limit")}), LimitExceeded, "shard limit"},
		"resource in use": {&types.ResourceInUseException{Message: aws.String("Stream orders is not ACTIVE")},
			InUse, "Stream orders is not ACTIVE"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f := active(4)
			f.updateErr = c.err
			res, err := scaler(f).Run(context.Background(), alarmEvent(testOut, "ALARM"))
			require.NoError(t, err)
			require.Equal(t, c.action, res.Action)
			require.Equal(t, c.reason, res.Reason)
			require.Equal(t, int32(8), res.TargetShards)
		})
	}
}

func joined(err error) error {
	return errors.Join(errors.New("operation error Kinesis: UpdateShardCount"), err)
}

func TestOtherErrorsAreReturned(t *testing.T) {
	boom := &types.InvalidArgumentException{Message: aws.String("bad target")}
	f := active(4)
	f.updateErr = boom
	res, err := scaler(f).Run(context.Background(), alarmEvent(testOut, "ALARM"))
	require.ErrorIs(t, err, boom)
	require.Contains(t, err.Error(), "UpdateShardCount orders from 4 to 8")
	require.Equal(t, Action(""), res.Action)

	notFound := &types.ResourceNotFoundException{Message: aws.String("Stream orders not found")}
	f = &fakeKinesis{describeErr: notFound}
	_, err = scaler(f).Run(context.Background(), alarmEvent(testIn, "ALARM"))
	require.ErrorIs(t, err, notFound)
	require.Contains(t, err.Error(), "DescribeStreamSummary orders")
	require.Equal(t, []string{"DescribeStreamSummary"}, f.calls)
}
