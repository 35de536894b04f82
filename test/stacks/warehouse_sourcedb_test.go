package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/stacks"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestWarehouseSourceDatabase: with cdk.json (warehouse.cdc.createSource
// true) the Warehouse stack creates the MySQL source and DMS reads its
// replication secret; with an external source (all-options) it creates none.
func TestWarehouseSourceDatabase(t *testing.T) {
	const name = "Warehouse"
	t.Run("cdk.json: an RDS MySQL source in the warehouse VPC, wired as the DMS source", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		instID, inst := st.ByPath(t, "AWS::RDS::DBInstance", name+"/SourceDatabase/Instance")
		if p := testkit.Props(inst); p["MultiAZ"] != true || p["DBName"] != "plm_db" || p["Port"] != "3307" {
			t.Errorf("source instance = %s", testkit.JSON(p))
		}
		attID, _ := st.ByPath(t, "AWS::SecretsManager::SecretTargetAttachment", name+"/SourceDatabase/ReplicationSecretAttachment")
		_, src := st.ByPath(t, "AWS::DMS::Endpoint", name+"/Cdc/Source")
		if got := testkit.JSON(testkit.Props(src)["MySqlSettings"]); !strings.Contains(got, `"SecretsManagerSecretId":{"Ref":"`+attID+`"}`) {
			t.Errorf("DMS source reads %s, want the replication secret once attached", got)
		}
		dbSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", name+"/SourceDatabase/SecurityGroup/Resource")
		dmsSG, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", name+"/Cdc/SecurityGroup/Resource")
		st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{
			"GroupId": map[string]any{"Fn::GetAtt": []any{dbSG, "GroupId"}}, "FromPort": 3307.0, "ToPort": 3307.0,
			"SourceSecurityGroupId": map[string]any{"Fn::GetAtt": []any{dmsSG, "GroupId"}},
		})
		if strings.Contains(testkit.JSON(st.Template), "mysql.example.internal") {
			t.Error("the placeholder source secret is still there")
		}
		outputs, _ := st.Template["Outputs"].(map[string]any)
		for _, o := range []string{"SourceDatabaseEndpoint", "SourceMasterSecretArn", "SourceReplicationSecretArn"} {
			if _, ok := outputs[o]; !ok {
				t.Errorf("no output %s", o)
			}
		}
		if !strings.Contains(testkit.JSON(outputs["SourceDatabaseEndpoint"]), instID) {
			t.Errorf("SourceDatabaseEndpoint = %s", testkit.JSON(outputs["SourceDatabaseEndpoint"]))
		}

		// STO-10: monthly export of the source's orders to archive/, read
		// through Spectrum and united with the replicated rows.
		_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/SourceArchive/Function/Resource")
		if env := testkit.JSON(testkit.Props(fn)["Environment"]); !strings.Contains(env, "plm_db.orders") {
			t.Errorf("export function environment = %s", env)
		}
		_, sql := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Archive/Default")
		text := testkit.JSON(testkit.Props(sql))
		for _, want := range []string{"CREATE EXTERNAL SCHEMA IF NOT EXISTS archive", "DATABASE 'warehouse_archive'", "CREATE OR REPLACE VIEW sales.orders_all AS",
			"FROM plm_db.orders", "FROM archive.plm_db_orders", "WITH NO SCHEMA BINDING"} {
			if !strings.Contains(text, want) {
				t.Errorf("archive SQL lacks %q: %s", want, text)
			}
		}
		roleID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Warehouse/Role/Resource")
		var policy string
		for _, p := range st.Resources("AWS::IAM::Policy") {
			if strings.Contains(testkit.JSON(testkit.Props(p)["Roles"]), roleID) {
				policy += testkit.JSON(testkit.Props(p)["PolicyDocument"])
			}
		}
		if !strings.Contains(policy, "/archive/*") || !strings.Contains(policy, "glue:BatchGetPartition") {
			t.Errorf("the warehouse role cannot read the archive: %s", policy)
		}
	})

	t.Run("all options: an external source in another account, no database here", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		st.Count(t, "AWS::RDS::DBInstance", 0)
		st.Count(t, "AWS::Scheduler::Schedule", 3) // no archive export without a created source
	})

	t.Run("createSource with an external source is rejected", func(t *testing.T) {
		testkit.MustPanic(t, func() {
			stacks.Build(testkit.NewApp(t.TempDir(), map[string]any{"warehouse": map[string]any{"cdc": map[string]any{
				"createSource":    true,
				"sourceSecretArn": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:plm-mysql-AbCdEf",
			}}}))
		}, `warehouse.cdc.createSource = "true": false or unset with sourceSecretArn`)
	})
}
