package opensearchserverless

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchserverless"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsosis"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Collection is an OpenSearch Serverless collection with its encryption,
// network and data access policies, reached privately through a VPC
// endpoint, and fed from a Kinesis stream by Firehose.
type Collection struct {
	constructs.Construct
	// CfnCollection is the collection (L1: aws-cdk-lib has no L2).
	CfnCollection awsopensearchserverless.CfnCollection
	// EncryptionPolicy covers the collection's name; nil when an existing
	// policy is named (EncryptionPolicyName is then that name).
	EncryptionPolicy     awsopensearchserverless.CfnSecurityPolicy
	EncryptionPolicyName *string
	// NetworkPolicy: the VPC endpoint (and SourceServices) only, or public
	// with the explicit opt-in.
	NetworkPolicy awsopensearchserverless.CfnSecurityPolicy
	// AccessPolicy is the data access policy; its document is built at
	// synthesis from Admins/Readers/Writers and the Grant* calls.
	AccessPolicy awsopensearchserverless.CfnAccessPolicy
	// Key encrypts the collection (unless AwsOwnedKey or an existing
	// policy) and the log groups.
	Key awskms.IKey
	// Vpc, VpcEndpoint and VpcEndpointSecurityGroup: nil for a public
	// collection.
	Vpc                      awsec2.IVpc
	VpcEndpoint              awsopensearchserverless.CfnVpcEndpoint
	VpcEndpointSecurityGroup awsec2.ISecurityGroup
	// Stream, DeliveryStream, DeliveryRole, BackupBucket and ErrorLogGroup
	// exist with Delivery (the default).
	Stream         awskinesis.IStream
	DeliveryStream awskinesisfirehose.CfnDeliveryStream
	DeliveryRole   awsiam.IRole
	BackupBucket   awss3.IBucket
	ErrorLogGroup  awslogs.ILogGroup
	// Pipeline, PipelineRole and PipelineLogGroup exist with IngestWith
	// OpenSearchIngestion (instead of the delivery stream).
	Pipeline         awsosis.CfnPipeline
	PipelineRole     awsiam.IRole
	PipelineLogGroup awslogs.ILogGroup
	// CapacityLimits sets the account's OCU limits; nil unless
	// MaxIndexingCapacity or MaxSearchCapacity is given.
	CapacityLimits customresources.AwsCustomResource
	// AlarmTopic and the delivery alarms (with Delivery and CreateAlarms).
	AlarmTopic             awssns.ITopic
	AlarmTopicKey          awskms.IKey
	FreshnessAlarm         awscloudwatch.IAlarm
	DeliveryFailureAlarm   awscloudwatch.IAlarm
	ProcessingFailureAlarm awscloudwatch.IAlarm

	name   string
	access *accessDocument
}

// New creates the collection. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Collection {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &Collection{Construct: c, Key: p.EncryptionKey, access: newAccessDocument()}
	p.fillDefaults(sandbox.Enabled(c))
	base := baseName(c)
	s.name = base
	if p.CollectionName != nil {
		s.name = *p.CollectionName
	}
	if s.Key == nil {
		s.Key = keys.NewForLogs(c, "Key", "Encrypts the OpenSearch Serverless collection and the logs of "+*c.Node().Path())
	}

	public := *p.PublicAccess
	if !public {
		newNetwork(c, s, &p, base)
	}
	s.NetworkPolicy = networkPolicy(c, s, &p, base)
	s.EncryptionPolicy, s.EncryptionPolicyName = encryptionPolicy(c, s, &p, base)

	replicas := "ENABLED"
	if !*p.StandbyReplicas {
		replicas = "DISABLED"
	}
	s.CfnCollection = awsopensearchserverless.NewCfnCollection(c, jsii.String("Collection"), &awsopensearchserverless.CfnCollectionProps{
		Name:            jsii.String(s.name),
		Type:            jsii.String(string(p.Type)),
		StandbyReplicas: jsii.String(replicas),
		Description:     p.Description,
	})
	s.CfnCollection.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), &awscdk.RemovalPolicyOptions{ApplyToUpdateReplacePolicy: jsii.Bool(true)})
	if s.EncryptionPolicy != nil {
		s.CfnCollection.Node().AddDependency(s.EncryptionPolicy)
	}
	s.CfnCollection.Node().AddDependency(s.NetworkPolicy)

	s.AccessPolicy = awsopensearchserverless.NewCfnAccessPolicy(c, jsii.String("AccessPolicy"), &awsopensearchserverless.CfnAccessPolicyProps{
		Name:        jsii.String(base + "-data"),
		Type:        jsii.String("data"),
		Description: jsii.String("Data access to collection " + s.name + " (" + *c.Node().Path() + ")"),
		Policy:      awscdk.Lazy_UncachedString(&policyProducer{s: s}, &awscdk.LazyStringValueOptions{}),
	})
	c.Node().AddValidation(&accessValidation{s: s})

	for _, r := range p.Admins {
		s.GrantAdmin(r)
	}
	for _, r := range p.Readers {
		s.GrantRead(r)
	}
	for _, r := range p.Writers {
		s.GrantWrite(r)
	}

	if *p.Delivery {
		newSource(c, s, &p)
		if p.IngestWith == OpenSearchIngestion {
			newPipeline(c, s, &p, base)
		} else {
			newDelivery(c, s, &p)
		}
	}
	if p.MaxIndexingCapacity != nil || p.MaxSearchCapacity != nil {
		s.CapacityLimits = capacityLimits(c, s, &p)
	}
	suppressFindings(s)
	return s
}

// CollectionEndpoint is the collection's OpenSearch endpoint
// (https://<id>.<region>.aoss.amazonaws.com).
func (s *Collection) CollectionEndpoint() *string { return s.CfnCollection.AttrCollectionEndpoint() }

// DashboardEndpoint is the collection's OpenSearch Dashboards endpoint.
func (s *Collection) DashboardEndpoint() *string { return s.CfnCollection.AttrDashboardEndpoint() }

// CollectionArn is the collection's ARN (arn:<partition>:aoss:...:collection/<id>).
func (s *Collection) CollectionArn() *string { return s.CfnCollection.AttrArn() }

// CollectionName is the collection's name (a literal).
func (s *Collection) CollectionName() *string { return jsii.String(s.name) }

// Connections admits clients to the VPC endpoint on HTTPS
// (Connections().AllowFrom(peer, awsec2.Port_Tcp(jsii.Number(443)), ...));
// nil for a public collection.
func (s *Collection) Connections() awsec2.Connections {
	if s.VpcEndpointSecurityGroup == nil {
		return nil
	}
	return s.VpcEndpointSecurityGroup.Connections()
}

func (p *Props) fillDefaults(sandbox bool) {
	if p.Type == "" {
		p.Type = TimeSeries
	}
	if p.StandbyReplicas == nil {
		p.StandbyReplicas = jsii.Bool(!sandbox)
	}
	if p.AwsOwnedKey == nil {
		p.AwsOwnedKey = jsii.Bool(false)
	}
	if p.CreateEncryptionPolicy == nil {
		p.CreateEncryptionPolicy = jsii.Bool(true)
	}
	if p.PublicAccess == nil {
		p.PublicAccess = jsii.Bool(false)
	}
	if p.Delivery == nil {
		p.Delivery = jsii.Bool(true)
	}
	if p.IndexName == nil {
		p.IndexName = jsii.String("events")
	}
	if p.BufferInterval == nil {
		p.BufferInterval = awscdk.Duration_Seconds(jsii.Number(60))
	}
	if p.BufferSize == nil {
		p.BufferSize = awscdk.Size_Mebibytes(jsii.Number(5))
	}
	if p.RetryDuration == nil {
		p.RetryDuration = awscdk.Duration_Seconds(jsii.Number(300))
	}
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
	if p.IngestWith == "" {
		p.IngestWith = Firehose
	}
	if p.PipelineMinUnits == nil {
		p.PipelineMinUnits = jsii.Number(1)
	}
	if p.PipelineMaxUnits == nil {
		p.PipelineMaxUnits = jsii.Number(4)
	}
	if p.CreateAlarms == nil {
		p.CreateAlarms = jsii.Bool(*p.Delivery && p.IngestWith == Firehose)
	}
}
