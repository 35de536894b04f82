// Package sparkcompute is the SparkCompute stack: the lake's big-data
// compute on Amazon EMR (issue 17), running the notes' Spark and Hive jobs
// (constructs/sparkjobs) over the data the other stacks fill.
//
//	GlueEtl lake: curated/orders/ + unified/customers/ ─▶ skew_join.py (ETL-23)
//	   salted join + two-phase sum ─▶ lake spark/orders_by_customer/
//	   partition statistics ─▶ CloudWatch DataPatterns/Spark ─▶ skew alarm (MON-11)
//	Streaming's latest-readings table (DynamoDB) ─▶ dynamodb_export.q (ETL-21, Hive)
//	   ─▶ lake spark/devices/ (Parquet snapshot by day + daily summary), database lake_spark
//	EventBridge Scheduler cron(0 3 * * ? *) ─▶ Nightly state machine ─▶ both jobs
//
// Compute (catalogue ETL-12 to ETL-16, SEC-04, SEC-05, MON-09):
//
//   - EMR Serverless (default): a Spark and a Hive application that start
//     on a job and stop after 15 idle minutes, so the stack costs nothing
//     between runs (ETL-14).
//
//   - EMR on EC2 (spark.cluster.enabled): a long-running cluster that EMR
//     terminates when idle, whose steps the Nightly state machine adds, or
//     a transient one that runs both jobs at creation and terminates
//     (ETL-12, ETL-13, ETL-16, SEC-04, SEC-05, MON-09).
//
//   - EMR on EKS (spark.eks.enabled): a virtual cluster and job role, with
//     a state machine that runs the skew job there (ETL-15).
//
//     Warehouse's sales.lake_orders ─(connector: UNLOAD to its staging offload/)─▶
//     redshift_offload.py in the warehouse's VPC (ETL-22) ─(COPY)─▶ sales.customer_daily_totals
//
// The offload's application runs in the Warehouse stack's isolated VPC:
// that stack owns the database user, the target table, the tempdir prefix
// and the Redshift API endpoint; this one adds its security group's rules.
//
// GlueEtl (and Streaming for the export, Warehouse for the offload) deploy
// first: the lake bucket, the table, the warehouse and their keys are
// cross-stack references, so this stack needs their account and region.
package sparkcompute

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcluster"
	"github.com/cdk-data-patterns/patterns/constructs/emreks"
	"github.com/cdk-data-patterns/patterns/constructs/emrserverless"
	"github.com/cdk-data-patterns/patterns/constructs/sparkjobs"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
	"github.com/cdk-data-patterns/patterns/stacks/internal/notices"
)

// Lake is what the jobs read of GlueEtl's lake.
type Lake struct {
	// Bucket is the lake bucket (SSE-KMS with its key).
	Bucket awss3.IBucket
	// OrdersPrefix holds the curated orders (Parquet, "curated/orders/");
	// CustomersPrefix the unified customers (Parquet, "unified/customers/",
	// keyed by record_id).
	OrdersPrefix, CustomersPrefix string
}

// Prefixes and names the stack owns.
const (
	// OutputPrefix of the lake receives everything the jobs write.
	OutputPrefix = "spark/"
	// OrdersByCustomerPrefix is the skew job's result.
	OrdersByCustomerPrefix = OutputPrefix + "orders_by_customer/"
	// DevicesPrefix is the DynamoDB export's tables.
	DevicesPrefix = OutputPrefix + "devices/"
	// SkewJobName is the skew job's --job-name and its alarm's dimension.
	SkewJobName = "orders_by_customer"
	// Database is the Glue database of the export's tables. The export's
	// first run creates it (CREATE DATABASE IF NOT EXISTS), so under Lake
	// Formation its role owns it as creator; CloudFormation does not.
	Database = "lake_spark"
)

// Stack is the SparkCompute stack.
type Stack struct {
	awscdk.Stack
	// Alarms receives failed runs and executions and the skew alarm.
	Alarms statemachine.NoticeTopic
	// Jobs ships the scripts and watches the skew metric.
	Jobs *sparkjobs.Jobs
	// Spark and Hive are the EMR Serverless applications; Hive is nil
	// without the devices table. Nightly runs their jobs. All nil with
	// serverless.enabled false.
	Spark, Hive *emrserverless.Application
	// Offload runs the Redshift offload in the warehouse's VPC (ETL-22);
	// nil without the warehouse or with serverless.enabled false.
	Offload *emrserverless.Application
	Nightly *statemachine.StateMachine
	// Cluster is the EMR on EC2 cluster; ClusterSteps runs the jobs on a
	// long-running one. Nil with cluster.enabled false.
	Cluster      *emrcluster.Cluster
	ClusterSteps *statemachine.StateMachine
	// Eks is EMR on EKS; EksJob runs the skew job there. Nil with
	// eks.enabled false.
	Eks    *emreks.VirtualCluster
	EksJob *statemachine.StateMachine
}

// New creates the stack from cfg over the lake. devices is the Streaming
// stack's latest-readings table; nil leaves the DynamoDB export out. wh is
// the Warehouse stack's provisioned cluster for the offload (ETL-22); nil
// leaves it out.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake, devices awsdynamodb.ITable, wh *Warehouse) *Stack {
	if lake == nil || lake.Bucket == nil {
		panic("sparkcompute: the lake (GlueEtl's bucket) is required")
	}
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: Spark compute (EMR Serverless, EMR on EC2, EMR on EKS) running the skew join and the DynamoDB export",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Alarms = notices.Topic(stack, "Alarms", cfg.AlarmEmail)
	s.Jobs = sparkjobs.New(stack, "Scripts", &sparkjobs.Props{
		AlarmTopic: s.Alarms.Topic, SkewJobName: SkewJobName, SkewThreshold: jsii.Number(cfg.SkewThreshold),
	})
	w := &work{stack: s, cfg: cfg, lake: lake, devices: devices, warehouse: wh}
	if cfg.Serverless.On() {
		s.serverless(w)
	}
	if cfg.Cluster.On() {
		s.cluster(w)
	}
	if cfg.Eks.On() {
		s.eks(w)
	}
	s.outputs(cfg)
	return s
}

func (s *Stack) outputs(cfg Config) {
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("AlarmTopic", s.Alarms.Topic.TopicArn(), "Failed job runs and executions, and the skew alarm")
	if s.Nightly != nil {
		out("NightlyArn", s.Nightly.StateMachine.StateMachineArn(), "Runs the skew join and the DynamoDB export on EMR Serverless ("+cfg.Schedule+")")
		out("SparkApplicationId", s.Spark.ApplicationId, "aws emr-serverless start-job-run --application-id <this> (docs/patterns/emrserverless.md)")
	}
	if s.Cluster != nil {
		out("ClusterId", s.Cluster.ClusterId, "EMR on EC2 cluster ("+cfg.Cluster.Mode+")")
		if c := s.Cluster.Certificates; c != nil {
			out("ClusterCertificatesNotAfter", c.NotAfter(), "Expiry of the cluster's in-transit TLS certificate: replace a long-running cluster before it (docs/patterns/emrcerts.md)")
		}
	}
	if s.EksJob != nil {
		out("EksJobArn", s.EksJob.StateMachine.StateMachineArn(), "Runs the skew join on EMR on EKS once the namespace is set up (docs/patterns/emreks.md)")
	}
}
