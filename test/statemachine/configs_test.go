package statemachine_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	defaultsStack = "SfnDefaults"
	optionsStack  = "SfnOptions"
)

var built struct {
	minimal, pipeline, routed, first *statemachine.StateMachine
	opsTopic                         awssns.Topic
	opsKey                           awskms.IKey
	trigger                          *statemachine.Trigger
	notices                          statemachine.NoticeTopic
}

// newTopic is a topic encrypted with the key of a secure bucket (a key
// this library made: rotating, retained, Control Tower clean).
func newTopic(stack awscdk.Stack, id string) (awssns.Topic, awskms.IKey) {
	key := securebucket.New(stack, id+"Data", &securebucket.Props{Encryption: securebucket.SSEKMS}).Key
	return awssns.NewTopic(stack, jsii.String(id), &awssns.TopicProps{MasterKey: key, EnforceSSL: jsii.Bool(true)}), key
}

// The defaults: the lake's nightly pipeline of ORC-03, ORC-13 and ORC-14,
// failures noticed on an encrypted topic (ORC-04), and a minimal machine.
var defaults = testkit.Register("defaults", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(defaultsStack), nil)
	built.minimal = statemachine.New(stack, "Minimal", &statemachine.Props{
		Definition: awsstepfunctions.NewPass(stack, jsii.String("Nothing"), nil),
	})
	built.opsTopic, built.opsKey = newTopic(stack, "Ops")
	notice := statemachine.NewFailureNotice(stack, "Notify", statemachine.NoticeProps{Topic: built.opsTopic, TopicKey: built.opsKey})
	crawl := statemachine.NewCrawlerRun(stack, "Catalogue", statemachine.CrawlerRunProps{CrawlerName: jsii.String("raw-orders"), OnError: notice})
	jobs := statemachine.NewParallelJobs(stack, "Transform", statemachine.ParallelJobsProps{
		Jobs:    []statemachine.GlueJob{{Name: jsii.String("curate")}, {Name: jsii.String("standardize"), Arguments: map[string]string{"--table": "orders"}}},
		OnError: notice,
	})
	gate := statemachine.NewQualityGate(stack, "Gate", statemachine.QualityGateProps{Job: statemachine.GlueJob{Name: jsii.String("gate")}, OnFail: notice})
	built.pipeline = statemachine.New(stack, "Pipeline", &statemachine.Props{Definition: crawl.Next(jobs).Next(gate)})
	built.notices = statemachine.NewNoticeTopic(stack, "Notices")
	statemachine.OnGlueJobState(stack, "OnGate", statemachine.JobStateProps{JobNames: []*string{jsii.String("gate")}, Topic: built.notices.Topic})
})

// The options: a scheduled, routed pipeline (ORC-05, ORC-06, ORC-10)
// started by new objects, with the caller's topic and log key.
var options = testkit.Register("options", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(optionsStack), nil)
	topic, _ := newTopic(stack, "Ops")
	// The log key of another state machine (made for CloudWatch Logs).
	built.first = statemachine.New(stack, "First", &statemachine.Props{
		Definition: awsstepfunctions.NewPass(stack, jsii.String("Nothing"), nil), AlarmTopic: topic,
	})
	unsupported := statemachine.NewFailureNotice(stack, "Unsupported", statemachine.NoticeProps{
		Topic: topic, Subject: "Unsupported file type",
		Message: awsstepfunctions.TaskInput_FromText(awsstepfunctions.JsonPath_Format(jsii.String("No route for {}"),
			awsstepfunctions.JsonPath_StringAt(jsii.String("$.detail.object.key")))),
		Error: "UnsupportedFileType",
	})
	spark := statemachine.NewSparkSteps(stack, "Spark", statemachine.SparkStepsProps{
		ClusterId: "j-2AXXXXXXGAPLF",
		Steps: []statemachine.SparkStep{
			{Name: "clean", Script: "s3://example-code/spark/clean.py", Args: []string{"--date", "today"}},
			{Name: "aggregate", Script: "s3://example-code/spark/aggregate.py", SubmitArgs: []string{"--conf", "spark.sql.adaptive.enabled=true"}},
		},
	})
	copyStmt := statemachine.NewDataApiStatement(stack, "Copy", statemachine.DataApiStatementProps{
		Target:    map[string]any{"Database": "warehouse", "ClusterIdentifier": "analytics", "DbUser": "loader"},
		Sql:       "COPY sales.clicks FROM 's3://example-lake/clicks/' IAM_ROLE default FORMAT JSON 'auto'",
		ExecuteOn: stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("redshift"), Resource: jsii.String("cluster"), ResourceName: jsii.String("analytics"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME}),
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("redshift:GetClusterCredentials"),
			Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("redshift"), Resource: jsii.String("dbuser"), ResourceName: jsii.String("analytics/loader"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME}),
				stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("redshift"), Resource: jsii.String("dbname"), ResourceName: jsii.String("analytics/warehouse"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME})},
		})},
		PollInterval: awscdk.Duration_Seconds(jsii.Number(5)),
	})
	router := statemachine.NewFileTypeRouter(stack, "Route", statemachine.FileTypeRouterProps{
		Routes: []statemachine.Route{
			{Extensions: []string{".csv"}, Then: spark},
			{Extensions: []string{".json", ".json.gz"}, Then: copyStmt},
		},
		Unsupported: unsupported,
	})
	built.routed = statemachine.New(stack, "Routed", &statemachine.Props{
		Definition:           router,
		Timeout:              awscdk.Duration_Minutes(jsii.Number(30)),
		IncludeExecutionData: jsii.Bool(true),
		LogRetention:         awslogs.RetentionDays_TWO_YEARS,
		LogKey:               built.first.LogKey,
		AlarmTopic:           topic,
		Schedule:             jsii.String("cron(0 20 ? * MON-FRI *)"),
		ScheduleTimeZone:     jsii.String("Europe/Paris"),
		ScheduleInput:        map[string]any{"detail": map[string]any{"object": map[string]any{"key": "nightly/clicks.json"}}},
		StateMachineProps:    &awsstepfunctions.StateMachineProps{Comment: jsii.String("Routes uploads by type")},
	})
	landing := securebucket.New(stack, "Landing", &securebucket.Props{EventBridge: jsii.Bool(true)})
	built.trigger = statemachine.OnObjectCreated(stack, "OnUpload", statemachine.ObjectCreatedProps{
		Bucket: landing.Bucket, Prefix: "incoming/", Suffix: ".csv", StateMachine: built.routed.StateMachine,
	})
})
