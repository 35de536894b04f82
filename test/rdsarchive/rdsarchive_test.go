package rdsarchive_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/rdsarchive"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func rdsarchiveContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func TestRdsarchiveDefaults(t *testing.T) {
	st := rdsarchiveDefaults().Stack(t, rdsarchiveDefaultsStack)
	a := rdsarchiveBuilt.defaults
	if a.TaskIDPrefix != "orders-db" || a.Prefix != "archive/" || len(a.Tables) != 1 || a.Tables[0] != "snapshot" {
		t.Errorf("archive = %q %q %v", a.TaskIDPrefix, a.Prefix, a.Tables)
	}
	base := rdsarchiveDefaultsStack + "/Orders/"

	// The schedule: monthly, UTC, two retries within an hour.
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", base+"Schedule")
	rdsarchiveContains(t, "schedule", testkit.JSON(testkit.Props(sched)),
		`"ScheduleExpression":"cron(0 4 2 * ? *)"`, `"ScheduleExpressionTimezone":"UTC"`, `"FlexibleTimeWindow":{"Mode":"OFF"}`,
		`"RetryPolicy":{"MaximumEventAgeInSeconds":3600,"MaximumRetryAttempts":2}`)

	// The function: its environment, one run at a time, JSON logs kept a year.
	_, fn := st.ByPath(t, "AWS::Lambda::Function", base+"Function/Resource")
	fp := testkit.JSON(testkit.Props(fn))
	rdsarchiveContains(t, "function", fp, `"SOURCE_KIND":"instance"`, `"SOURCE_ID":"orders-db"`, `"PREFIX":"archive/"`, `"TASK_PREFIX":"orders-db"`,
		`"ReservedConcurrentExecutions":1`, `"Runtime":"provided.al2023"`, `"Architectures":["arm64"]`, `"KMS_KEY_ID":{"Fn::GetAtt":[`)
	if strings.Contains(fp, "EXPORT_ONLY") {
		t.Errorf("EXPORT_ONLY without ExportOnly: %s", fp)
	}
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", base+"Logs/Resource")
	rdsarchiveContains(t, "log group", testkit.JSON(logs), `"RetentionInDays":365`, `"KmsKeyId":`, `"DeletionPolicy":"Retain"`)

	// The export role: trusted by RDS exports of this account, the prefix only.
	_, role := st.ByPath(t, "AWS::IAM::Role", base+"ExportRole/Resource")
	rdsarchiveContains(t, "export role", testkit.JSON(testkit.Props(role)), `"Service":"export.rds.amazonaws.com"`, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`)
	_, exportPolicy := st.ByPath(t, "AWS::IAM::Policy", base+"ExportRole/DefaultPolicy/Resource")
	ep := testkit.JSON(testkit.Props(exportPolicy))
	rdsarchiveContains(t, "export policy", ep, `"s3:DeleteObject*","s3:GetObject*","s3:PutObject*"`, `/archive/*"]]}`,
		`"s3:prefix":["archive/*"]`, `"s3:GetBucketLocation"`, `"kms:Decrypt","kms:DescribeKey","kms:Encrypt","kms:GenerateDataKey"`)
	if strings.Contains(ep, `"s3:*"`) || strings.Contains(ep, `"Resource":"*"`) {
		t.Errorf("export policy too wide: %s", ep)
	}

	// The function's role: the source's automated snapshots, the export
	// role, the key's grant.
	_, fnPolicy := st.ByPath(t, "AWS::IAM::Policy", base+"Role/DefaultPolicy/Resource")
	rdsarchiveContains(t, "function policy", testkit.JSON(testkit.Props(fnPolicy)),
		`"Action":"rds:DescribeDBSnapshots"`, `":db:orders-db"`, `":snapshot:rds:orders-db-*"`, `"Action":"rds:StartExportTask"`,
		`"Action":"rds:DescribeExportTasks","Effect":"Allow","Resource":"*"`, `"Action":"iam:PassRole"`, `"kms:CreateGrant","kms:DescribeKey"`,
		`{"Ref":"AWS::Partition"}`)

	// The crawler: the whole snapshot's folder, Parquet tables five levels
	// down, new folders only, daily.
	_, crawler := st.ByPath(t, "AWS::Glue::Crawler", base+"Catalog/Crawler")
	rdsarchiveContains(t, "crawler", testkit.JSON(testkit.Props(crawler)), `/archive/snapshot/"]]}`, `\"TableLevelConfiguration\":6`,
		`"RecrawlBehavior":"CRAWL_NEW_FOLDERS_ONLY"`, `"ScheduleExpression":"cron(0 6 * * ? *)"`, `"**.json"`)
	if strings.Contains(testkit.JSON(crawler), "CombineCompatibleSchemas") {
		t.Error("a whole snapshot's tables must not be combined")
	}

	// Alarms on failed runs and throttles, with a new topic.
	if a.ErrorsAlarm == nil || a.ThrottlesAlarm == nil || a.AlarmTopicKey == nil {
		t.Fatal("alarms or topic missing")
	}
	_, errs := st.ByPath(t, "AWS::CloudWatch::Alarm", base+"ErrorsAlarm/Resource")
	rdsarchiveContains(t, "errors alarm", testkit.JSON(testkit.Props(errs)), `"MetricName":"Errors"`, `"Namespace":"AWS/Lambda"`, `"Threshold":0`, `"OKActions":[`)
	st.CheckAlarmTopic(t, rdsarchiveDefaultsStack+"/Orders", a.AlarmTopic, a.AlarmTopicKey)
	st.Count(t, "AWS::CloudWatch::Alarm", 2)
	st.Count(t, "AWS::Glue::Database", 1)
}

func TestRdsarchiveOptions(t *testing.T) {
	st := rdsarchiveOptions().Stack(t, rdsarchiveOptionsStack)
	a := rdsarchiveBuilt.cluster
	base := rdsarchiveOptionsStack + "/Aurora/"
	_, fn := st.ByPath(t, "AWS::Lambda::Function", base+"Function/Resource")
	rdsarchiveContains(t, "function", testkit.JSON(testkit.Props(fn)), `"SOURCE_KIND":"cluster"`, `"SOURCE_ID":"Orders-Aurora"`,
		`"EXPORT_ONLY":"plm_db.orders,plm_db.customers"`, `"TASK_PREFIX":"aurora-cold"`, `"PREFIX":"cold/orders/"`)
	_, sched := st.ByPath(t, "AWS::Scheduler::Schedule", base+"Schedule")
	rdsarchiveContains(t, "schedule", testkit.JSON(sched), `"ScheduleExpression":"cron(30 5 3 * ? *)"`)
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", base+"Logs/Resource")
	rdsarchiveContains(t, "log group", testkit.JSON(logs), `"RetentionInDays":731`)

	_, fnPolicy := st.ByPath(t, "AWS::IAM::Policy", base+"Role/DefaultPolicy/Resource")
	rdsarchiveContains(t, "function policy", testkit.JSON(fnPolicy), `"Action":"rds:DescribeDBClusterSnapshots"`, `":cluster:Orders-Aurora"`,
		`":cluster-snapshot:rds:Orders-Aurora-*"`)

	// One table per exported table, three levels down, combined schemas.
	_, crawler := st.ByPath(t, "AWS::Glue::Crawler", base+"Catalog/Crawler")
	cp := testkit.JSON(testkit.Props(crawler))
	rdsarchiveContains(t, "crawler", cp, `/cold/orders/plm_db.orders/"]]}`, `/cold/orders/plm_db.customers/"]]}`, `\"TableLevelConfiguration\":4`,
		`CombineCompatibleSchemas`, `"ScheduleExpression":"cron(0 7 3-6 * ? *)"`)
	dbID, _ := st.ByPath(t, "AWS::Glue::Database", base+"Catalog/Database/Resource")
	st.Has(t, "AWS::Glue::Database", map[string]any{"DatabaseInput": map[string]any{"Name": "orders_archive"}})
	rdsarchiveContains(t, "crawler", cp, `"DatabaseName":{"Ref":"`+dbID+`"}`)

	// The export key (not the bucket's) reaches the crawler and Spectrum.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", rdsarchiveOptionsStack+"/KeyHolder/Key/Resource")
	_, crawlerPolicy := st.ByPath(t, "AWS::IAM::Policy", base+"Catalog/Role/DefaultPolicy/Resource")
	rdsarchiveContains(t, "crawler policy", testkit.JSON(crawlerPolicy), `"Fn::GetAtt":["`+keyID+`","Arn"]`)
	_, spectrum := st.ByPath(t, "AWS::IAM::Policy", rdsarchiveOptionsStack+"/Redshift/DefaultPolicy/Resource")
	rdsarchiveContains(t, "spectrum policy", testkit.JSON(testkit.Props(spectrum)), `"Fn::GetAtt":["`+keyID+`","Arn"]`, `"s3:prefix":["cold/orders/*"]`,
		`/cold/orders/*"]]}`, `"glue:GetTable"`, `"glue:GetPartitions"`, `:database/",{"Ref":"`+dbID+`"}]]}`, `:table/",{"Ref":"`+dbID+`"},"/*"]]}`)
	if strings.Contains(testkit.JSON(spectrum), "s3:PutObject") || strings.Contains(testkit.JSON(spectrum), "glue:CreateTable") {
		t.Error("Spectrum grant writes")
	}

	// The given topic; no topic of its own.
	if a.AlarmTopic != rdsarchiveBuilt.topic || a.AlarmTopicKey != nil {
		t.Error("alarm topic not the given one")
	}
	st.Count(t, "AWS::SNS::Topic", 1)
	// Quiet: no alarms at all (the cluster archive has its two).
	if q := rdsarchiveBuilt.quiet; q.ErrorsAlarm != nil || q.ThrottlesAlarm != nil || q.AlarmTopic != nil {
		t.Error("CreateAlarms false created alarms")
	}
	st.Count(t, "AWS::CloudWatch::Alarm", 2)
}

func TestRdsarchiveRejectedProps(t *testing.T) {
	plain := func(s awscdk.Stack) awss3.IBucket {
		return awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("plain"))
	}
	cases := []struct {
		name  string
		props func(s awscdk.Stack) *rdsarchive.Props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *rdsarchive.Props { return nil }, []string{
			"rdsarchive Bad/Archive: invalid props", "DBInstanceIdentifier = none: the DB instance", "Bucket = <nil>: the bucket", "TaskIDPrefix = : 1 to 47"}},
		{"two sources, bad identifiers, no key", func(s awscdk.Stack) *rdsarchive.Props {
			return &rdsarchive.Props{DBInstanceIdentifier: "1db", DBClusterIdentifier: "c--1", Bucket: plain(s), TaskIDPrefix: "ok"}
		}, []string{"DBClusterIdentifier = c--1: empty with DBInstanceIdentifier", "DBInstanceIdentifier = 1db: an RDS identifier",
			"DBClusterIdentifier = c--1: an RDS identifier", "EncryptionKey = <nil>: a customer managed KMS key"}},
		{"prefix, tables, schedules, task prefix, names, retention", func(s awscdk.Stack) *rdsarchive.Props {
			b := plain(s)
			return &rdsarchive.Props{
				DBInstanceIdentifier: "orders-db", Bucket: b, Prefix: "/archive",
				ExportOnly: []string{"orders", "a.b", "A.B", "a.t3", "a.t4", "a.t5"},
				Schedule:   "rate(30 days)", CrawlerSchedule: "0 6 * * *", TaskIDPrefix: strings.Repeat("a", 48),
				DatabaseName: jsii.String("Orders-Archive"), LogRetention: "INFINITE",
				CreateAlarms: jsii.Bool(false), AlarmTopic: nil,
			}
		}, []string{`Prefix = /archive: a key prefix`, "ExportOnly = 6 tables: at most 5", `ExportOnly[0] = orders: "database.table"`,
			"ExportOnly[2] = A.B: each table once", "Schedule = rate(30 days): a cron(...) expression", "CrawlerSchedule = 0 6 * * *: a cron expression with six fields",
			"TaskIDPrefix = " + strings.Repeat("a", 48), "DatabaseName = Orders-Archive", "LogRetention = INFINITE", "EncryptionKey = <nil>"}},
		{"bad schedule", func(s awscdk.Stack) *rdsarchive.Props {
			return &rdsarchive.Props{DBInstanceIdentifier: "orders-db", Bucket: plain(s), Schedule: "monthly"}
		}, []string{"Schedule = monthly: an EventBridge schedule"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				rdsarchive.New(stack, "Archive", c.props(stack))
			}, c.wants...)
		})
	}
}
