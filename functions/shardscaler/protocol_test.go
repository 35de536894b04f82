package main

import (
	"context"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

func summary(mode, status string, open int) string {
	return `{"StreamDescriptionSummary":{"StreamName":"orders","StreamARN":"` + testARN + `","StreamStatus":"` + status +
		`","StreamModeDetails":{"StreamMode":"` + mode + `"},"OpenShardCount":` + strconv.Itoa(open) +
		`,"RetentionPeriodHours":24,"StreamCreationTimestamp":1.7e9,"EnhancedMonitoring":[{"ShardLevelMetrics":[]}],"EncryptionType":"KMS"}}`
}

// newKinesisServer is Kinesis's AWS JSON 1.1 protocol (awsfake) with the
// replies of an active provisioned stream of four shards.
func newKinesisServer(t *testing.T) (*awsfake.Server, *kinesis.Client) {
	s := awsfake.New(t, awsfake.Kinesis)
	s.Reply("DescribeStreamSummary", summary("PROVISIONED", "ACTIVE", 4))
	s.Reply("UpdateShardCount", `{"StreamName":"orders","StreamARN":"`+testARN+`","CurrentShardCount":4,"TargetShardCount":8}`)
	return s, kinesis.NewFromConfig(s.Config())
}

func TestRealClientRequests(t *testing.T) {
	for _, arn := range []string{"", testARN} {
		s, client := newKinesisServer(t)
		sc := scaler(client, func(c *Config) { c.StreamARN = arn })
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err, arn)
		require.Equal(t, Scaled, res.Action)
		require.Equal(t, int32(4), res.CurrentShards)
		require.Equal(t, []string{"DescribeStreamSummary", "UpdateShardCount"}, s.Ops())
		stream := map[string]any{"StreamName": testStream}
		if arn != "" {
			stream = map[string]any{"StreamARN": testARN}
		}
		require.Equal(t, stream, s.Last("DescribeStreamSummary"))
		stream["ScalingType"], stream["TargetShardCount"] = "UNIFORM_SCALING", float64(8)
		require.Equal(t, stream, s.Last("UpdateShardCount"))
	}
}

func TestRealClientStreamStates(t *testing.T) {
	for reply, want := range map[string]Action{
		summary("ON_DEMAND", "ACTIVE", 4):     OnDemand,
		summary("PROVISIONED", "UPDATING", 4): NotActive,
		summary("PROVISIONED", "ACTIVE", 64):  AtBound,
	} {
		s, client := newKinesisServer(t)
		s.Reply("DescribeStreamSummary", reply)
		sc := scaler(client)
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err)
		require.Equal(t, want, res.Action)
		require.Equal(t, []string{"DescribeStreamSummary"}, s.Ops())
	}
}

// TestRealClientErrors checks that the errors the service sends decode to
// the types Run tells apart.
func TestRealClientErrors(t *testing.T) {
	for typ, want := range map[string]Action{"LimitExceededException": LimitExceeded, "ResourceInUseException": InUse} {
		s, client := newKinesisServer(t)
		s.Fail("UpdateShardCount", typ)
		sc := scaler(client)
		res, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.NoError(t, err, typ)
		require.Equal(t, want, res.Action)
		require.Equal(t, "injected "+typ, res.Reason)
	}
	for op, typ := range map[string]string{"DescribeStreamSummary": "ResourceNotFoundException", "UpdateShardCount": "InvalidArgumentException"} {
		s, client := newKinesisServer(t)
		s.Fail(op, typ)
		sc := scaler(client)
		_, err := sc.Run(context.Background(), alarmEvent(testOut, "ALARM"))
		require.Error(t, err, op)
		require.Contains(t, err.Error(), op+" orders")
		require.Contains(t, err.Error(), "injected "+typ)
	}
}
