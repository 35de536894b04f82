package warehouse_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const warehouseStackName = "WarehouseStack"

var warehouseEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var warehouseBuilt = map[string]*warehouse.Warehouse{}

var warehouseConfigs = testkit.Register("warehouse", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(warehouseStackName), &awscdk.StackProps{Env: warehouseEnv})
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	warehouseBuilt["Sales"] = warehouse.New(stack, "Sales", &warehouse.Props{
		Buckets:           []warehouse.BucketAccess{{Bucket: lake.Bucket, Prefix: "curated/"}, {Bucket: lake.Bucket, Prefix: "unload/", Write: true}},
		SpectrumDatabases: []string{"lake_curated"},
	})
	warehouseBuilt["Sales"].Schedule("DailyProcedure", warehouse.ScheduleProps{Cron: "cron(0 2 * * ? *)", SQL: "CALL process_daily_data();"})
	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId:                       jsii.String("vpc-0123456789abcdef0"),
		VpcCidrBlock:                jsii.String("10.0.0.0/16"),
		AvailabilityZones:           jsii.Strings("eu-west-1a", "eu-west-1b", "eu-west-1c"),
		IsolatedSubnetIds:           jsii.Strings("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb", "subnet-0cccccccccccccccc"),
		IsolatedSubnetRouteTableIds: jsii.Strings("rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb", "rtb-0cccccccccccccccc"),
	})
	warehouseBuilt["Adhoc"] = warehouse.New(stack, "Adhoc", &warehouse.Props{Type: warehouse.Serverless, Vpc: vpc, BaseCapacity: jsii.Number(16)})
	warehouseBuilt["Adhoc"].Schedule("Hourly", warehouse.ScheduleProps{Cron: "cron(5 * * * ? *)", SQL: "CALL refresh_marts();"})
	secret := awssecretsmanager.NewSecret(stack, jsii.String("LoaderUser"), &awssecretsmanager.SecretProps{
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{SecretStringTemplate: jsii.String(`{"username":"loader"}`), GenerateStringKey: jsii.String("password")},
	})
	cdknag.NagSuppressions_AddResourceSuppressions(secret, &[]*cdknag.NagPackSuppression{{Id: jsii.String("AwsSolutions-SMG4"), Reason: jsii.String("A test fixture: the secret exists only in this synthesized template.")}}, jsii.Bool(true))
	testkit.AcceptNag(secret, "SecretsManagerRotationEnabled", "A fixture secret standing in for a user's password; the Warehouse stack rotates its own with secretrotation.")
	testkit.AcceptNag(secret, "SecretsManagerUsingKMSKey", "A fixture secret standing in for a user's password, under the account's default Secrets Manager key.")
	warehouseBuilt["Sales"].ApplySQL("Schema", [][]string{{"CREATE SCHEMA IF NOT EXISTS sales", "CREATE TABLE IF NOT EXISTS sales.orders (id BIGINT)"}, {"CREATE EXTERNAL SCHEMA IF NOT EXISTS lake FROM DATA CATALOG DATABASE 'lake_curated' IAM_ROLE default"}},
		warehouse.PasswordUser{Name: "loader", Secret: secret})
	manifestload.New(stack, "Orders", &manifestload.Props{Warehouse: warehouseBuilt["Sales"], Bucket: lake.Bucket, Prefix: "curated/orders/", Table: "sales.orders", Format: "PARQUET", Slices: jsii.Number(4), OnArrival: true})
	manifestload.New(stack, "Events", &manifestload.Props{Warehouse: warehouseBuilt["Adhoc"], Bucket: lake.Bucket, Prefix: "curated/events/", Table: "web.events", Compression: "GZIP", MaxError: jsii.Number(10), Schedule: "cron(0 * * * ? *)"})
	warehouseBuilt["Tuned"] = warehouse.New(stack, "Tuned", &warehouse.Props{
		NodeType: jsii.String("ra3.xlplus"), Nodes: jsii.Number(1), Port: jsii.Number(6543), AdminUsername: jsii.String("owner"),
		DatabaseName: jsii.String("sales"), ConcurrencyScaling: jsii.Bool(true), MaxConcurrencyScalingClusters: jsii.Number(3),
		Queues:                []warehouse.Queue{{Name: "dashboards", UserGroups: []string{"bi"}, Priority: "highest"}},
		SnapshotRetentionDays: jsii.Number(35), MaintenanceWindow: jsii.String("sun:23:30-mon:00:30"), Vpc: vpc,
	})
	warehouseOperations(stack, lake)
	// A JDBC driver's IAM sign-in (ETL-22's offload job) on both types.
	for _, name := range []string{"Sales", "Adhoc"} {
		role := awsiam.NewRole(stack, jsii.String("JdbcUser"+name), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("emr-serverless.amazonaws.com"), nil)})
		warehouseBuilt[name].GrantCredentials(role, "spark_offload")
	}
})

// TestWarehouseGrantCredentials: GetClusterCredentials on that user and
// database only (provisioned); GetCredentials on the workgroup
// (serverless, the role's own identity).
func TestWarehouseGrantCredentials(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, sales := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/JdbcUserSales/DefaultPolicy/Resource")
	sp := testkit.JSON(sales)
	for _, want := range []string{`"Action":"redshift:GetClusterCredentials"`, ":dbuser:" + warehouseBuilt["Sales"].Name + "/spark_offload", ":dbname:" + warehouseBuilt["Sales"].Name + "/"} {
		if !strings.Contains(sp, want) {
			t.Errorf("provisioned sign-in lacks %s: %s", want, sp)
		}
	}
	_, adhoc := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/JdbcUserAdhoc/DefaultPolicy/Resource")
	if ap := testkit.JSON(adhoc); !strings.Contains(ap, `"Action":"redshift-serverless:GetCredentials"`) || !strings.Contains(ap, "AdhocWorkgroup") || strings.Contains(ap, "dbuser") {
		t.Errorf("serverless sign-in = %s", ap)
	}
}

func TestWarehouseProvisionedDefaults(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, cl := st.ByPath(t, "AWS::Redshift::Cluster", warehouseStackName+"/Sales/Cluster")
	p := testkit.Props(cl)
	want := map[string]any{
		"ClusterType": "multi-node", "NodeType": "ra3.large", "NumberOfNodes": 2.0, "PubliclyAccessible": false,
		"Encrypted": true, "EnhancedVpcRouting": true, "ManageMasterPassword": true, "MasterUsername": "dwadmin",
		"Port": 5440.0, "DBName": "warehouse", "AutomatedSnapshotRetentionPeriod": 7.0, "AllowVersionUpgrade": true,
		"PreferredMaintenanceWindow": "sun:03:00-sun:03:30",
	}
	for k, v := range want {
		if testkit.JSON(p[k]) != testkit.JSON(v) {
			t.Errorf("%s = %s, want %s", k, testkit.JSON(p[k]), testkit.JSON(v))
		}
	}
	if _, ok := p["MasterUserPassword"]; ok {
		t.Error("a password in the template")
	}
	if cl["DeletionPolicy"] != "Snapshot" {
		t.Errorf("DeletionPolicy = %v, want Snapshot", cl["DeletionPolicy"])
	}
	if got := testkit.JSON(p["LoggingProperties"]); got != `{"LogDestinationType":"cloudwatch","LogExports":["connectionlog","userlog","useractivitylog"]}` {
		t.Errorf("LoggingProperties = %s", got)
	}
	_, pg := st.ByPath(t, "AWS::Redshift::ClusterParameterGroup", warehouseStackName+"/Sales/Parameters")
	params := testkit.JSON(testkit.Props(pg)["Parameters"])
	for _, w := range []string{`{"ParameterName":"require_ssl","ParameterValue":"true"}`, `{"ParameterName":"enable_user_activity_logging","ParameterValue":"true"}`, `short_query_queue`, `\"query_group\":[\"etl\"]`} {
		if !strings.Contains(params, w) {
			t.Errorf("parameters lack %s: %s", w, params)
		}
	}
	name := warehouseBuilt["Sales"].Name
	for _, kind := range warehouse.AuditLogs {
		_, lg := st.ByPath(t, "AWS::Logs::LogGroup", warehouseStackName+"/Sales/AuditLog-"+kind+"/Resource")
		if testkit.Props(lg)["LogGroupName"] != "/aws/redshift/cluster/"+name+"/"+kind || testkit.Props(lg)["RetentionInDays"] != 365.0 {
			t.Errorf("audit log group %s = %s", kind, testkit.JSON(lg))
		}
	}
	_, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", warehouseStackName+"/Sales/SecurityGroup/Resource")
	if strings.Contains(testkit.JSON(sg), "SecurityGroupIngress") {
		t.Errorf("no inbound rule by default: %s", testkit.JSON(sg))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Sales/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, w := range []string{`"s3:prefix":["curated/*"]`, `/unload/*`, `"s3:PutObject"`, `database/lake_curated"`} {
		if !strings.Contains(doc, w) {
			t.Errorf("role lacks %s", w)
		}
	}
}

func TestWarehouseScheduledProcedure(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, sc := st.ByPath(t, "AWS::Scheduler::Schedule", warehouseStackName+"/Sales/DailyProcedure")
	p := testkit.Props(sc)
	if p["ScheduleExpression"] != "cron(0 2 * * ? *)" || p["ScheduleExpressionTimezone"] != "UTC" {
		t.Errorf("schedule = %s", testkit.JSON(p))
	}
	target := p["Target"].(map[string]any)
	if target["Arn"] != "arn:aws:scheduler:::aws-sdk:redshiftdata:executeStatement" ||
		!strings.Contains(target["Input"].(string), `"Sql":"CALL process_daily_data();"`) || !strings.Contains(target["Input"].(string), `"DbUser":"etl_scheduler"`) {
		t.Errorf("target = %s", testkit.JSON(target))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Sales/DailyProcedureRole/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, w := range []string{":dbuser:" + warehouseBuilt["Sales"].Name + "/etl_scheduler", `"redshift-data:statement-owner-iam-userid":"${aws:userid}"`, ":cluster:" + warehouseBuilt["Sales"].Name} {
		if !strings.Contains(doc, w) {
			t.Errorf("scheduler role lacks %s: %s", w, doc)
		}
	}
}

func TestWarehouseServerless(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, ns := st.ByPath(t, "AWS::RedshiftServerless::Namespace", warehouseStackName+"/Adhoc/Namespace")
	np := testkit.Props(ns)
	if np["ManageAdminPassword"] != true || np["KmsKeyId"] == nil || testkit.JSON(np["LogExports"]) != `["connectionlog","userlog","useractivitylog"]` {
		t.Errorf("namespace = %s", testkit.JSON(np))
	}
	_, wg := st.ByPath(t, "AWS::RedshiftServerless::Workgroup", warehouseStackName+"/Adhoc/Workgroup")
	wp := testkit.Props(wg)
	if wp["PubliclyAccessible"] != false || wp["EnhancedVpcRouting"] != true || wp["BaseCapacity"] != 16.0 || len(wp["SubnetIds"].([]any)) != 3 {
		t.Errorf("workgroup = %s", testkit.JSON(wp))
	}
	_, sc := st.ByPath(t, "AWS::Scheduler::Schedule", warehouseStackName+"/Adhoc/Hourly")
	if !strings.Contains(testkit.JSON(sc), `\"WorkgroupName\":\"`+warehouseBuilt["Adhoc"].Name) {
		t.Errorf("serverless schedule = %s", testkit.JSON(sc))
	}
}

func TestWarehouseOptions(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, cl := st.ByPath(t, "AWS::Redshift::Cluster", warehouseStackName+"/Tuned/Cluster")
	p := testkit.Props(cl)
	if p["ClusterType"] != "single-node" || p["NumberOfNodes"] != nil || p["Port"] != 6543.0 || p["MasterUsername"] != "owner" || p["DBName"] != "sales" || p["AutomatedSnapshotRetentionPeriod"] != 35.0 ||
		p["PreferredMaintenanceWindow"] != "sun:23:30-mon:00:30" {
		t.Errorf("cluster = %s", testkit.JSON(p))
	}
	_, pg := st.ByPath(t, "AWS::Redshift::ClusterParameterGroup", warehouseStackName+"/Tuned/Parameters")
	params := testkit.JSON(testkit.Props(pg)["Parameters"])
	for _, w := range []string{`\"user_group\":[\"bi\"]`, `\"priority\":\"highest\"`, `\"concurrency_scaling\":\"auto\"`, `{"ParameterName":"max_concurrency_scaling_clusters","ParameterValue":"3"}`} {
		if !strings.Contains(params, w) {
			t.Errorf("parameters lack %s: %s", w, params)
		}
	}
}

func TestWarehouseApplySQL(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, cr := st.ByPath(t, "Custom::RedshiftSQL", warehouseStackName+"/Sales/Schema/Default")
	p := testkit.JSON(testkit.Props(cr))
	for _, w := range []string{`"ClusterIdentifier":"` + warehouseBuilt["Sales"].Name + `"`, `"Database":"warehouse"`, `"MasterPasswordSecretArn"`, `"Name":"loader"`, "CREATE TABLE IF NOT EXISTS sales.orders"} {
		if !strings.Contains(p, w) {
			t.Errorf("SQL resource lacks %s: %s", w, p)
		}
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Sales/SqlApplier/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, w := range []string{"redshift-data:BatchExecuteStatement", `"redshift-data:statement-owner-iam-userid":"${aws:userid}"`, "secretsmanager:GetSecretValue"} {
		if !strings.Contains(doc, w) {
			t.Errorf("applier role lacks %s", w)
		}
	}
}

func TestWarehouseManifestLoader(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Orders/Function/Resource")
	env := testkit.JSON(testkit.Props(fn)["Environment"])
	for _, w := range []string{`"FORMAT":"PARQUET"`, `"SLICES":"4"`, `"MANIFEST_PREFIX":"manifests/orders/"`, `"CLUSTER_IDENTIFIER":"` + warehouseBuilt["Sales"].Name + `"`} {
		if !strings.Contains(env, w) {
			t.Errorf("loader env lacks %s: %s", w, env)
		}
	}
	_, ev := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Events/Function/Resource")
	eenv := testkit.JSON(testkit.Props(ev)["Environment"])
	if !strings.Contains(eenv, `"WORKGROUP_NAME":"`+warehouseBuilt["Adhoc"].Name+`"`) || strings.Contains(eenv, "SECRET_ARN") || !strings.Contains(eenv, `"COMPRESSION":"GZIP"`) {
		t.Errorf("serverless loader env = %s", eenv)
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", warehouseStackName+"/Orders/ArrivalRule/Resource")
	if rp := testkit.JSON(testkit.Props(rule)); !strings.Contains(rp, `"key":[{"prefix":"curated/orders/"}]`) || !strings.Contains(rp, `"detail-type":["Object Created"]`) {
		t.Errorf("arrival rule = %s", rp)
	}
	_, sc := st.ByPath(t, "AWS::Scheduler::Schedule", warehouseStackName+"/Orders/Schedule")
	if testkit.Props(sc)["ScheduleExpression"] != "rate(15 minutes)" {
		t.Errorf("loader schedule = %s", testkit.JSON(sc))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Orders/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `"/manifests/orders/*"`) || !strings.Contains(doc, `"s3:prefix":["curated/orders/*","manifests/orders/*"]`) {
		t.Errorf("loader role = %s", doc)
	}
	if strings.Contains(doc, `"/curated/orders/*"`) {
		t.Errorf("the loader must not read or write the data files themselves (COPY does, with the warehouse role): %s", doc)
	}
}

func TestWarehouseRejectedLoaderProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		s := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		w := warehouse.New(s, "W", nil)
		manifestload.New(s, "L", &manifestload.Props{Warehouse: w, Bucket: awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("landing-bucket")),
			Prefix: "incoming", ManifestPrefix: "incoming/manifests/", Table: "Orders", Format: "PARQUET", Compression: "GZIP", MaxError: jsii.Number(5), Schedule: "0 * * * *"})
	}, "manifestload Bad/L: invalid props", `Prefix = incoming: a key prefix ending in "/"`, "ManifestPrefix = incoming/manifests/: a prefix outside Prefix",
		"Table = Orders", "Compression = GZIP", "MaxError = 5: 0 to 100000 (0 for PARQUET and ORC", "Schedule = 0 * * * *")
}

func TestWarehouseRejectedProps(t *testing.T) {
	cases := map[string]struct {
		props warehouse.Props
		wants []string
	}{
		"public":                        {warehouse.Props{PubliclyAccessible: jsii.Bool(true)}, []string{"warehouse Bad/W: invalid props", "PubliclyAccessible = true: false"}},
		"one node of a multi-node type": {warehouse.Props{NodeType: jsii.String("ra3.4xlarge"), Nodes: jsii.Number(1)}, []string{"Nodes = 1: ra3.4xlarge is a multi-node type"}},
		"default port and admin":        {warehouse.Props{Port: jsii.Number(5439), AdminUsername: jsii.String("awsuser")}, []string{"Port = 5439", "AdminUsername = awsuser"}},
		"serverless with nodes":         {warehouse.Props{Type: warehouse.Serverless, Nodes: jsii.Number(2), BaseCapacity: jsii.Number(12)}, []string{"NodeType/Nodes/MultiAz/Queues/ConcurrencyScaling = given", "BaseCapacity = 12: 8 to 1024 RPUs in steps of 8"}},
		"queue without routing":         {warehouse.Props{Queues: []warehouse.Queue{{Name: "x", Priority: "urgent"}}}, []string{"Queues[0].Priority = urgent", "Queues[0] = x: at least one query group"}},
		"multi-AZ dc2":                  {warehouse.Props{NodeType: jsii.String("dc2.large"), MultiAz: jsii.Bool(true)}, []string{"MultiAz = true: only with RA3"}},
		"maintenance window format":     {warehouse.Props{MaintenanceWindow: jsii.String("sunday 03:00")}, []string{"MaintenanceWindow = sunday 03:00: ddd:hh24:mi-ddd:hh24:mi in UTC"}},
		"maintenance window too short":  {warehouse.Props{MaintenanceWindow: jsii.String("sun:03:00-sun:03:15")}, []string{"MaintenanceWindow = sun:03:00-sun:03:15: ", "30 minutes to 24 hours"}},
		"maintenance window too long":   {warehouse.Props{MaintenanceWindow: jsii.String("sat:03:00-sun:04:00")}, []string{"MaintenanceWindow = sat:03:00-sun:04:00: "}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				warehouse.New(awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil), "W", &c.props)
			}, c.wants...)
		})
	}
	t.Run("five-field cron", func(t *testing.T) {
		testkit.MustPanic(t, func() {
			w := warehouse.New(awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil), "W", nil)
			w.Schedule("Daily", warehouse.ScheduleProps{Cron: "cron(0 2 * * ?)", SQL: "CALL p();"})
		}, "warehouse.Schedule Bad/W/Daily: invalid props", "Cron = cron(0 2 * * ?): a cron expression with six fields")
	})
}
