package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Metric is one of the cluster's CloudWatch metrics (namespace
// AWS/ElasticMapReduce, dimension JobFlowId = the cluster id), published
// every 5 minutes: AppsFailed, IsIdle, MRUnhealthyNodes, HDFSUtilization, ...
func (cl *Cluster) Metric(name, statistic string) awscloudwatch.Metric {
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String("AWS/ElasticMapReduce"),
		MetricName:    jsii.String(name),
		DimensionsMap: &map[string]*string{"JobFlowId": cl.ClusterId},
		Statistic:     jsii.String(statistic),
		Period:        alarms.Every(300, statistic).Period,
	})
}

// newAlarms creates the alarm on failed YARN applications and the
// EventBridge rule that sends EMR's "cluster ended with errors" and "step
// failed" events to the topic.
func newAlarms(c constructs.Construct, cl *Cluster, p *Props) {
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		return
	}
	cl.AlarmTopic = p.AlarmTopic
	if cl.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		// EventBridge publishes the failure events into the encrypted topic.
		keys.AllowService(t.Key, "events.amazonaws.com", nil)
		cl.AlarmTopic, cl.AlarmTopicKey = t.Topic, t.Key
	}
	cl.AppsFailedAlarm = alarms.New(c, "AppsFailedAlarm", alarms.Spec{
		Metric:      cl.Metric("AppsFailed", "Maximum"),
		Threshold:   0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "A YARN application (Spark or Hive job) of the EMR cluster " + *c.Node().Path() + " failed; see the step's stderr under the cluster's LogUri.",
	}, cl.AlarmTopic)
	cl.FailureRule = awsevents.NewRule(c, jsii.String("FailureRule"), &awsevents.RuleProps{
		Description: jsii.String("EMR cluster " + *c.Node().Path() + ": terminated with errors, or a step failed"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.emr"),
			DetailType: jsii.Strings("EMR Cluster State Change", "EMR Step Status Change"),
			Detail: &map[string]any{
				"clusterId": []*string{cl.ClusterId},
				"state":     []string{"TERMINATED_WITH_ERRORS", "FAILED"},
			},
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewSnsTopic(cl.AlarmTopic, nil)},
	})
}
