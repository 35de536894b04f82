package streamalert

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awspipes"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// retries of a failed batch before it goes to the dead-letter queue.
const retries = 3

// newPipe grants the role what the pipe does, then creates it after the
// role's policy (a pipe whose role cannot read its source fails to create).
func newPipe(c constructs.Construct, a *StreamAlert, p *Props) awspipes.CfnPipe {
	a.Stream.GrantRead(a.Role)
	a.Topic.GrantPublish(a.Role)
	a.DeadLetters.Queue.GrantSendMessages(a.Role)
	a.LogGroup.GrantWrite(a.Role)
	var filters *awspipes.CfnPipe_FilterCriteriaProperty
	if len(p.Filter) > 0 {
		list := make([]any, len(p.Filter))
		for i, f := range p.Filter {
			list[i] = &awspipes.CfnPipe_FilterProperty{Pattern: jsii.String(f)}
		}
		filters = &awspipes.CfnPipe_FilterCriteriaProperty{Filters: &list}
	}
	template := p.MessageTemplate
	if template == nil {
		template = jsii.String("<$.data>")
	}
	pipe := awspipes.NewCfnPipe(c, jsii.String("Pipe"), &awspipes.CfnPipeProps{
		Description: jsii.String("Publishes the records of the stream of " + *c.Node().Path() + " to its topic"),
		RoleArn:     a.Role.RoleArn(),
		Source:      a.Stream.StreamArn(),
		SourceParameters: &awspipes.CfnPipe_PipeSourceParametersProperty{
			FilterCriteria: filters,
			KinesisStreamParameters: &awspipes.CfnPipe_PipeSourceKinesisStreamParametersProperty{
				StartingPosition:          p.StartingPosition,
				BatchSize:                 p.BatchSize,
				MaximumRetryAttempts:      jsii.Number(retries),
				MaximumRecordAgeInSeconds: jsii.Number(propcheck.Seconds(p.MaxRecordAge)),
				OnPartialBatchItemFailure: jsii.String("AUTOMATIC_BISECT"),
				DeadLetterConfig:          &awspipes.CfnPipe_DeadLetterConfigProperty{Arn: a.DeadLetters.Queue.QueueArn()},
			},
		},
		Target: a.Topic.TopicArn(),
		TargetParameters: &awspipes.CfnPipe_PipeTargetParametersProperty{
			InputTemplate: template,
		},
		LogConfiguration: &awspipes.CfnPipe_PipeLogConfigurationProperty{
			Level: jsii.String("ERROR"),
			CloudwatchLogsLogDestination: &awspipes.CfnPipe_CloudwatchLogsLogDestinationProperty{
				LogGroupArn: a.LogGroup.LogGroupArn(),
			},
		},
	})
	pipe.Node().AddDependency(a.Role)
	nag.Suppress(nag.DefaultPolicy(a.Role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		Reason:    "The wildcard KMS actions come from CDK's publish grant on the topic and send grant on the dead-letter queue, and are limited to those resources' keys.",
	})
	return pipe
}
