package logstosplunk

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesisfirehose"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

const backupPrefix = "splunk-backup/"

// LogsToSplunk streams a CloudWatch log group (VPC flow logs by default) to
// Splunk through Firehose, with failed events kept in S3.
type LogsToSplunk struct {
	constructs.Construct
	// LogGroup is the subscribed log group.
	LogGroup awslogs.ILogGroup
	// CfnDeliveryStream posts to the Splunk HEC.
	CfnDeliveryStream awskinesisfirehose.CfnDeliveryStream
	// Role is what Firehose assumes.
	Role awsiam.IRole
	// SubscriptionRole is what CloudWatch Logs assumes to put records.
	SubscriptionRole awsiam.IRole
	// HecTokenSecret holds {"hec_token": ...}.
	HecTokenSecret awssecretsmanager.ISecret
	// BackupBucket receives failed (or all) events.
	BackupBucket awss3.IBucket
	// Key encrypts the delivery stream, the log groups and the new secret.
	Key awskms.IKey
	// ErrorLogGroup receives Firehose's delivery errors.
	ErrorLogGroup awslogs.ILogGroup
	// AlarmTopic is notified by the alarms below; it and they are nil when
	// alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it; nil
	// with your own AlarmTopic or when alarms are off.
	AlarmTopicKey awskms.IKey
	// FreshnessAlarm fires when events wait too long for Splunk.
	FreshnessAlarm awscloudwatch.IAlarm
	// DeliveryFailureAlarm fires when deliveries to Splunk fail.
	DeliveryFailureAlarm awscloudwatch.IAlarm
}

// New creates the log group (and flow logs), the subscription, the delivery
// stream, the secret, the backup bucket and the alarms. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *LogsToSplunk {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()

	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &LogsToSplunk{Construct: c, Key: p.EncryptionKey}
	if s.Key == nil {
		s.Key = keys.NewForLogs(c, "Key", "Encrypts the delivery stream, logs and HEC token of "+*c.Node().Path())
	}
	s.BackupBucket = p.ExistingBackupBucket
	if s.BackupBucket == nil {
		s.BackupBucket = securebucket.New(c, "Backup", p.BackupBucketProps).Bucket
	}
	s.HecTokenSecret = p.HecTokenSecret
	if s.HecTokenSecret == nil {
		s.HecTokenSecret = newTokenSecret(c, s.Key)
	}

	role := firehose.NewRole(c)
	s.Role = role
	s.ErrorLogGroup = firehose.NewErrorLogs(c, s.Key, p.LogRetention, role)
	firehose.GrantS3(role, s.BackupBucket, backupPrefix)
	s.HecTokenSecret.GrantRead(role, nil)
	if p.Processor != nil {
		p.Processor.GrantInvoke(role)
	}

	cfn := awskinesisfirehose.NewCfnDeliveryStream(c, jsii.String("DeliveryStream"), &awskinesisfirehose.CfnDeliveryStreamProps{
		DeliveryStreamType: jsii.String("DirectPut"),
		DeliveryStreamEncryptionConfigurationInput: &awskinesisfirehose.CfnDeliveryStream_DeliveryStreamEncryptionConfigurationInputProperty{
			KeyType: jsii.String("CUSTOMER_MANAGED_CMK"),
			KeyArn:  s.Key.KeyArn(),
		},
		SplunkDestinationConfiguration: splunk(&p, s),
	})
	cfn.Node().AddDependency(role)
	s.CfnDeliveryStream = cfn

	s.LogGroup = p.ExistingLogGroup
	if s.LogGroup == nil {
		s.LogGroup = awslogs.NewLogGroup(c, jsii.String("Source"), &awslogs.LogGroupProps{
			EncryptionKey: s.Key,
			Retention:     p.LogRetention,
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
	}
	if len(p.FlowLogVpcIds) > 0 {
		flowLogs(c, s.LogGroup, p.FlowLogVpcIds)
	}
	s.SubscriptionRole = firehose.Subscribe(c, s.LogGroup, s.CfnDeliveryStream, p.FilterPattern)
	suppressFindings(role, p.HecTokenSecret == nil, s.HecTokenSecret)
	if *p.CreateAlarms {
		s.AlarmTopic = p.AlarmTopic
		if s.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			s.AlarmTopic, s.AlarmTopicKey = t.Topic, t.Key
		}
		fresh, failed := firehose.DeliveryAlarms(c, cfn, "Splunk", 600, s.AlarmTopic)
		s.FreshnessAlarm, s.DeliveryFailureAlarm = fresh, failed
	}
	return s
}

// splunk is the Splunk destination: HEC endpoint and token from Secrets
// Manager, acknowledgment timeout, retries, built-in decompression and
// message extraction (and the optional Lambda), S3 backup.
func splunk(p *Props, s *LogsToSplunk) *awskinesisfirehose.CfnDeliveryStream_SplunkDestinationConfigurationProperty {
	processors := []any{
		&awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type:       jsii.String("Decompression"),
			Parameters: &[]any{param("CompressionFormat", "GZIP")},
		},
		&awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type:       jsii.String("CloudWatchLogProcessing"),
			Parameters: &[]any{param("DataMessageExtraction", "true")},
		},
	}
	if p.Processor != nil {
		processors = append(processors, &awskinesisfirehose.CfnDeliveryStream_ProcessorProperty{
			Type:       jsii.String("Lambda"),
			Parameters: &[]any{param("LambdaArn", *p.Processor.FunctionArn())},
		})
	}
	return &awskinesisfirehose.CfnDeliveryStream_SplunkDestinationConfigurationProperty{
		HecEndpoint:                       p.HecEndpoint,
		HecEndpointType:                   jsii.String(string(p.EndpointType)),
		HecAcknowledgmentTimeoutInSeconds: jsii.Number(propcheck.Seconds(p.AcknowledgmentTimeout)),
		RetryOptions:                      &awskinesisfirehose.CfnDeliveryStream_SplunkRetryOptionsProperty{DurationInSeconds: jsii.Number(propcheck.Seconds(p.RetryDuration))},
		BufferingHints: &awskinesisfirehose.CfnDeliveryStream_SplunkBufferingHintsProperty{
			IntervalInSeconds: jsii.Number(propcheck.Seconds(p.BufferInterval)),
			SizeInMBs:         jsii.Number(*p.BufferSize.ToMebibytes(nil)),
		},
		SecretsManagerConfiguration: &awskinesisfirehose.CfnDeliveryStream_SecretsManagerConfigurationProperty{
			Enabled:   jsii.Bool(true),
			SecretArn: s.HecTokenSecret.SecretArn(),
			RoleArn:   s.Role.RoleArn(),
		},
		CloudWatchLoggingOptions: firehose.Logging(s.ErrorLogGroup),
		ProcessingConfiguration: &awskinesisfirehose.CfnDeliveryStream_ProcessingConfigurationProperty{
			Enabled:    jsii.Bool(true),
			Processors: &processors,
		},
		S3BackupMode:    jsii.String(string(p.BackupMode)),
		S3Configuration: firehose.Backup(s.BackupBucket, s.Role, backupPrefix, s.ErrorLogGroup),
	}
}

func param(name, value string) *awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty {
	return &awskinesisfirehose.CfnDeliveryStream_ProcessorParameterProperty{ParameterName: jsii.String(name), ParameterValue: jsii.String(value)}
}

// newTokenSecret is a secret with a generated placeholder under hec_token:
// the template never holds the real token; put it after deploying.
func newTokenSecret(c constructs.Construct, key awskms.IKey) awssecretsmanager.ISecret {
	return awssecretsmanager.NewSecret(c, jsii.String("HecToken"), &awssecretsmanager.SecretProps{
		Description:   jsii.String(fmt.Sprintf("Splunk HEC token of %s: put {\"hec_token\": \"<token>\"}", *c.Node().Path())),
		EncryptionKey: key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(`{"placeholder":"replace hec_token with the Splunk HEC token"}`),
			GenerateStringKey:    jsii.String("hec_token"),
		},
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
}

// flowLogs publishes the flow logs (all traffic) of each VPC to logs through
// a role that VPC Flow Logs of this account may assume.
func flowLogs(c constructs.Construct, logs awslogs.ILogGroup, vpcIds []*string) {
	stack := awscdk.Stack_Of(c)
	role := awsiam.NewRole(c, jsii.String("FlowLogRole"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("vpc-flow-logs.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("VPC flow logs into " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
		Resources: jsii.Strings(*logs.LogGroupArn()),
	}))
	for i, id := range vpcIds {
		fl := awsec2.NewCfnFlowLog(c, jsii.String(fmt.Sprintf("FlowLog%d", i+1)), &awsec2.CfnFlowLogProps{
			ResourceId:               id,
			ResourceType:             jsii.String("VPC"),
			TrafficType:              jsii.String("ALL"),
			LogDestinationType:       jsii.String("cloud-watch-logs"),
			LogGroupName:             logs.LogGroupName(),
			DeliverLogsPermissionArn: role.RoleArn(),
		})
		fl.Node().AddDependency(role)
	}
}
