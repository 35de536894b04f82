package serving_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestQuicksightRedshift(t *testing.T) {
	st := quicksightConfigs().Stack(t, quicksightRedshiftStack)
	path := quicksightRedshiftStack + "/Sales/"
	whID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", quicksightRedshiftStack+"/WarehouseSG/Resource")
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	// No default egress: the only egress is the warehouse port.
	if got := testkit.JSON(testkit.Props(sg)); strings.Contains(got, "SecurityGroupEgress") || strings.Contains(got, "0.0.0.0/0") {
		t.Errorf("security group = %s", got)
	}
	egress := testkit.JSON(st.Resources("AWS::EC2::SecurityGroupEgress"))
	saasflowContains(t, "egress", egress, `"DestinationSecurityGroupId":{"Fn::GetAtt":["`+whID+`","GroupId"]},"FromPort":5439,"GroupId":{"Fn::GetAtt":["`+sgID+`","GroupId"]},"IpProtocol":"tcp","ToPort":5439}`)
	ingress := testkit.JSON(st.Resources("AWS::EC2::SecurityGroupIngress"))
	saasflowContains(t, "ingress", ingress,
		`"FromPort":5439,"GroupId":{"Fn::GetAtt":["`+whID+`","GroupId"]},"IpProtocol":"tcp","SourceSecurityGroupId":{"Fn::GetAtt":["`+sgID+`","GroupId"]},"ToPort":5439}`,
		`"FromPort":0,"GroupId":{"Fn::GetAtt":["`+sgID+`","GroupId"]},"IpProtocol":"tcp","SourceSecurityGroupId":{"Fn::GetAtt":["`+whID+`","GroupId"]},"ToPort":65535}`)

	roleID, role := st.ByPath(t, "AWS::IAM::Role", path+"Role/Resource")
	saasflowContains(t, "role", testkit.JSON(role), `"Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"quicksight.amazonaws.com"}`)
	_, policy := st.ByPath(t, "AWS::IAM::Policy", path+"Role/DefaultPolicy/Resource")
	pj := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
	saasflowContains(t, "role policy", pj,
		`{"Action":["ec2:DescribeSecurityGroups","ec2:DescribeSubnets"],"Effect":"Allow","Resource":"*","Sid":"DescribeNetwork"}`,
		`{"Action":"ec2:CreateNetworkInterface","Effect":"Allow","Resource":[`, `":subnet/",{"Ref":"NetworkVpcPrivateSubnet1Subnet`,
		`{"Action":["ec2:DeleteNetworkInterface","ec2:ModifyNetworkInterfaceAttribute"],"Condition":{"ArnEquals":{"ec2:Vpc":`)
	if strings.Count(pj, `"Action"`) != 3 {
		t.Errorf("role policy has other statements: %s", pj)
	}

	vcID, vc := st.ByPath(t, "AWS::QuickSight::VPCConnection", path+"VpcConnection")
	vp := testkit.JSON(testkit.Props(vc))
	saasflowContains(t, "VPC connection", vp, `"AwsAccountId":{"Ref":"AWS::AccountId"}`, `"RoleArn":{"Fn::GetAtt":["`+roleID+`","Arn"]}`,
		`"SecurityGroupIds":[{"Fn::GetAtt":["`+sgID+`","GroupId"]}]`, `"SubnetIds":[{"Ref":"NetworkVpcPrivateSubnet1Subnet`)

	dsID, ds := st.ByPath(t, "AWS::QuickSight::DataSource", path+"DataSource")
	dp := testkit.Props(ds)
	if got := testkit.JSON(dp["DataSourceParameters"]); got != `{"RedshiftParameters":{"Database":"analytics","Host":"lake.abc123.eu-west-1.redshift.amazonaws.com","Port":5439}}` {
		t.Errorf("DataSourceParameters = %s", got)
	}
	if got := testkit.JSON(dp["Credentials"]); got != `{"SecretArn":"`+quicksightSecretArn+`"}` {
		t.Errorf("Credentials = %s", got)
	}
	if got := testkit.JSON(dp["VpcConnectionProperties"]); got != `{"VpcConnectionArn":{"Fn::GetAtt":["`+vcID+`","Arn"]}}` {
		t.Errorf("VpcConnectionProperties = %s", got)
	}
	if dp["Type"] != "REDSHIFT" || testkit.JSON(dp["SslProperties"]) != `{"DisableSsl":false}` {
		t.Errorf("data source = %s", testkit.JSON(dp))
	}
	saasflowContains(t, "data source permissions", testkit.JSON(dp["Permissions"]), `"Principal":"`+quicksightOwnerArn+`"`, `"quicksight:PassDataSource"`)

	_, set := st.ByPath(t, "AWS::QuickSight::DataSet", path+"DataSet")
	sp := testkit.Props(set)
	if sp["ImportMode"] != "SPICE" || testkit.JSON(sp["IngestionWaitPolicy"]) != `{"WaitForSpiceIngestion":false}` {
		t.Errorf("data set = %s", testkit.JSON(sp))
	}
	if got := testkit.JSON(sp["PhysicalTableMap"]); got != `{"Table":{"RelationalTable":{"DataSourceArn":{"Fn::GetAtt":["`+dsID+`","Arn"]},"InputColumns":[{"Name":"order_id","Type":"STRING"},{"Name":"amount","Type":"DECIMAL"},{"Name":"ordered_at","Type":"DATETIME"}],"Name":"sales","Schema":"mart"}}}` {
		t.Errorf("PhysicalTableMap = %s", got)
	}
	perms := testkit.JSON(sp["Permissions"])
	saasflowContains(t, "data set permissions", perms,
		`"quicksight:UpdateDataSetPermissions"],"Principal":"`+quicksightOwnerArn+`"`,
		`{"Actions":["quicksight:DescribeDataSet","quicksight:DescribeDataSetPermissions","quicksight:PassDataSet","quicksight:DescribeIngestion","quicksight:ListIngestions"],"Principal":"`+quicksightReaderArn+`"}`)

	_, rs := st.ByPath(t, "AWS::QuickSight::RefreshSchedule", path+"RefreshSchedule")
	if got := testkit.JSON(testkit.Props(rs)["Schedule"]); got != `{"RefreshType":"FULL_REFRESH","ScheduleFrequency":{"Interval":"DAILY","TimeOfTheDay":"04:00","TimeZone":"UTC"},"ScheduleId":"full-refresh"}` {
		t.Errorf("Schedule = %s", got)
	}
	if testkit.Props(rs)["DataSetId"] != sp["DataSetId"] {
		t.Errorf("refresh of %v, data set %v", testkit.Props(rs)["DataSetId"], sp["DataSetId"])
	}
}

func TestQuicksightTwoInstancesSqlAndWeekly(t *testing.T) {
	st := quicksightConfigs().Stack(t, quicksightRedshiftStack)
	st.Count(t, "AWS::QuickSight::VPCConnection", 2)
	st.Count(t, "AWS::QuickSight::DataSet", 2)
	ids := map[string]bool{}
	for _, typ := range []string{"AWS::QuickSight::VPCConnection", "AWS::QuickSight::DataSource", "AWS::QuickSight::DataSet"} {
		for _, r := range st.Resources(typ) {
			p := testkit.Props(r)
			for _, k := range []string{"VPCConnectionId", "DataSourceId", "DataSetId"} {
				if id, ok := p[k].(string); ok {
					if ids[id] {
						t.Errorf("%s %s used twice", k, id)
					}
					ids[id] = true
				}
			}
		}
	}
	path := quicksightRedshiftStack + "/Weekly/"
	_, set := st.ByPath(t, "AWS::QuickSight::DataSet", path+"DataSet")
	saasflowContains(t, "data set", testkit.JSON(testkit.Props(set)["PhysicalTableMap"]), `"CustomSql":{"Columns":[{"Name":"order_id","Type":"STRING"}`, `"SqlQuery":"select order_id, amount, ordered_at from mart.sales where ordered_at`)
	_, rs := st.ByPath(t, "AWS::QuickSight::RefreshSchedule", path+"RefreshSchedule")
	if got := testkit.JSON(testkit.Props(rs)["Schedule"]); got != `{"RefreshType":"FULL_REFRESH","ScheduleFrequency":{"Interval":"WEEKLY","RefreshOnDay":{"DayOfWeek":"MONDAY"},"TimeOfTheDay":"06:30","TimeZone":"Europe/Berlin"},"ScheduleId":"full-refresh"}` {
		t.Errorf("Schedule = %s", got)
	}
	saasflowContains(t, "egress", testkit.JSON(st.Resources("AWS::EC2::SecurityGroupEgress")), `"FromPort":5440`)
}

func TestQuicksightAthenaDirectQuery(t *testing.T) {
	st := quicksightConfigs().Stack(t, quicksightAthenaStack)
	for _, typ := range []string{"AWS::QuickSight::VPCConnection", "AWS::QuickSight::RefreshSchedule", "AWS::EC2::SecurityGroup", "AWS::IAM::Role"} {
		st.Count(t, typ, 0)
	}
	ds := testkit.Props(st.Only(t, "AWS::QuickSight::DataSource"))
	if ds["Type"] != "ATHENA" || testkit.JSON(ds["DataSourceParameters"]) != `{"AthenaParameters":{"WorkGroup":"analysts"}}` {
		t.Errorf("data source = %s", testkit.JSON(ds))
	}
	if _, ok := ds["Credentials"]; ok {
		t.Errorf("Athena source with credentials")
	}
	set := testkit.Props(st.Only(t, "AWS::QuickSight::DataSet"))
	if set["ImportMode"] != "DIRECT_QUERY" {
		t.Errorf("ImportMode = %v", set["ImportMode"])
	}
	if _, ok := set["IngestionWaitPolicy"]; ok {
		t.Errorf("direct query with an ingestion wait policy")
	}
	if quicksightBuilt.athena.RefreshSchedule != nil || quicksightBuilt.athena.VpcConnection != nil {
		t.Errorf("refresh schedule or VPC connection created for Athena direct query")
	}
}
