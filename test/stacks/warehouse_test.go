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
	t.Run("cdk.json: provisioned, CDC into Redshift and the lake from the MySQL source it creates", func(t *testing.T) {
		st := configured("cdk.json").Stack(t, name)
		_, cl := st.ByPath(t, "AWS::Redshift::Cluster", name+"/Warehouse/Cluster")
		if p := testkit.Props(cl); p["NodeType"] != "ra3.large" || p["NumberOfNodes"] != 2.0 || p["PubliclyAccessible"] != false {
			t.Errorf("cluster = %s", testkit.JSON(p))
		}
		st.Count(t, "AWS::DMS::ReplicationTask", 2)
		st.Count(t, "AWS::DMS::ReplicationInstance", 1)
		st.Count(t, "AWS::Scheduler::Schedule", 4) // the daily procedure, the loader, the time-series rotation and the source archive
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
		for _, w := range []string{`"Name":"lake_loader"`, "CREATE TABLE IF NOT EXISTS sales.lake_orders (order_id VARCHAR(64) NOT NULL, customer_id VARCHAR(64), order_date DATE, status VARCHAR(16), amount DECIMAL(12,2), year CHAR(4), month CHAR(2), PRIMARY KEY (order_id))",
			"GRANT USAGE, CREATE ON SCHEMA sales TO lake_loader", "GRANT SELECT, INSERT, DELETE ON sales.lake_orders TO lake_loader", "DATABASE 'lake_curated'"} {
			if !strings.Contains(sqlText, w) {
				t.Errorf("schema SQL lacks the lake load's %s", w)
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
		st.Count(t, "AWS::Glue::Crawler", 2) // the CDC lake and the source archive
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

// TestWarehouseLakeLoad: the warehouse is wired to the lake (GlueEtl) by
// cross-stack references only in that direction: Spectrum may read exactly
// the published table's prefix and key; the lake load job (ETL-01, ETL-20)
// reaches the cluster through a connection in the warehouse VPC, signs in as
// a user the warehouse SQL creates, merges into sales.lake_orders, and runs
// in the lake's workflow after the quality gate; a second job merges the
// unified customers into sales.lake_customers after the unify job (ETL-03).
func TestWarehouseLakeLoad(t *testing.T) {
	s := configured("cdk.json")
	st := s.Stack(t, "Warehouse")
	// fromLake: v is a weak cross-stack reference to one of GlueEtl's outputs.
	lakeName := s.Stack(t, "GlueEtl").Name
	fromLake := func(v any) bool {
		m, _ := v.(map[string]any)
		ref, _ := m["Fn::GetStackOutput"].(map[string]any)
		return ref != nil && ref["StackName"] == lakeName
	}

	jobID, job := st.ByPath(t, "AWS::Glue::Job", "Warehouse/LakeLoad/Job/Job/Resource")
	args := testkit.Props(job)["DefaultArguments"].(map[string]any)
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", "Warehouse/Warehouse/Role/Resource")
	connID, conn := st.ByPath(t, "AWS::Glue::Connection", "Warehouse/LakeLoad/Connection/Connection/Resource")
	for k, want := range map[string]string{
		"--database": `"lake_curated"`, "--table": `"orders"`, "--target_table": `"sales.lake_orders"`, "--redshift_database": `"warehouse"`,
		"--merge_keys": `"order_id"`, "--columns": `"order_id:string,customer_id:string,order_date:date,status:string,amount:decimal(12,2),year:string,month:string"`,
		"--iam_role": `{"Fn::GetAtt":["` + roleID + `","Arn"]}`, "--connection": `{"Ref":"` + connID + `"}`,
	} {
		if got := testkit.JSON(args[k]); got != want {
			t.Errorf("load job %s = %s, want %s", k, got, want)
		}
	}
	cj := testkit.JSON(testkit.Props(conn))
	clusterID, _ := st.ByPath(t, "AWS::Redshift::Cluster", "Warehouse/Warehouse/Cluster")
	secretID, _ := st.ByPath(t, "AWS::SecretsManager::Secret", "Warehouse/LakeLoaderUserSecret/Resource")
	for _, want := range []string{`"jdbc:redshift://",{"Fn::GetAtt":["` + clusterID + `","Endpoint.Address"]},":5440/warehouse"`, `"SECRET_ID":{"Ref":"` + secretID + `"}`, `"JDBC_ENFORCE_SSL":"true"`} {
		if !strings.Contains(cj, want) {
			t.Errorf("connection lacks %s: %s", want, cj)
		}
	}
	if strings.Contains(testkit.JSON(s.Stack(t, "GlueEtl").Template), "redshift.example.internal") || strings.Contains(testkit.JSON(st.Template), "redshift.example.internal") {
		t.Error("a placeholder endpoint is left")
	}

	_, step := st.ByPath(t, "AWS::Glue::Trigger", "Warehouse/LakeLoad/AfterGate")
	sp := testkit.Props(step)
	conds := sp["Predicate"].(map[string]any)["Conditions"].([]any)
	if !fromLake(sp["WorkflowName"]) || len(conds) != 1 || !fromLake(conds[0].(map[string]any)["JobName"]) ||
		!strings.Contains(testkit.JSON(conds[0]), `"State":"SUCCEEDED"`) || !strings.Contains(testkit.JSON(conds[0]), "CuratedQualityJob") ||
		testkit.JSON(sp["Actions"]) != `[{"JobName":{"Ref":"`+jobID+`"}}]` || sp["StartOnCreation"] != true {
		t.Errorf("the load must join the lake's workflow after the gate: %s", testkit.JSON(sp))
	}
	if !strings.Contains(testkit.JSON(s.Stack(t, "GlueEtl").Template["Outputs"]), "CuratedQualityJob") {
		t.Error("GlueEtl does not publish the gate job's name")
	}

	// ETL-03: the unified customers load after GlueEtl's unify job, with the
	// columns of the unified table GlueEtl creates.
	cjID, cjob := st.ByPath(t, "AWS::Glue::Job", "Warehouse/LakeLoad/CustomersJob/Job/Resource")
	cargs := testkit.Props(cjob)["DefaultArguments"].(map[string]any)
	for k, want := range map[string]string{
		"--database": `"lake_curated"`, "--table": `"customers_unified"`, "--target_table": `"sales.lake_customers"`,
		"--merge_keys": `"record_id"`, "--connection": `{"Ref":"` + connID + `"}`,
	} {
		if got := testkit.JSON(cargs[k]); got != want {
			t.Errorf("customer load job %s = %s, want %s", k, got, want)
		}
	}
	_, unified := s.Stack(t, "GlueEtl").ByPath(t, "AWS::Glue::Table", "GlueEtl/CustomerUnify/Table")
	var lakeCols []string
	for _, c := range testkit.Props(unified)["TableInput"].(map[string]any)["StorageDescriptor"].(map[string]any)["Columns"].([]any) {
		col := c.(map[string]any)
		lakeCols = append(lakeCols, col["Name"].(string)+":"+col["Type"].(string))
	}
	if got := cargs["--columns"]; got != strings.Join(lakeCols, ",") {
		t.Errorf("customer load --columns = %v, GlueEtl's unified table has %v", got, lakeCols)
	}
	_, cstep := st.ByPath(t, "AWS::Glue::Trigger", "Warehouse/LakeLoad/AfterUnify")
	csp := testkit.Props(cstep)
	cconds := csp["Predicate"].(map[string]any)["Conditions"].([]any)
	if !fromLake(csp["WorkflowName"]) || !strings.Contains(testkit.JSON(csp["WorkflowName"]), "CustomerUnify") || len(cconds) != 1 ||
		!fromLake(cconds[0].(map[string]any)["JobName"]) || !strings.Contains(testkit.JSON(cconds[0]), "CustomerUnify") ||
		testkit.JSON(csp["Actions"]) != `[{"JobName":{"Ref":"`+cjID+`"}}]` {
		t.Errorf("the customer load must join the unify workflow after its job: %s", testkit.JSON(csp))
	}
	_, schema := st.ByPath(t, "Custom::RedshiftSQL", "Warehouse/Warehouse/Schema/Default")
	for _, want := range []string{"CREATE TABLE IF NOT EXISTS sales.lake_customers (record_id VARCHAR(64) NOT NULL, name VARCHAR(256), email VARCHAR(256), age INTEGER, PRIMARY KEY (record_id))",
		"GRANT SELECT, INSERT, DELETE ON sales.lake_customers TO lake_loader"} {
		if !strings.Contains(testkit.JSON(testkit.Props(schema)), want) {
			t.Errorf("schema SQL lacks %s", want)
		}
	}

	ingress := 0
	for _, r := range st.Resources("AWS::EC2::SecurityGroupIngress") {
		p := testkit.Props(r)
		if p["FromPort"] == 5440.0 && strings.Contains(testkit.JSON(p["SourceSecurityGroupId"]), "LakeLoadConnectionSecurityGroup") {
			ingress++
		}
	}
	if ingress != 1 {
		t.Errorf("%d ingress rules from the load job's workers to the warehouse port, want 1", ingress)
	}
	endpoints := map[string]bool{}
	for _, r := range st.Resources("AWS::EC2::VPCEndpoint") {
		p := testkit.Props(r)
		if p["VpcEndpointType"] == "Interface" && p["PrivateDnsEnabled"] == true {
			endpoints[testkit.JSON(p["ServiceName"])] = true
		}
	}
	if len(endpoints) != 7 {
		t.Errorf("interface endpoints = %v, want glue, secretsmanager, logs, monitoring, kms, sts and redshift (the offload's IAM sign-in, ETL-22)", endpoints)
	}

	// The warehouse role reads the lake's published prefix and decrypts with
	// the lake's key, both referenced from GlueEtl, and the job's temp folder.
	var policy string
	lakeKey := false
	for _, p := range st.Resources("AWS::IAM::Policy") {
		if !strings.Contains(testkit.JSON(testkit.Props(p)["Roles"]), roleID) {
			continue
		}
		policy += testkit.JSON(testkit.Props(p)["PolicyDocument"])
		for _, stmt := range testkit.Props(p)["PolicyDocument"].(map[string]any)["Statement"].([]any) {
			st := stmt.(map[string]any)
			if testkit.JSON(st["Action"]) == `"kms:Decrypt"` && fromLake(st["Resource"]) && strings.Contains(testkit.JSON(st["Resource"]), "LakeKey") {
				lakeKey = true
			}
		}
	}
	if !lakeKey {
		t.Error("the warehouse role may not decrypt with the lake's key")
	}
	for _, want := range []string{`"s3:prefix":["curated/orders/*"]`, `"/curated/orders/*"`, `"/temp/*"`} {
		if !strings.Contains(policy, want) {
			t.Errorf("warehouse role policy lacks %s", want)
		}
	}
	if strings.Contains(policy, `"/staging/`) || strings.Contains(policy, `"/raw/`) {
		t.Error("the warehouse role must not read unpublished data")
	}
}
