package analytics_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	datavpcDefaultsStack = "DataVpcDefaults"
	datavpcIsolatedStack = "DataVpcIsolated"
)

var datavpcConfigs = testkit.Register("datavpc", nil, func(app constructs.Construct) {
	env := &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}
	s1 := awscdk.NewStack(app, jsii.String(datavpcDefaultsStack), &awscdk.StackProps{Env: env})
	datavpc.New(s1, "Network", nil)
	s2 := awscdk.NewStack(app, jsii.String(datavpcIsolatedStack), nil)
	datavpc.New(s2, "Network", &datavpc.Props{
		Zones: jsii.Number(2), NatGateways: jsii.Number(0), Cidr: jsii.String("10.40.0.0/16"),
		InterfaceEndpoints: []awsec2.InterfaceVpcEndpointAwsService{
			awsec2.InterfaceVpcEndpointAwsService_KINESIS_STREAMS(), awsec2.InterfaceVpcEndpointAwsService_CLOUDWATCH_LOGS(),
		},
	})
	// A second one in the same stack.
	datavpc.New(s2, "Other", &datavpc.Props{Zones: jsii.Number(1)})
})

func TestDatavpcDefaults(t *testing.T) {
	st := datavpcConfigs().Stack(t, datavpcDefaultsStack)
	subnets := st.Resources("AWS::EC2::Subnet")
	private, public := 0, 0
	for _, r := range subnets {
		p := testkit.Props(r)
		if p["MapPublicIpOnLaunch"] != false {
			t.Errorf("subnet maps public IPs: %s", testkit.JSON(p))
		}
		switch {
		case strings.HasSuffix(p["CidrBlock"].(string), "/22"):
			private++
		case strings.HasSuffix(p["CidrBlock"].(string), "/26"):
			public++
		}
	}
	if private != 3 || public != 3 {
		t.Errorf("%d private /22 and %d public /26 subnets, want 3 and 3", private, public)
	}
	st.Count(t, "AWS::EC2::NatGateway", 1)
	gateways := testkit.JSON(st.Resources("AWS::EC2::VPCEndpoint"))
	for _, s := range []string{".s3", ".dynamodb", `"VpcEndpointType":"Gateway"`} {
		if !strings.Contains(gateways, s) {
			t.Errorf("endpoints lack %s: %s", s, gateways)
		}
	}
	if strings.Contains(gateways, `"Interface"`) {
		t.Errorf("interface endpoints by default: %s", gateways)
	}
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", datavpcDefaultsStack+"/Network/FlowLogs/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", datavpcDefaultsStack+"/Network/Key/Resource")
	if lp := testkit.Props(logs); lp["RetentionInDays"] != 365.0 || !strings.Contains(testkit.JSON(lp["KmsKeyId"]), keyID) {
		t.Errorf("flow logs = %s", testkit.JSON(lp))
	}
	st.Count(t, "AWS::EC2::FlowLog", 1)
}

func TestDatavpcIsolated(t *testing.T) {
	st := datavpcConfigs().Stack(t, datavpcIsolatedStack)
	st.Count(t, "AWS::EC2::NatGateway", 1) // Other's: one zone, one NAT gateway
	for _, r := range st.Resources("AWS::EC2::Subnet") {
		if path := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasPrefix(path, datavpcIsolatedStack+"/Network/") && !strings.Contains(path, "Private") {
			t.Errorf("isolated network has subnet %s", path)
		}
	}
	_, vpc := st.ByPath(t, "AWS::EC2::VPC", datavpcIsolatedStack+"/Network/Vpc/Resource")
	if got := testkit.Props(vpc)["CidrBlock"]; got != "10.40.0.0/16" {
		t.Errorf("CidrBlock = %v", got)
	}
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", datavpcIsolatedStack+"/Network/EndpointSecurityGroup/Resource")
	ingress := testkit.JSON(testkit.Props(sg)["SecurityGroupIngress"])
	if !strings.Contains(ingress, `"FromPort":443`) || !strings.Contains(ingress, "CidrBlock") {
		t.Errorf("endpoint ingress = %s", ingress)
	}
	found := 0
	for _, r := range st.Resources("AWS::EC2::VPCEndpoint") {
		p := testkit.Props(r)
		if p["VpcEndpointType"] == "Interface" {
			found++
			if p["PrivateDnsEnabled"] != true || !strings.Contains(testkit.JSON(p["SecurityGroupIds"]), sgID) {
				t.Errorf("interface endpoint = %s", testkit.JSON(p))
			}
		}
	}
	if found != 2 {
		t.Errorf("%d interface endpoints, want 2", found)
	}
}

func TestDatavpcRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props *datavpc.Props
		wants []string
	}{
		{"four zones", &datavpc.Props{Zones: jsii.Number(4)}, []string{"datavpc Bad/Net: invalid props", "Zones = 4: 1, 2 or 3"}},
		{"more NAT gateways than zones", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(3)}, []string{"NatGateways = 3: 0 (isolated subnets) to Zones (2)"}},
		{"small CIDR", &datavpc.Props{Cidr: jsii.String("10.0.0.0/24")}, []string{"Cidr = 10.0.0.0/24: an IPv4 CIDR block from /16 to /21"}},
		{"infinite flow logs", &datavpc.Props{LogRetention: awslogs.RetentionDays_INFINITE}, []string{"LogRetention"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := awscdk.NewApp(nil)
				datavpc.New(awscdk.NewStack(app, jsii.String("Bad"), nil), "Net", c.props)
			}, c.wants...)
		})
	}
}
