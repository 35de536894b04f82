package gluejob

import (
	"maps"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// GlueJob is a Glue Spark job (batch or streaming) with its security
// configuration, work bucket, log groups, role and failure alerts.
type GlueJob struct {
	constructs.Construct
	// Job is the Glue job.
	Job awsglue.IJob
	// Role runs the job.
	Role awsiam.IRole
	// Key encrypts the job's S3 output, bookmarks, logs and work bucket.
	Key awskms.IKey
	// SecurityConfiguration of the job.
	SecurityConfiguration awsglue.ISecurityConfiguration
	// WorkBucket holds --TempDir (temp/), Spark UI logs (spark-ui/) and
	// streaming checkpoints (checkpoints/).
	WorkBucket awss3.IBucket
	// LogGroups are the job's error and output log groups.
	LogGroups []awslogs.ILogGroup
	// AlarmTopic is notified of failed and timed-out runs; nil without alerts.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it; nil
	// with your own AlarmTopic or without alerts.
	AlarmTopicKey awskms.IKey
	// FailureRule is the EventBridge rule behind the alerts; nil without alerts.
	FailureRule awsevents.IRule
	// Bookmarks is the bookmark option in force ("" unless an ETL job).
	Bookmarks Bookmarks
	// CheckpointLocation is the S3 URL a streaming job checkpoints to (nil
	// for other jobs).
	CheckpointLocation *string

	objectsSuppressed bool
}

// Default sizing.
const (
	defaultWorkers      = 2
	defaultTimeoutHours = 2
	// defaultShellTimeoutMinutes bounds a Python shell job (Glue's own
	// default is 48 hours, far too long for a small task that hangs).
	defaultShellTimeoutMinutes = 30
)

// New creates the job. Invalid props, and a script that cannot keep
// bookmarks while they are on, fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *GlueJob {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	g := &GlueJob{Construct: c}
	if jobType(&p) == ETL {
		g.Bookmarks = p.Bookmarks
		if g.Bookmarks == "" {
			g.Bookmarks = BookmarksEnable
		}
	}
	g.Key = encryptionKey(c, &p)
	g.SecurityConfiguration = securityConfiguration(c, &p, g.Key)
	g.WorkBucket = workBucket(c, &p, g.Key)
	g.Role = newRole(c, &p)
	args := map[string]string{}
	if jobType(&p) != PythonShell {
		// Python shell jobs always log to Glue's /aws-glue/python-jobs/ groups.
		var prefix string
		prefix, g.LogGroups = logGroups(c, &p, g.Key)
		args["--custom-logGroup-prefix"] = prefix
	}
	maps.Copy(args, p.Arguments)
	args["--TempDir"] = *g.WorkBucket.S3UrlForObject(jsii.String(tempPrefix))
	switch jobType(&p) {
	case Streaming:
		g.CheckpointLocation = g.WorkBucket.S3UrlForObject(jsii.String(checkpointPrefix + *awscdk.Names_UniqueId(c) + "/"))
		args["--checkpoint_location"] = *g.CheckpointLocation
		g.Job = streamingJob(c, &p, g, args)
	case PythonShell:
		g.Job = shellJob(c, &p, g, args)
	default:
		args["--job-bookmark-option"] = string(g.Bookmarks)
		g.Job = batchJob(c, &p, g, args)
	}

	grantWork(g.Role, g.WorkBucket, g.Key)
	grantRuntime(g.Role, p.Connections)
	suppressRuntime(g.Role, len(p.Connections) > 0)
	g.AlarmTopic, g.AlarmTopicKey, g.FailureRule = alerts(c, &p, g.Job)
	return g
}

// settings are the job's values from Props and the defaults, which the
// user's override props of the CDK job class (JobProps, ...) may replace.
type settings struct {
	script      awsglue.Code
	version     awsglue.GlueVersion
	workers     *awsglue.WorkerConfiguration
	timeout     awscdk.Duration
	runs        *float64
	retries     *float64
	connections *[]awsglue.IConnection
	sparkUI     *awsglue.SparkUIProps
}

func newSettings(p *Props, bucket awss3.IBucket) settings {
	s := settings{
		script:  awsglue.Code_FromAsset(jsii.String(p.Script), nil),
		version: or(p.GlueVersion, awsglue.GlueVersion_V5_0),
		workers: &awsglue.WorkerConfiguration{
			WorkerType:      or(p.WorkerType, awsglue.WorkerType_G_1X),
			NumberOfWorkers: or(p.Workers, jsii.Number(defaultWorkers)),
		},
		timeout: p.Timeout,
		runs:    or(p.MaxConcurrentRuns, jsii.Number(1)),
		retries: or(p.MaxRetries, jsii.Number(0)),
	}
	if len(p.Connections) > 0 {
		s.connections = &p.Connections
	}
	if p.SparkUI == nil || *p.SparkUI {
		s.sparkUI = &awsglue.SparkUIProps{Bucket: bucket, Prefix: jsii.String(sparkUIPrefix)}
	}
	return s
}

// or is v, or d when v is the zero value (nil, "").
func or[T comparable](v, d T) T {
	var zero T
	if v == zero {
		return d
	}
	return v
}

func jsiiArgs(user *map[string]*string, args map[string]string) *map[string]*string {
	out := map[string]*string{}
	if user != nil {
		maps.Copy(out, *user)
	}
	for k, v := range args {
		out[k] = jsii.String(v)
	}
	return &out
}

func batchJob(c constructs.Construct, p *Props, g *GlueJob, args map[string]string) awsglue.IJob {
	s := newSettings(p, g.WorkBucket)
	jp := awsglue.PySparkEtlJobProps{}
	if p.JobProps != nil {
		jp = *p.JobProps
	}
	jp.Role, jp.Script, jp.SecurityConfiguration = g.Role, s.script, g.SecurityConfiguration
	jp.DefaultArguments = jsiiArgs(jp.DefaultArguments, args)
	jp.GlueVersion = or(jp.GlueVersion, s.version)
	jp.WorkerConfiguration = or(jp.WorkerConfiguration, s.workers)
	jp.Timeout = or(or(jp.Timeout, s.timeout), awscdk.Duration_Hours(jsii.Number(defaultTimeoutHours)))
	jp.MaxConcurrentRuns = or(jp.MaxConcurrentRuns, s.runs)
	jp.MaxRetries = or(jp.MaxRetries, s.retries)
	jp.Connections = or(jp.Connections, s.connections)
	jp.SparkUI = or(jp.SparkUI, s.sparkUI)
	jp.Description = or(jp.Description, jsii.String("Glue ETL job "+*c.Node().Path()+" (bookmarks: "+string(g.Bookmarks)+")"))
	return awsglue.NewPySparkEtlJob(c, jsii.String("Job"), &jp)
}

func streamingJob(c constructs.Construct, p *Props, g *GlueJob, args map[string]string) awsglue.IJob {
	s := newSettings(p, g.WorkBucket)
	jp := awsglue.PySparkStreamingJobProps{}
	if p.StreamingJobProps != nil {
		jp = *p.StreamingJobProps
	}
	jp.Role, jp.Script, jp.SecurityConfiguration = g.Role, s.script, g.SecurityConfiguration
	jp.DefaultArguments = jsiiArgs(jp.DefaultArguments, args)
	jp.GlueVersion = or(jp.GlueVersion, s.version)
	jp.WorkerConfiguration = or(jp.WorkerConfiguration, s.workers)
	jp.MaxConcurrentRuns = or(jp.MaxConcurrentRuns, s.runs)
	jp.MaxRetries = or(jp.MaxRetries, s.retries)
	jp.Connections = or(jp.Connections, s.connections)
	jp.SparkUI = or(jp.SparkUI, s.sparkUI)
	jp.Description = or(jp.Description, jsii.String("Glue streaming job "+*c.Node().Path()+" (checkpoints in the work bucket)"))
	return awsglue.NewPySparkStreamingJob(c, jsii.String("Job"), &jp)
}

func shellJob(c constructs.Construct, p *Props, g *GlueJob, args map[string]string) awsglue.IJob {
	s := newSettings(p, g.WorkBucket)
	jp := awsglue.PythonShellJobProps{}
	if p.ShellJobProps != nil {
		jp = *p.ShellJobProps
	}
	jp.Role, jp.Script, jp.SecurityConfiguration = g.Role, s.script, g.SecurityConfiguration
	jp.DefaultArguments = jsiiArgs(jp.DefaultArguments, args)
	jp.MaxCapacity = or(or(jp.MaxCapacity, p.MaxCapacity), awsglue.MaxCapacity_DPU_1_16TH)
	jp.Timeout = or(or(jp.Timeout, s.timeout), awscdk.Duration_Minutes(jsii.Number(defaultShellTimeoutMinutes)))
	jp.MaxConcurrentRuns = or(jp.MaxConcurrentRuns, s.runs)
	jp.MaxRetries = or(jp.MaxRetries, s.retries)
	jp.Connections = or(jp.Connections, s.connections)
	jp.Description = or(jp.Description, jsii.String("Glue Python shell job "+*c.Node().Path()))
	return awsglue.NewPythonShellJob(c, jsii.String("Job"), &jp)
}
