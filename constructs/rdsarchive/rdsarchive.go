package rdsarchive

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// FunctionDir is the Go main package of the export function in this module.
const FunctionDir = "functions/rdsexport"

// Archive is the scheduled snapshot export of one RDS source to S3 as
// Parquet and the Glue catalog over it.
type Archive struct {
	constructs.Construct
	// Bucket, Prefix and Key: where the exports are and what encrypts them.
	Bucket awss3.IBucket
	Prefix string
	Key    awskms.IKey
	// SourceArn is the DB instance or cluster ARN.
	SourceArn *string
	// TaskIDPrefix starts the export task identifiers.
	TaskIDPrefix string
	// Tables are the S3 folders (under Prefix) of the exported tables:
	// ExportOnly, or "snapshot" for the whole snapshot.
	Tables []string
	// ExportRole is what RDS assumes (export.rds.amazonaws.com) to write.
	ExportRole awsiam.IRole
	// Function runs the export; Role is its execution role, LogGroup its logs.
	Function awslambda.IFunction
	Role     awsiam.IRole
	LogGroup awslogs.ILogGroup
	// DeadLetterQueue keeps the scheduled invocations that still failed
	// after Lambda's retries (encrypted with the logs' key, 14 days).
	DeadLetterQueue awssqs.IQueue
	// Schedule invokes the function; ScheduleRole may only invoke it.
	Schedule     awsscheduler.CfnSchedule
	ScheduleRole awsiam.IRole
	// Catalog is the Glue database and the crawler over the exports.
	Catalog *gluecatalog.Catalog
	// DatabaseName is the Glue database's name (Spectrum's external schema).
	DatabaseName *string
	// ErrorsAlarm (failed runs) and ThrottlesAlarm are nil with
	// CreateAlarms false; AlarmTopic/AlarmTopicKey are the topic they
	// notify (AlarmTopicKey nil when the topic was given).
	ErrorsAlarm    awscloudwatch.IAlarm
	ThrottlesAlarm awscloudwatch.IAlarm
	AlarmTopic     awssns.ITopic
	AlarmTopicKey  awskms.IKey

	ownKey bool // Key is not the bucket's
}

// New creates the export role, function, schedule, alarms, Glue database
// and crawler. Invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Archive {
	p := Props{}
	if props != nil {
		p = *props
	}
	p.fillDefaults()
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &Archive{Construct: c, Bucket: p.Bucket, Prefix: p.Prefix, TaskIDPrefix: p.TaskIDPrefix, ownKey: p.EncryptionKey != nil}
	a.Key = p.EncryptionKey
	if a.Key == nil {
		a.Key = p.Bucket.EncryptionKey()
	}
	kind, source := "instance", p.DBInstanceIdentifier
	if p.DBClusterIdentifier != "" {
		kind, source = "cluster", p.DBClusterIdentifier
	}
	stack := awscdk.Stack_Of(c)
	resourceType := map[string]string{"instance": "db", "cluster": "cluster"}[kind]
	a.SourceArn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("rds"), Resource: jsii.String(resourceType), ResourceName: jsii.String(source),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	a.Tables = p.ExportOnly
	if len(a.Tables) == 0 {
		a.Tables = []string{"snapshot"}
	}

	a.ExportRole = exportRole(c, a)
	logKey := p.LogKey
	if logKey == nil {
		logKey = keys.NewForLogs(c, "LogKey", "Encrypts the logs of the RDS archive "+*c.Node().Path())
	}
	env := map[string]*string{
		"SOURCE_KIND": jsii.String(kind), "SOURCE_ID": jsii.String(source), "BUCKET": p.Bucket.BucketName(),
		"PREFIX": jsii.String(p.Prefix), "EXPORT_ROLE_ARN": a.ExportRole.RoleArn(), "KMS_KEY_ID": a.Key.KeyArn(),
		"TASK_PREFIX": jsii.String(p.TaskIDPrefix),
	}
	if len(p.ExportOnly) > 0 {
		env["EXPORT_ONLY"] = jsii.String(strings.Join(p.ExportOnly, ","))
	}
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code(FunctionDir),
		Key:          logKey,
		LogRetention: p.LogRetention,
		Timeout:      awscdk.Duration_Minutes(jsii.Number(2)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Exports the newest automated snapshot of " + kind + " " + source + " to S3 as Parquet (StartExportTask)"),
			Environment: &env,
			// Two runs at once would race for the same task identifier.
			ReservedConcurrentExecutions: jsii.Number(1),
		},
		Invocation: gofunction.Invocation{Reaches: "only the RDS API (TLS, IAM authentication)"},
	})
	a.Function, a.Role, a.LogGroup, a.DeadLetterQueue = fn.Function, fn.Role, fn.LogGroup, fn.DeadLetterQueue
	grantFunction(c, a, kind, source)
	a.Schedule, a.ScheduleRole = schedule(c, &p, fn.Function, kind+" "+source)
	if p.CreateAlarms == nil || *p.CreateAlarms {
		createAlarms(c, a, p.AlarmTopic)
	}
	a.Catalog = catalog(c, a, &p, logKey)
	a.DatabaseName = a.Catalog.DatabaseName
	return a
}

// schedule invokes the function on p.Schedule (UTC) through a role that may
// only invoke it. Two retries within an hour: runs are idempotent per day.
func schedule(c constructs.Construct, p *Props, fn awslambda.IFunction, source string) (awsscheduler.CfnSchedule, awsiam.IRole) {
	role := awsiam.NewRole(c, jsii.String("ScheduleRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("Invokes the snapshot export of " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
	}))
	s := awsscheduler.NewCfnSchedule(c, jsii.String("Schedule"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Exports the newest automated snapshot of " + source + " to S3"),
		ScheduleExpression:         jsii.String(p.Schedule),
		ScheduleExpressionTimezone: jsii.String("UTC"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:     fn.FunctionArn(),
			RoleArn: role.RoleArn(),
			Input:   jsii.String(`{"source":"aws.scheduler","detail-type":"Scheduled Event"}`),
			RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{
				MaximumRetryAttempts: jsii.Number(2), MaximumEventAgeInSeconds: jsii.Number(3600),
			},
		},
	})
	return s, role
}

// createAlarms: a failed run (the function's errors) and throttled
// invocations (reserved concurrency 1), notifying the topic.
func createAlarms(c constructs.Construct, a *Archive, topic awssns.ITopic) {
	if topic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		topic, a.AlarmTopicKey = t.Topic, t.Key
	}
	a.AlarmTopic = topic
	path := *c.Node().Path()
	a.ErrorsAlarm = alarms.New(c, "ErrorsAlarm", alarms.Spec{
		Metric: a.Function.MetricErrors(alarms.Every(300, "Sum")), Threshold: 0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "The snapshot export of " + path + " failed (see its log group): this month's data did not reach the archive.",
	}, topic)
	a.ThrottlesAlarm = alarms.New(c, "ThrottlesAlarm", alarms.Spec{
		Metric: a.Function.MetricThrottles(alarms.Every(300, "Sum")), Threshold: 0,
		Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		Description: "An invocation of the snapshot export of " + path + " was throttled (a run was already going).",
	}, topic)
}

// catalog crawls each table folder into one Glue table (ExportOnly), or
// the whole snapshot's folders (browsing only).
func catalog(c constructs.Construct, a *Archive, p *Props, logKey awskms.IKey) *gluecatalog.Catalog {
	depth := float64(1 + strings.Count(p.Prefix, "/") + 1) // bucket, prefix folders, table folder
	single := true
	if len(p.ExportOnly) == 0 {
		depth += 3 // snapshot/<export id>/<database>/<schema.table>
		single = false
	}
	var targets []gluecatalog.S3Target
	for _, t := range a.Tables {
		targets = append(targets, gluecatalog.S3Target{Bucket: p.Bucket, Prefix: p.Prefix + t + "/", Format: gluecatalog.Parquet,
			// RDS writes an export_info and a tables_info JSON next to the data.
			Exclusions: []string{"**.json"}})
	}
	cat := gluecatalog.New(c, "Catalog", &gluecatalog.Props{
		DatabaseName:   p.DatabaseName,
		Targets:        targets,
		SingleTable:    jsii.Bool(single),
		TableLevel:     jsii.Number(depth),
		NewFoldersOnly: jsii.Bool(true),
		UpdateBehavior: gluecatalog.LogUpdate,
		DeleteBehavior: gluecatalog.LogDelete,
		Schedule:       jsii.String(p.CrawlerSchedule),
		EncryptionKey:  logKey,
	})
	if p.EncryptionKey != nil {
		// GrantReadPrefix covers the bucket's key; the files carry this one.
		a.Key.GrantDecrypt(cat.Role)
	}
	return cat
}
