package sparkcompute

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcluster"
	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// cluster is EMR on EC2 (ETL-12, ETL-13, ETL-16, SEC-04, SEC-05, MON-09)
// running the same jobs: at creation and then terminating (transient), or
// added as steps every night by ClusterSteps on a long-running cluster that
// EMR terminates after IdleMinutes without work.
func (s *Stack) cluster(w *work) {
	cc := w.cfg.Cluster
	skewStep := emrcluster.Step{Name: "orders by customer (skew join)", Args: derefs(s.Jobs.SparkStepArgs(sparkjobs.SkewJoin, w.skewArgs(), ""))}
	var hiveArgs []*string
	if w.devices != nil {
		hiveArgs = must(s.Jobs.HiveStepArgs(w.export()))
	}
	p := &emrcluster.Props{
		CoreCapacity: jsii.Number(cc.CoreCapacity),
		TaskCapacity: jsii.Number(cc.TaskCapacity),
		Scaling:      &emrcluster.Scaling{Maximum: jsii.Number(cc.MaxUnits)},
		Data: []emrcluster.Access{
			{Bucket: w.lake.Bucket, Prefix: w.lake.OrdersPrefix},
			{Bucket: w.lake.Bucket, Prefix: w.lake.CustomersPrefix},
			{Bucket: w.lake.Bucket, Prefix: OutputPrefix, Write: true},
		},
		Scripts: scriptAssets(s.Jobs),
		// The skew job publishes its partition statistics (MON-11).
		ExtraEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_CLOUDWATCH_MONITORING()},
		AlarmTopic:     s.Alarms.Topic,
	}
	if w.devices != nil {
		p.GlueDatabases = []string{Database}
		p.ExtraGatewayDynamoDB = jsii.Bool(true)
	}
	if cc.Mode == Transient {
		p.Mode = emrcluster.Transient
		p.Steps = []emrcluster.Step{skewStep}
		if hiveArgs != nil {
			p.Steps = append(p.Steps, emrcluster.Step{Name: "devices export (Hive over DynamoDB)", Args: derefs(hiveArgs)})
		}
	} else {
		p.Mode = emrcluster.LongRunning
		p.IdleTimeout = awscdk.Duration_Minutes(jsii.Number(cc.IdleMinutes))
	}
	s.Cluster = emrcluster.New(s.Stack, "Cluster", p)
	s.Jobs.GrantPutMetricData(s.Cluster.InstanceRole)
	if w.devices != nil {
		grantExport(s.Cluster.InstanceRole, w)
	}
	if cc.Mode == Transient {
		return
	}

	steps := statemachine.NewSparkSteps(s.Stack, "ClusterSkewJoin", statemachine.SparkStepsProps{
		ClusterId: *s.Cluster.ClusterId,
		Steps:     []statemachine.SparkStep{{Name: skewStep.Name, Script: *s.Jobs.S3Url(sparkjobs.SkewJoin), Args: w.skewArgs()}},
	})
	var definition awsstepfunctions.IChainable = steps
	if hiveArgs != nil {
		export := awsstepfunctionstasks.NewEmrAddStep(s.Stack, jsii.String("ClusterDevicesExport"), &awsstepfunctionstasks.EmrAddStepProps{
			ClusterId:          s.Cluster.ClusterId,
			Name:               jsii.String("devices export (Hive over DynamoDB)"),
			Jar:                jsii.String("command-runner.jar"),
			Args:               &hiveArgs,
			ActionOnFailure:    awsstepfunctionstasks.ActionOnFailure_CONTINUE,
			IntegrationPattern: awsstepfunctions.IntegrationPattern_RUN_JOB,
			ResultPath:         awsstepfunctions.JsonPath_DISCARD(),
		})
		export.AddRetry(statemachine.Backoff{}.Props())
		definition = steps.Next(export)
	}
	s.ClusterSteps = statemachine.New(s.Stack, "ClusterSteps", &statemachine.Props{
		Definition: definition,
		Timeout:    awscdk.Duration_Hours(jsii.Number(3)),
		AlarmTopic: s.Alarms.Topic,
		Schedule:   schedule(w.cfg),
	})
}

// derefs dereferences a run helper's arguments.
func derefs(args []*string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = *a
	}
	return out
}
