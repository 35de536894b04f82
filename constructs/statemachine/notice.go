package statemachine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// NoticeProps configures a failure notice.
type NoticeProps struct {
	// Topic receives the notice. Required.
	Topic awssns.ITopic
	// TopicKey is the topic's KMS key, if it has one: publishing needs
	// kms:GenerateDataKey and kms:Decrypt on it.
	TopicKey awskms.IKey
	// Subject of the message (at most 100 characters).
	// @default "<state machine> failed"
	Subject string
	// Message replaces the default message, which is built from the caught
	// error in ErrorPath: use it for a notice that is not reached through a
	// Catch (e.g. an unsupported file type).
	Message awsstepfunctions.TaskInput
	// Error and Cause of the Fail state the notice ends in.
	// @default the caught error and cause (ErrorPath), or "PipelineFailed"
	// and Subject with Message
	Error, Cause string
}

// NewFailureNotice is the end of a failure path (catalogue ORC-03's error
// step and ORC-04's notice): it publishes the caught error
// ($.error.Error and .Cause, see CatchAll) with the execution's id to
// Topic, then fails the execution with that error, so the run is marked
// failed (and the state machine's alarm fires) instead of ending quietly.
func NewFailureNotice(scope constructs.Construct, id string, p NoticeProps) awsstepfunctions.Chain {
	c := constructs.NewConstruct(scope, jsii.String(id))
	subject := p.Subject
	if subject == "" {
		subject = id
	}
	message := p.Message
	if message == nil {
		message = awsstepfunctions.TaskInput_FromText(awsstepfunctions.JsonPath_Format(jsii.String("Execution {} failed with {}: {}"),
			awsstepfunctions.JsonPath_StringAt(jsii.String("$$.Execution.Id")),
			awsstepfunctions.JsonPath_StringAt(jsii.String(ErrorPath+".Error")),
			awsstepfunctions.JsonPath_StringAt(jsii.String(ErrorPath+".Cause"))))
	}
	var publish awsstepfunctions.TaskStateBase
	if p.TopicKey == nil {
		publish = awsstepfunctionstasks.NewSnsPublish(c, jsii.String("Publish"), &awsstepfunctionstasks.SnsPublishProps{
			StateName: jsii.String(id), Topic: p.Topic, Subject: jsii.String(subject), Message: message,
			ResultPath: awsstepfunctions.JsonPath_DISCARD(),
		})
	} else {
		// SnsPublish grants sns:Publish only; an encrypted topic also
		// needs its key, which CallAwsService can add to the role.
		publish = awsstepfunctionstasks.NewCallAwsService(c, jsii.String("Publish"), &awsstepfunctionstasks.CallAwsServiceProps{
			StateName: jsii.String(id), Service: jsii.String("sns"), Action: jsii.String("publish"),
			IamAction: jsii.String("sns:Publish"), IamResources: &[]*string{p.Topic.TopicArn()},
			Parameters: &map[string]any{
				"TopicArn": p.Topic.TopicArn(), "Subject": subject,
				"Message": message.Value(),
			},
			AdditionalIamStatements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Actions: jsii.Strings("kms:GenerateDataKey", "kms:Decrypt"), Resources: &[]*string{p.TopicKey.KeyArn()},
			})},
			ResultPath: awsstepfunctions.JsonPath_DISCARD(),
		})
	}
	publish.AddRetry(Backoff{}.Props())
	failProps := &awsstepfunctions.FailProps{StateName: jsii.String(id + ": failed")}
	switch {
	case p.Error != "" || p.Message != nil:
		failProps.Error, failProps.Cause = jsii.String(p.Error), jsii.String(p.Cause)
		if p.Error == "" {
			failProps.Error = jsii.String("PipelineFailed")
		}
		if p.Cause == "" {
			failProps.Cause = jsii.String(subject)
		}
	default:
		failProps.ErrorPath = jsii.String(ErrorPath + ".Error")
		failProps.CausePath = jsii.String(ErrorPath + ".Cause")
	}
	fail := awsstepfunctions.NewFail(c, jsii.String("Fail"), failProps)
	return publish.Next(fail)
}
