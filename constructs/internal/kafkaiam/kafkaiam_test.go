package kafkaiam

import (
	"testing"

	"github.com/aws/jsii-runtime-go"
)

func TestLiteralArns(t *testing.T) {
	arn := jsii.String("arn:aws-cn:kafka:cn-north-1:123456789012:cluster/demo/0a1b2c3d-1234-5678-9abc-def012345678-2")
	if got, want := *TopicArn(arn, jsii.String("weblogs")), "arn:aws-cn:kafka:cn-north-1:123456789012:topic/demo/0a1b2c3d-1234-5678-9abc-def012345678-2/weblogs"; got != want {
		t.Errorf("TopicArn = %s, want %s", got, want)
	}
	if got, want := *GroupArn(arn, jsii.String("sink-*")), "arn:aws-cn:kafka:cn-north-1:123456789012:group/demo/0a1b2c3d-1234-5678-9abc-def012345678-2/sink-*"; got != want {
		t.Errorf("GroupArn = %s, want %s", got, want)
	}
}
