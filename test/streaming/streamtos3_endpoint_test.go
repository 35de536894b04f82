package streaming_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// streamtos3Endpoint returns the Kinesis interface endpoint under path, or
// nil when there is none.
func streamtos3Endpoint(st *testkit.Stack, path string) map[string]any {
	for _, r := range st.Resources("AWS::EC2::VPCEndpoint") {
		if p, _ := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); p == path {
			return r
		}
	}
	return nil
}

// TestStreamtos3KinesisEndpoint (ING-09): with a new VPC the consumer reads
// the stream through an interface endpoint with private DNS, which only its
// tasks reach and whose policy lets only its role read only its stream.
func TestStreamtos3KinesisEndpoint(t *testing.T) {
	st := streamtos3Defaults().Stack(t, streamtos3StackName)
	p := streamtos3StackName + "/Sensors/"
	streamID, _ := st.ByPath(t, "AWS::Kinesis::Stream", p+"Stream/Resource")
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", p+"TaskRole/Resource")
	taskSgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", p+"SecurityGroup/Resource")
	endpointSgID, endpointSg := st.ByPath(t, "AWS::EC2::SecurityGroup", p+"KinesisEndpointSecurityGroup/Resource")
	endpoint := streamtos3Endpoint(st, p+"KinesisEndpoint/Resource")
	if endpoint == nil {
		t.Fatalf("no Kinesis endpoint at %sKinesisEndpoint", p)
	}
	ep := testkit.Props(endpoint)

	t.Run("interface endpoint for kinesis-streams with private DNS in the tasks' private subnets", func(t *testing.T) {
		if ep["VpcEndpointType"] != "Interface" || ep["PrivateDnsEnabled"] != true {
			t.Errorf("endpoint type %v, private DNS %v", ep["VpcEndpointType"], ep["PrivateDnsEnabled"])
		}
		if svc := testkit.JSON(ep["ServiceName"]); !strings.Contains(svc, "kinesis-streams") {
			t.Errorf("ServiceName = %s", svc)
		}
		subnets := testkit.JSON(ep["SubnetIds"])
		if !strings.Contains(subnets, "VpcPrivateSubnet1") || !strings.Contains(subnets, "VpcPrivateSubnet2") || strings.Contains(subnets, "Public") {
			t.Errorf("SubnetIds = %s, want the two private subnets", subnets)
		}
		if got := testkit.JSON(ep["SecurityGroupIds"]); got != `[{"Fn::GetAtt":["`+endpointSgID+`","GroupId"]}]` {
			t.Errorf("SecurityGroupIds = %s, want only the endpoint's own group", got)
		}
	})

	t.Run("endpoint security group: HTTPS from the consumer's group only, nothing from the VPC CIDR", func(t *testing.T) {
		sgp := testkit.Props(endpointSg)
		if ingress, ok := sgp["SecurityGroupIngress"]; ok {
			t.Errorf("inline ingress %s: the endpoint must not be open to the VPC", testkit.JSON(ingress))
		}
		var rules []string
		for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
			rp := testkit.Props(r)
			if testkit.JSON(rp["GroupId"]) == `{"Fn::GetAtt":["`+endpointSgID+`","GroupId"]}` {
				rules = append(rules, testkit.JSON(rp))
			}
		}
		want := `{"Description":"HTTPS from the KCL consumer tasks","FromPort":443,"GroupId":{"Fn::GetAtt":["` + endpointSgID + `","GroupId"]},"IpProtocol":"tcp","SourceSecurityGroupId":{"Fn::GetAtt":["` + taskSgID + `","GroupId"]},"ToPort":443}`
		if len(rules) != 1 || rules[0] != want {
			t.Errorf("ingress rules of the endpoint's group = %v\nwant [%s]", rules, want)
		}
	})

	t.Run("endpoint policy: the task role, the consumer's read calls, this stream only", func(t *testing.T) {
		want := `{"Statement":[{"Action":["kinesis:DescribeStream","kinesis:DescribeStreamConsumer","kinesis:DescribeStreamSummary","kinesis:GetRecords","kinesis:GetShardIterator","kinesis:ListShards","kinesis:SubscribeToShard"],"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["` + roleID + `","Arn"]}},"Resource":{"Fn::GetAtt":["` + streamID + `","Arn"]}}],"Version":"2012-10-17"}`
		if got := testkit.JSON(ep["PolicyDocument"]); got != want {
			t.Errorf("PolicyDocument = %s\nwant %s", got, want)
		}
	})

	t.Run("one endpoint per instance: two constructs, two VPCs, two endpoints", func(t *testing.T) {
		if streamtos3Endpoint(st, streamtos3StackName+"/Clicks/KinesisEndpoint/Resource") == nil {
			t.Errorf("the second instance has no Kinesis endpoint")
		}
	})
}

// TestStreamtos3KinesisEndpointOptions: the fan-out consumer is in the
// endpoint policy; a VPC of the user's gets the endpoint only when asked
// (KinesisEndpoint true), in the given subnets; KinesisEndpoint false leaves
// a new VPC without it.
func TestStreamtos3KinesisEndpointOptions(t *testing.T) {
	st := streamtos3Options().Stack(t, streamtos3StackName)

	t.Run("fan-out: the consumer's ARN is a resource of the endpoint policy", func(t *testing.T) {
		consumerID, _ := st.ByPath(t, "AWS::Kinesis::StreamConsumer", streamtos3StackName+"/Tuned/FanOutConsumer/Resource")
		ep := streamtos3Endpoint(st, streamtos3StackName+"/Tuned/KinesisEndpoint/Resource")
		if ep == nil {
			t.Fatal("no endpoint for Tuned (a new VPC)")
		}
		if doc := testkit.JSON(testkit.Props(ep)["PolicyDocument"]); !strings.Contains(doc, `{"Fn::GetAtt":["`+consumerID+`","ConsumerARN"]}`) {
			t.Errorf("PolicyDocument = %s, want the fan-out consumer's ARN", doc)
		}
	})

	t.Run("existing VPC with KinesisEndpoint true: in the given private subnets, the given stream", func(t *testing.T) {
		ep := streamtos3Endpoint(st, streamtos3StackName+"/Existing/KinesisEndpoint/Resource")
		if ep == nil {
			t.Fatal("no endpoint for Existing, which asked for one")
		}
		e := testkit.Props(ep)
		if e["VpcId"] != "vpc-0123456789abcdef0" || testkit.JSON(e["SubnetIds"]) != `["subnet-0aaaaaaaaaaaaaaa1","subnet-0aaaaaaaaaaaaaaa2"]` {
			t.Errorf("endpoint VPC %v subnets %s", e["VpcId"], testkit.JSON(e["SubnetIds"]))
		}
		if doc := testkit.JSON(e["PolicyDocument"]); !strings.Contains(doc, `"Resource":"`+streamtos3StreamArn+`"`) {
			t.Errorf("PolicyDocument = %s, want the given stream", doc)
		}
		if streamtos3Built["options"]["Existing"].KinesisEndpoint == nil {
			t.Errorf("New does not expose the endpoint")
		}
	})

	t.Run("KinesisEndpoint false: a new VPC without the endpoint", func(t *testing.T) {
		sb := streamtos3Sandboxed().Stack(t, streamtos3StackName)
		if streamtos3Endpoint(sb, streamtos3StackName+"/Lean/KinesisEndpoint/Resource") != nil {
			t.Errorf("Lean has a Kinesis endpoint")
		}
		if streamtos3Endpoint(sb, streamtos3StackName+"/Sensors/KinesisEndpoint/Resource") == nil {
			t.Errorf("Sensors (nil props) has no Kinesis endpoint")
		}
		if c := streamtos3Built["sandbox"]["Lean"]; c.KinesisEndpoint != nil || c.KinesisEndpointSecurityGroup != nil {
			t.Errorf("Lean exposes an endpoint")
		}
	})
}
