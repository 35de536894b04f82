package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/stacks/sparkcompute"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestSparkComputeServerless: as committed, the stack runs the skew join
// (ETL-23, MON-11) on an EMR Serverless Spark application and the export of
// Streaming's latest-readings table (ETL-21) on a Hive application, one
// after the other every night, then the offload (TestSparkComputeOffload);
// the applications stop when idle.
func TestSparkComputeServerless(t *testing.T) {
	const name = "SparkCompute"
	s := configured("cdk.json")
	st := s.Stack(t, name)
	lakeName, streamName := s.Stack(t, "GlueEtl").Name, s.Stack(t, "Streaming").Name
	from := func(v, stack string) bool { return strings.Contains(v, `"StackName":"`+stack+`"`) }

	apps := st.Resources("AWS::EMRServerless::Application")
	if len(apps) != 3 {
		t.Fatalf("%d applications, want Spark, Hive and Offload", len(apps))
	}
	for _, app := range apps {
		p := testkit.JSON(testkit.Props(app))
		for _, want := range []string{`"AutoStopConfiguration":{"Enabled":true,"IdleTimeoutMinutes":15}`, `"Cpu":"16 vCPU"`, `"Memory":"64 GB"`, `"Architecture":"ARM64"`} {
			if !strings.Contains(p, want) {
				t.Errorf("application lacks %s: %s", want, p)
			}
		}
		if strings.Contains(p, "InitialCapacity") {
			t.Errorf("pre-initialized workers cost money while the application runs: %s", p)
		}
	}
	st.Count(t, "AWS::EMR::Cluster", 0)
	st.Count(t, "AWS::EMRContainers::VirtualCluster", 0)

	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/Nightly/StateMachine/Resource")
	def, tokens := testkit.Definition(t, sm)
	if def["StartAt"] != "OrdersByCustomer" || !from(tokens, lakeName) || !from(tokens, streamName) {
		t.Errorf("Nightly starts at %v, tokens %s", def["StartAt"], tokens)
	}
	skew := testkit.JSON(testkit.State(t, def, "OrdersByCustomer"))
	for _, want := range []string{":states:::emr-serverless:startJobRun.sync", `"--dimension-key","record_id"`, `"--job-name","orders_by_customer"`,
		"/curated/orders/", "/unified/customers/", "/spark/orders_by_customer/", `"Next":"DevicesExport"`} {
		if !strings.Contains(skew, want) {
			t.Errorf("skew run lacks %s: %s", want, skew)
		}
	}
	export := testkit.JSON(testkit.State(t, def, "DevicesExport"))
	for _, want := range []string{`"Hive":{"Parameters":"--hivevar DATABASE=lake_spark --hivevar DYNAMODB_TABLE=`, "--hivevar OUTPUT_LOCATION=s3://", "/spark/devices/",
		"--hiveconf hive.exec.scratchdir=s3://", `"Query":"`, `"Next":"CustomerDailyTotals"`} {
		if !strings.Contains(export, want) {
			t.Errorf("export run lacks %s: %s", want, export)
		}
	}
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", name+"/Nightly/Schedule")
	if p := testkit.Props(sched); p["ScheduleExpression"] != "cron(0 3 * * ? *)" {
		t.Errorf("schedule %v", p["ScheduleExpression"])
	}
	_, alarm := st.ByPath(t, "AWS::CloudWatch::Alarm", name+"/Scripts/SkewRatioAlarm/Resource")
	if p := testkit.JSON(testkit.Props(alarm)); !strings.Contains(p, `"Threshold":4`) || !strings.Contains(p, `"Value":"orders_by_customer"`) {
		t.Errorf("skew alarm %s", p)
	}

	// The Hive role scans the table and owns its database; the Spark role
	// publishes the skew metrics in the job's namespace only.
	_, hive := st.ByPath(t, "AWS::IAM::Policy", name+"/Hive/JobRole/DefaultPolicy/Resource")
	hp := testkit.JSON(hive)
	for _, want := range []string{`"dynamodb:DescribeTable","dynamodb:Scan"`, `"glue:CreateDatabase","glue:DeleteTable"`, ":database/lake_spark", ":table/lake_spark/ddb_device_latest"} {
		if !strings.Contains(hp, want) || !from(hp, streamName) {
			t.Errorf("Hive role lacks %s (or the table of %s): %s", want, streamName, hp)
		}
	}
	_, metrics := st.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/Scripts/PutMetricDataPolicy/Resource")
	if mp := testkit.JSON(metrics); !strings.Contains(mp, `"cloudwatch:namespace":"DataPatterns/Spark"`) || !strings.Contains(mp, "SparkJobRole") {
		t.Errorf("metrics policy %s", mp)
	}
}

// TestSparkComputeOffload: ETL-22 runs last in Nightly, on an application
// in the Warehouse stack's VPC, signing in as spark_offload with temporary
// credentials; the Warehouse stack owns the user, the table, the tempdir
// prefix (expired) and the Redshift API endpoint.
func TestSparkComputeOffload(t *testing.T) {
	const name = "SparkCompute"
	s := configured("cdk.json")
	st, wh := s.Stack(t, name), s.Stack(t, "Warehouse")
	from := func(v string) bool { return strings.Contains(v, `"StackName":"`+wh.Name+`"`) }

	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/Nightly/StateMachine/Resource")
	def, _ := testkit.Definition(t, sm)
	if next := testkit.State(t, def, "DevicesExport")["Next"]; next != "CustomerDailyTotals" {
		t.Errorf("after the export comes %v, want CustomerDailyTotals", next)
	}
	run := testkit.JSON(testkit.State(t, def, "CustomerDailyTotals"))
	for _, want := range []string{`"--jdbc-url","jdbc:redshift:iam://`, `"--db-user","spark_offload"`, `"--source-table","sales.lake_orders"`,
		`"--target-table","sales.customer_daily_totals"`, `"--days-back","3"`, `"--tempdir-kms-key"`, "/offload/", "spark-redshift.jar", `"End":true`} {
		if !strings.Contains(run, want) {
			t.Errorf("offload run lacks %s: %s", want, run)
		}
	}
	_, app := st.ByPath(t, "AWS::EMRServerless::Application", name+"/Offload/Application")
	if n := testkit.JSON(testkit.Props(app)["NetworkConfiguration"]); !from(n) {
		t.Errorf("offload application not in the warehouse's subnets: %s", n)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", name+"/Offload/JobRole/DefaultPolicy/Resource")
	if p := testkit.JSON(pol); !strings.Contains(p, `"redshift:GetClusterCredentials"`) || !strings.Contains(p, ":dbuser:") || !strings.Contains(p, "/spark_offload") || strings.Contains(p, "redshift:*") {
		t.Errorf("offload role %s", p)
	}
	for _, id := range []string{"OffloadToWarehouse", "OffloadToEndpoints"} {
		_, in := st.ByPath(t, "AWS::EC2::SecurityGroupIngress", name+"/"+id)
		if p := testkit.JSON(testkit.Props(in)); !from(p) || !strings.Contains(p, "OffloadSecurityGroup") {
			t.Errorf("%s = %s", id, p)
		}
	}

	// The Warehouse side.
	ws := testkit.JSON(wh.Template)
	for _, want := range []string{"GRANT SELECT ON sales.lake_orders TO spark_offload", "CREATE TABLE IF NOT EXISTS sales.customer_daily_totals (customer_id VARCHAR(64), order_date DATE, amount DECIMAL(14,2), order_count BIGINT)",
		`"Prefix":"offload/"`, `".redshift"`} {
		if !strings.Contains(ws, want) {
			t.Errorf("Warehouse lacks %s", want)
		}
	}
}

// TestSparkComputeAllVariants: the cluster, kept up between nights and
// given its steps by ClusterSteps, and EMR on EKS with its job.
func TestSparkComputeAllVariants(t *testing.T) {
	const name = "SparkCompute"
	st := configured("all-options").Stack(t, name)
	st.Count(t, "AWS::EMR::Cluster", 1)
	_, cl := st.ByPath(t, "AWS::EMR::Cluster", name+"/Cluster/Cluster")
	cp := testkit.JSON(testkit.Props(cl))
	for _, want := range []string{`"AutoTerminationPolicy":{"IdleTimeout":1800}`, `"MaximumCapacityUnits":4`, `"KeepJobFlowAliveWhenNoSteps":true`} {
		if !strings.Contains(cp, want) {
			t.Errorf("cluster lacks %s: %s", want, cp)
		}
	}
	if o := testkit.JSON(st.Template["Outputs"]); !strings.Contains(o, `"ClusterCertificatesNotAfter":{"Description"`) || !strings.Contains(o, `"NotAfter"]}`) {
		t.Errorf("no certificate expiry output: %s", o)
	}
	_, steps := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/ClusterSteps/StateMachine/Resource")
	def, _ := testkit.Definition(t, steps)
	if s := testkit.JSON(def); !strings.Contains(s, "addStep.sync") || !strings.Contains(s, `"hive-script","--run-hive-script"`) || !strings.Contains(s, "spark-submit") {
		t.Errorf("ClusterSteps = %s", s)
	}
	st.Count(t, "AWS::EMRContainers::VirtualCluster", 1)
	_, eks := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/EksJob/StateMachine/Resource")
	edef, _ := testkit.Definition(t, eks)
	if s := testkit.JSON(edef); !strings.Contains(s, "emr-containers:startJobRun.sync") || !strings.Contains(s, `"EntryPointArguments.$":"$.skewArgs"`) {
		t.Errorf("EksJob = %s", s)
	}
}

// sparkVariants builds the stack alone over a lake bucket and a table of
// its own: a transient cluster that runs both jobs at creation, and EMR on
// EKS in a given cluster, without EMR Serverless.
var sparkVariants = testkit.Register("spark-variants", map[string]any{"spark": map[string]any{
	"schedule":   "none",
	"serverless": map[string]any{"enabled": false},
	"cluster":    map[string]any{"enabled": true, "mode": "transient"},
	"eks": map[string]any{"enabled": true, "clusterName": "platform",
		"oidcProviderArn": "arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789"},
}}, func(scope constructs.Construct) {
	data := awscdk.NewStack(scope, jsii.String("SparkData"), nil)
	lake := securebucket.New(data, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	table := awsdynamodb.NewTableV2(data, jsii.String("Devices"), &awsdynamodb.TablePropsV2{
		PartitionKey:                     &awsdynamodb.Attribute{Name: jsii.String("device"), Type: awsdynamodb.AttributeType_STRING},
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: jsii.Bool(true)},
	})
	sparkcompute.New(scope, "SparkCompute", sparkcompute.ConfigFrom(scope), &sparkcompute.Lake{
		Bucket: lake.Bucket, OrdersPrefix: "curated/orders/", CustomersPrefix: "unified/customers/",
	}, table, nil)
})

func TestSparkComputeTransientAndGivenEks(t *testing.T) {
	st := sparkVariants().Stack(t, "SparkCompute")
	st.Count(t, "AWS::EMRServerless::Application", 0)
	st.Count(t, "AWS::Scheduler::Schedule", 0)
	_, cl := st.ByPath(t, "AWS::EMR::Cluster", "SparkCompute/Cluster/Cluster")
	cp := testkit.JSON(testkit.Props(cl))
	for _, want := range []string{`"KeepJobFlowAliveWhenNoSteps":false`, `"Name":"orders by customer (skew join)"`, `"Name":"devices export (Hive over DynamoDB)"`, `"ActionOnFailure":"TERMINATE_CLUSTER"`} {
		if !strings.Contains(cp, want) {
			t.Errorf("transient cluster lacks %s: %s", want, cp)
		}
	}
	if len(st.Resources("AWS::StepFunctions::StateMachine")) != 1 {
		t.Errorf("want only EksJob: a transient cluster runs its steps itself")
	}
	_, vc := st.ByPath(t, "AWS::EMRContainers::VirtualCluster", "SparkCompute/Eks/VirtualCluster")
	if p := testkit.JSON(testkit.Props(vc)); !strings.Contains(p, `"Id":"platform"`) || !strings.Contains(p, `"Namespace":"spark-jobs"`) {
		t.Errorf("virtual cluster %s", p)
	}
	st.Count(t, "AWS::EKS::Cluster", 0)
}
