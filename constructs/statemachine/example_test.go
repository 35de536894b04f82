package statemachine_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// A new CSV under raw/orders/ starts the lake's pipeline: the raw crawler
// runs to its end, two Glue jobs run side by side, the quality gate
// publishes; any failure and any other file type is noticed on an
// encrypted topic, and the execution fails.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orchestration"), nil)
	notices := statemachine.NewNoticeTopic(stack, "Notices")
	failed := statemachine.NewFailureNotice(stack, "Failed", statemachine.NoticeProps{Topic: notices.Topic, TopicKey: notices.Key})
	other := statemachine.NewFailureNotice(stack, "Not CSV", statemachine.NoticeProps{
		Topic: notices.Topic, TopicKey: notices.Key, Error: "UnsupportedFileType",
		Message: awsstepfunctions.TaskInput_FromJsonPathAt(jsii.String("$.detail.object.key")),
	})
	crawl := statemachine.NewCrawlerRun(stack, "Crawl", statemachine.CrawlerRunProps{CrawlerName: jsii.String("raw-orders"), OnError: failed})
	jobs := statemachine.NewParallelJobs(stack, "Transform", statemachine.ParallelJobsProps{
		Jobs: []statemachine.GlueJob{{Name: jsii.String("curate")}, {Name: jsii.String("standardize")}}, OnError: failed,
	})
	gate := statemachine.NewQualityGate(stack, "Gate", statemachine.QualityGateProps{Job: statemachine.GlueJob{Name: jsii.String("gate")}, OnFail: failed})
	route := statemachine.NewFileTypeRouter(stack, "Type", statemachine.FileTypeRouterProps{
		Routes:      []statemachine.Route{{Extensions: []string{".csv"}, Then: crawl.Next(jobs).Next(gate)}},
		Unsupported: other,
	})
	pipeline := statemachine.New(stack, "Pipeline", &statemachine.Props{Definition: route, AlarmTopic: notices.Topic})
	lake := securebucket.New(stack, "Lake", nil).Bucket // EventBridge on by default
	statemachine.OnObjectCreated(stack, "OnRaw", statemachine.ObjectCreatedProps{Bucket: lake, Prefix: "raw/orders/", StateMachine: pipeline.StateMachine})
	fmt.Println(pipeline.FailedAlarm != nil, pipeline.Schedule == nil)
	// Output: true true
}
