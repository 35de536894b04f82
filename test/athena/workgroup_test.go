package athena_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestWorkgroupDefaults(t *testing.T) {
	st := defaults().Stack(t, defaultsStack)
	w := built.defaults
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", defaultsStack+"/Analysts/WorkGroup")
	p := testkit.Props(wg)
	got := testkit.JSON(p)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", defaultsStack+"/Analysts/Key/Resource")
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", defaultsStack+"/Analysts/Results/Bucket/Resource")
	for _, want := range []string{
		`"Name":"` + w.Name + `"`, `"RecursiveDeleteOption":false`, `"State":"ENABLED"`,
		`"BytesScannedCutoffPerQuery":10000000`, `"EnforceWorkGroupConfiguration":true`,
		`"EngineVersion":{"SelectedEngineVersion":"Athena engine version 3"}`,
		`"PublishCloudWatchMetricsEnabled":true`, `"RequesterPaysEnabled":false`,
		`"EncryptionConfiguration":{"EncryptionOption":"SSE_KMS","KmsKey":{"Fn::GetAtt":["` + keyID + `","Arn"]}}`,
		`"ExpectedBucketOwner":{"Ref":"AWS::AccountId"}`,
		`"OutputLocation":{"Fn::Join":["",["s3://",{"Ref":"` + bucketID + `"},"/results/"]]}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("workgroup lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "ManagedQueryResults") || p["Description"] != nil {
		t.Errorf("workgroup = %s", got)
	}
	if !strings.Contains(w.Name, "Analysts") || len(w.Name) > 128 {
		t.Errorf("name %q", w.Name)
	}
	bp := testkit.JSON(testkit.Props(bucket))
	for _, want := range []string{`"SSEAlgorithm":"aws:kms"`, `"BucketKeyEnabled":true`, `"ExpirationInDays":30`, `"Prefix":"results/"`, `"NoncurrentVersionExpiration":{"NoncurrentDays":1}`} {
		if !strings.Contains(bp, want) {
			t.Errorf("results bucket lacks %s: %s", want, bp)
		}
	}
	// Data usage controls: 1 TB a day and 200 GB an hour, on the
	// workgroup's ProcessedBytes.
	if len(w.DataUsageAlarms) != 2 {
		t.Fatalf("%d alarms", len(w.DataUsageAlarms))
	}
	for _, c := range []struct {
		path      string
		period    float64
		threshold float64
	}{{"DataUsage", 86400, 1e12}, {"DataUsage1", 3600, 2e11}} {
		_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", defaultsStack+"/Analysts/"+c.path+"/Resource")
		ap := testkit.Props(a)
		if ap["Namespace"] != "AWS/Athena" || ap["MetricName"] != "ProcessedBytes" || ap["Statistic"] != "Sum" ||
			ap["Period"] != c.period || ap["Threshold"] != c.threshold || ap["ComparisonOperator"] != "GreaterThanThreshold" ||
			testkit.JSON(ap["Dimensions"]) != `[{"Name":"WorkGroup","Value":"`+w.Name+`"}]` {
			t.Errorf("alarm %s = %s", c.path, testkit.JSON(ap))
		}
	}
	st.CheckAlarmTopic(t, defaultsStack+"/Analysts", w.AlarmTopic, w.AlarmTopicKey)
	if w.ResultsPrefix != "results/" || w.ResultsBucket == nil || w.Key == nil {
		t.Errorf("exposed results = %q %v %v", w.ResultsPrefix, w.ResultsBucket, w.Key)
	}
	if len(st.Resources("AWS::Athena::PreparedStatement")) != 0 {
		t.Error("no prepared statement by default")
	}
}

func TestWorkgroupOptions(t *testing.T) {
	st := options().Stack(t, optionsStack)
	w := built.options
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", optionsStack+"/Team/WorkGroup")
	got := testkit.JSON(testkit.Props(wg))
	lakeKey, _ := st.ByPath(t, "AWS::KMS::Key", optionsStack+"/Lake/Key/Resource")
	lake, _ := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Lake/Bucket/Resource")
	for _, want := range []string{
		`"Name":"team-a"`, `"Description":"Team A"`, `"BytesScannedCutoffPerQuery":5000000000`,
		`"EncryptionOption":"CSE_KMS","KmsKey":{"Fn::GetAtt":["` + lakeKey + `","Arn"]}`,
		`"ExpectedBucketOwner":"111111111111"`,
		`"OutputLocation":{"Fn::Join":["",["s3://",{"Ref":"` + lake + `"},"/athena/team-a/"]]}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("workgroup lacks %s:\n%s", want, got)
		}
	}
	for lid := range st.Resources("AWS::S3::Bucket") {
		if strings.HasPrefix(lid, "TeamResults") {
			t.Errorf("Team created results bucket %s instead of using the lake", lid)
		}
	}
	_, a := st.ByPath(t, "AWS::CloudWatch::Alarm", optionsStack+"/Team/DataUsage/Resource")
	ap := testkit.Props(a)
	topic, _ := st.ByPath(t, "AWS::SNS::Topic", optionsStack+"/Ops/Resource")
	if ap["Period"] != float64(900) || ap["Threshold"] != 50e9 || testkit.JSON(ap["AlarmActions"]) != `[{"Ref":"`+topic+`"}]` ||
		!strings.Contains(ap["AlarmDescription"].(string), "50 GB in 15 minutes") {
		t.Errorf("alarm = %s", testkit.JSON(ap))
	}
	if w.AlarmTopicKey != nil || len(w.DataUsageAlarms) != 1 {
		t.Errorf("the given topic is used: key %v, %d alarms", w.AlarmTopicKey, len(w.DataUsageAlarms))
	}
	wgID, _ := st.ByPath(t, "AWS::Athena::WorkGroup", optionsStack+"/Team/WorkGroup")
	_, q := st.ByPath(t, "AWS::Athena::NamedQuery", optionsStack+"/Team/Query-orders-per-day")
	if qp := testkit.JSON(testkit.Props(q)); qp != `{"Database":"lake_curated","Description":"Daily order counts.","Name":"orders per day","QueryString":"SELECT dt, count(*) FROM orders GROUP BY dt","WorkGroup":{"Ref":"`+wgID+`"}}` {
		t.Errorf("named query = %s", qp)
	}
	_, q = st.ByPath(t, "AWS::Athena::NamedQuery", optionsStack+"/Team/Query-big-spenders")
	if testkit.Props(q)["Description"] != nil || testkit.Props(q)["Name"] != "big spenders" {
		t.Errorf("added named query = %s", testkit.JSON(q))
	}
	_, ps := st.ByPath(t, "AWS::Athena::PreparedStatement", optionsStack+"/Team/Statement-orders_of_customer")
	if pp := testkit.JSON(testkit.Props(ps)); pp != `{"Description":"Orders of one customer. Parameters: customer_id, since.","QueryStatement":"SELECT * FROM orders WHERE customer_id = ? AND dt \u003e= ?","StatementName":"orders_of_customer","WorkGroup":{"Ref":"`+wgID+`"}}` {
		t.Errorf("prepared statement = %s", pp)
	}
	if len(w.NamedQueries) != 2 || len(w.PreparedStatements) != 2 {
		t.Errorf("exposed %d named queries, %d statements", len(w.NamedQueries), len(w.PreparedStatements))
	}
	// GrantQuery: this workgroup only, the results prefix, the key.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", optionsStack+"/Reader/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"athena:StartQueryExecution"`, `"athena:GetQueryResults"`, `"athena:GetPreparedStatement"`, `":workgroup/team-a"`, `"/athena/team-a/*"`, `"kms:Decrypt"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("reader lacks %s: %s", want, doc)
		}
	}
	if strings.Contains(doc, `"athena:*"`) || strings.Contains(doc, `workgroup/*`) {
		t.Errorf("reader is too broad: %s", doc)
	}
	// No alarms, results kept 7 days.
	for lid := range st.Resources("AWS::CloudWatch::Alarm") {
		if strings.HasPrefix(lid, "Quiet") {
			t.Errorf("Quiet has alarm %s", lid)
		}
	}
	_, qb := st.ByPath(t, "AWS::S3::Bucket", optionsStack+"/Quiet/Results/Bucket/Resource")
	if !strings.Contains(testkit.JSON(qb), `"ExpirationInDays":7`) {
		t.Errorf("Quiet results bucket = %s", testkit.JSON(qb))
	}
}

func TestWorkgroupManagedResults(t *testing.T) {
	st := managed().Stack(t, managedStack)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", managedStack+"/Managed/Key/Resource")
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", managedStack+"/Managed/WorkGroup")
	got := testkit.JSON(testkit.Props(wg)["WorkGroupConfiguration"])
	if !strings.Contains(got, `"ManagedQueryResultsConfiguration":{"Enabled":true,"EncryptionConfiguration":{"KmsKey":{"Fn::GetAtt":["`+keyID+`","Arn"]}}}`) ||
		strings.Contains(got, "ResultConfiguration\"") || strings.Contains(got, "OutputLocation") {
		t.Errorf("managed workgroup = %s", got)
	}
	st.Count(t, "AWS::S3::Bucket", 0)
	st.Count(t, "AWS::CloudWatch::Alarm", 0) // DataUsageLimits: [] means none
	if built.managed.ResultsBucket != nil || built.managed.AlarmTopic != nil {
		t.Error("managed workgroup exposes a bucket or topic")
	}
}

func TestWorkgroupRejectedProps(t *testing.T) {
	stack := func() awscdk.Stack { return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil) }
	testkit.MustPanic(t, func() { athena.New(stack(), "Wg", nil) },
		"athena Bad/Wg: invalid props", "BytesScannedCutoffPerQuery = nil")
	testkit.MustPanic(t, func() {
		s := stack()
		topic := awssns.NewTopic(s, jsii.String("T"), nil)
		athena.New(s, "Wg", &athena.Props{
			Name:                       jsii.String("team a"),
			BytesScannedCutoffPerQuery: jsii.Number(9_999_999),
			Encryption:                 "SSE_S3",
			ResultsPrefix:              jsii.String("results"),
			ExpectedBucketOwner:        jsii.String("me"),
			DataUsageLimits:            []athena.DataUsageLimit{{Bytes: 1, Period: awscdk.Duration_Seconds(jsii.Number(90))}, {Bytes: 1e12}},
			CreateAlarms:               jsii.Bool(false), AlarmTopic: topic,
			ResultsExpiration: awscdk.Duration_Hours(jsii.Number(12)),
			NamedQueries:      []athena.NamedQuery{{Name: "", Database: "", SQL: " "}, {Name: "a", Database: "d", SQL: "SELECT 1"}, {Name: "a", Database: "d", SQL: "SELECT 2"}},
			PreparedStatements: []athena.PreparedStatement{
				{Name: "by id", SQL: ""},
				{Name: "by_id", SQL: "SELECT * FROM t WHERE id = ? AND note = '?'", Parameters: []string{"id", "note"}},
				{Name: "by_id", SQL: "SELECT 1"},
			},
		})
	}, "Name = team a", "BytesScannedCutoffPerQuery = 9999999: a whole number of bytes, at least 10,000,000",
		"Encryption = SSE_S3", "ResultsPrefix = results:", "ExpectedBucketOwner = me",
		"DataUsageLimits[0].Bytes = 1:", "DataUsageLimits[0].Period = 1 minute 30 seconds", "DataUsageLimits[1].Period = nil",
		"AlarmTopic = Bad/T", "ResultsExpiration = 12 hours: whole days",
		`NamedQueries[0].Name = "": 1 to 128`, `NamedQueries[0].Database = ""`, `NamedQueries[0].SQL = " "`, "NamedQueries[2].Name = a: a name not used",
		`PreparedStatements[0].Name = "by id"`, `PreparedStatements[0].SQL = ""`,
		"PreparedStatements[1].Parameters = [id note]: one name per ? of the statement, which has 1",
		"PreparedStatements[2].Name = by_id: a name not used")
	testkit.MustPanic(t, func() {
		s := stack()
		other := athena.New(s, "Other", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9), CreateAlarms: jsii.Bool(false)})
		athena.New(s, "Wg", &athena.Props{
			BytesScannedCutoffPerQuery: jsii.Number(1.5e7 + 0.5),
			ManagedQueryResults:        jsii.Bool(true), Encryption: athena.CSEKMS,
			ResultsBucket: other.ResultsBucket, ResultsPrefix: jsii.String("r/"), ResultsExpiration: awscdk.Duration_Days(jsii.Number(3)),
			ExpectedBucketOwner: jsii.String("111111111111"),
		})
	}, "BytesScannedCutoffPerQuery = 15000000.5", "ResultsExpiration = 3 days: nothing with ResultsBucket",
		"ResultsBucket = Bad/Other/Results", "ResultsPrefix = r/: nothing with ManagedQueryResults",
		"ResultsExpiration = 3 days: nothing with ManagedQueryResults", "Encryption = CSE_KMS: SSE_KMS with ManagedQueryResults",
		"ExpectedBucketOwner = 111111111111: nothing with ManagedQueryResults")
	testkit.MustPanic(t, func() {
		w := athena.New(stack(), "Wg", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9)})
		w.AddNamedQuery(athena.NamedQuery{Name: "empty", Database: "db"})
	}, "athena.NamedQuery Bad/Wg/empty: invalid props", `NamedQuery.SQL = ""`)
	testkit.MustPanic(t, func() {
		w := athena.New(stack(), "Wg", &athena.Props{BytesScannedCutoffPerQuery: jsii.Number(1e9)})
		w.AddPreparedStatement(athena.PreparedStatement{Name: "two", SQL: "SELECT ? -- ?\n, ?", Parameters: []string{"a"}})
	}, "athena.PreparedStatement Bad/Wg/two: invalid props", "PreparedStatement.Parameters = [a]: one name per ? of the statement, which has 2")
}

func TestSandboxDeletesData(t *testing.T) {
	st := sandboxed().Stack(t, "AthenaSandbox")
	for _, typ := range []string{"AWS::S3::Bucket", "AWS::KMS::Key", "AWS::Logs::LogGroup"} {
		for lid, r := range st.Resources(typ) {
			if r["DeletionPolicy"] != "Delete" {
				t.Errorf("%s %s: DeletionPolicy %v in a sandbox", typ, lid, r["DeletionPolicy"])
			}
		}
	}
}
