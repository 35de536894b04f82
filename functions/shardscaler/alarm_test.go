package main

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/require"
)

func TestSampleEventDecodes(t *testing.T) {
	raw, err := os.ReadFile("testdata/alarm-state-change.json")
	require.NoError(t, err)
	var ev events.CloudWatchEvent
	require.NoError(t, json.Unmarshal(raw, &ev))
	require.Equal(t, DetailType, ev.DetailType)
	require.Equal(t, "aws.cloudwatch", ev.Source)
	require.Equal(t, "123456789012", ev.AccountID)
	require.Equal(t, "eu-west-1", ev.Region)
	require.Equal(t, time.Date(2025, 3, 14, 9, 26, 41, 0, time.UTC), ev.Time)
	require.Equal(t, []string{"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-scale-out"}, ev.Resources)

	a, err := parseAlarmChange(ev.Detail)
	require.NoError(t, err)
	require.Equal(t, testOut, a.AlarmName)
	require.Equal(t, StateAlarm, a.State.Value)
	require.Equal(t, "2025-03-14T09:26:41.127+0000", a.State.Timestamp)
	require.Contains(t, a.State.Reason, "was greater than the threshold")
	require.Equal(t, "OK", a.PreviousState.Value)
}

func TestDirection(t *testing.T) {
	c := Config{ScaleOutAlarm: testOut, ScaleInAlarm: testIn}
	for alarm, want := range map[string]Direction{testOut: Out, testIn: In} {
		got, ok := c.direction(alarm)
		require.True(t, ok, alarm)
		require.Equal(t, want, got, alarm)
	}
	for _, alarm := range []string{"", "Orders-Scale-Out", "orders-scale-out "} {
		_, ok := c.direction(alarm)
		require.False(t, ok, "%q", alarm)
	}
}
