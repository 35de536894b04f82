package piidiscovery

import (
	"slices"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/iotredact"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
)

// PiiDiscovery is the raw zone (an iotredact delivery, or the caller's
// bucket), the Glue job that finds and replaces personal data with
// Comprehend, the curated table, its Lake Formation registration and
// grants, and the analysts' Athena workgroup.
type PiiDiscovery struct {
	constructs.Construct
	// Ingest is the IoT rule, redactor and delivery stream; nil with
	// Props.RawBucket.
	Ingest *iotredact.IotRedact
	// RawBucket and RawPrefix are what the job reads.
	RawBucket awss3.IBucket
	RawPrefix string

	// Key encrypts what the job writes (curated Parquet, bookmarks, logs,
	// work files), the curated bucket the construct creates and the Athena
	// query results.
	Key awskms.IKey
	// AlarmTopic receives the alarms and alerts of the delivery stream, the
	// job and the workgroup; AlarmTopicKey encrypts it.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// CuratedBucket and CuratedPrefix hold the curated table.
	CuratedBucket awss3.IBucket
	CuratedPrefix string
	// Job is the Glue job (role, security configuration, work bucket, log
	// groups, failure alerts).
	Job *gluejob.GlueJob
	// Trigger starts the job on Props.Schedule.
	Trigger awsglue.CfnTrigger

	// Database holds the curated table.
	Database     awsglue.IDatabase
	DatabaseName string
	// Table is the curated table (Parquet, partition projection on dt).
	Table     *laketable.Projected
	TableName string

	// Location registers the curated prefix with Lake Formation.
	Location *lakeformation.Location
	// Analysts and DataScientists are the roles granted (given or created).
	Analysts       []awsiam.IRole
	DataScientists []awsiam.IRole
	// AnalystColumns are the columns analysts may select; SensitiveColumns
	// (Detect and Redact) are the ones only data scientists see.
	AnalystColumns   []string
	SensitiveColumns []string
	// Grants are the Lake Formation grants, in the order made.
	Grants []*lakeformation.Grant
	// WorkGroup is the Athena workgroup of both groups (results encrypted,
	// configuration enforced).
	WorkGroup *athena.WorkGroup
}

// New builds the pipeline. props may be nil; invalid props fail synthesis
// with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *PiiDiscovery {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)
	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &PiiDiscovery{Construct: c}
	topic := alarms.NewTopic(c, "AlarmTopic")
	d.AlarmTopic, d.AlarmTopicKey = topic.Topic, topic.Key
	d.raw(&p)
	d.Key = keys.NewForLogs(c, "Key", "Encrypts the curated zone, job bookmarks, logs, work files and query results of "+*c.Node().Path())
	d.curated(&p)
	d.job(&p)
	d.table(&p)
	d.access(&p)
	return d
}

// fill sets the defaults of the props that are not given (after check).
func fill(p *Props) {
	if p.Columns == nil {
		p.Columns = DefaultColumns()
	}
	// A copy: the caller's slice keeps its zero values.
	p.Columns = slices.Clone(p.Columns)
	for i := range p.Columns {
		if p.Columns[i].Type == (laketable.Type{}) {
			p.Columns[i].Type = laketable.String
		}
		if p.Columns[i].Handling == "" {
			p.Columns[i].Handling = Keep
		}
	}
	if p.Mode == "" {
		p.Mode = Mask
	}
	if p.LanguageCode == "" {
		p.LanguageCode = DefaultLanguage
	}
	if p.EntityTypes == nil {
		p.EntityTypes = []string{AllEntityTypes}
	}
	if p.CuratedPrefix == "" {
		p.CuratedPrefix = DefaultCuratedPrefix
	}
	if p.TableName == "" {
		p.TableName = DefaultTableName
	}
	if p.Schedule == "" {
		p.Schedule = DefaultSchedule
	}
}
