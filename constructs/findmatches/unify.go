package findmatches

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
)

// Unify is the unified table a FindMatches transform reads and the Glue
// job (the shipped find_matches.py in its mapping mode) that keeps it
// current, with the workflow that starts the job.
type Unify struct {
	constructs.Construct
	// Table is the unified catalog table (Parquet under TargetPrefix); it
	// exists from deployment on, so a transform created over it finds it.
	Table awsglue.CfnTable
	// Job maps the source onto the table.
	Job *gluejob.GlueJob
	// Workflow starts Job (nil without StartPattern and Schedule).
	Workflow awsglue.IWorkflow
	// StartRule notifies Workflow of the events matching StartPattern, with
	// StartRole (nil without StartPattern).
	StartRule awsevents.CfnRule
	StartRole awsiam.IRole
}

// glueTypes are the catalog types of the Spark type names a mapping may
// target.
var glueTypes = map[string]string{
	"string": "string", "int": "int", "integer": "int", "long": "bigint", "bigint": "bigint",
	"short": "smallint", "smallint": "smallint", "byte": "tinyint", "tinyint": "tinyint",
	"double": "double", "float": "float", "boolean": "boolean", "date": "date", "timestamp": "timestamp",
}

// glueType is the catalog type of a Spark type name ("" when unknown).
func glueType(t string) string {
	t = strings.ReplaceAll(strings.ToLower(t), " ", "")
	if decimalRE.MatchString(t) {
		return t
	}
	return glueTypes[t]
}

// MappingArgument is the --mapping argument of find_matches.py
// ("source:type:target:type,...").
func MappingArgument(mappings []Mapping) string {
	parts := make([]string, len(mappings))
	for i, m := range mappings {
		parts[i] = m.Source + ":" + m.SourceType + ":" + m.Target + ":" + m.TargetType
	}
	return strings.Join(parts, ",")
}

// Unified is the mapping that keeps the unified columns as they are, for
// the matching job that reads the unified table.
func Unified(mappings []Mapping) []Mapping {
	out := make([]Mapping, len(mappings))
	for i, m := range mappings {
		out[i] = Mapping{Source: m.Target, SourceType: m.TargetType, Target: m.Target, TargetType: m.TargetType}
	}
	return out
}

// NewUnify creates the table, the mapping job and its start. Invalid props
// fail synthesis with every problem listed.
func NewUnify(scope constructs.Construct, id string, props *UnifyProps) *Unify {
	p := UnifyProps{}
	if props != nil {
		p = *props
	}
	checkUnify(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	u := &Unify{Construct: c}
	stack := awscdk.Stack_Of(c)

	cols := make([]any, len(p.Mapping))
	for i, m := range p.Mapping {
		cols[i] = &awsglue.CfnTable_ColumnProperty{Name: jsii.String(m.Target), Type: jsii.String(glueType(m.TargetType))}
	}
	u.Table = awsglue.NewCfnTable(c, jsii.String("Table"), &awsglue.CfnTableProps{
		CatalogId:    stack.Account(),
		DatabaseName: p.DatabaseName,
		TableInput: &awsglue.CfnTable_TableInputProperty{
			Name:        jsii.String(p.TableName),
			Description: jsii.String("Unified records for FindMatches, written by " + *c.Node().Path() + "/Job (primary key " + p.PrimaryKey + ")"),
			TableType:   jsii.String("EXTERNAL_TABLE"),
			Parameters:  map[string]any{"classification": "parquet"},
			StorageDescriptor: &awsglue.CfnTable_StorageDescriptorProperty{
				Columns:      cols,
				Location:     p.TargetBucket.S3UrlForObject(jsii.String(p.TargetPrefix)),
				InputFormat:  jsii.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"),
				OutputFormat: jsii.String("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
				SerdeInfo:    &awsglue.CfnTable_SerdeInfoProperty{SerializationLibrary: jsii.String("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")},
			},
		},
	})

	jp := gluejob.Props{}
	if p.GlueJob != nil {
		jp = *p.GlueJob
	}
	jp.Script = gluejob.ShippedScript(gluejob.FindMatches)
	// Every run maps the whole current source (a recipe job's snapshot)
	// and replaces the table's objects: no bookmark to keep.
	jp.Bookmarks = gluejob.BookmarksDisable
	jp.Arguments = map[string]string{
		"--mapping":     MappingArgument(p.Mapping),
		"--source_path": *p.SourceBucket.S3UrlForObject(jsii.String(p.SourcePrefix)),
		"--target_path": *p.TargetBucket.S3UrlForObject(jsii.String(p.TargetPrefix)),
	}
	u.Job = gluejob.New(c, "Job", &jp)
	u.Job.GrantRead(p.SourceBucket, p.SourcePrefix)
	u.Job.GrantWrite(p.TargetBucket, p.TargetPrefix)

	if p.StartPattern != nil || p.Schedule != nil {
		u.start(c, &p)
	}
	return u
}

// start adds the workflow that runs the job: an EVENT trigger fed by an
// EventBridge rule (one event starts a run), or a scheduled trigger.
func (u *Unify) start(c constructs.Construct, p *UnifyProps) {
	wf := awsglue.NewWorkflow(c, jsii.String("Workflow"), &awsglue.WorkflowProps{
		Description:       jsii.String("Runs the mapping job of " + *c.Node().Path()),
		MaxConcurrentRuns: jsii.Number(1),
	})
	u.Workflow = wf
	actions := &[]awsglue.Action{awsglue.Action_Job(u.Job.Job, nil)}
	if p.Schedule != nil {
		wf.AddScheduledTrigger(jsii.String("Start"), &awsglue.ScheduledTriggerOptions{
			Schedule: awsglue.TriggerSchedule_Expression(p.Schedule), Actions: actions, StartOnCreation: jsii.Bool(true),
			Description: jsii.String("Starts the mapping job on " + *p.Schedule),
		})
		return
	}
	wf.AddEventTrigger(jsii.String("Start"), &awsglue.EventTriggerOptions{
		Actions:                actions,
		EventBatchingCondition: &awsglue.EventBatchingCondition{BatchSize: jsii.Number(1)},
		Description:            jsii.String("Starts the mapping job on each matching EventBridge event"),
	})
	role := awsiam.NewRole(c, jsii.String("StartRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("events.amazonaws.com"), nil),
		Description: jsii.String("Lets EventBridge notify the Glue workflow " + *c.Node().Path() + "/Workflow"),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:notifyEvent"),
		Resources: &[]*string{wf.WorkflowArn()},
	}))
	u.StartRole = role
	u.StartRule = awsevents.NewCfnRule(c, jsii.String("StartRule"), &awsevents.CfnRuleProps{
		Description:  jsii.String("Starts the mapping job of " + *c.Node().Path() + " (through its workflow)"),
		EventPattern: p.StartPattern,
		Targets: []any{&awsevents.CfnRule_TargetProperty{
			Id: jsii.String("Workflow"), Arn: wf.WorkflowArn(), RoleArn: role.RoleArn(),
		}},
	})
}
