package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/audittrail"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	audittrailDefaultsStack = "AuditTrailDefaults"
	audittrailOptionsStack  = "AuditTrailOptions"
	audittrailExistingStack = "AuditTrailExisting"
	audittrailAllS3Stack    = "AuditTrailAllS3"
)

var audittrailBuilt struct {
	defaults, options, existing, allS3 *audittrail.AuditTrail
	lake                               awss3.IBucket
}

var audittrailConfigs = testkit.Register("audittrail", nil, func(app constructs.Construct) {
	s1 := awscdk.NewStack(app, jsii.String(audittrailDefaultsStack), nil)
	audittrailBuilt.defaults = audittrail.New(s1, "Audit", nil)

	// The lake's buckets and functions audited, Insights, the lake with
	// seven-year pricing, the project's Lambda log groups, a given topic.
	s2 := awscdk.NewStack(app, jsii.String(audittrailOptionsStack), nil)
	lake := securebucket.New(s2, "Lake", nil)
	audittrailBuilt.lake = lake.Bucket
	fn := awslambda.Function_FromFunctionAttributes(s2, jsii.String("Loader"), &awslambda.FunctionAttributes{
		FunctionArn: s2.FormatArn(&awscdk.ArnComponents{Service: jsii.String("lambda"), Resource: jsii.String("function"), ResourceName: jsii.String("loader"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME}),
	})
	topic := awssns.Topic_FromTopicArn(s2, jsii.String("Ops"), s2.FormatArn(&awscdk.ArnComponents{Service: jsii.String("sns"), Resource: jsii.String("ops")}))
	audittrailBuilt.options = audittrail.New(s2, "Audit", &audittrail.Props{
		EnableLogFileValidation: jsii.Bool(true),
		DataEventBuckets:        []awss3.IBucket{lake.Bucket},
		S3DataEventsWriteOnly:   jsii.Bool(true),
		DataEventFunctions:      []awslambda.IFunction{fn},
		Insights:                jsii.Bool(true),
		LogRetention:            awslogs.RetentionDays_TWO_YEARS,
		TrailBucketProps:        &securebucket.Props{Lifecycle: &securebucket.Lifecycle{GlacierAfter: awscdk.Duration_Days(jsii.Number(365))}},
		Lake:                    jsii.Bool(true),
		LakeBillingMode:         audittrail.FixedRetention,
		LakeRetentionDays:       2557,
		LakeDataEvents:          jsii.Bool(true),
		QueryFolder:             "audit",
		LambdaLogGroups:         []awslogs.ILogGroup{awslogs.LogGroup_FromLogGroupName(s2, jsii.String("LoaderLogs"), jsii.String("/aws/lambda/loader"))},
		AlarmTopic:              topic,
	})
	reader := awsiam.NewRole(s2, jsii.String("Auditor"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	audittrailBuilt.options.GrantLakeQueries(reader)

	// Control Tower's organization trail already records the account: only
	// the lake (with the lake bucket's data events), queries and alarms.
	s3 := awscdk.NewStack(app, jsii.String(audittrailExistingStack), nil)
	lake3 := securebucket.New(s3, "Lake", nil)
	audittrailBuilt.existing = audittrail.New(s3, "Audit", &audittrail.Props{
		ExistingTrail:         jsii.Bool(true),
		ExistingTrailLogGroup: awslogs.LogGroup_FromLogGroupName(s3, jsii.String("ControlTowerTrailLogs"), jsii.String("aws-controltower/CloudTrailLogs")),
		Lake:                  jsii.Bool(true),
		LakeDataEvents:        jsii.Bool(true),
		DataEventBuckets:      []awss3.IBucket{lake3.Bucket},
	})

	// Every bucket's data events, opted in; the lake's key; no alarms.
	s4 := awscdk.NewStack(app, jsii.String(audittrailAllS3Stack), nil)
	keyed := securebucket.New(s4, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	audittrailBuilt.allS3 = audittrail.New(s4, "Audit", &audittrail.Props{
		AllS3DataEvents:       jsii.Bool(true),
		AllS3DataEventsReason: "PCI scope: every object read in this account must be attributable.",
		EncryptionKey:         keyed.Key,
		CreateAlarms:          jsii.Bool(false),
	})
})

func audittrailSelectors(t *testing.T, trail map[string]any) string {
	t.Helper()
	return testkit.JSON(testkit.Props(trail)["AdvancedEventSelectors"])
}

func TestAudittrailDefaults(t *testing.T) {
	st := audittrailConfigs().Stack(t, audittrailDefaultsStack)
	trailID, trail := st.ByPath(t, "AWS::CloudTrail::Trail", audittrailDefaultsStack+"/Audit/Trail")
	p := testkit.Props(trail)
	for k, v := range map[string]any{"IsLogging": true, "IsMultiRegionTrail": true, "IncludeGlobalServiceEvents": true, "EnableLogFileValidation": true} {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", audittrailDefaultsStack+"/Audit/Key/Resource")
	if got := testkit.JSON(p["KMSKeyId"]); !strings.Contains(got, keyID) {
		t.Errorf("KMSKeyId = %s", got)
	}
	if got := audittrailSelectors(t, trail); got != `[{"FieldSelectors":[{"Equals":["Management"],"Field":"eventCategory"}],"Name":"Management events"}]` {
		t.Errorf("selectors = %s", got)
	}
	if _, ok := p["EventSelectors"]; ok {
		t.Error("basic EventSelectors set beside advanced ones")
	}
	if _, ok := p["InsightSelectors"]; ok {
		t.Error("Insights on by default")
	}
	name := p["TrailName"].(string)
	if !strings.Contains(name, "AuditTrailDefaults") || len(name) > 128 || *audittrailBuilt.defaults.TrailName != name {
		t.Errorf("TrailName = %q", name)
	}
	// The trail waits for its bucket policy and role.
	deps := testkit.JSON(trail["DependsOn"])
	bpID, _ := st.ByPathPrefix(t, "AWS::S3::BucketPolicy", audittrailDefaultsStack+"/Audit/Bucket/Bucket/Policy")
	if !strings.Contains(deps, bpID) || !strings.Contains(deps, "LogsRole") {
		t.Errorf("DependsOn = %s", deps)
	}
	_ = trailID

	// Bucket: SSE-KMS with the trail key, CloudTrail's statements scoped to
	// the trail's ARN.
	_, bucket := st.ByPath(t, "AWS::S3::Bucket", audittrailDefaultsStack+"/Audit/Bucket/Bucket/Resource")
	enc := testkit.JSON(testkit.Props(bucket)["BucketEncryption"])
	if !strings.Contains(enc, `"SSEAlgorithm":"aws:kms"`) || !strings.Contains(enc, keyID) {
		t.Errorf("bucket encryption = %s", enc)
	}
	_, policy := st.ByPathPrefix(t, "AWS::S3::BucketPolicy", audittrailDefaultsStack+"/Audit/Bucket/Bucket/Policy")
	pol := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
	for _, want := range []string{`"Sid":"AWSCloudTrailAclCheck"`, `"Sid":"AWSCloudTrailWrite"`, `"s3:x-amz-acl":"bucket-owner-full-control"`,
		`"aws:SourceArn":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":cloudtrail:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":trail/` + name + `"]]}`,
		`"/AWSLogs/",{"Ref":"AWS::AccountId"},"/*"`, `"Sid":"DenyOtherKmsKey"`} {
		if !strings.Contains(pol, want) {
			t.Errorf("bucket policy lacks %s:\n%s", want, pol)
		}
	}

	// Key policy: CloudTrail encrypts with the trail's context, only for
	// this trail; CloudWatch Logs uses it for the log group.
	_, key := st.ByPath(t, "AWS::KMS::Key", audittrailDefaultsStack+"/Audit/Key/Resource")
	kp := testkit.JSON(testkit.Props(key)["KeyPolicy"])
	for _, want := range []string{`"Sid":"AllowCloudTrailToEncryptLogs"`, `"kms:EncryptionContext:aws:cloudtrail:arn":{"Fn::Sub":"arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*"}`,
		`"Sid":"AllowCloudTrailToDecryptAndDescribe"`, `"Sid":"AllowCloudWatchLogsOfThisAccount"`, `"Sid":"DenyGrantsNotForAwsServices"`} {
		if !strings.Contains(kp, want) {
			t.Errorf("key policy lacks %s:\n%s", want, kp)
		}
	}

	// Log group: one year, the key, retained; the role may write there only.
	lgID, lg := st.ByPath(t, "AWS::Logs::LogGroup", audittrailDefaultsStack+"/Audit/LogGroup/Resource")
	if testkit.Props(lg)["RetentionInDays"] != 365.0 || lg["DeletionPolicy"] != "Retain" || !strings.Contains(testkit.JSON(testkit.Props(lg)["KmsKeyId"]), keyID) {
		t.Errorf("log group = %s", testkit.JSON(lg))
	}
	if !strings.Contains(testkit.JSON(p["CloudWatchLogsLogGroupArn"]), lgID) {
		t.Errorf("CloudWatchLogsLogGroupArn = %s", testkit.JSON(p["CloudWatchLogsLogGroupArn"]))
	}

	// Queries on the trail's log group under the construct's path; CIS alarms.
	st.Count(t, "AWS::Logs::QueryDefinition", len(audittrail.TrailQueries))
	for _, q := range st.Resources("AWS::Logs::QueryDefinition") {
		qp := testkit.Props(q)
		if n := qp["Name"].(string); !strings.HasPrefix(n, "") || !strings.Contains(n, "/Audit/trail/") {
			t.Errorf("query name %q", n)
		}
		if !strings.Contains(testkit.JSON(qp["LogGroupNames"]), lgID) {
			t.Errorf("query log groups = %s", testkit.JSON(qp["LogGroupNames"]))
		}
	}
	st.Count(t, "AWS::Logs::MetricFilter", 2)
	st.Count(t, "AWS::CloudWatch::Alarm", 2)
	st.Has(t, "AWS::Logs::MetricFilter", map[string]any{"FilterPattern": audittrail.CISAlarms[0].Pattern})
	st.CheckAlarmTopic(t, audittrailDefaultsStack+"/Audit", audittrailBuilt.defaults.AlarmTopic, audittrailBuilt.defaults.AlarmTopicKey)
	st.Count(t, "AWS::CloudTrail::EventDataStore", 0)
}

func TestAudittrailOptions(t *testing.T) {
	st := audittrailConfigs().Stack(t, audittrailOptionsStack)
	trail := st.Only(t, "AWS::CloudTrail::Trail")
	sel := audittrailSelectors(t, trail)
	lakeID, _ := st.ByPath(t, "AWS::S3::Bucket", audittrailOptionsStack+"/Lake/Bucket/Resource")
	for _, want := range []string{
		`"Name":"S3 data events of the given buckets"`, `{"Equals":["AWS::S3::Object"],"Field":"resources.type"}`,
		`{"Equals":["false"],"Field":"readOnly"}`,
		`{"Field":"resources.ARN","StartsWith":[{"Fn::Join":["",[{"Fn::GetAtt":["` + lakeID + `","Arn"]},"/"]]}]}`,
		`{"Equals":["AWS::Lambda::Function"],"Field":"resources.type"}`, `:function:loader"]]}],"Field":"resources.ARN"}`,
	} {
		if !strings.Contains(sel, want) {
			t.Errorf("selectors lack %s:\n%s", want, sel)
		}
	}
	if got := testkit.JSON(testkit.Props(trail)["InsightSelectors"]); got != `[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight"}]` {
		t.Errorf("InsightSelectors = %s", got)
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", audittrailOptionsStack+"/Audit/LogGroup/Resource")
	if testkit.Props(lg)["RetentionInDays"] != 731.0 {
		t.Errorf("retention = %v", testkit.Props(lg)["RetentionInDays"])
	}
	// Lake: fixed pricing, 2557 days, its own key, protected, retained,
	// management and the lake bucket's data events.
	eds := st.Only(t, "AWS::CloudTrail::EventDataStore")
	ep := testkit.Props(eds)
	for k, v := range map[string]any{"BillingMode": "FIXED_RETENTION_PRICING", "RetentionPeriod": 2557.0, "TerminationProtectionEnabled": true, "MultiRegionEnabled": true, "OrganizationEnabled": false} {
		if ep[k] != v {
			t.Errorf("EventDataStore %s = %v, want %v", k, ep[k], v)
		}
	}
	if eds["DeletionPolicy"] != "Retain" {
		t.Errorf("EventDataStore DeletionPolicy = %v", eds["DeletionPolicy"])
	}
	lakeKeyID, lakeKey := st.ByPath(t, "AWS::KMS::Key", audittrailOptionsStack+"/Audit/LakeKey/Resource")
	if !strings.Contains(testkit.JSON(ep["KmsKeyId"]), lakeKeyID) || !strings.Contains(testkit.JSON(lakeKey), "AllowCloudTrailLakeToUseTheKey") {
		t.Errorf("lake key: %s", testkit.JSON(ep["KmsKeyId"]))
	}
	if s := testkit.JSON(ep["AdvancedEventSelectors"]); !strings.Contains(s, "Management") || !strings.Contains(s, lakeID) {
		t.Errorf("lake selectors = %s", s)
	}
	outs := testkit.JSON(st.Template["Outputs"])
	if !strings.Contains(outs, `FROM ${EventDataStoreId} WHERE userIdentity.type = 'Root'`) {
		t.Errorf("lake query outputs = %s", outs)
	}
	// Queries in the folder: trail and Lambda.
	st.Count(t, "AWS::Logs::QueryDefinition", len(audittrail.TrailQueries)+len(audittrail.LambdaQueries))
	st.Has(t, "AWS::Logs::QueryDefinition", map[string]any{"Name": "audit/lambda/errors-by-function", "LogGroupNames": []any{"/aws/lambda/loader"}})
	// Alarms go to the given topic; no topic created.
	st.Count(t, "AWS::SNS::Topic", 0)
	if audittrailBuilt.options.AlarmTopicKey != nil {
		t.Error("AlarmTopicKey set for a given topic")
	}
	// The auditor may query the store.
	edsID, _ := st.ByPath(t, "AWS::CloudTrail::EventDataStore", audittrailOptionsStack+"/Audit/EventDataStore")
	st.Has(t, "AWS::IAM::Policy", map[string]any{"PolicyDocument": map[string]any{"Statement": []any{
		map[string]any{"Action": []any{"cloudtrail:CancelQuery", "cloudtrail:DescribeQuery", "cloudtrail:GetQueryResults", "cloudtrail:ListQueries", "cloudtrail:StartQuery"}, "Effect": "Allow", "Resource": map[string]any{"Fn::GetAtt": []any{edsID, "EventDataStoreArn"}}},
		map[string]any{"Action": []any{"kms:Decrypt", "kms:GenerateDataKey"}, "Effect": "Allow", "Resource": map[string]any{"Fn::GetAtt": []any{lakeKeyID, "Arn"}}},
	}}})
}

func TestAudittrailExistingTrail(t *testing.T) {
	st := audittrailConfigs().Stack(t, audittrailExistingStack)
	st.Count(t, "AWS::CloudTrail::Trail", 0)
	st.Count(t, "AWS::Logs::LogGroup", 0)
	st.Count(t, "AWS::CloudTrail::EventDataStore", 1)
	a := audittrailBuilt.existing
	if a.Trail != nil || a.Bucket != nil || a.Key != nil || a.TrailArn != nil {
		t.Error("existing-trail mode created trail parts")
	}
	st.Has(t, "AWS::Logs::QueryDefinition", map[string]any{"LogGroupNames": []any{"aws-controltower/CloudTrailLogs"}})
	st.Has(t, "AWS::Logs::MetricFilter", map[string]any{"LogGroupName": "aws-controltower/CloudTrailLogs"})
	st.Count(t, "AWS::CloudWatch::Alarm", 2)
}

func TestAudittrailAllS3DataEvents(t *testing.T) {
	st := audittrailConfigs().Stack(t, audittrailAllS3Stack)
	sel := audittrailSelectors(t, st.Only(t, "AWS::CloudTrail::Trail"))
	if !strings.Contains(sel, "S3 data events of every bucket (AllS3DataEvents: PCI scope") || strings.Contains(sel, "resources.ARN") {
		t.Errorf("selectors = %s", sel)
	}
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	st.Count(t, "AWS::SNS::Topic", 0)
	// The trail uses the given key (the lake bucket's): no key of its own.
	st.Count(t, "AWS::KMS::Key", 1)
}
