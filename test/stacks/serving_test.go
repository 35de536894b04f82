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
	ds := testkit.JSON(testkit.Props(all.Only(t, "AWS::QuickSight::DataSource")))
	if !strings.Contains(ds, `"Type":"ATHENA"`) || !strings.Contains(ds, wgID) && !strings.Contains(ds, "ApiWorkGroup") {
		t.Errorf("data source = %s", ds)
	}
	set := testkit.JSON(testkit.Props(all.Only(t, "AWS::QuickSight::DataSet")))
	for _, want := range []string{`"ImportMode":"SPICE"`, "FROM shop_curated.sales", "group/default/bi-authors", "group/default/bi-readers"} {
		if !strings.Contains(set, want) {
			t.Errorf("dataset lacks %s: %s", want, set)
		}
	}
	all.Count(t, "AWS::QuickSight::RefreshSchedule", 1)
}
