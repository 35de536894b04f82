package firehose_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/logenrichment"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const logenrichmentStackName = "EnrichStack"

var logenrichmentEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

func logenrichmentTable(stack awscdk.Stack) awsdynamodb.ITable {
	return awsdynamodb.Table_FromTableAttributes(stack, jsii.String("Users"), &awsdynamodb.TableAttributes{
		TableArn: jsii.String("arn:aws:dynamodb:eu-west-1:111111111111:table/users"),
	})
}

var logenrichmentConfigs = testkit.Register("enrich", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(logenrichmentStackName), &awscdk.StackProps{Env: logenrichmentEnv})
	logenrichment.New(stack, "AppLogs", &logenrichment.Props{
		LogGroup: awslogs.LogGroup_FromLogGroupName(stack, jsii.String("App"), jsii.String("/app/orders")),
		Table:    logenrichmentTable(stack),
		TableKey: jsii.String("user_id"),
		KeyField: jsii.String("user.id"),
		CacheTTL: awscdk.Duration_Minutes(jsii.Number(5)),
	})
})

func TestLogenrichmentLogEnrichment(t *testing.T) {
	s := logenrichmentConfigs()
	st := s.Stack(t, logenrichmentStackName)
	p := logenrichmentStackName + "/AppLogs/"
	fnID, fn := st.ByPath(t, "AWS::Lambda::Function", p+"Enricher/Function/Resource")
	streamID, stream := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", p+"Delivery/DeliveryStream")

	t.Run("enricher: logenrich binary with table, key and field", func(t *testing.T) {
		if vars := testkit.JSON(testkit.Props(fn)["Environment"]); vars != `{"Variables":{"CACHE_TTL":"300s","KEY_FIELD":"user.id","TABLE_KEY":"user_id","TABLE_NAME":"users"}}` {
			t.Errorf("Environment = %s", vars)
		}
		_, policy := st.ByPath(t, "AWS::IAM::Policy", p+"Enricher/Role/DefaultPolicy/Resource")
		doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
		if !strings.Contains(doc, `{"Action":"dynamodb:BatchGetItem","Effect":"Allow","Resource":"arn:aws:dynamodb:eu-west-1:111111111111:table/users"}`) ||
			strings.Contains(doc, "dynamodb:PutItem") || strings.Contains(doc, "dynamodb:Scan") {
			t.Errorf("enricher policy = %s", doc)
		}
	})
	t.Run("delivery stream: the enricher with 0.5 MiB batches", func(t *testing.T) {
		proc := testkit.JSON(testkit.Props(stream)["ExtendedS3DestinationConfiguration"].(map[string]any)["ProcessingConfiguration"])
		if !strings.Contains(proc, `{"Fn::GetAtt":["`+fnID+`","Arn"]}`) || !strings.Contains(proc, `{"ParameterName":"BufferSizeInMBs","ParameterValue":"0.5"}`) {
			t.Errorf("processing = %s", proc)
		}
	})
	t.Run("subscription of the log group into the stream", func(t *testing.T) {
		_, sub := st.ByPath(t, "AWS::Logs::SubscriptionFilter", p+"Subscription")
		sp := testkit.Props(sub)
		if sp["LogGroupName"] != "/app/orders" || testkit.JSON(sp["DestinationArn"]) != `{"Fn::GetAtt":["`+streamID+`","Arn"]}` {
			t.Errorf("subscription = %s", testkit.JSON(sp))
		}
	})
	t.Run("no warning", func(t *testing.T) {
		for _, m := range st.Findings() {
			t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
		}
	})
}

func TestLogenrichmentBadProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		app := testkit.NewApp(t.TempDir(), nil)
		stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: logenrichmentEnv})
		logenrichment.New(stack, "Logs", &logenrichment.Props{KeyField: jsii.String("a..b"), CacheTTL: awscdk.Duration_Hours(jsii.Number(2))})
	}, "logenrichment Bad/Logs: invalid props", "LogGroup = <nil>", "Table = <nil>", "TableKey = unset", "KeyField = a..b", "CacheTTL = 2 hours")
}
