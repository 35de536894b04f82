package sparkcompute

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emreks"
	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// eks is ETL-15: the skew job on EMR on EKS, in a given cluster or a
// minimal created one (whose namespace emreks creates at deployment). The
// virtual cluster and EksJob wait for Config.Eks.NamespaceReady. EMR on
// EKS runs Spark only, so the Hive export stays on the other variants.
func (s *Stack) eks(w *work) {
	ec := w.cfg.Eks
	p := &emreks.Props{
		Namespace:          ec.Namespace,
		NamespaceReady:     ec.NamespaceReady,
		ReadLocations:      []emrserverless.Location{{Bucket: w.lake.Bucket, Prefix: w.lake.OrdersPrefix}, {Bucket: w.lake.Bucket, Prefix: w.lake.CustomersPrefix}},
		ReadWriteLocations: []emrserverless.Location{{Bucket: w.lake.Bucket, Prefix: OrdersByCustomerPrefix}},
	}
	if ec.ClusterName != "" {
		p.ClusterName, p.OidcProviderArn = ec.ClusterName, ec.OidcProviderArn
	} else {
		p.Cluster = &emreks.ClusterProps{}
		if ec.AdminRoleArn != "" {
			p.Cluster.AdminRole = awsiam.Role_FromRoleArn(s.Stack, jsii.String("EksAdminRole"), jsii.String(ec.AdminRoleArn), &awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
		}
	}
	s.Eks = emreks.New(s.Stack, "Eks", p)
	s.Jobs.GrantRead(s.Eks.JobRole)
	s.Jobs.GrantPutMetricData(s.Eks.JobRole)
	if s.Eks.VirtualClusterId == nil {
		return
	}

	// EntryPointArguments of the L2 task must be a JSONPath (its Go
	// TaskInput.FromObject takes no list), so a Pass state puts them in
	// the input first.
	args := make([]any, 0)
	for _, a := range w.skewArgs() {
		args = append(args, a)
	}
	prepare := awsstepfunctions.NewPass(s.Stack, jsii.String("EksArguments"), &awsstepfunctions.PassProps{
		Result:     awsstepfunctions.Result_FromArray(&args),
		ResultPath: jsii.String("$.skewArgs"),
	})
	run := awsstepfunctionstasks.NewEmrContainersStartJobRun(s.Stack, jsii.String("EksOrdersByCustomer"), &awsstepfunctionstasks.EmrContainersStartJobRunProps{
		VirtualCluster: awsstepfunctionstasks.VirtualClusterInput_FromVirtualClusterId(s.Eks.VirtualClusterId),
		ReleaseLabel:   awsstepfunctionstasks.NewReleaseLabel(jsii.String(emreks.DefaultReleaseLabel)),
		ExecutionRole:  s.Eks.JobRole,
		JobName:        jsii.String(SkewJobName),
		JobDriver: &awsstepfunctionstasks.JobDriver{SparkSubmitJobDriver: &awsstepfunctionstasks.SparkSubmitJobDriver{
			EntryPoint:          awsstepfunctions.TaskInput_FromText(s.Jobs.S3Url(sparkjobs.SkewJoin)),
			EntryPointArguments: awsstepfunctions.TaskInput_FromJsonPathAt(jsii.String("$.skewArgs")),
		}},
		Monitoring:         &awsstepfunctionstasks.Monitoring{LogGroup: s.Eks.LogGroup},
		IntegrationPattern: awsstepfunctions.IntegrationPattern_RUN_JOB,
		ResultPath:         jsii.String("$.ordersByCustomer"),
	})
	s.EksJob = statemachine.New(s.Stack, "EksJob", &statemachine.Props{
		Definition: prepare.Next(run),
		Timeout:    awscdk.Duration_Hours(jsii.Number(2)),
		AlarmTopic: s.Alarms.Topic,
	})
}
