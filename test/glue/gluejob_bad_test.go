package glue_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestGluejobRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *gluejob.Props
		wants []string
	}{
		{"bookmarks without job.commit", func(awscdk.Stack) *gluejob.Props { return &gluejob.Props{Script: gluejobFixture("no_commit.py")} },
			[]string{"gluejob Bad/Job: invalid props", "no_commit.py job.commit() is never called", "with bookmarks on (job-bookmark-enable)"}},
		{"paused bookmarks without transformation_ctx", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("no_ctx.py"), Bookmarks: gluejob.BookmarksPause}
		}, []string{"no_ctx.py line 13: create_dynamic_frame.from_catalog(...) has no transformation_ctx", "with bookmarks on (job-bookmark-pause)"}},
		{"invalid bookmark option", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), Bookmarks: "enable"}
		}, []string{"Bookmarks = enable: job-bookmark-enable, job-bookmark-disable or job-bookmark-pause"}},
		{"bookmarks on a streaming job", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("streaming.py"), Type: gluejob.Streaming, Bookmarks: gluejob.BookmarksEnable}
		}, []string{"Bookmarks = job-bookmark-enable: only for an ETL job"}},
		{"one G.1X worker", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), Workers: jsii.Number(1)}
		}, []string{"Workers = 1: a whole number of at least 2 for G_1X"}},
		{"G.025X on a batch job", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), WorkerType: awsglue.WorkerType_G_025X}
		}, []string{"WorkerType = G_025X: G_1X or larger: G.025X is for streaming jobs only"}},
		{"missing script", func(awscdk.Stack) *gluejob.Props { return &gluejob.Props{Script: gluejobFixture("absent.py")} },
			[]string{"absent.py: a readable file"}},
		{"no script", func(awscdk.Stack) *gluejob.Props { return &gluejob.Props{} }, []string{`Script = "": the path of a PySpark script`}},
		{"concurrent bookmarked runs", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), MaxConcurrentRuns: jsii.Number(2)}
		}, []string{"MaxConcurrentRuns = 2: 1 while bookmarks are on"}},
		{"timeout too long", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), Timeout: awscdk.Duration_Hours(jsii.Number(49))}
		}, []string{"Timeout = 2 days 1 hour: whole minutes from 1 minute to 48 hours"}},
		{"timeout on a streaming job", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("streaming.py"), Type: gluejob.Streaming, Timeout: awscdk.Duration_Hours(jsii.Number(1))}
		}, []string{"Timeout = 1 hour: nothing: a streaming job runs until stopped"}},
		{"retries", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), MaxRetries: jsii.Number(11)}
		}, []string{"MaxRetries = 11: a whole number from 0 to 10"}},
		{"managed and malformed arguments", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), Arguments: map[string]string{"--TempDir": "s3://x/", "database": "sales"}}
		}, []string{"Arguments[--TempDir] = s3://x/: an argument this construct does not manage", `Arguments[database] = sales: a key starting with "--"`}},
		{"workers on a shell job", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("notify.py"), Type: gluejob.PythonShell, Workers: jsii.Number(2)}
		}, []string{"WorkerType/Workers = given: nothing for a Python shell job"}},
		{"wrong override props", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("streaming.py"), Type: gluejob.Streaming, JobProps: &awsglue.PySparkEtlJobProps{}}
		}, []string{"JobProps = given: a job of Type gluestreaming takes StreamingJobProps"}},
		{"retries with run queuing", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), MaxRetries: jsii.Number(1), JobProps: &awsglue.PySparkEtlJobProps{JobRunQueuingEnabled: jsii.Bool(true)}}
		}, []string{"MaxRetries = 1: 0 when JobProps.JobRunQueuingEnabled is true"}},
		{"unknown type", func(awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{Script: gluejobFixture("bookmarked.py"), Type: "glueray"}
		},
			[]string{"Type = glueray: ETL (glueetl), Streaming (gluestreaming) or PythonShell (pythonshell)"}},
		{"bucket twice, unused topic, infinite logs", func(stack awscdk.Stack) *gluejob.Props {
			return &gluejob.Props{
				Script:             gluejobFixture("bookmarked.py"),
				ExistingWorkBucket: securebucket.New(stack, "Work", nil).Bucket,
				WorkBucketProps:    &securebucket.Props{},
				CreateAlarms:       jsii.Bool(false),
				AlarmTopic:         awssns.NewTopic(stack, jsii.String("T"), nil),
				LogRetention:       awslogs.RetentionDays_INFINITE,
			}
		}, []string{"ExistingWorkBucket and WorkBucketProps = both given", "AlarmTopic = Bad/T: CreateAlarms is false", "LogRetention = INFINITE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				gluejob.New(stack, "Job", c.props(stack))
			}, c.wants...)
		})
	}
}
