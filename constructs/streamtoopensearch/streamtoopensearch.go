package streamtoopensearch

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// StreamToOpenSearch indexes a Kinesis data stream into an OpenSearch
// Service domain through Firehose, one index per day.
type StreamToOpenSearch struct {
	constructs.Construct
	// Stream is the source.
	Stream awskinesis.IStream
	// Domain is the OpenSearch Service domain.
	Domain awsopensearchservice.IDomain
	// DomainLogGroups by log type: AppLogs, SlowSearchLogs, SlowIndexLogs,
	// AuditLogs.
	DomainLogGroups map[string]awslogs.ILogGroup
	// Vpc holds the domain; DomainSecurityGroup admits HTTPS from the
	// construct's clients only (add yours with Connections().AllowFrom).
	Vpc                 awsec2.IVpc
	DomainSecurityGroup awsec2.ISecurityGroup
	// CfnDeliveryStream reads the stream and writes the domain.
	CfnDeliveryStream awskinesisfirehose.CfnDeliveryStream
	// Role is what Firehose assumes; it is mapped to a writer role in the
	// domain's security plugin.
	Role awsiam.IRole
	// Processor shapes each record into a document; nil with
	// Props.DocumentsAsIs.
	Processor awslambda.IFunction
	// AccessFunction is the domain's fine-grained access control master
	// user: it maps the writers and admins (RoleMapping).
	AccessFunction awslambda.IFunction
	RoleMapping    awscdk.CustomResource
	// BackupBucket receives failed documents under opensearch-backup/.
	BackupBucket awss3.IBucket
	// Key encrypts the domain, the log groups and the failed-log queue.
	Key awskms.IKey
	// ErrorLogGroup receives Firehose's delivery errors.
	ErrorLogGroup awslogs.ILogGroup
	// LogsLoader and LogsFailureQueue exist when LogGroups are given
	// (MON-04): the loader indexes their events, failed batches wait in
	// the queue.
	LogsLoader       awslambda.IFunction
	LogsFailureQueue awssqs.IQueue
	// AlarmTopic is notified by the alarms below; it and they are nil when
	// alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it; nil
	// with your own AlarmTopic or when alarms are off.
	AlarmTopicKey awskms.IKey
	// FreshnessAlarm fires when records wait too long for the domain.
	FreshnessAlarm awscloudwatch.IAlarm
	// DeliveryFailureAlarm fires when deliveries to the domain fail.
	DeliveryFailureAlarm awscloudwatch.IAlarm
	// ProcessingFailureAlarm (nil without a Processor) fires when the Processor cannot be invoked
	// (records then go to the backup bucket).
	ProcessingFailureAlarm awscloudwatch.IAlarm
	// ClusterRedAlarm fires when a primary shard is not allocated.
	ClusterRedAlarm awscloudwatch.IAlarm
	// WritesBlockedAlarm fires when the domain blocks writes.
	WritesBlockedAlarm awscloudwatch.IAlarm
	// FreeStorageAlarm fires when a data node has less than a quarter of
	// its volume free.
	FreeStorageAlarm awscloudwatch.IAlarm
	// LogsLoaderErrorsAlarm fires when the log loader's invocations fail;
	// nil without LogGroups.
	LogsLoaderErrorsAlarm awscloudwatch.IAlarm
	// LogsFailedBatchesAlarm fires when log batches wait in the failure
	// queue; nil without LogGroups.
	LogsFailedBatchesAlarm awscloudwatch.IAlarm

	// IndexName Firehose writes to (the rotation appends the date).
	IndexName *string
	// EngineVersion of the domain.
	EngineVersion awsopensearchservice.EngineVersion
	// IsmPolicy applies the ISM policy; nil without Ism and tiers.
	IsmPolicy awscdk.CustomResource
	// SnapshotBucket, SnapshotRole (assumed by OpenSearch Service) and
	// SnapshotRepository (the registration) exist with Snapshots.
	SnapshotBucket     awss3.IBucket
	SnapshotRole       awsiam.IRole
	SnapshotRepository awscdk.CustomResource
	// UserPool is the created Cognito user pool (nil without Cognito or
	// with existing pools); CognitoRole is what OpenSearch Service assumes
	// to configure the pools.
	UserPool    awscognito.IUserPool
	CognitoRole awsiam.IRole

	// accessServiceToken is the access provider's, for MapWriter.
	accessServiceToken *string
	pathsSuppressed    bool
	cognitoUsers       awsiam.Role
}

// New creates the pattern. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *StreamToOpenSearch {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr := check(scope, id, &p)
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &StreamToOpenSearch{Construct: c, Key: p.EncryptionKey, Vpc: p.Vpc}
	if s.Key == nil {
		s.Key = keys.NewForLogs(c, "Key", "Encrypts the OpenSearch domain and the logs of "+*c.Node().Path())
	}
	if s.Vpc == nil {
		s.Vpc = newVpc(c, s.Key, p.LogRetention)
	}
	subnets := onePerZone(s.Vpc, domainSubnets(s.Vpc, p.DomainSubnets))
	p.fillDefaults(sandbox.Enabled(c), len(subnets))
	checkSizing(pr, &p, len(subnets))
	checkTierSizing(pr, &p)
	pr.Fail()
	subnets = subnets[:int(*p.AvailabilityZones)]

	s.IndexName = p.IndexName
	s.Stream = newStream(c, &p)
	s.BackupBucket = p.ExistingBackupBucket
	if s.BackupBucket == nil {
		s.BackupBucket = securebucket.New(c, "Backup", p.BackupBucketProps).Bucket
	}
	role := firehose.NewRole(c)
	s.Role = role
	s.ErrorLogGroup = firehose.NewErrorLogs(c, s.Key, p.LogRetention, role)
	s.Processor = p.Processor
	if s.Processor == nil && !asIs(&p) {
		s.Processor = gofunction.New(constructs.NewConstruct(c, jsii.String("Shaper")), gofunction.Spec{
			Code:         golambda.Code("functions/eventshaper"),
			Key:          s.Key,
			LogRetention: p.LogRetention,
			Memory:       256,
			Props:        &awslambda.FunctionProps{Description: jsii.String("Shapes the events of " + *c.Node().Path() + " into OpenSearch documents")},
			Invocation:   gofunction.FirehoseInvocation,
		}).Function
	}

	domainSG := securityGroup(c, "DomainSecurityGroup", s.Vpc, "OpenSearch domain of "+*c.Node().Path()+": HTTPS from its clients only")
	s.DomainSecurityGroup = domainSG
	firehoseSG := securityGroup(c, "DeliverySecurityGroup", s.Vpc, "Firehose delivery of "+*c.Node().Path()+": HTTPS to the domain only")
	domainSG.Connections().AllowFrom(firehoseSG, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("Firehose to the domain"))

	acc := newAccessFunction(c, s, &p, subnets)
	s.AccessFunction = acc.fn.Function
	s.accessServiceToken = acc.provider.ServiceToken()
	cognito, cognitoUsers := newCognito(c, s, &p)
	domain := newDomain(c, s, &p, subnets, acc.fn.Role, cognito)
	s.Domain = domain
	allowCognitoUsers(s)

	grantDelivery(s, &p)
	s.CfnDeliveryStream = newDeliveryStream(c, s, &p, subnets, firehoseSG)
	s.CfnDeliveryStream.Node().AddDependency(role)

	writers := []*string{role.RoleArn()}
	patterns := []*string{jsii.String(*p.IndexName + "*")}
	if len(p.LogGroups) > 0 {
		loaderRole := newLogsLoader(c, s, &p, subnets)
		writers = append(writers, loaderRole.RoleArn())
		patterns = append(patterns, jsii.String(*p.LogsIndexPrefix+"-*"))
	}
	s.RoleMapping = mapRoles(c, s, &p, acc, writers, patterns)
	// Deliveries before the mapping exists would be refused (403) and end
	// up in the backup bucket.
	s.CfnDeliveryStream.Node().AddDependency(s.RoleMapping)

	repo := newSnapshots(c, s, &p)
	newIsmPolicy(c, s, &p, repo)
	if cognitoUsers != nil {
		for _, r := range []string{"readall", "kibana_user"} {
			s.AddAccessResource("CognitoUsers"+map[string]string{"readall": "Read", "kibana_user": "Dashboards"}[r], "Custom::OpenSearchRoleMembers", nil,
				map[string]any{"RoleName": r, "BackendRoles": cognitoUsers})
		}
	}

	suppressFindings(s, role, acc, &p)
	if *p.CreateAlarms {
		createAlarms(c, s, &p)
	}
	return s
}

// newStream returns the user's stream, or a new one: on demand, encrypted
// with the AWS managed aws/kinesis key, 24 hours, retained.
func newStream(c constructs.Construct, p *Props) awskinesis.IStream {
	if p.ExistingStream != nil {
		return p.ExistingStream
	}
	sp := awskinesis.StreamProps{}
	if p.StreamProps != nil {
		sp = *p.StreamProps
	}
	if sp.StreamMode == "" && sp.ShardCount == nil {
		sp.StreamMode = awskinesis.StreamMode_ON_DEMAND
	}
	if sp.Encryption == "" {
		sp.Encryption = awskinesis.StreamEncryption_MANAGED
	}
	if sp.RemovalPolicy == "" {
		sp.RemovalPolicy = sandbox.RemovalPolicy(c)
	}
	return awskinesis.NewStream(c, jsii.String("Stream"), &sp)
}

// asIs reports whether records are delivered without a processor.
func asIs(p *Props) bool { return p.DocumentsAsIs != nil && *p.DocumentsAsIs }
