package streaming_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"

	"github.com/cdk-data-patterns/patterns/constructs/streamlambda"
	"github.com/cdk-data-patterns/patterns/constructs/streamtos3"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDestroyOverridesNeedTheSandbox: no override props struct deletes data
// without sandbox=true.
func TestDestroyOverridesNeedTheSandbox(t *testing.T) {
	destroy := awscdk.RemovalPolicy_DESTROY
	testkit.CheckDestroyOverrides(t, []testkit.OverrideCase{
		{Name: "streamtos3 StreamProps", Build: func(s awscdk.Stack) {
			streamtos3.New(s, "Ingest", &streamtos3.Props{StreamProps: &awskinesis.StreamProps{RemovalPolicy: destroy}})
		}, Wants: []string{"streamtos3 Stack/Ingest: invalid props", "StreamProps.RemovalPolicy = DESTROY"}},
		{Name: "streamtos3 LeaseTableProps", Build: func(s awscdk.Stack) {
			streamtos3.New(s, "Ingest", &streamtos3.Props{LeaseTableProps: &awsdynamodb.TableProps{RemovalPolicy: destroy}})
		}, Wants: []string{"streamtos3 Stack/Ingest: invalid props", "LeaseTableProps.RemovalPolicy = DESTROY"}},
		{Name: "streamlambda TableProps", Build: func(s awscdk.Stack) {
			streamlambda.New(s, "Latest", &streamlambda.Props{Stream: streamlambdaStream(s, "S"), TableProps: &awsdynamodb.TableProps{RemovalPolicy: destroy}})
		}, Wants: []string{"streamlambda Stack/Latest: invalid props", "TableProps.RemovalPolicy = DESTROY"}},
	})
}
