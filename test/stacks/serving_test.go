package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestServingGlueDev: as committed, the sessions read GlueEtl's raw and
// curated prefixes (cross-stack), write only under dev/, and the session
// role may drive its own sessions (notebooks); all-options attaches the
// developers' policy to the given role and turns notebooks off.
func TestServingGlueDev(t *testing.T) {
	const name = "Serving"
	st := configured("cdk.json").Stack(t, name)
	_, pol := st.ByPath(t, "AWS::IAM::Policy", name+"/GlueDev/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, want := range []string{`"s3:prefix":["raw/orders/*"]`, `"s3:prefix":["curated/`, `/dev/*"]]}`, `"OutputName":"PublishOutputFnGetAttLakeBucket`, `"glue:CreateSession"`, ":table/lake_raw/*"} {
		if !strings.Contains(doc, want) {
			t.Errorf("session role policy lacks %s: %s", want, doc)
		}
	}
	_, dp := st.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/GlueDev/DeveloperPolicy/Resource")
	if roles := testkit.Props(dp)["Roles"]; roles != nil {
		t.Errorf("the developer policy is attached by default: %v", roles)
	}

	all := configured("all-options").Stack(t, name)
	_, dp = all.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/GlueDev/DeveloperPolicy/Resource")
	if roles := testkit.JSON(testkit.Props(dp)["Roles"]); roles != `["data-engineers"]` {
		t.Errorf("developer policy roles = %s", roles)
	}
	_, pol = all.ByPath(t, "AWS::IAM::Policy", name+"/GlueDev/Role/DefaultPolicy/Resource")
	if doc := testkit.JSON(testkit.Props(pol)); strings.Contains(doc, "glue:CreateSession") || !strings.Contains(doc, "landing/sales/") {
		t.Errorf("all-options session role = %s", doc)
	}
}

// TestServingSessionsAndDataSync: as committed, the sessions table is on
// demand with TTL on expiresAt and PITR, its changes reach the lake
// (GlueEtl's bucket) through Kinesis and Firehose, and there is no
// DataSync task; all-options makes the table provisioned with auto scaling
// and copies the NFS export into raw/datasync/ with verification and the
// bandwidth cap.
func TestServingSessionsAndDataSync(t *testing.T) {
	const name = "Serving"
	st := configured("cdk.json").Stack(t, name)
	table := testkit.JSON(testkit.Props(st.Only(t, "AWS::DynamoDB::Table")))
	for _, want := range []string{`"TimeToLiveSpecification":{"AttributeName":"expiresAt","Enabled":true}`, `"PointInTimeRecoveryEnabled":true`, `"BillingMode":"PAY_PER_REQUEST"`, `"KinesisStreamSpecification"`} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %s: %s", want, table)
		}
	}
	if d := testkit.JSON(testkit.Props(st.Only(t, "AWS::KinesisFirehose::DeliveryStream"))); !strings.Contains(d, "PublishOutputFnGetAttLakeBucket") || !strings.Contains(d, "dynamodb-changes/") {
		t.Errorf("the changes do not reach the lake: %s", d)
	}
	st.Count(t, "AWS::DataSync::Task", 0)

	all := configured("all-options").Stack(t, name)
	if table := testkit.JSON(testkit.Props(all.Only(t, "AWS::DynamoDB::Table"))); !strings.Contains(table, `"ProvisionedThroughput"`) {
		t.Errorf("all-options table = %s", table)
	}
	all.Count(t, "AWS::ApplicationAutoScaling::ScalableTarget", 2)
	task := testkit.JSON(testkit.Props(all.Only(t, "AWS::DataSync::Task")))
	for _, want := range []string{`"VerifyMode":"ONLY_FILES_TRANSFERRED"`, `"BytesPerSecond":52428800`, `"ScheduleExpression":"cron(0 2 * * ? *)"`} {
		if !strings.Contains(task, want) {
			t.Errorf("task lacks %s: %s", want, task)
		}
	}
	if nfs := testkit.JSON(testkit.Props(all.Only(t, "AWS::DataSync::LocationNFS"))); !strings.Contains(nfs, `"ServerHostname":"nas.corp.example.com"`) || !strings.Contains(nfs, "agent-0123456789abcdef0") {
		t.Errorf("NFS location = %s", nfs)
	}
	if s3 := testkit.JSON(testkit.Props(all.Only(t, "AWS::DataSync::LocationS3"))); !strings.Contains(s3, "raw/datasync/") {
		t.Errorf("S3 location = %s", s3)
	}
}

// TestServingApiAndSftp: as committed, the data API answers GET /orders
// with IAM auth from the curated orders through its Athena workgroup, and
// there is no SFTP server; all-options adds the server in its own VPC
// with the current security policy, the partner's network, the user's
// home in the lake and the upload workflow.
func TestServingApiAndSftp(t *testing.T) {
	const name = "Serving"
	st := configured("cdk.json").Stack(t, name)
	for _, m := range st.Resources("AWS::ApiGateway::Method") {
		if a := testkit.Props(m)["AuthorizationType"]; a != "AWS_IAM" {
			t.Errorf("method authorization = %v", a)
		}
	}
	_, fn := st.ByPathPrefix(t, "AWS::Lambda::Function", name+"/Api/")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, want := range []string{"FROM lake_curated.orders WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to", `\"name\":\"customer_id\"`} {
		if !strings.Contains(env, want) {
			t.Errorf("function environment lacks %s: %s", want, env)
		}
	}
	st.Count(t, "AWS::Transfer::Server", 0)

	all := configured("all-options").Stack(t, name)
	server := testkit.JSON(testkit.Props(all.Only(t, "AWS::Transfer::Server")))
	for _, want := range []string{`"EndpointType":"VPC"`, `"SecurityPolicyName":"TransferSecurityPolicy-2024-01"`, `"Protocols":["SFTP"]`, "WorkflowDetails"} {
		if !strings.Contains(server, want) {
			t.Errorf("server lacks %s: %s", want, server)
		}
	}
	if sg := testkit.JSON(all.Resources("AWS::EC2::SecurityGroup")); !strings.Contains(sg, "10.99.0.0/16") {
		t.Errorf("the partner network cannot reach port 22: %s", sg)
	}
	if user := testkit.JSON(testkit.Props(all.Only(t, "AWS::Transfer::User"))); !strings.Contains(user, `"UserName":"acme"`) || !strings.Contains(user, "/sftp/acme") {
		t.Errorf("user = %s", user)
	}
	if q := testkit.JSON(all.Resources("AWS::Lambda::Function")); !strings.Contains(q, "FROM shop_curated.sales") {
		t.Errorf("all-options data API does not query shop_curated.sales")
	}
}

// TestServingAppFlowAndQuickSight: off as committed; all-options pulls
// Salesforce opportunities through the given connection hourly and
// incrementally into Parquet, and imports the curated orders into a
// SPICE dataset through the API's workgroup, refreshed daily, owned by the
// authors' group and read by the readers'.
func TestServingAppFlowAndQuickSight(t *testing.T) {
	const name = "Serving"
	st := configured("cdk.json").Stack(t, name)
	for _, typ := range []string{"AWS::AppFlow::Flow", "AWS::QuickSight::DataSet"} {
		st.Count(t, typ, 0)
	}
	all := configured("all-options").Stack(t, name)
	flow := testkit.JSON(testkit.Props(all.Only(t, "AWS::AppFlow::Flow")))
	for _, want := range []string{`"ConnectorProfileName":"salesforce-prod"`, `"Object":"Opportunity"`, `"DataPullMode":"Incremental"`, `"FileType":"PARQUET"`, `"ScheduleExpression":"rate(1hours)"`} {
		if !strings.Contains(flow, want) {
			t.Errorf("flow lacks %s: %s", want, flow)
		}
	}
	wgID, _ := all.ByPath(t, "AWS::Athena::WorkGroup", name+"/ApiWorkGroup/WorkGroup")
	_, athenaSource := all.ByPathPrefix(t, "AWS::QuickSight::DataSource", name+"/QuickSight/")
	if ds := testkit.JSON(testkit.Props(athenaSource)); !strings.Contains(ds, `"Type":"ATHENA"`) || !strings.Contains(ds, wgID) && !strings.Contains(ds, "ApiWorkGroup") {
		t.Errorf("data source = %s", ds)
	}
	_, athenaSet := all.ByPathPrefix(t, "AWS::QuickSight::DataSet", name+"/QuickSight/")
	set := testkit.JSON(testkit.Props(athenaSet))
	for _, want := range []string{`"ImportMode":"SPICE"`, "FROM shop_curated.sales", "group/default/bi-authors", "group/default/bi-readers"} {
		if !strings.Contains(set, want) {
			t.Errorf("dataset lacks %s: %s", want, set)
		}
	}
	all.Count(t, "AWS::QuickSight::RefreshSchedule", 2)
}

// TestServingWarehouseDataset (ANA-05): with quickSight.warehouse and
// warehouse.biReader, a VPC connection in the warehouse's VPC reads the
// Warehouse stack's cluster as bi_reader, whose secret (under a key
// QuickSight's secrets role may decrypt through Secrets Manager) the
// Warehouse stack's SQL creates, grants the role analyst once, and rotates.
func TestServingWarehouseDataset(t *testing.T) {
	const name = "Serving"
	configured("cdk.json").Stack(t, name).Count(t, "AWS::QuickSight::VPCConnection", 0)
	if s := testkit.JSON(configured("cdk.json").Stack(t, "Warehouse").Resources("AWS::SecretsManager::Secret")); strings.Contains(s, "bi_reader") {
		t.Errorf("the committed Warehouse stack has the BI user")
	}
	all := configured("all-options")
	sv, wh := all.Stack(t, name), all.Stack(t, "Warehouse")
	conn := testkit.JSON(testkit.Props(sv.Only(t, "AWS::QuickSight::VPCConnection")))
	if !strings.Contains(conn, "Fn::GetStackOutput") || !strings.Contains(conn, "WarehouseSubnet") {
		t.Errorf("VPC connection does not use the Warehouse stack's subnets: %s", conn)
	}
	_, source := sv.ByPathPrefix(t, "AWS::QuickSight::DataSource", name+"/WarehouseDataset/")
	src := testkit.JSON(testkit.Props(source))
	for _, want := range []string{`"Type":"REDSHIFT"`, `"Database":"`, "BiReaderUserSecret", "VpcConnectionArn"} {
		if !strings.Contains(src, want) {
			t.Errorf("warehouse data source lacks %s: %s", want, src)
		}
	}
	_, set := sv.ByPathPrefix(t, "AWS::QuickSight::DataSet", name+"/WarehouseDataset/")
	if s := testkit.JSON(testkit.Props(set)); !strings.Contains(s, "JOIN sales.customers c") || strings.Contains(s, "email") || strings.Contains(s, "full_name") {
		t.Errorf("warehouse dataset query = %s", s)
	}
	// The warehouse admits the connection's security group on its port
	// (all-options: 5440), by a rule in Serving.
	ingress := testkit.JSON(sv.Resources("AWS::EC2::SecurityGroupIngress"))
	if !strings.Contains(ingress, `"FromPort":5440`) || !strings.Contains(ingress, "WarehouseSecurityGroup") {
		t.Errorf("no ingress on the warehouse's port: %s", ingress)
	}
	_, key := wh.ByPathPrefix(t, "AWS::KMS::Key", "Warehouse/Staging/")
	k := testkit.JSON(testkit.Props(key))
	for _, want := range []string{"aws-quicksight-secretsmanager-role-v0", `"kms:ViaService"`, `:secret:alloptionsWarehouseBFE68DFA/bi_reader-??????"`} {
		if !strings.Contains(k, want) {
			t.Errorf("the staging key's policy lacks %s: QuickSight's secrets role must decrypt only the BI user's secret: %s", want, k)
		}
	}
	_, grants := wh.ByPathPrefix(t, "Custom::RedshiftSQL", "Warehouse/Warehouse/BiReaderGrants/")
	if g := testkit.JSON(testkit.Props(grants)); !strings.Contains(g, "GRANT ROLE analyst TO bi_reader") {
		t.Errorf("grants = %s", g)
	}
	if !strings.Contains(testkit.JSON(grants["DependsOn"]), "Governance") {
		t.Errorf("the grant does not wait for the role: %v", grants["DependsOn"])
	}
	_, schema := wh.ByPathPrefix(t, "Custom::RedshiftSQL", "Warehouse/Warehouse/Schema/")
	if !strings.Contains(testkit.JSON(testkit.Props(schema)), "bi_reader") {
		t.Errorf("the schema SQL does not create bi_reader")
	}
	wh.ByPathPrefix(t, "AWS::SecretsManager::RotationSchedule", "Warehouse/SecretRotation/BiReader/")
}
