package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestWarehouseComposition: cdk.json's "warehouse" settings reach the
// cluster, the replication and the schedule; a source in another account
// adds the CdcSource stack and a peering.
func TestWarehouseComposition(t *testing.T) {
	const name = "Warehouse"
	t.Run("cdk.json: provisioned, CDC into Redshift and the lake, placeholder source", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		_, cl := st.ByPath(t, "AWS::Redshift::Cluster", name+"/Warehouse/Cluster")
		if p := testkit.Props(cl); p["NodeType"] != "ra3.large" || p["NumberOfNodes"] != 2.0 || p["PubliclyAccessible"] != false {
			t.Errorf("cluster = %s", testkit.JSON(p))
		}
		st.Count(t, "AWS::DMS::ReplicationTask", 2)
		st.Count(t, "AWS::DMS::ReplicationInstance", 1)
		st.Count(t, "AWS::Scheduler::Schedule", 2) // the daily procedure and the loader
		_, daily := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/Warehouse/DailyProcedure")
		if !strings.Contains(testkit.JSON(daily), `CALL sales.process_daily_data();`) || !strings.Contains(testkit.JSON(daily), `\"DbUser\":\"etl_scheduler\"`) {
			t.Errorf("daily schedule = %s", testkit.JSON(daily))
		}
		_, schema := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Schema/Default")
		sqlText := testkit.JSON(testkit.Props(schema))
		for _, w := range []string{"CREATE TABLE IF NOT EXISTS sales.manifest_loads", "PROCEDURE sales.process_daily_data()", "GRANT EXECUTE ON PROCEDURE sales.process_daily_data() TO etl_scheduler",
			"GRANT CREATE ON DATABASE warehouse TO dms_user", "CREATE EXTERNAL SCHEMA IF NOT EXISTS lake", `"Name":"dms_user"`, `"Name":"etl_scheduler"`,
			`"Name":"orders_loader"`, "ALTER TABLE sales.manifest_loads OWNER TO orders_loader", "GRANT SELECT, INSERT ON sales.orders TO orders_loader"} {
			if !strings.Contains(sqlText, w) {
				t.Errorf("schema SQL lacks %s", w)
			}
		}
		_, gov := st.ByPath(t, "Custom::RedshiftSQL", name+"/Warehouse/Governance/Default")
		if g := testkit.JSON(testkit.Props(gov)); !strings.Contains(g, `"Once":"true"`) || !strings.Contains(g, "CREATE MASKING POLICY") {
			t.Errorf("governance SQL = %s", g)
		}
		roleID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Warehouse/Role/Resource")
		if want := `IAM_ROLE '",{"Fn::GetAtt":["` + roleID + `","Arn"]},"'`; !strings.Contains(sqlText, want) {
			t.Errorf("the Spectrum schema must name the warehouse role through a reference (%s): %s", want, sqlText)
		}
		_, fn := st.ByPath(t, "AWS::Lambda::Function", name+"/OrdersLoader/Function/Resource")
		env := testkit.JSON(testkit.Props(fn)["Environment"])
		loaderSecret, _ := st.ByPath(t, "AWS::SecretsManager::Secret", name+"/LoaderUserSecret/Resource")
		if !strings.Contains(env, `"SECRET_ARN":{"Ref":"`+loaderSecret+`"}`) {
			t.Errorf("the loader must sign in as its own user: %s", env)
		}
		if testkit.Props(fn)["ReservedConcurrentExecutions"] != 1.0 || !strings.Contains(env, `"TARGET_TABLE":"sales.orders"`) || !strings.Contains(env, `"SOURCE_PREFIX":"incoming/orders/"`) {
			t.Errorf("loader = %s", testkit.JSON(testkit.Props(fn)))
		}
		st.Count(t, "AWS::Glue::Crawler", 1)
		st.Count(t, "AWS::EC2::VPCPeeringConnection", 0)
		_, vpc := st.ByPath(t, "AWS::EC2::VPC", name+"/Warehouse/Vpc/Resource")
		if testkit.Props(vpc)["CidrBlock"] != "10.20.0.0/16" {
			t.Errorf("VPC = %s", testkit.JSON(vpc))
		}
		roles := 0
		for _, r := range st.Resources("AWS::IAM::Role") {
			if n, _ := testkit.Props(r)["RoleName"].(string); strings.HasPrefix(n, "dms-") {
				roles++
			}
		}
		if roles != 3 {
			t.Errorf("%d DMS account roles, want 3", roles)
		}
	})
	t.Run("all-options: cross-account source, single node, no account roles", func(t *testing.T) {
		s := configured("all-options")
		st := s.Stack(t, name)
		_, pc := st.ByPath(t, "AWS::EC2::VPCPeeringConnection", name+"/SourcePeering")
		p := testkit.Props(pc)
		if p["PeerOwnerId"] != "222222222222" || p["PeerRegion"] != "us-east-1" || !strings.HasSuffix(testkit.JSON(p["PeerRoleArn"]), `:iam::222222222222:role/cdk-data-patterns-peering-acceptor"`) {
			t.Errorf("peering = %s", testkit.JSON(p))
		}
		routes := 0
		for _, r := range st.Resources("AWS::EC2::Route") {
			if testkit.Props(r)["DestinationCidrBlock"] == "10.40.0.0/16" {
				routes++
			}
		}
		if routes == 0 {
			t.Error("no route to the source CIDR")
		}
		for _, r := range st.Resources("AWS::IAM::Role") {
			if n, _ := testkit.Props(r)["RoleName"].(string); strings.HasPrefix(n, "dms-") {
				t.Errorf("account role %s created although createAccountRoles is false", n)
			}
		}
		_, src := st.ByPath(t, "AWS::DMS::Endpoint", name+"/Cdc/Source")
		if !strings.Contains(testkit.JSON(src), "arn:aws:secretsmanager:us-east-1:222222222222:secret:plm-mysql-AbCdEf") {
			t.Errorf("source = %s", testkit.JSON(src))
		}
		st.ByPath(t, "AWS::Events::Rule", name+"/OrdersLoader/ArrivalRule/Resource")
		source := s.Stack(t, "CdcSource")
		_, in := source.ByPath(t, "AWS::EC2::SecurityGroupIngress", "CdcSource/Access/WarehouseToSource")
		if ip := testkit.Props(in); ip["CidrIp"] != "10.30.0.0/16" || ip["FromPort"] != 3306.0 {
			t.Errorf("source ingress = %s", testkit.JSON(ip))
		}
		_, sp := source.ByPath(t, "AWS::SecretsManager::ResourcePolicy", "CdcSource/Access/Secret/Policy/Resource")
		if !strings.Contains(testkit.JSON(sp), ":iam::111111111111:role/cdk-data-patterns-dms-secrets") {
			t.Errorf("secret policy = %s", testkit.JSON(sp))
		}
	})
}
