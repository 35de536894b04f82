package scheduledindex

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdadestinations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/failurequeue"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// ScheduledIndex runs functions/csvindex on a schedule: new CSV objects
// under a prefix are cleaned and indexed into an OpenSearch domain.
type ScheduledIndex struct {
	constructs.Construct
	// Function extracts, cleans and indexes; Role is its execution role,
	// LogGroup its encrypted log group.
	Function awslambda.IFunction
	Role     awsiam.IRole
	LogGroup awslogs.ILogGroup
	// Schedule invokes Function; ScheduleRole is what EventBridge Scheduler
	// assumes (invoke the function, send to the dead-letter queue).
	Schedule     awsscheduler.CfnSchedule
	ScheduleRole awsiam.IRole
	// DeadLetterQueue receives invocations the schedule could not deliver
	// and runs that still failed after Lambda's retries.
	DeadLetterQueue awssqs.IQueue
	// Key encrypts the log group and the queue.
	Key awskms.IKey
	// Domain receives the documents.
	Domain awsopensearchservice.IDomain
	// IndexPattern is what the function writes: the index, or the rotated
	// indices' pattern ("csv-data-*").
	IndexPattern string
	// CheckpointKey is the state object in the bucket.
	CheckpointKey string
	// SecurityGroup of the function in a VPC; nil outside one.
	SecurityGroup awsec2.ISecurityGroup
	// S3Endpoint is the gateway endpoint created for the function; nil when
	// none was.
	S3Endpoint awsec2.IGatewayVpcEndpoint
	// RoleMapping maps Role as a writer in the domain; nil without a mapper.
	RoleMapping awscdk.CustomResource
	// AlarmTopic is notified by the alarms; it and they are nil when alarms
	// are off. AlarmTopicKey encrypts it when the construct created it.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// ErrorsAlarm fires when a run fails (S3 or the domain unreachable,
	// documents still throttled after the retries, documents refused).
	ErrorsAlarm awscloudwatch.IAlarm
	// DeadLettersAlarm fires when the dead-letter queue holds a message.
	DeadLettersAlarm awscloudwatch.IAlarm
}

// target is the resolved domain side.
type target struct {
	domain  awsopensearchservice.IDomain
	vpc     awsec2.IVpc
	subnets *awsec2.SubnetSelection
	sg      awsec2.ISecurityGroup
	mapper  RoleMapper
}

func resolveTarget(p *Props) target {
	if s := p.Search; s != nil {
		return target{domain: s.Domain, vpc: s.Vpc, sg: s.DomainSecurityGroup, mapper: s}
	}
	return target{domain: p.Domain, vpc: p.Vpc, subnets: p.VpcSubnets, sg: p.DomainSecurityGroup, mapper: p.RoleMapper}
}

// New creates the pattern. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *ScheduledIndex {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	p.fillDefaults(c)
	t := resolveTarget(&p)
	x := &ScheduledIndex{Construct: c, Key: p.EncryptionKey, Domain: t.domain, CheckpointKey: *p.CheckpointKey}
	if x.Key == nil {
		x.Key = keys.NewForLogs(c, "Key", "Encrypts the logs and dead-letter queue of "+*c.Node().Path())
	}
	x.IndexPattern = *p.IndexName
	if p.IndexRotation != NoRotation {
		x.IndexPattern += "-*"
	}
	x.DeadLetterQueue = failurequeue.New(c, x.Key)

	fp := &awslambda.FunctionProps{
		Description: jsii.String("Indexes new CSV objects under " + *p.Prefix + " into OpenSearch (" + x.IndexPattern + ") for " + *c.Node().Path()),
		Environment: &map[string]*string{
			"BUCKET":          p.Bucket.BucketName(),
			"PREFIX":          p.Prefix,
			"SUFFIX":          suffixEnv(*p.Suffix),
			"CHECKPOINT_KEY":  p.CheckpointKey,
			"DOMAIN_ENDPOINT": t.domain.DomainEndpoint(),
			"INDEX":           p.IndexName,
			"INDEX_ROTATION":  jsii.String(string(p.IndexRotation)),
			"SCHEMA":          jsii.String(schemaEnv(p.Columns)),
		},
		// Two runs at once would index the same objects and race on the
		// checkpoint; a run that finds the function busy waits in Lambda's
		// asynchronous queue.
		ReservedConcurrentExecutions: jsii.Number(1),
		OnFailure:                    awslambdadestinations.NewSqsDestination(x.DeadLetterQueue),
		RetryAttempts:                jsii.Number(2),
		MaxEventAge:                  awscdk.Duration_Hours(jsii.Number(2)),
	}
	if t.vpc != nil {
		x.SecurityGroup = network(c, x, &p, t, fp)
	}
	fn := gofunction.New(c, gofunction.Spec{
		Code:         golambda.Code("functions/csvindex"),
		Key:          x.Key,
		LogRetention: p.LogRetention,
		Memory:       *p.Memory,
		Timeout:      p.Timeout,
		Props:        fp,
		Invocation:   gofunction.Invocation{Reaches: "only the S3 API and the domain's HTTPS endpoint (IAM-signed requests)"},
	})
	x.Function, x.Role, x.LogGroup = fn.Function, fn.Role, fn.LogGroup
	grant(c, x, &p, fn.Role)
	if t.vpc != nil {
		allowVpcAccess(fn.Role)
	}
	if t.mapper != nil {
		x.RoleMapping = t.mapper.MapWriter(c, "WriterMapping", fn.Role, x.IndexPattern)
		// A run before the mapping exists would be refused (403).
		fn.Function.Node().AddDependency(x.RoleMapping)
	}
	x.Schedule, x.ScheduleRole = schedule(c, x, *p.Schedule)
	suppress(x, &p)
	if *p.CreateAlarms {
		createAlarms(c, x, &p)
	}
	return x
}

// suffixEnv: "" (every object) is "*" for the function.
func suffixEnv(s string) *string {
	if s == "" {
		return jsii.String("*")
	}
	return jsii.String(s)
}

// schemaEnv is the function's SCHEMA: "name:type,..." sorted by name.
func schemaEnv(cols map[string]ColumnType) string {
	parts := make([]string, 0, len(cols))
	for _, name := range sortedKeys(cols) {
		parts = append(parts, fmt.Sprintf("%s:%s", name, cols[name]))
	}
	return strings.Join(parts, ",")
}

// schedule creates the EventBridge Scheduler schedule and its role: invoke
// the function (asynchronously, as Scheduler does), two retries within an
// hour when the invocation itself fails, then the dead-letter queue.
func schedule(c constructs.Construct, x *ScheduledIndex, expr string) (awsscheduler.CfnSchedule, awsiam.IRole) {
	role := awsiam.NewRole(c, jsii.String("ScheduleRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("EventBridge Scheduler: invokes the indexer of " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{x.Function.FunctionArn()},
	}))
	x.DeadLetterQueue.GrantSendMessages(role)
	s := awsscheduler.NewCfnSchedule(c, jsii.String("Schedule"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Runs the CSV indexer " + *c.Node().Path()),
		ScheduleExpression:         jsii.String(expr),
		ScheduleExpressionTimezone: jsii.String("UTC"),
		State:                      jsii.String("ENABLED"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:              x.Function.FunctionArn(),
			RoleArn:          role.RoleArn(),
			Input:            jsii.String(`{"source":"aws.scheduler","detail-type":"Scheduled Event"}`),
			RetryPolicy:      &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(2), MaximumEventAgeInSeconds: jsii.Number(3600)},
			DeadLetterConfig: &awsscheduler.CfnSchedule_DeadLetterConfigProperty{Arn: x.DeadLetterQueue.QueueArn()},
		},
	})
	// The role's policy must exist before Scheduler first assumes it.
	s.Node().AddDependency(role)
	return s, role
}
