package orchestration

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// jobBackoff waits out the jobs' concurrency limit: the nightly workflow
// runs the same jobs (one run at a time each), so a start during its run is
// retried for about an hour (1, 2, 4, 8, 15, 15 minutes) before the
// execution gives up and notices.
var jobBackoff = &statemachine.Backoff{
	Errors:   append([]string{}, statemachine.TransientErrors...),
	Interval: awscdk.Duration_Minutes(jsii.Number(1)), Rate: 2, MaxAttempts: 6,
	MaxDelay: awscdk.Duration_Minutes(jsii.Number(15)),
}

// lakePipeline is ORC-02/ORC-07 on Step Functions: each new object under
// the raw prefix starts an execution that routes it by type (ORC-06),
// catalogues it (ORC-03), runs the two jobs that read raw data side by side
// (ORC-13) and publishes through the quality gate (ORC-14); every failure
// and every unsupported file is noticed (ORC-04).
func (s *Stack) lakePipeline(lake *Lake) {
	c := constructs.NewConstruct(s.Stack, jsii.String("Lake"))
	failed := statemachine.NewFailureNotice(c, "Pipeline failed", s.notice(c, "Lake pipeline failed"))
	unsupportedProps := s.notice(c, "Unsupported file")
	unsupportedProps.Message = awsstepfunctions.TaskInput_FromText(awsstepfunctions.JsonPath_Format(
		jsii.String("s3://{}/{} is not a CSV file: the lake pipeline ignored it."),
		awsstepfunctions.JsonPath_StringAt(jsii.String("$.detail.bucket.name")), awsstepfunctions.JsonPath_StringAt(jsii.String("$.detail.object.key"))))
	unsupportedProps.Error = "UnsupportedFileType"
	unsupported := statemachine.NewFailureNotice(c, "Unsupported file", unsupportedProps)

	crawl := statemachine.NewCrawlerRun(c, "Crawl raw", statemachine.CrawlerRunProps{CrawlerName: lake.Crawler, OnError: failed})
	transform := statemachine.NewParallelJobs(c, "Transform", statemachine.ParallelJobsProps{
		Jobs:  []statemachine.GlueJob{{Name: lake.Curate}, {Name: lake.Standardize}},
		Retry: jobBackoff, OnError: failed,
	})
	gate := statemachine.NewQualityGate(c, "Gate", statemachine.QualityGateProps{
		Job: statemachine.GlueJob{Name: lake.Gate}, Retry: jobBackoff, OnFail: failed,
	})
	published := awsstepfunctions.NewSucceed(c, jsii.String("Published"), nil)
	route := statemachine.NewFileTypeRouter(c, "File type", statemachine.FileTypeRouterProps{
		Routes:      []statemachine.Route{{Extensions: []string{".csv"}, Then: crawl.Next(transform).Next(gate).Next(published)}},
		Unsupported: unsupported,
	})
	s.LakePipeline = statemachine.New(s.Stack, "LakePipeline", &statemachine.Props{
		Definition: route, Timeout: awscdk.Duration_Hours(jsii.Number(6)), AlarmTopic: s.Notices.Topic,
	})
	s.Trigger = statemachine.OnObjectCreated(s.Stack, "OnRawObject", statemachine.ObjectCreatedProps{
		Bucket: lake.Bucket, Prefix: lake.RawPrefix, StateMachine: s.LakePipeline.StateMachine,
	})
	// ORC-02's last step: a published table is news.
	statemachine.OnGlueJobState(s.Stack, "OnPublished", statemachine.JobStateProps{
		JobNames: []*string{lake.Gate}, Topic: s.Notices.Topic,
	})
}
