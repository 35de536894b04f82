package shardscaler

import (
	"fmt"
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
)

// FunctionDir is the Go main package of the scaling function in this module.
const FunctionDir = "functions/shardscaler"

const defaultScaleInBelow = 100 * 1024

// ShardScaler scales a provisioned Kinesis data stream when one of its two
// alarms goes into ALARM.
type ShardScaler struct {
	constructs.Construct
	// ScaleOutAlarm drives scale-out: sustained write throttling (and, with
	// ScaleOutAboveBytesPerSecond, high incoming bytes).
	ScaleOutAlarm awscloudwatch.IAlarm
	// ScaleInAlarm drives scale-in: low incoming bytes for 30 minutes.
	ScaleInAlarm awscloudwatch.IAlarm
	// RuleFunction holds the EventBridge rule on the two alarms' state
	// changes, the function, its role, logs, failure queue and alarms.
	*rulefunction.RuleFunction
}

// New creates the alarms, the rule and the function. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *ShardScaler {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &ShardScaler{Construct: c}
	out, in := scaleOutAlarm(c, &p), scaleInAlarm(c, &p)
	s.ScaleOutAlarm, s.ScaleInAlarm = out, in

	env := map[string]*string{
		"STREAM_NAME":     p.Stream.StreamName(),
		"STREAM_ARN":      p.Stream.StreamArn(),
		"SCALE_OUT_ALARM": s.ScaleOutAlarm.AlarmName(),
		"SCALE_IN_ALARM":  s.ScaleInAlarm.AlarmName(),
	}
	for name, v := range map[string]*float64{"MIN_SHARDS": p.MinShards, "MAX_SHARDS": p.MaxShards, "SCALE_OUT_FACTOR": p.ScaleOutFactor, "SCALE_IN_FACTOR": p.ScaleInFactor} {
		if v != nil {
			env[name] = jsii.String(fmt.Sprint(*v))
		}
	}
	if p.DryRun != nil {
		env["DRY_RUN"] = jsii.String(fmt.Sprint(*p.DryRun))
	}
	s.RuleFunction = rulefunction.New(c, "Scaler", &rulefunction.Props{
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.cloudwatch"),
			DetailType: jsii.Strings("CloudWatch Alarm State Change"),
			Resources:  &[]*string{s.ScaleOutAlarm.AlarmArn(), s.ScaleInAlarm.AlarmArn()},
			Detail:     &map[string]any{"state": map[string]any{"value": []string{"ALARM"}}},
		},
		Description: jsii.String("Scales " + *p.Stream.Node().Path() + " when its scaling alarms fire"),
		Code:        golambda.Code(FunctionDir),
		FunctionProps: &awslambda.FunctionProps{
			Description: jsii.String("UpdateShardCount on " + *p.Stream.Node().Path()),
			Environment: &env,
			Timeout:     awscdk.Duration_Seconds(jsii.Number(30)),
		},
		Reaches:      "only the Kinesis API (TLS, IAM authentication)",
		CreateAlarms: p.CreateAlarms,
		AlarmTopic:   p.AlarmTopic,
	})
	p.Stream.Grant(s.Role, jsii.String("kinesis:DescribeStreamSummary"), jsii.String("kinesis:UpdateShardCount"))
	if s.AlarmTopic != nil {
		// Operators hear of every scaling decision (and of its end, OK).
		action := awscloudwatchactions.NewSnsAction(s.AlarmTopic)
		for _, a := range []awscloudwatch.Alarm{out, in} {
			a.AddAlarmAction(action)
			a.AddOkAction(action)
		}
	}
	return s
}

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("shardscaler", scope, id)
	if p.Stream == nil {
		pr.Add("Stream", nil, "the provisioned Kinesis stream to scale is required")
	}
	whole := func(prop string, v *float64, lo, hi float64) {
		if v != nil && (*v < lo || *v > hi || *v != math.Trunc(*v)) {
			pr.Add(prop, *v, fmt.Sprintf("a whole number from %g to %g", lo, hi))
		}
	}
	whole("MinShards", p.MinShards, 1, 10000)
	whole("MaxShards", p.MaxShards, 1, 10000)
	lo, hi := 1.0, 64.0
	if p.MinShards != nil {
		lo = *p.MinShards
	}
	if p.MaxShards != nil {
		hi = *p.MaxShards
	}
	if lo > hi {
		pr.Add("MinShards and MaxShards", fmt.Sprintf("%g > %g", lo, hi), "MinShards must not exceed MaxShards (default 64)")
	}
	if f := p.ScaleOutFactor; f != nil && (*f < 1.25 || *f > 2) {
		pr.Add("ScaleOutFactor", *f, "1.25 to 2 (UpdateShardCount at most doubles a stream)")
	}
	if f := p.ScaleInFactor; f != nil && (*f < 0.5 || *f > 0.8) {
		pr.Add("ScaleInFactor", *f, "0.5 to 0.8 (UpdateShardCount at most halves a stream)")
	}
	for prop, v := range map[string]*float64{"ScaleOutAboveBytesPerSecond": p.ScaleOutAboveBytesPerSecond, "ScaleInBelowBytesPerSecond": p.ScaleInBelowBytesPerSecond} {
		if v != nil && *v <= 0 {
			pr.Add(prop, *v, "a positive number of bytes per second")
		}
	}
	if p.ScaleOutAboveBytesPerSecond != nil && p.ScaleInBelowBytesPerSecond != nil && *p.ScaleInBelowBytesPerSecond >= *p.ScaleOutAboveBytesPerSecond {
		pr.Add("ScaleInBelowBytesPerSecond", *p.ScaleInBelowBytesPerSecond, "below ScaleOutAboveBytesPerSecond, or the stream would scale in and out in turn")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}
