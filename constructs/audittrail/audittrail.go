package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudtrail"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// AuditTrail records who did what, when: a trail (or an existing one), an
// optional CloudTrail Lake event data store, Logs Insights queries and CIS
// alarms.
type AuditTrail struct {
	constructs.Construct
	// Trail is the multi-region trail; nil with ExistingTrail.
	Trail awscloudtrail.CfnTrail
	// TrailName and TrailArn name the new trail (derived from the
	// construct's path: the bucket and key policies need the ARN before the
	// trail exists); nil with ExistingTrail.
	TrailName, TrailArn *string
	// Key encrypts the trail's log files, its bucket and its log group; nil
	// with ExistingTrail.
	Key awskms.IKey
	// Bucket receives the log files and digests under AWSLogs/<account>/;
	// nil with ExistingTrail.
	Bucket awss3.IBucket
	// LogGroup receives the events through CloudWatch Logs (the new one, or
	// ExistingTrailLogGroup); nil when there is none.
	LogGroup awslogs.ILogGroup
	// LogsRole is the role CloudTrail assumes to write to LogGroup; nil with
	// ExistingTrail.
	LogsRole awsiam.IRole
	// EventDataStore is the CloudTrail Lake event data store; nil without Lake.
	EventDataStore awscloudtrail.CfnEventDataStore
	// LakeKey encrypts the event data store; nil without Lake.
	LakeKey awskms.IKey
	// Queries are the Logs Insights query definitions, by name (without the folder).
	Queries map[string]awslogs.CfnQueryDefinition
	// AlarmTopic receives the alarms; nil without alarms.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// Alarms are the CIS alarms, by metric name; empty without alarms.
	Alarms map[string]awscloudwatch.Alarm
}

// New creates the audit trail. props may be nil. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *AuditTrail {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	a := &AuditTrail{Construct: c, Queries: map[string]awslogs.CfnQueryDefinition{}, Alarms: map[string]awscloudwatch.Alarm{}}

	if yes(p.ExistingTrail) {
		if p.ExistingTrailLogGroup != nil {
			a.LogGroup = p.ExistingTrailLogGroup
		}
	} else {
		a.newTrail(&p)
	}
	if yes(p.Lake) {
		a.newLake(&p)
	}
	a.queries(&p)
	if a.LogGroup != nil && (p.CreateAlarms == nil || *p.CreateAlarms) {
		a.AlarmTopic = p.AlarmTopic
		if a.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			a.AlarmTopic, a.AlarmTopicKey = t.Topic, t.Key
		}
		a.cisAlarms()
	}
	return a
}

// GrantReadLogs lets grantee read the trail's log files and digests (list
// and get the bucket's objects, decrypt with the trail key).
func (a *AuditTrail) GrantReadLogs(grantee awsiam.IGrantable) {
	if a.Bucket == nil {
		panic("audittrail " + *a.Node().Path() + ": GrantReadLogs needs the construct's own trail (ExistingTrail is true)")
	}
	a.Bucket.GrantRead(grantee, jsii.String("AWSLogs/*"))
	a.Key.GrantDecrypt(grantee)
}
