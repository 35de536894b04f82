package datasynctask

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatasync"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// Task is a scheduled, verified, bandwidth-limited DataSync transfer from an
// on-premises NFS, SMB or HDFS source (through activated agents) to a
// prefix of the lake bucket, logged to an encrypted log group, with failed
// executions notified.
type Task struct {
	constructs.Construct
	// CfnTask is the task; AttrTaskArn its ARN.
	CfnTask awsdatasync.CfnTask
	// AgentArns are the agents the source location uses (given, or the
	// agent activated from ActivationKey).
	AgentArns []string
	// CfnAgent is the agent activated from Props.ActivationKey; nil with
	// AgentArns.
	CfnAgent awsdatasync.CfnAgent
	// SourceLocationArn and DestinationLocationArn are the task's
	// locations (AWS::DataSync::LocationNFS/SMB/HDFS and LocationS3).
	SourceLocationArn      *string
	DestinationLocationArn *string
	// BucketRole is what DataSync assumes to write the lake bucket (and
	// the task reports).
	BucketRole awsiam.IRole
	// SecretRole is what DataSync assumes to read the SMB password or the
	// HDFS keytab; nil for NFS and SIMPLE HDFS.
	SecretRole awsiam.IRole
	// Bucket receives the files; SecureBucket is the new one (nil with
	// LakeBucket).
	Bucket       awss3.IBucket
	SecureBucket *securebucket.SecureBucket
	// LakePrefix is where the files land in Bucket.
	LakePrefix string
	// Key encrypts the log group (created, or Props.EncryptionKey).
	Key awskms.IKey
	// LogGroup receives DataSync's transfer and verification logs.
	LogGroup awslogs.ILogGroup
	// LogPolicy lets datasync.amazonaws.com write LogGroup for this
	// account's tasks (an account-level CloudWatch Logs resource policy).
	LogPolicy awslogs.ResourcePolicy
	// AlarmTopic receives failed executions; AlarmTopicKey encrypts it
	// when the construct created it. Both nil when alarms are off.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// FailureRule matches this task's executions that end in ERROR; nil
	// when alarms are off.
	FailureRule awsevents.IRule
}

// New creates the locations, the task, its logs and its failure
// notifications. props is required (agents, source, bandwidth). Invalid
// props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Task {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	fill(&p)

	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Task{Construct: c, LakePrefix: p.LakePrefix, Key: p.EncryptionKey}
	if t.Key == nil {
		t.Key = keys.NewForLogs(c, "Key", "Encrypts the DataSync task logs of "+*c.Node().Path())
	}
	t.agents(&p)
	t.source(&p)
	t.destination(&p)
	t.logs(&p)
	t.task(&p)
	if *p.CreateAlarms {
		t.notifications(&p)
	}
	return t
}

// fill sets the defaults of the props that are not given.
func fill(p *Props) {
	if p.LakePrefix == "" {
		p.LakePrefix = DefaultLakePrefix
	}
	if p.StorageClass == "" {
		p.StorageClass = "STANDARD"
	}
	if p.VerifyMode == "" {
		p.VerifyMode = VerifyOnlyFilesTransferred
	}
	if p.Schedule == "" && !isTrue(p.OnDemandOnly) {
		p.Schedule = DefaultSchedule
	}
	if p.ReportPrefix == "" && isTrue(p.TaskReport) {
		p.ReportPrefix = DefaultReportPrefix
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(true)
	}
}

// agents are the given agent ARNs, or the agent activated from the key.
func (t *Task) agents(p *Props) {
	if p.ActivationKey == "" {
		t.AgentArns = p.AgentArns
		return
	}
	t.CfnAgent = awsdatasync.NewCfnAgent(t.Construct, jsii.String("Agent"), &awsdatasync.CfnAgentProps{
		ActivationKey: jsii.String(p.ActivationKey),
	})
	t.AgentArns = []string{*t.CfnAgent.AttrAgentArn()}
}

func isTrue(b *bool) bool { return b != nil && *b }
