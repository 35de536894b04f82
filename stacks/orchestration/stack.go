// Package orchestration is the Orchestration stack: the lake's pipelines on
// AWS Step Functions beside GlueEtl's Glue workflow, the after-hours
// lake-to-warehouse load that replaces AWS Data Pipeline, and the
// orchestration patterns around them (catalogue ORC-02 to ORC-14, ING-25).
//
//	landing/orders/*.csv ─Object Created─▶ Go validator (ING-25) ─▶ raw/orders/ | quarantine/orders/
//	raw/orders/*.csv ─Object Created─▶ LakePipeline (ORC-02, ORC-06, ORC-07)
//	  route by type ─▶ crawl raw (ORC-03) ─▶ Curate ∥ Standardize (ORC-13)
//	  ─▶ quality gate publishes curated (ORC-14) ─▶ done
//	  unsupported type, any failure ─▶ notice topic ─▶ Fail (ORC-04)
//	gate run SUCCEEDED ─Glue Job State Change─▶ notice topic (ORC-02)
//	EventBridge Scheduler cron(0 20 ? * MON-FRI *) ─▶ AfterHours (ORC-10)
//	  Warehouse's lake load (.sync) ─▶ Data API CALL sales.process_daily_data()
//	EventBridge Scheduler rate(8 hours) ─▶ Lambda csvindex (ORC-11)
//	  new raw/orders/*.csv ─▶ FirehoseDelivery's OpenSearch domain, index "orders"
//
// GlueEtl, Warehouse and FirehoseDelivery deploy first: the crawler, the
// jobs, the lake bucket, the warehouse and the OpenSearch domain are
// cross-stack references, so this stack needs their account and region.
package orchestration

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/csvvalidate"
	"github.com/cdk-data-patterns/patterns/constructs/manifestbatch"
	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
	"github.com/cdk-data-patterns/patterns/constructs/scheduledindex"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
	"github.com/cdk-data-patterns/patterns/stacks/internal/notices"
)

// Lake is what the stack runs of GlueEtl.
type Lake struct {
	Bucket awss3.IBucket
	// RawPrefix holds the CSV orders ("raw/orders/").
	RawPrefix string
	// Crawler catalogues RawPrefix.
	Crawler *string
	// Curate, Standardize and Gate are the jobs of the nightly workflow.
	Curate, Standardize, Gate *string
	// Workflow is the nightly Glue workflow (the Airflow DAG starts it).
	Workflow *string
}

// Warehouse is what the stack runs of the Warehouse stack.
type Warehouse struct {
	// LoadJob merges the curated orders into Redshift (ETL-01).
	LoadJob *string
	// Target, ExecuteOn and Grant run a Data API statement as the daily
	// procedure's user.
	Target    map[string]any
	ExecuteOn *string
	Grant     func(awsiam.IGrantable)
	// Procedure is the statement the after-hours run ends with.
	Procedure string
}

// Stack is the Orchestration stack.
type Stack struct {
	awscdk.Stack
	Notices      statemachine.NoticeTopic
	LakePipeline *statemachine.StateMachine
	Trigger      *statemachine.Trigger
	AfterHours   *statemachine.StateMachine
	// Spark runs the ORC-05 steps; nil without emr.clusterId.
	Spark *statemachine.StateMachine
	// Batches merges manifest-named batches (ORC-12).
	Batches *manifestbatch.Batch
	// Airflow is the ORC-09 environment; nil with mwaa.enabled false.
	Airflow *mwaa.Environment
	// Validator checks the order files of Landing before they reach the raw
	// prefix (ING-25); nil with validation.enabled false.
	Validator *csvvalidate.Validator
	// OrdersIndex indexes the raw orders in OpenSearch (ORC-11); nil
	// without a domain or with search.enabled false.
	OrdersIndex *scheduledindex.ScheduledIndex
}

// New creates the stack from cfg over the lake and the warehouse. domain is
// FirehoseDelivery's OpenSearch pipeline, where ORC-11 indexes the raw
// orders; nil (that stack without its domain) leaves ORC-11 out.
func New(scope constructs.Construct, id string, cfg Config, lake *Lake, wh *Warehouse, domain *streamtoopensearch.StreamToOpenSearch) *Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: orchestration (Step Functions lake pipeline, after-hours warehouse load, notices)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	s.Notices = notices.Topic(stack, "Notices", cfg.NoticeEmail)
	s.lakePipeline(lake)
	s.afterHours(cfg, wh)
	s.batches(lake)
	if cfg.Validation.On() {
		s.validation(lake)
	}
	if cfg.Mwaa.On() {
		s.airflow(cfg, lake, wh)
	}
	if cfg.Emr.ClusterId != "" {
		s.spark(cfg)
	}
	if domain != nil && cfg.Search.On() {
		s.search(cfg, lake, domain)
	}
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("NoticeTopic", s.Notices.Topic.TopicArn(), "Failed executions, unsupported files and published tables: subscribe with aws sns subscribe")
	out("LakePipelineArn", s.LakePipeline.StateMachine.StateMachineArn(), "Started by each new object under "+lake.RawPrefix+" of the lake bucket")
	out("AfterHoursArn", s.AfterHours.StateMachine.StateMachineArn(), "Started "+cfg.AfterHours+" ("+cfg.AfterHoursTimeZone+"); aws stepfunctions start-execution --state-machine-arn <this>")
	return s
}

// notice is a failure notice to the stack's topic.
func (s *Stack) notice(scope constructs.Construct, id string) statemachine.NoticeProps {
	return statemachine.NoticeProps{Topic: s.Notices.Topic, TopicKey: s.Notices.Key, Subject: id}
}
