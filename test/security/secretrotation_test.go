package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func secretrotationContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

// secretrotationEgress is every egress rule of the security group id:
// inline ones and AWS::EC2::SecurityGroupEgress resources, as JSON.
func secretrotationEgress(st *testkit.Stack, id string) []string {
	var out []string
	sg := testkit.Props(st.Resources("AWS::EC2::SecurityGroup")[id])
	if rules, ok := sg["SecurityGroupEgress"].([]any); ok {
		for _, r := range rules {
			out = append(out, testkit.JSON(r))
		}
	}
	for _, r := range st.Resources("AWS::EC2::SecurityGroupEgress") {
		p := map[string]any{}
		for k, v := range testkit.Props(r) {
			if k != "GroupId" && k != "Description" {
				p[k] = v
			}
		}
		if testkit.JSON(testkit.Props(r)["GroupId"]) == `{"Fn::GetAtt":["`+id+`","GroupId"]}` {
			out = append(out, testkit.JSON(p))
		}
	}
	return out
}

func TestSecretrotationDefaults(t *testing.T) {
	st := secretrotationConfigs().Stack(t, secretrotationRedshiftStack)
	path := secretrotationRedshiftStack + "/AdminRotation/"
	if got := testkit.JSON(st.Template["Transform"]); got != `["AWS::SecretsManager-2024-09-16"]` {
		t.Errorf("Transform = %s (the hosted rotation needs the Secrets Manager transform)", got)
	}
	_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", path+"Schedule/Resource")
	secretID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", secretrotationRedshiftStack+"/AdminSecret/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", secretrotationRedshiftStack+"/SecretsKey/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	whID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", secretrotationRedshiftStack+"/WarehouseSecurityGroup/Resource")
	sp := testkit.Props(sched)
	if got := testkit.JSON(sp["RotationRules"]); got != `{"ScheduleExpression":"rate(30 days)"}` {
		t.Errorf("RotationRules = %s, want 30 days", got)
	}
	if _, ok := sp["RotateImmediatelyOnUpdate"]; ok {
		t.Errorf("RotateImmediatelyOnUpdate set by default: %v", sp["RotateImmediatelyOnUpdate"])
	}
	if got := testkit.JSON(sp["SecretId"]); got != `{"Ref":"`+secretID+`"}` {
		t.Errorf("SecretId = %s", got)
	}
	hosted := testkit.JSON(sp["HostedRotationLambda"])
	secretrotationContains(t, "hosted rotation", hosted, `"RotationType":"RedshiftSingleUser"`,
		`"KmsKeyArn":{"Fn::GetAtt":["`+keyID+`","Arn"]}`, `"VpcSecurityGroupIds":{"Fn::GetAtt":["`+sgID+`","GroupId"]}`,
		`"VpcSubnetIds":{"Fn::Join":["",[{"Ref":"NetworkVpcPrivateSubnet1`)
	if strings.Contains(hosted, "MasterSecretArn") {
		t.Errorf("single user rotation with a master secret: %s", hosted)
	}
	// The function's group reaches the warehouse port and HTTPS in the
	// VPC, nothing else; the warehouse admits it on its port.
	egress := secretrotationEgress(st, sgID)
	want := []string{
		`{"CidrIp":{"Fn::GetAtt":["NetworkVpc7FB7348F","CidrBlock"]},"Description":"Secrets Manager interface endpoint in the VPC","FromPort":443,"IpProtocol":"tcp","ToPort":443}`,
		`{"DestinationSecurityGroupId":{"Fn::GetAtt":["` + whID + `","GroupId"]},"FromPort":5439,"IpProtocol":"tcp","ToPort":5439}`,
	}
	if testkit.JSON(egress) != testkit.JSON(want) {
		t.Errorf("egress of the rotation function =\n%s\nwant\n%s", strings.Join(egress, "\n"), strings.Join(want, "\n"))
	}
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{
		"GroupId": map[string]any{"Fn::GetAtt": []any{whID, "GroupId"}}, "FromPort": 5439, "ToPort": 5439, "IpProtocol": "tcp",
		"SourceSecurityGroupId": map[string]any{"Fn::GetAtt": []any{sgID, "GroupId"}},
	})
	r := secretrotationBuilt.admin
	if r.Days != 30 || r.Expression != "rate(30 days)" || r.Engine != secretrotation.RedshiftSingleUser || r.ArnParameter != nil {
		t.Errorf("admin rotation = %v days, %q, %q, parameters %v", r.Days, r.Expression, r.Engine, r.ArnParameter)
	}
}

func TestSecretrotationMultiUserThroughEndpoint(t *testing.T) {
	st := secretrotationConfigs().Stack(t, secretrotationRedshiftStack)
	path := secretrotationRedshiftStack + "/LoaderRotation/"
	_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", path+"Schedule/Resource")
	adminID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", secretrotationRedshiftStack+"/AdminSecret/Resource")
	loaderID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", secretrotationRedshiftStack+"/LoaderSecret/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	endpointSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", secretrotationRedshiftStack+"/Network/EndpointSecurityGroup/Resource")
	sp := testkit.Props(sched)
	if got := testkit.JSON(sp["RotationRules"]); got != `{"ScheduleExpression":"`+secretrotationCron+`"}` {
		t.Errorf("RotationRules = %s", got)
	}
	if sp["RotateImmediatelyOnUpdate"] != false {
		t.Errorf("RotateImmediatelyOnUpdate = %v, want false", sp["RotateImmediatelyOnUpdate"])
	}
	secretrotationContains(t, "hosted rotation", testkit.JSON(sp["HostedRotationLambda"]), `"RotationType":"RedshiftMultiUser"`,
		`"MasterSecretArn":{"Ref":"`+adminID+`"}`, `"MasterSecretKmsKeyArn":{"Fn::GetAtt":["SecretsKey`)
	// HTTPS to the endpoint's group instead of the VPC's CIDR.
	egress := testkit.JSON(secretrotationEgress(st, sgID))
	secretrotationContains(t, "egress", egress, `{\"DestinationSecurityGroupId\":{\"Fn::GetAtt\":[\"`+endpointSG+`\",\"GroupId\"]},\"FromPort\":443`, `\"FromPort\":5439`)
	if strings.Contains(egress, "CidrIp") || len(secretrotationEgress(st, sgID)) != 2 {
		t.Errorf("egress = %s, want the endpoint and the warehouse only", egress)
	}
	// Discovery parameters: plain strings with the ARN and the name.
	_, arnParam := st.ByPath(t, "AWS::SSM::Parameter", path+"ArnParameter/Resource")
	_, nameParam := st.ByPath(t, "AWS::SSM::Parameter", path+"NameParameter/Resource")
	ap, np := testkit.Props(arnParam), testkit.Props(nameParam)
	if ap["Name"] != secretrotationPath+"/arn" || ap["Type"] != "String" || testkit.JSON(ap["Value"]) != `{"Ref":"`+loaderID+`"}` {
		t.Errorf("ARN parameter = %s", testkit.JSON(ap))
	}
	if np["Name"] != secretrotationPath+"/name" || np["Type"] != "String" || !strings.Contains(testkit.JSON(np["Value"]), `{"Ref":"`+loaderID+`"}`) {
		t.Errorf("name parameter = %s", testkit.JSON(np))
	}
	// No parameter anywhere holds a value of type SecureString (CloudFormation
	// cannot create one) or a secret's value.
	for _, stack := range []string{secretrotationRedshiftStack, secretrotationCustomStack} {
		for id, prm := range secretrotationConfigs().Stack(t, stack).Resources("AWS::SSM::Parameter") {
			if p := testkit.Props(prm); p["Type"] != "String" || strings.Contains(testkit.JSON(p), "resolve:") {
				t.Errorf("%s parameter %s = %s", stack, id, testkit.JSON(p))
			}
		}
	}
	if r := secretrotationBuilt.loader; r.Days != 0 || r.Expression != secretrotationCron || r.ArnParameter == nil || r.NameParameter == nil {
		t.Errorf("loader rotation = %v days, %q", r.Days, r.Expression)
	}
}

// Two rotations in one stack: their own schedules and security groups.
func TestSecretrotationTwoInstances(t *testing.T) {
	st := secretrotationConfigs().Stack(t, secretrotationRedshiftStack)
	st.Count(t, "AWS::SecretsManager::RotationSchedule", 2)
	a, l := secretrotationBuilt.admin.SecurityGroup, secretrotationBuilt.loader.SecurityGroup
	if a == nil || l == nil || *a.Node().Path() == *l.Node().Path() {
		t.Fatalf("security groups %v %v", a, l)
	}
	for id, sg := range st.Resources("AWS::EC2::SecurityGroup") {
		if _, named := testkit.Props(sg)["GroupName"]; named {
			t.Errorf("security group %s has a fixed name", id)
		}
	}
}

func TestSecretrotationCustomFunction(t *testing.T) {
	st := secretrotationConfigs().Stack(t, secretrotationCustomStack)
	_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", secretrotationCustomStack+"/ApiKeyRotation/Schedule/Resource")
	sp := testkit.Props(sched)
	if sp["RotationLambdaARN"] != secretrotationFunctionArn || testkit.JSON(sp["RotationRules"]) != `{"ScheduleExpression":"rate(7 days)"}` {
		t.Errorf("schedule = %s", testkit.JSON(sp))
	}
	if _, ok := sp["HostedRotationLambda"]; ok || secretrotationBuilt.apiKey.SecurityGroup != nil {
		t.Errorf("a custom function got a hosted rotation or a security group: %s", testkit.JSON(sp))
	}
	// The stack's groups are the VPC's, the database's and the
	// PostgreSQL rotation's: none under ApiKeyRotation.
	for id, sg := range st.Resources("AWS::EC2::SecurityGroup") {
		md, _ := sg["Metadata"].(map[string]any)
		if p, _ := md["aws:cdk:path"].(string); strings.HasPrefix(p, secretrotationCustomStack+"/ApiKeyRotation/") {
			t.Errorf("security group %s created for a custom function", id)
		}
	}
}

func TestSecretrotationPostgresOnGivenPort(t *testing.T) {
	st := secretrotationConfigs().Stack(t, secretrotationCustomStack)
	path := secretrotationCustomStack + "/ReportingRotation/"
	_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", path+"Schedule/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"SecurityGroup/Resource")
	sp := testkit.Props(sched)
	secretrotationContains(t, "schedule", testkit.JSON(sp), `"RotationType":"PostgreSQLSingleUser"`, `"RotationRules":{"ScheduleExpression":"rate(90 days)"}`)
	secretrotationContains(t, "egress", testkit.JSON(secretrotationEgress(st, sgID)), `\"FromPort\":5432,\"IpProtocol\":\"tcp\",\"ToPort\":5432`)
	if r := secretrotationBuilt.postgres; r.Days != 90 {
		t.Errorf("Days = %v", r.Days)
	}
}

// The Parameter Store references are names and dynamic references, never
// values.
func TestSecretrotationReferences(t *testing.T) {
	stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Refs"), nil)
	imported := awssecretsmanager.Secret_FromSecretNameV2(stack, jsii.String("Imported"), jsii.String("lake/loader"))
	if got := *secretrotation.ReferenceName(imported); got != "/aws/reference/secretsmanager/lake/loader" {
		t.Errorf("ReferenceName = %s", got)
	}
	if got := stack.Resolve(secretrotation.SecureStringReference(imported).UnsafeUnwrap()); got != "{{resolve:ssm-secure:/aws/reference/secretsmanager/lake/loader}}" {
		t.Errorf("SecureStringReference = %s", got)
	}
	created := awssecretsmanager.NewSecret(stack, jsii.String("Created"), nil)
	got := testkit.JSON(stack.Resolve(secretrotation.SecureStringReference(created).UnsafeUnwrap()))
	secretrotationContains(t, "reference to a secret of this app", got, `{"Fn::Join":["",["{{resolve:ssm-secure:/aws/reference/secretsmanager/",`, `"}}"]]}`)
}
