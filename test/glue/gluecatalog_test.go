package glue_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluecatalog"
	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const gluecatalogStackName = "CatalogStack"

// gluecatalogDownstreamName is the stack that adds a step to the nightly workflow.
const gluecatalogDownstreamName = "CatalogDownstream"

var gluecatalogEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

func gluecatalogScript(name string) string {
	if name == "bookmarked.py" {
		return filepath.Join(testkit.RepoRoot(), "constructs", "internal", "gluescript", "testdata", "good.py")
	}
	return filepath.Join(testkit.RepoRoot(), "test", "glue", "testdata", "gluejob", name)
}

// configs: a single-table crawler with defaults ("Sales"), an incremental
// one with every option ("Events"), a scheduled fan-out workflow
// ("Nightly"), an event-started workflow ("OnArrival"), a JDBC connection
// ("Warehouse"), a schema registry ("Schemas") and delimited text: TSV with a
// header ("Reviews"), pipes without one ("Headerless").
var gluecatalogConfigs = testkit.Register("catalog", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(gluecatalogStackName), &awscdk.StackProps{Env: gluecatalogEnv})
	lake := securebucket.New(stack, "Lake", nil)
	sales := gluecatalog.New(stack, "Sales", &gluecatalog.Props{
		Targets: []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "company-data/", Format: gluecatalog.Parquet}},
	})
	gluecatalog.New(stack, "Events", &gluecatalog.Props{
		DatabaseName:   jsii.String("events_db"),
		Targets:        []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "events/", Format: gluecatalog.JSON, Exclusions: []string{"**/*.tmp"}}, {Bucket: lake.Bucket, Prefix: "events-archive/", Format: gluecatalog.JSON}},
		TableLevel:     jsii.Number(2),
		TablePrefix:    jsii.String("raw_"),
		UpdateBehavior: gluecatalog.LogUpdate,
		DeleteBehavior: gluecatalog.LogDelete,
		NewFoldersOnly: jsii.Bool(true),
		Schedule:       jsii.String("cron(0 2 * * ? *)"),
	})
	// CAT-13: one crawler in eu-west-1 over a prefix here and a bucket in
	// us-east-1 (imported with its region and key), into one catalog.
	remoteKey := awskms.Key_FromKeyArn(stack, jsii.String("RemoteKey"), jsii.String("arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555"))
	remote := awss3.Bucket_FromBucketAttributes(stack, jsii.String("Remote"), &awss3.BucketAttributes{
		BucketName: jsii.String("sales-us-east-1"), Region: jsii.String("us-east-1"), EncryptionKey: remoteKey,
	})
	gluecatalog.New(stack, "Global", &gluecatalog.Props{
		DatabaseName: jsii.String("global_sales"),
		Targets: []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "sales/eu/", Format: gluecatalog.Parquet},
			{Bucket: remote, Prefix: "sales/us/", Format: gluecatalog.Parquet}},
		SingleTable: jsii.Bool(false),
	})
	gluecatalog.New(stack, "Reviews", &gluecatalog.Props{
		Targets:   []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "reviews/", Format: gluecatalog.CSV}},
		Delimited: &gluecatalog.Delimited{Delimiter: gluecatalog.Tab},
	})
	gluecatalog.New(stack, "Headerless", &gluecatalog.Props{
		Targets:   []gluecatalog.S3Target{{Bucket: lake.Bucket, Prefix: "pipes/", Format: gluecatalog.CSV}},
		Delimited: &gluecatalog.Delimited{Delimiter: "|", QuoteSymbol: "'", Header: []string{"id", "name"}},
	})
	convert := gluejob.New(stack, "Convert", &gluejob.Props{Script: gluecatalogScript("bookmarked.py")})
	aggregate := gluejob.New(stack, "Aggregate", &gluejob.Props{Script: gluecatalogScript("bookmarked.py")})
	enrich := gluejob.New(stack, "Enrich", &gluejob.Props{Script: gluecatalogScript("bookmarked.py")})
	notify := gluejob.New(stack, "Notify", &gluejob.Props{Script: gluecatalogScript("notify.py"), Type: gluejob.PythonShell})
	nightly := gluecatalog.NewWorkflow(stack, "Nightly", &gluecatalog.WorkflowProps{
		Schedule: jsii.String("cron(0 3 * * ? *)"),
		Crawler:  sales,
		Job:      convert.Job,
		Then:     []awsglue.IJob{aggregate.Job, enrich.Job},
		Finally:  notify.Job,
	})
	gluecatalog.NewWorkflow(stack, "OnArrival", &gluecatalog.WorkflowProps{
		Event:                &gluecatalog.EventStart{Bucket: lake.Bucket, Prefix: "company-data/", BatchSize: jsii.Number(10), BatchWindow: awscdk.Duration_Minutes(jsii.Number(5))},
		Job:                  convert.Job,
		Finally:              aggregate.Job,
		FinallyOnSuccessOnly: jsii.Bool(true),
	})
	// A downstream stack joins the nightly workflow after the enrich job.
	downstream := awscdk.NewStack(app, jsii.String(gluecatalogDownstreamName), &awscdk.StackProps{Env: gluecatalogEnv})
	gluecatalog.NewWorkflowStep(downstream, "LoadAfterEnrich", &gluecatalog.WorkflowStepProps{
		Workflow: nightly.Workflow, After: enrich.Job,
		Job: awsglue.Job_FromJobAttributes(downstream, jsii.String("Load"), &awsglue.JobAttributes{JobName: jsii.String("warehouse-load")}),
	})
	vpc := awsec2.Vpc_FromVpcAttributes(stack, jsii.String("Vpc"), &awsec2.VpcAttributes{
		VpcId:                       jsii.String("vpc-0123456789abcdef0"),
		AvailabilityZones:           jsii.Strings("eu-west-1a", "eu-west-1b"),
		IsolatedSubnetIds:           jsii.Strings("subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"),
		IsolatedSubnetRouteTableIds: jsii.Strings("rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"),
	})
	secret := awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("Creds"), jsii.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:redshift-AbCdEf"))
	conn := gluecatalog.NewJdbcConnection(stack, "Warehouse", &gluecatalog.JdbcConnectionProps{
		URL: "jdbc:redshift://warehouse.example.internal:5439/dev", Secret: secret, Vpc: vpc,
	})
	conn.GrantUse(convert.Role)
	gluecatalog.NewJdbcConnection(stack, "NewNetwork", &gluecatalog.JdbcConnectionProps{
		URL: "jdbc:postgresql://orders.example.internal:5432/orders", Secret: secret, EnforceSSL: jsii.Bool(true),
	})
	gluecatalog.NewSchemaRegistry(stack, "Schemas", &gluecatalog.SchemaRegistryProps{Schemas: []gluecatalog.SchemaDefinition{{
		Name: "customer", DataFormat: "AVRO",
		Definition: `{"type":"record","name":"Customer","fields":[{"name":"customer_id","type":"string"},{"name":"email","type":"string"}]}`,
	}}})
})

func TestGluecatalogSingleTableCrawlerDefaults(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, cr := st.ByPath(t, "AWS::Glue::Crawler", gluecatalogStackName+"/Sales/Crawler")
	p := testkit.Props(cr)
	if p["Configuration"] != `{"CrawlerOutput":{"Partitions":{"AddOrUpdateBehavior":"InheritFromTable"}},"Grouping":{"TableGroupingPolicy":"CombineCompatibleSchemas"},"Version":1}` {
		t.Errorf("Configuration = %v", p["Configuration"])
	}
	if got := testkit.JSON(p["SchemaChangePolicy"]); got != `{"DeleteBehavior":"DEPRECATE_IN_DATABASE","UpdateBehavior":"UPDATE_IN_DATABASE"}` {
		t.Errorf("SchemaChangePolicy = %s", got)
	}
	if got := testkit.JSON(p["RecrawlPolicy"]); got != `{"RecrawlBehavior":"CRAWL_EVERYTHING"}` {
		t.Errorf("RecrawlPolicy = %s", got)
	}
	targets := testkit.JSON(p["Targets"])
	for _, want := range []string{`"/company-data/"`, `"**/_SUCCESS"`, `"**/.DS_Store"`, `"**/_temporary/**"`} {
		if !strings.Contains(targets, want) {
			t.Errorf("Targets lack %s: %s", want, targets)
		}
	}
	if p["Schedule"] != nil {
		t.Errorf("no schedule by default: %v", p["Schedule"])
	}
	scID, _ := st.ByPath(t, "AWS::Glue::SecurityConfiguration", gluecatalogStackName+"/Sales/SecurityConfiguration/Resource")
	if testkit.JSON(p["CrawlerSecurityConfiguration"]) != testkit.JSON(map[string]any{"Ref": scID}) {
		t.Errorf("CrawlerSecurityConfiguration = %v", p["CrawlerSecurityConfiguration"])
	}
	_, db := st.ByPath(t, "AWS::Glue::Database", gluecatalogStackName+"/Sales/Database/Resource")
	name := testkit.JSON(testkit.Props(db)["DatabaseInput"])
	// The name is unique to the construct path (which here starts with the
	// configuration's scope, "catalog").
	if !strings.Contains(name, `"Name":"catalogcatalogstack`) || !strings.Contains(name, `_sales_`) || db["DeletionPolicy"] != "Retain" {
		t.Errorf("database = %s, %v", name, db["DeletionPolicy"])
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", gluecatalogStackName+"/Sales/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, want := range []string{`"s3:prefix":["company-data/*"]`, `/company-data/*"`, `"glue:BatchCreatePartition"`, `"kms:Decrypt"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("crawler policy lacks %s:\n%s", want, doc)
		}
	}
	if strings.Contains(doc, "glue:DeleteTable") || strings.Contains(doc, "s3:PutObject") {
		t.Errorf("a deprecating, reading crawler must not delete tables or write objects:\n%s", doc)
	}
}

func TestGluecatalogIncrementalCrawlerOptions(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, cr := st.ByPath(t, "AWS::Glue::Crawler", gluecatalogStackName+"/Events/Crawler")
	p := testkit.Props(cr)
	want := map[string]string{
		"Configuration":      `"{\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\",\"TableLevelConfiguration\":2},\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}},\"Version\":1}"`,
		"SchemaChangePolicy": `{"DeleteBehavior":"LOG","UpdateBehavior":"LOG"}`,
		"RecrawlPolicy":      `{"RecrawlBehavior":"CRAWL_NEW_FOLDERS_ONLY"}`,
		"Schedule":           `{"ScheduleExpression":"cron(0 2 * * ? *)"}`,
		"TablePrefix":        `"raw_"`,
		"DatabaseName":       `{"Ref":"EventsDatabase`,
	}
	for k, v := range want {
		got := testkit.JSON(p[k])
		if k == "Configuration" {
			if !strings.Contains(got, `TableLevelConfiguration\":2`) {
				t.Errorf("Configuration = %s", got)
			}
			continue
		}
		if !strings.HasPrefix(got, v) {
			t.Errorf("%s = %s, want %s", k, got, v)
		}
	}
	if !strings.Contains(testkit.JSON(p["Targets"]), `"**/*.tmp"`) {
		t.Errorf("per-target exclusions missing: %s", testkit.JSON(p["Targets"]))
	}
}

func TestGluecatalogScheduledFanOutWorkflow(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	triggers := map[string]map[string]any{}
	for id, tr := range st.Resources("AWS::Glue::Trigger") {
		p := testkit.Props(tr)
		if strings.Contains(testkit.JSON(p["WorkflowName"]), "Nightly") {
			triggers[id] = p
		}
	}
	if len(triggers) != 5 {
		t.Fatalf("want 5 triggers (start, after crawler, fan-out, finally, finally on failure), got %d: %s", len(triggers), testkit.JSON(triggers))
	}
	var scheduled, conditional int
	for _, p := range triggers {
		if p["StartOnCreation"] != true {
			t.Errorf("trigger not started on creation: %s", testkit.JSON(p))
		}
		switch p["Type"] {
		case "SCHEDULED":
			scheduled++
			if p["Schedule"] != "cron(0 3 * * ? *)" || !strings.Contains(testkit.JSON(p["Actions"]), "CrawlerName") {
				t.Errorf("start trigger = %s", testkit.JSON(p))
			}
		case "CONDITIONAL":
			conditional++
			pred := testkit.JSON(p["Predicate"])
			if n := len(p["Actions"].([]any)); n == 2 && !strings.Contains(pred, `"State":"SUCCEEDED"`) {
				t.Errorf("fan-out must wait for the convert job: %s", pred)
			}
			if strings.Contains(testkit.JSON(p["Actions"]), "NotifyJob") && strings.Contains(pred, `"Logical":"AND"`) && strings.Count(pred, `"JobName"`) != 2 {
				t.Errorf("the notifier must wait for both fan-out jobs: %s", pred)
			}
		}
	}
	_, failure := st.ByPath(t, "AWS::Glue::Trigger", gluecatalogStackName+"/Nightly/Workflow/FinallyOnFailure")
	fp := testkit.Props(failure)
	got := map[string]bool{}
	for _, c := range fp["Predicate"].(map[string]any)["Conditions"].([]any) {
		c := c.(map[string]any)
		if c["CrawlerName"] != nil {
			got["crawler "+c["CrawlState"].(string)] = true
			continue
		}
		ref := testkit.JSON(c["JobName"])
		for _, job := range []string{"Convert", "Aggregate", "Enrich"} {
			if strings.Contains(ref, `"`+job+`Job`) {
				got[job+" "+c["State"].(string)] = true
			}
		}
	}
	want := []string{"crawler FAILED", "crawler CANCELLED"}
	for _, job := range []string{"Convert", "Aggregate", "Enrich"} {
		for _, state := range []string{"FAILED", "TIMEOUT", "STOPPED"} {
			want = append(want, job+" "+state)
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("the notifier must also run on %s: %s", w, testkit.JSON(fp["Predicate"]))
		}
	}
	if len(got) != len(want) || fp["Predicate"].(map[string]any)["Logical"] != "ANY" || !strings.Contains(testkit.JSON(fp["Actions"]), "NotifyJob") {
		t.Errorf("failure trigger = %s", testkit.JSON(fp))
	}
	if scheduled != 1 || conditional != 4 {
		t.Errorf("scheduled=%d conditional=%d", scheduled, conditional)
	}
}

// TestGluecatalogWorkflowStepFromAnotherStack: a downstream stack adds a job
// after one of the workflow's jobs, referring to the workflow by name.
func TestGluecatalogWorkflowStepFromAnotherStack(t *testing.T) {
	s := gluecatalogConfigs()
	p := testkit.Props(s.Stack(t, gluecatalogDownstreamName).Only(t, "AWS::Glue::Trigger"))
	j := testkit.JSON(p)
	for _, want := range []string{`"Type":"CONDITIONAL"`, `"StartOnCreation":true`, `"Actions":[{"JobName":"warehouse-load"}]`,
		`"WorkflowName":{"Fn::`, `"LogicalOperator":"EQUALS","State":"SUCCEEDED"`} {
		if !strings.Contains(j, want) {
			t.Errorf("step lacks %s: %s", want, j)
		}
	}
	if !strings.Contains(testkit.JSON(p["Predicate"]), `"JobName":{"Fn::`) {
		t.Errorf("the step must wait for the upstream job: %s", j)
	}
	// A success-only last step gets no failure trigger.
	for _, tr := range s.Stack(t, gluecatalogStackName).Resources("AWS::Glue::Trigger") {
		if pr := testkit.Props(tr); strings.Contains(testkit.JSON(pr["WorkflowName"]), "OnArrival") && strings.Contains(testkit.JSON(pr["Predicate"]), `"ANY"`) {
			t.Errorf("OnArrival has a failure trigger: %s", testkit.JSON(pr))
		}
	}
}

func TestGluecatalogEventStartedWorkflow(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, rule := st.ByPath(t, "AWS::Events::Rule", gluecatalogStackName+"/OnArrival/EventRule")
	rp := testkit.Props(rule)
	pattern := testkit.JSON(rp["EventPattern"])
	for _, want := range []string{`"detail-type":["Object Created"]`, `"source":["aws.s3"]`, `"key":[{"prefix":"company-data/"}]`} {
		if !strings.Contains(pattern, want) {
			t.Errorf("pattern lacks %s: %s", want, pattern)
		}
	}
	wfID, _ := st.ByPath(t, "AWS::Glue::Workflow", gluecatalogStackName+"/OnArrival/Workflow/Resource")
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", gluecatalogStackName+"/OnArrival/EventRole/Resource")
	targets := testkit.JSON(rp["Targets"])
	if !strings.Contains(targets, roleID) || !strings.Contains(targets, "workflow/") || !strings.Contains(targets, wfID) {
		t.Errorf("targets = %s", targets)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", gluecatalogStackName+"/OnArrival/EventRole/DefaultPolicy/Resource")
	if !strings.Contains(testkit.JSON(pol), `"Action":"glue:notifyEvent"`) {
		t.Errorf("event role = %s", testkit.JSON(pol))
	}
	found := false
	for _, tr := range st.Resources("AWS::Glue::Trigger") {
		p := testkit.Props(tr)
		if p["Type"] == "EVENT" {
			found = true
			if got := testkit.JSON(p["EventBatchingCondition"]); got != `{"BatchSize":10,"BatchWindow":300}` {
				t.Errorf("EventBatchingCondition = %s", got)
			}
		}
	}
	if !found {
		t.Error("no EVENT trigger")
	}
}

func TestGluecatalogJdbcConnection(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, conn := st.ByPath(t, "AWS::Glue::Connection", gluecatalogStackName+"/Warehouse/Connection/Resource")
	in := testkit.JSON(testkit.Props(conn)["ConnectionInput"])
	for _, want := range []string{`"ConnectionType":"JDBC"`, `"JDBC_CONNECTION_URL":"jdbc:redshift://warehouse.example.internal:5439/dev"`, `"JDBC_ENFORCE_SSL":"true"`, `"SECRET_ID":`, `"SubnetId":"subnet-0aaaaaaaaaaaaaaaa"`} {
		if !strings.Contains(in, want) {
			t.Errorf("connection lacks %s: %s", want, in)
		}
	}
	if strings.Contains(in, "PASSWORD") {
		t.Errorf("a password in the template: %s", in)
	}
	sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", gluecatalogStackName+"/Warehouse/SecurityGroup/Resource")
	_ = sg
	self := false
	for _, in := range st.Resources("AWS::EC2::SecurityGroupIngress") {
		p := testkit.JSON(testkit.Props(in))
		if strings.Contains(p, sgID) && strings.Contains(p, `"FromPort":0`) && strings.Contains(p, `"ToPort":65535`) {
			self = true
		}
	}
	if !self {
		t.Error("no self-referencing all-TCP ingress rule")
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", gluecatalogStackName+"/Convert/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, "glue:GetConnection") || !strings.Contains(doc, "secretsmanager:GetSecretValue") {
		t.Errorf("GrantUse: %s", doc)
	}
}

func TestGluecatalogConnectionWithNewVpc(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	st.ByPath(t, "AWS::EC2::VPC", gluecatalogStackName+"/NewNetwork/Vpc/Resource")
	_, ep := st.ByPath(t, "AWS::EC2::VPCEndpoint", gluecatalogStackName+"/NewNetwork/Vpc/S3/Resource")
	if testkit.Props(ep)["VpcEndpointType"] != "Gateway" {
		t.Errorf("S3 endpoint = %s", testkit.JSON(ep))
	}
	st.ByPath(t, "AWS::EC2::FlowLog", gluecatalogStackName+"/NewNetwork/Vpc/FlowLog/FlowLog")
	for id, sn := range st.Resources("AWS::EC2::Subnet") {
		if strings.HasPrefix(id, "NewNetwork") && testkit.Props(sn)["MapPublicIpOnLaunch"] == true {
			t.Errorf("public subnet %s", id)
		}
	}
}

func TestGluecatalogSchemaRegistry(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, s := st.ByPath(t, "AWS::Glue::Schema", gluecatalogStackName+"/Schemas/Schema-customer")
	p := testkit.Props(s)
	if p["Compatibility"] != "BACKWARD" || p["DataFormat"] != "AVRO" || p["Name"] != "customer" {
		t.Errorf("schema = %s", testkit.JSON(p))
	}
	st.Count(t, "AWS::Glue::Registry", 1)
}

func TestGluecatalogDelimitedText(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	st.Count(t, "AWS::Glue::Classifier", 2)
	id, tsv := st.ByPath(t, "AWS::Glue::Classifier", gluecatalogStackName+"/Reviews/Classifier")
	c := testkit.Props(tsv)["CsvClassifier"].(map[string]any)
	if c["Delimiter"] != "\t" || c["QuoteSymbol"] != `"` || c["ContainsHeader"] != "PRESENT" || c["Header"] != nil || c["AllowSingleColumn"] != false {
		t.Errorf("TSV classifier = %s", testkit.JSON(c))
	}
	if n, _ := c["Name"].(string); !strings.Contains(n, "Reviews") {
		t.Errorf("classifier name %q is not made from the construct path", n)
	}
	_, crawler := st.ByPath(t, "AWS::Glue::Crawler", gluecatalogStackName+"/Reviews/Crawler")
	if got := testkit.JSON(testkit.Props(crawler)["Classifiers"]); got != `[{"Ref":"`+id+`"}]` {
		t.Errorf("crawler classifiers = %s", got)
	}
	_, pipes := st.ByPath(t, "AWS::Glue::Classifier", gluecatalogStackName+"/Headerless/Classifier")
	if got := testkit.JSON(testkit.Props(pipes)["CsvClassifier"]); !strings.Contains(got, `"ContainsHeader":"ABSENT"`) || !strings.Contains(got, `"Header":["id","name"]`) || !strings.Contains(got, `"QuoteSymbol":"'"`) {
		t.Errorf("headerless classifier = %s", got)
	}
	_, sales := st.ByPath(t, "AWS::Glue::Crawler", gluecatalogStackName+"/Sales/Crawler")
	if testkit.Props(sales)["Classifiers"] != nil {
		t.Error("a crawler without Delimited uses Glue's built-in classifiers")
	}
}

// TestGluecatalogCrossRegionTargets (CAT-13): the crawler reads a bucket of
// another region like its own: one S3 target each, the role may list and
// read both prefixes and decrypt with the remote bucket's key in its region.
func TestGluecatalogCrossRegionTargets(t *testing.T) {
	st := gluecatalogConfigs().Stack(t, gluecatalogStackName)
	_, crawler := st.ByPath(t, "AWS::Glue::Crawler", gluecatalogStackName+"/Global/Crawler")
	targets := testkit.JSON(testkit.Props(crawler)["Targets"])
	if !strings.Contains(targets, `"Path":"s3://sales-us-east-1/sales/us/"`) || strings.Count(targets, `"Path"`) != 2 {
		t.Errorf("targets = %s", targets)
	}
	var policy string
	for _, p := range st.Resources("AWS::IAM::Policy") {
		if strings.Contains(testkit.JSON(p), "GlobalRole") {
			policy += testkit.JSON(testkit.Props(p)["PolicyDocument"])
		}
	}
	for _, want := range []string{`:s3:::sales-us-east-1"`, `:s3:::sales-us-east-1/sales/us/*"`, `"sales/us/*"`, `key/11111111-2222-3333-4444-555555555555`} {
		if !strings.Contains(policy, want) {
			t.Errorf("crawler role lacks %s: %s", want, policy)
		}
	}
}
