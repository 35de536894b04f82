package analytics_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMskserverlessDefaults(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskserverlessDefaultsStack)
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", mskserverlessDefaultsStack+"/Kafka/SecurityGroup/Resource")
	res := st.Only(t, "AWS::MSK::ServerlessCluster")
	if res["DeletionPolicy"] != "Retain" {
		t.Errorf("DeletionPolicy = %v", res["DeletionPolicy"])
	}
	cl := testkit.Props(res)
	mskclusterWant(t, "serverless cluster", testkit.JSON(cl), `"ClientAuthentication":{"Sasl":{"Iam":{"Enabled":true}}}`,
		`"SecurityGroups":[{"Fn::GetAtt":["`+sgID+`","GroupId"]}]`)
	if ids := cl["VpcConfigs"].([]any)[0].(map[string]any)["SubnetIds"].([]any); len(ids) != 3 {
		t.Errorf("subnets = %v", ids)
	}
	st.Count(t, "AWS::EC2::FlowLog", 1)
	st.Count(t, "AWS::EC2::SecurityGroupIngress", 0)
	mskclusterWant(t, "bootstrap", testkit.JSON(st.Resources("Custom::AWS")), `\"action\":\"getBootstrapBrokers\"`, "BootstrapBrokerStringSaslIam")
	mskclusterWant(t, "outputs", testkit.JSON(st.Template["Outputs"]), "BootstrapBrokerStringSaslIam")
	_, prod := st.ByPathPrefix(t, "AWS::IAM::Policy", mskserverlessDefaultsStack+"/Producer/DefaultPolicy")
	mskclusterWant(t, "producer", testkit.JSON(prod), "kafka-cluster:WriteData", `":topic/"`, `"/clicks"`)
	_, cons := st.ByPathPrefix(t, "AWS::IAM::Policy", mskserverlessDefaultsStack+"/Consumer/DefaultPolicy")
	mskclusterWant(t, "consumer", testkit.JSON(cons), "kafka-cluster:ReadData", `":group/"`, `"/analytics"`)
	if got := *mskclusterBuilt.serverless.Connections().DefaultPort().ToString(); got != "9098" {
		t.Errorf("default port = %s", got)
	}
}

func TestMskserverlessExistingVpc(t *testing.T) {
	st := mskclusterConfigs().Stack(t, mskserverlessVpcStack)
	st.Count(t, "AWS::EC2::VPC", 1)
	cl := testkit.JSON(testkit.Props(st.Only(t, "AWS::MSK::ServerlessCluster")))
	mskclusterWant(t, "serverless cluster", cl, `"ClusterName":"clicks"`, "VpcPrivateSubnet1", "VpcPrivateSubnet2")
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"FromPort": 9098, "ToPort": 9098, "IpProtocol": "tcp"})
	if strings.Contains(testkit.JSON(st.Template), "Custom::AWS") {
		t.Errorf("bootstrap lookup without BootstrapBrokers()")
	}
}
