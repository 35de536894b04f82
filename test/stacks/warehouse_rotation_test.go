package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/stacks"
	"github.com/cdk-data-patterns/patterns/stacks/warehouse"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// warehouseRotationUser is a database user whose secret the Warehouse
// stack rotates: the schedule's construct id, the secret's path.
type warehouseRotationUser struct{ id, user, secret string }

// warehouseRotationRedshiftUsers are the Redshift users of a provisioned
// warehouse with the replication (the offload user only when provisioned).
var warehouseRotationRedshiftUsers = []warehouseRotationUser{
	{"OrdersLoader", "orders_loader", "LoaderUserSecret/Resource"},
	{"LakeLoader", "lake_loader", "LakeLoaderUserSecret/Resource"},
	{"Scheduler", "etl_scheduler", "SchedulerUserSecret/Resource"},
	{"Offload", "spark_offload", "OffloadUserSecret/Resource"},
	{"DmsWriter", "dms_user", "Cdc/WarehouseSecret/Resource"},
}

// warehouseRotationBuild builds the Warehouse stack alone, over a lake
// fixture, from the scope's context.
func warehouseRotationBuild(scope constructs.Construct) {
	fixture := awscdk.NewStack(scope, jsii.String("LakeFixture"), nil)
	bucket := securebucket.New(fixture, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	warehouse.New(scope, "Warehouse", warehouse.ConfigFrom(scope), &warehouse.Lake{
		Bucket: bucket.Bucket, Prefix: "curated/orders/", Database: "lake_curated", Table: "orders",
		Workflow: awsglue.Workflow_FromWorkflowName(fixture, jsii.String("Nightly"), jsii.String("nightly")),
		Gate:     awsglue.Job_FromJobAttributes(fixture, jsii.String("Gate"), &awsglue.JobAttributes{JobName: jsii.String("quality-gate")}),
	})
}

// warehouseRotationServerless is a serverless warehouse with the default
// rotation; warehouseRotationOff a provisioned one without replication and
// with rotationDays 0.
var (
	warehouseRotationServerless = testkit.Register("warehouse-serverless", map[string]any{"warehouse": map[string]any{"type": "serverless"}}, warehouseRotationBuild)
	warehouseRotationOff        = testkit.Register("warehouse-rotation-off", map[string]any{"warehouse": map[string]any{"rotationDays": 0, "cdc": map[string]any{"enabled": false}}}, warehouseRotationBuild)
)

// TestWarehouseRotation (SEC-08): the Warehouse stack rotates the passwords
// of the database users it creates every 30 days with AWS's hosted
// functions, in the warehouse VPC, after its SQL created the users; the
// secrets hold what the functions read; rotationDays 0 turns it off and
// says so to cdk-nag; a bad rotationDays stops synthesis.
func TestWarehouseRotation(t *testing.T) {
	t.Run("cdk.json: five Redshift users and the MySQL source's DMS reader", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, "Warehouse")
		warehouseRotationCheck(t, st, "Warehouse", warehouseRotationRedshiftUsers, "Endpoint.Address")
		warehouseRotationCheckReader(t, st)
		st.Count(t, "AWS::SecretsManager::RotationSchedule", 6)
	})
	t.Run("all-options: an external source, so no MySQL rotation; the BI reader (biReader)", func(t *testing.T) {
		st := configured("all-options").Stack(t, "Warehouse")
		users := append([]warehouseRotationUser{{"BiReader", "bi_reader", "BiReaderUserSecret/Resource"}}, warehouseRotationRedshiftUsers...)
		warehouseRotationCheck(t, st, "Warehouse", users, "Endpoint.Address")
		st.Count(t, "AWS::SecretsManager::RotationSchedule", 6)
	})
	t.Run("serverless: the secrets name the workgroup's endpoint", func(t *testing.T) {
		st := warehouseRotationServerless().Stack(t, "Warehouse")
		users := []warehouseRotationUser{}
		for _, u := range warehouseRotationRedshiftUsers {
			if u.id != "Offload" { // no offload on a serverless warehouse
				users = append(users, u)
			}
		}
		warehouseRotationCheck(t, st, "Warehouse", users, "Workgroup.Endpoint.Address")
		warehouseRotationCheckReader(t, st)
		st.Count(t, "AWS::SecretsManager::RotationSchedule", 5)
	})
	t.Run("rotationDays 0: no schedule, and cdk-nag is told why", func(t *testing.T) {
		st := warehouseRotationOff().Stack(t, "Warehouse")
		st.Count(t, "AWS::SecretsManager::RotationSchedule", 0)
		if tr := testkit.JSON(st.Template["Transform"]); strings.Contains(tr, "SecretsManager") {
			t.Errorf("Transform = %s without a rotation", tr)
		}
		for _, u := range warehouseRotationRedshiftUsers[:4] {
			_, secret := st.ByPath(t, "AWS::SecretsManager::Secret", "Warehouse/"+u.secret)
			if md := testkit.JSON(secret["Metadata"]); !strings.Contains(md, `"id":"AwsSolutions-SMG4"`) || !strings.Contains(md, "rotationDays 0") {
				t.Errorf("%s: no SMG4 reason naming rotationDays 0: %s", u.user, md)
			}
		}
	})
	for _, c := range []struct {
		name string
		days any
	}{{"above a year", 400}, {"negative", -1}, {"a fraction", 7.5}, {"not a number", "monthly"}} {
		t.Run("rotationDays "+c.name+" is rejected", func(t *testing.T) {
			want := `warehouse.rotationDays = "` + strings.TrimSuffix(testkit.JSON(c.days), ".0") + `": 0 (no rotation) or a whole number of days from 1 to 365`
			if _, ok := c.days.(string); ok {
				want = "context warehouse:"
			}
			testkit.MustPanic(t, func() {
				stacks.Build(testkit.NewApp(t.TempDir(), map[string]any{"warehouse": map[string]any{"rotationDays": c.days}}))
			}, want)
		})
	}
}

// warehouseRotationCheck checks the Redshift users' schedules and secrets
// of the warehouse stack named name, whose endpoint is the attribute attr
// of the cluster or workgroup.
func warehouseRotationCheck(t *testing.T, st *testkit.Stack, name string, users []warehouseRotationUser, attr string) {
	t.Helper()
	if tr := testkit.JSON(st.Template["Transform"]); !strings.Contains(tr, `"AWS::SecretsManager-2024-09-16"`) {
		t.Errorf("Transform = %s: the hosted rotation functions need AWS::SecretsManager-2024-09-16", tr)
	}
	typ := map[string]string{"Endpoint.Address": "AWS::Redshift::Cluster", "Workgroup.Endpoint.Address": "AWS::RedshiftServerless::Workgroup"}[attr]
	st.Count(t, typ, 1)
	var whID string
	for id := range st.Resources(typ) {
		whID = id
	}
	schemaID, _ := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Schema/Default")
	whSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", name+"/Warehouse/SecurityGroup/Resource")
	epSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", name+"/LakeLoad/EndpointSecurityGroup/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", name+"/Staging/Key/Resource")
	var subnets []string
	for id, r := range st.Resources("AWS::EC2::Subnet") {
		md, _ := r["Metadata"].(map[string]any)
		if p, _ := md["aws:cdk:path"].(string); strings.HasPrefix(p, name+"/Warehouse/Vpc/") {
			subnets = append(subnets, id)
		}
	}
	if len(subnets) == 0 {
		t.Fatalf("no subnet in the warehouse VPC")
	}
	for _, u := range users {
		secretID, secret := st.ByPath(t, "AWS::SecretsManager::Secret", name+"/"+u.secret)
		want := `"{\"engine\":\"redshift\",\"username\":\"` + u.user + `\",\"dbname\":\"warehouse\",\"host\":\"",{"Fn::GetAtt":["` + whID + `","` + attr + `"]},"\",\"port\":5440}"`
		if got := testkit.JSON(testkit.Props(secret)["GenerateSecretString"]); !strings.Contains(got, want) || !strings.Contains(got, `"GenerateStringKey":"password"`) {
			t.Errorf("%s: secret template %s, want %s", u.user, got, want)
		}
		if md := testkit.JSON(secret["Metadata"]); strings.Contains(md, "AwsSolutions-SMG4") && u.id != "DmsWriter" {
			t.Errorf("%s: a rotated secret keeps an SMG4 suppression: %s", u.user, md)
		}
		path := name + "/SecretRotation/" + u.id
		_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", path+"/Schedule/Resource")
		sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", path+"/SecurityGroup/Resource")
		p := testkit.Props(sched)
		hosted, _ := p["HostedRotationLambda"].(map[string]any)
		if testkit.JSON(p["SecretId"]) != `{"Ref":"`+secretID+`"}` || hosted["RotationType"] != "RedshiftSingleUser" ||
			testkit.JSON(hosted["VpcSecurityGroupIds"]) != `{"Fn::GetAtt":["`+sgID+`","GroupId"]}` ||
			testkit.JSON(hosted["KmsKeyArn"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` {
			t.Errorf("%s: schedule %s", u.user, testkit.JSON(p))
		}
		ids := testkit.JSON(hosted["VpcSubnetIds"])
		for _, s := range subnets {
			if !strings.Contains(ids, `{"Ref":"`+s+`"}`) {
				t.Errorf("%s: the function is not in subnet %s of the warehouse VPC: %s", u.user, s, ids)
			}
		}
		if got := testkit.JSON(p["RotationRules"]); got != `{"ScheduleExpression":"rate(30 days)"}` && got != `{"AutomaticallyAfterDays":30}` {
			t.Errorf("%s: rotation rules %s, want 30 days", u.user, got)
		}
		if p["RotateImmediatelyOnUpdate"] == false {
			t.Errorf("%s: a user the SQL created rotates at once", u.user)
		}
		if deps := testkit.JSON(sched["DependsOn"]); !strings.Contains(deps, `"`+schemaID+`"`) {
			t.Errorf("%s: the schedule must wait for the SQL that creates the user: DependsOn %s", u.user, deps)
		}
		warehouseRotationCheckNetwork(t, st, u.user, sgID, whSG, 5440, epSG)
	}
	if ud := testkit.JSON(testkit.Props(st.Resources("Custom::RedshiftSQL")[schemaID])["UserSecretFormat"]); ud != `"`+warehouse.UserSecretFormat+`"` {
		t.Errorf("Schema's UserSecretFormat = %s: a changed secret format must apply the users' passwords again", ud)
	}
}

// warehouseRotationCheckNetwork: the function's group reaches exactly the
// database port and the endpoints' HTTPS, and both admit it.
func warehouseRotationCheckNetwork(t *testing.T, st *testkit.Stack, user, sgID, dbSG string, port float64, epSG string) {
	t.Helper()
	ref := func(id string) map[string]any { return map[string]any{"Fn::GetAtt": []any{id, "GroupId"}} }
	var egress []string
	for _, r := range st.Resources("AWS::EC2::SecurityGroupEgress") {
		if p := testkit.Props(r); testkit.JSON(p["GroupId"]) == testkit.JSON(ref(sgID)) {
			egress = append(egress, testkit.JSON(p["DestinationSecurityGroupId"])+":"+testkit.JSON(p["FromPort"])+"-"+testkit.JSON(p["ToPort"]))
		}
	}
	wantDB := testkit.JSON(ref(dbSG)) + ":" + testkit.JSON(port) + "-" + testkit.JSON(port)
	wantEP := testkit.JSON(ref(epSG)) + ":443-443"
	if len(egress) != 2 || !strings.Contains(strings.Join(egress, " "), wantDB) || !strings.Contains(strings.Join(egress, " "), wantEP) {
		t.Errorf("%s: the rotation function's egress %v, want exactly %s and %s", user, egress, wantDB, wantEP)
	}
	if strings.Contains(testkit.JSON(testkit.Props(st.Resources("AWS::EC2::SecurityGroup")[sgID])["SecurityGroupEgress"]), "0.0.0.0/0") {
		t.Errorf("%s: the rotation function's group allows all outbound traffic", user)
	}
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"GroupId": ref(dbSG), "SourceSecurityGroupId": ref(sgID), "FromPort": port, "ToPort": port, "IpProtocol": "tcp"})
	st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{"GroupId": ref(epSG), "SourceSecurityGroupId": ref(sgID), "FromPort": 443.0, "ToPort": 443.0, "IpProtocol": "tcp"})
}

// warehouseRotationCheckReader: the created MySQL source's DMS reader
// rotates with MySQLSingleUser, not at once (a person creates the user
// after the deployment), through the source's group on its port.
func warehouseRotationCheckReader(t *testing.T, st *testkit.Stack) {
	t.Helper()
	attID, _ := st.ByPath(t, "AWS::SecretsManager::SecretTargetAttachment", "Warehouse/SourceDatabase/ReplicationSecretAttachment")
	_, sched := st.ByPath(t, "AWS::SecretsManager::RotationSchedule", "Warehouse/SecretRotation/DmsReader/Schedule/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", "Warehouse/SecretRotation/DmsReader/SecurityGroup/Resource")
	dbSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", "Warehouse/SourceDatabase/SecurityGroup/Resource")
	epSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", "Warehouse/LakeLoad/EndpointSecurityGroup/Resource")
	p := testkit.Props(sched)
	hosted, _ := p["HostedRotationLambda"].(map[string]any)
	if testkit.JSON(p["SecretId"]) != `{"Ref":"`+attID+`"}` || hosted["RotationType"] != "MySQLSingleUser" || p["RotateImmediatelyOnUpdate"] != false {
		t.Errorf("dms_reader: schedule %s", testkit.JSON(p))
	}
	if got := testkit.JSON(p["RotationRules"]); got != `{"ScheduleExpression":"rate(30 days)"}` && got != `{"AutomaticallyAfterDays":30}` {
		t.Errorf("dms_reader: rotation rules %s, want 30 days", got)
	}
	warehouseRotationCheckNetwork(t, st, "dms_reader", sgID, dbSG, 3307, epSG)
}
