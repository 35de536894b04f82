package manifestbatch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// Batch is a manifest-triggered merge: the trigger, the claim table, the
// state machine and the merge job.
type Batch struct {
	constructs.Construct
	// Bucket holds the incoming files, the manifests and the merged output.
	Bucket awss3.IBucket
	// IncomingPrefix, ManifestSuffix and OutputPrefix in force.
	IncomingPrefix, ManifestSuffix, OutputPrefix string
	// ClaimTable holds one item per manifest run (key: manifest URI and
	// ETag).
	ClaimTable awsdynamodb.ITable
	// ClaimKey encrypts ClaimTable (nil when ClaimTableProps chose another
	// encryption).
	ClaimKey awskms.IKey
	// Job is the merge job; nil with ExistingJobName.
	Job *gluejob.GlueJob
	// JobName is the name of the job the state machine runs.
	JobName *string
	// StateMachine runs one batch per manifest.
	StateMachine *statemachine.StateMachine
	// Trigger starts StateMachine on a manifest's Object Created event.
	Trigger *statemachine.Trigger
	// AlarmTopic receives the failure notices and the alarm; AlarmTopicKey
	// encrypts it when the construct created it.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
}

// Attribute names of a claim item.
const (
	claimManifest = "manifest"
	claimETag     = "etag"
	claimExpires  = "expiresAt"
)

// New checks props, then creates the bucket (unless given), the claim
// table, the merge job, the state machine and its trigger.
func New(scope constructs.Construct, id string, props *Props) *Batch {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr, l := check(scope, id, &p)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	b := &Batch{Construct: c, IncomingPrefix: l.incoming, ManifestSuffix: l.suffix, OutputPrefix: l.output}

	b.Bucket = p.ExistingBucket
	if b.Bucket == nil {
		bp := securebucket.Props{}
		if p.BucketProps != nil {
			bp = *p.BucketProps
		}
		bp.Encryption = securebucket.SSEKMS
		bp.EventBridge = jsii.Bool(true)
		b.Bucket = securebucket.New(c, "Bucket", &bp).Bucket
	}

	b.AlarmTopic, b.AlarmTopicKey = p.AlarmTopic, p.AlarmTopicKey
	if b.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		b.AlarmTopic, b.AlarmTopicKey = t.Topic, t.Key
	}

	b.ClaimTable, b.ClaimKey = claimTable(c, &p)

	b.JobName = p.ExistingJobName
	if b.JobName == nil {
		b.Job = mergeJob(c, &p, b)
		b.JobName = b.Job.Job.JobName()
	}

	timeout := p.Timeout
	if timeout == nil {
		timeout = awscdk.Duration_Hours(jsii.Number(3))
	}
	b.StateMachine = statemachine.New(c, "Pipeline", &statemachine.Props{
		Definition: definition(c, &p, b),
		Timeout:    timeout,
		AlarmTopic: b.AlarmTopic,
	})
	grantStateMachine(b)
	b.Trigger = statemachine.OnObjectCreated(c, "Trigger", statemachine.ObjectCreatedProps{
		Bucket: b.Bucket, Prefix: l.incoming, Suffix: l.suffix, StateMachine: b.StateMachine.StateMachine,
	})
	return b
}

// claimTable is the table of claims: on demand, point-in-time recovery, a
// customer managed key, retained (a lost table would let every manifest
// run again).
func claimTable(c constructs.Construct, p *Props) (awsdynamodb.ITable, awskms.IKey) {
	tp := awsdynamodb.TableProps{}
	if p.ClaimTableProps != nil {
		tp = *p.ClaimTableProps
	}
	tp.PartitionKey = &awsdynamodb.Attribute{Name: jsii.String(claimManifest), Type: awsdynamodb.AttributeType_STRING}
	tp.SortKey = &awsdynamodb.Attribute{Name: jsii.String(claimETag), Type: awsdynamodb.AttributeType_STRING}
	if tp.BillingMode == "" {
		tp.BillingMode = awsdynamodb.BillingMode_PAY_PER_REQUEST
	}
	if tp.PointInTimeRecoverySpecification == nil && tp.PointInTimeRecovery == nil {
		tp.PointInTimeRecoverySpecification = &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)}
	}
	var key awskms.IKey
	if tp.Encryption == "" && tp.EncryptionKey == nil {
		key = keys.New(c, "ClaimKey", "Encrypts the manifest claims of "+*c.Node().Path(), nil)
		tp.Encryption = awsdynamodb.TableEncryption_CUSTOMER_MANAGED
		tp.EncryptionKey = key
	} else {
		key = tp.EncryptionKey
	}
	if tp.RemovalPolicy == "" {
		tp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	if p.ClaimRetention != nil {
		tp.TimeToLiveAttribute = jsii.String(claimExpires)
	}
	t := awsdynamodb.NewTable(c, jsii.String("Claims"), &tp)
	nag.Suppress(t, nag.InPacks("DynamoDBInBackupPlan", "The claims record which files went into which batch, coordination state whose value is its recency: "+
		"point-in-time recovery restores any second of the last 35 days, which covers a rerun, and the manifests themselves stay in the bucket; "+
		"where long-term copies are wanted, a backupplan selects the table (Tables).", nag.HIPAA, nag.NIST)...)
	return t, key
}

// mergeJob is the Glue job running merge_manifest.py, allowed to read the
// incoming prefix and write the output prefix only.
func mergeJob(c constructs.Construct, p *Props, b *Batch) *gluejob.GlueJob {
	jp := gluejob.Props{}
	if p.JobProps != nil {
		jp = *p.JobProps
	}
	if jp.Script == "" {
		jp.Script = gluejob.ShippedScript(Script)
	}
	jp.Bookmarks = gluejob.BookmarksDisable
	if jp.MaxConcurrentRuns == nil {
		jp.MaxConcurrentRuns = jsii.Number(3)
	}
	if jp.EncryptionKey == nil {
		jp.EncryptionKey = b.Bucket.EncryptionKey()
	}
	if jp.CreateAlarms == nil && jp.AlarmTopic == nil {
		// The state machine notices a failed run (and its alarm fires):
		// the job's own alert would say it twice.
		jp.CreateAlarms = jsii.Bool(false)
	}
	args := map[string]string{}
	for k, v := range jp.Arguments {
		args[k] = v
	}
	args["--incoming_prefix"] = b.IncomingPrefix
	args["--output_path"] = "s3://" + *b.Bucket.BucketName() + "/" + b.OutputPrefix
	jp.Arguments = args
	job := gluejob.New(c, "Merge", &jp)
	job.GrantRead(b.Bucket, b.IncomingPrefix)
	job.GrantWrite(b.Bucket, b.OutputPrefix)
	return job
}
