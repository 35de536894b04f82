package manifestbatch_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/manifestbatch"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const batchStack = "BatchStack"

var built struct {
	defaults, options, existingJob *manifestbatch.Batch
	lake                           awss3.IBucket
}

var configs = testkit.Register("manifestbatch", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(batchStack), nil)
	built.defaults = manifestbatch.New(stack, "Batch", nil)

	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	built.lake = lake.Bucket
	built.options = manifestbatch.New(stack, "Drops", &manifestbatch.Props{
		ExistingBucket: lake.Bucket,
		IncomingPrefix: jsii.String("landing/partners/"), ManifestSuffix: jsii.String("_manifest.json"),
		OutputPrefix:   jsii.String("curated/partners/"),
		MaxConcurrency: jsii.Number(4),
		JobProps:       &gluejob.Props{Workers: jsii.Number(4), MaxConcurrentRuns: jsii.Number(2)},
		ClaimRetention: awscdk.Duration_Days(jsii.Number(400)),
		// The topic (and key) of another pattern, as a stack would share one.
		AlarmTopic: built.defaults.AlarmTopic, AlarmTopicKey: built.defaults.AlarmTopicKey,
		Timeout: awscdk.Duration_Hours(jsii.Number(1)),
	})
	built.existingJob = manifestbatch.New(stack, "Reuse", &manifestbatch.Props{
		ExistingBucket: lake.Bucket,
		IncomingPrefix: jsii.String("other/in/"), OutputPrefix: jsii.String("other/out/"),
		ExistingJobName: jsii.String("team-merge-job"),
	})
})

func TestManifestbatchDefaults(t *testing.T) {
	st := configs().Stack(t, batchStack)
	b := built.defaults
	if b.IncomingPrefix != "incoming/" || b.ManifestSuffix != ".manifest" || b.OutputPrefix != "merged/" || b.Job == nil {
		t.Errorf("layout = %q %q %q, job %v", b.IncomingPrefix, b.ManifestSuffix, b.OutputPrefix, b.Job)
	}
	// The new bucket: SSE-KMS (the job writes with its key) and EventBridge on.
	_, bucket := st.ByPath(t, "AWS::S3::Bucket", batchStack+"/Batch/Bucket/Bucket/Resource")
	bp := testkit.JSON(testkit.Props(bucket))
	for _, want := range []string{`"EventBridgeConfiguration":{"EventBridgeEnabled":true}`, `"SSEAlgorithm":"aws:kms"`} {
		if !strings.Contains(bp, want) {
			t.Errorf("bucket lacks %s: %s", want, bp)
		}
	}
	// The trigger: manifests under incoming/ only.
	_, rule := st.ByPath(t, "AWS::Events::Rule", batchStack+"/Batch/Trigger/Rule/Resource")
	if r := testkit.JSON(testkit.Props(rule)["EventPattern"]); !strings.Contains(r, `"key":[{"wildcard":"incoming/*.manifest"}]`) || !strings.Contains(r, `"detail-type":["Object Created"]`) {
		t.Errorf("rule pattern = %s", r)
	}
	// The claim table: keys, on demand, PITR, CMK, retained.
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", batchStack+"/Batch/Claims/Resource")
	tp := testkit.JSON(testkit.Props(table))
	for _, want := range []string{
		`"KeySchema":[{"AttributeName":"manifest","KeyType":"HASH"},{"AttributeName":"etag","KeyType":"RANGE"}]`,
		`"BillingMode":"PAY_PER_REQUEST"`, `"PointInTimeRecoveryEnabled":true`, `"SSEType":"KMS"`,
	} {
		if !strings.Contains(tp, want) {
			t.Errorf("table lacks %s: %s", want, tp)
		}
	}
	if strings.Contains(tp, "TimeToLive") {
		t.Errorf("claims are kept by default: %s", tp)
	}
	if table["DeletionPolicy"] != "Retain" {
		t.Errorf("table DeletionPolicy = %v", table["DeletionPolicy"])
	}
	// The merge job: the shipped script, no bookmarks, its prefixes.
	_, job := st.ByPath(t, "AWS::Glue::Job", batchStack+"/Batch/Merge/Job/Resource")
	jp := testkit.JSON(testkit.Props(job))
	for _, want := range []string{`"--job-bookmark-option":"job-bookmark-disable"`, `"--incoming_prefix":"incoming/"`, `"/merged/"`, `"MaxConcurrentRuns":3`} {
		if !strings.Contains(jp, want) {
			t.Errorf("job lacks %s: %s", want, jp)
		}
	}
	st.Count(t, "AWS::Glue::Job", 2)

	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", batchStack+"/Batch/Pipeline/StateMachine/Resource")
	asl, _ := testkit.Definition(t, sm)
	if asl["StartAt"] != "Claim manifest" {
		t.Errorf("StartAt = %v", asl["StartAt"])
	}
	// (a) the claim: conditional put, a duplicate ends in Succeed.
	claim := testkit.State(t, asl, "Claim manifest")
	cp := testkit.JSON(claim)
	for _, want := range []string{
		`"ConditionExpression":"attribute_not_exists(manifest)"`,
		`"manifest":{"S.$":"States.Format('s3://{}/{}', $.detail.bucket.name, $.detail.object.key)"}`,
		`"etag":{"S.$":"$.detail.object.etag"}`,
		`{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"Next":"Already processed","ResultPath":"$.error"}`,
		`"MaxAttempts":3`, `:states:::dynamodb:putItem"`,
	} {
		if !strings.Contains(cp, want) {
			t.Errorf("claim lacks %s: %s", want, cp)
		}
	}
	if testkit.State(t, asl, "Already processed")["Type"] != "Succeed" {
		t.Error("a claimed manifest must end in Succeed")
	}
	// (b) the manifest read and parsed.
	read := testkit.JSON(testkit.State(t, asl, "Read manifest"))
	for _, want := range []string{`:states:::aws-sdk:s3:getObject"`, `"content.$":"States.StringToJson($.Body)"`, `"Next":"Manifest complete?"`, `"Next":"Release claim"`} {
		if !strings.Contains(read, want) {
			t.Errorf("read lacks %s: %s", want, read)
		}
	}
	if d := testkit.State(t, asl, "Manifest complete?")["Default"]; d != "Manifest invalid" {
		t.Errorf("choice default = %v", d)
	}
	// (c) the Map over the files, bounded, a missing file fails it.
	m := testkit.State(t, asl, "Check files")
	mp := testkit.JSON(m)
	for _, want := range []string{`"Type":"Map"`, `"ItemsPath":"$.manifest.content.files"`, `"MaxConcurrency":10`, `"Next":"Merge files"`, `"Next":"Release claim"`} {
		if !strings.Contains(mp, want) {
			t.Errorf("map lacks %s: %s", want, mp)
		}
	}
	head := testkit.JSON(testkit.State(t, asl, "Head file"))
	for _, want := range []string{`"QueryLanguage":"JSONata"`, `:states:::aws-sdk:s3:headObject"`, `$substringAfter($states.input.uri`, `"Next":"File missing"`} {
		if !strings.Contains(head, want) {
			t.Errorf("head lacks %s: %s", want, head)
		}
	}
	if f := testkit.State(t, asl, "File missing"); f["Type"] != "Fail" || f["Error"] != "ManifestFileMissing" {
		t.Errorf("missing = %s", testkit.JSON(f))
	}
	if d := testkit.State(t, asl, "File under the incoming prefix?")["Default"]; d != "File outside the incoming prefix" {
		t.Errorf("prefix choice default = %v", d)
	}
	// The claim is released (its own only), then the notice and Fail.
	rel := testkit.JSON(testkit.State(t, asl, "Release claim"))
	for _, want := range []string{`:states:::dynamodb:deleteItem"`, `"ConditionExpression":"executionArn = :me"`, `"Next":"Batch failed"`} {
		if !strings.Contains(rel, want) {
			t.Errorf("release lacks %s: %s", want, rel)
		}
	}
	notice := testkit.JSON(testkit.State(t, asl, "Batch failed"))
	if !strings.Contains(notice, `"manifest.$":"States.Format('s3://{}/{}', $.detail.bucket.name, $.detail.object.key)"`) || !strings.Contains(notice, `"Next":"Batch failed: failed"`) {
		t.Errorf("notice = %s", notice)
	}
	// (d) the merge job .sync, its arguments from the event.
	merge := testkit.JSON(testkit.State(t, asl, "Merge files"))
	for _, want := range []string{`:states:::glue:startJobRun.sync"`, `"--manifest_bucket.$":"$.detail.bucket.name"`, `"--manifest_key.$":"$.detail.object.key"`, `"MaxAttempts":6`, `"Next":"Mark done"`} {
		if !strings.Contains(merge, want) {
			t.Errorf("merge lacks %s: %s", want, merge)
		}
	}
	// (e) the claim marked done.
	done := testkit.JSON(testkit.State(t, asl, "Mark done"))
	if !strings.Contains(done, `"UpdateExpression":"SET claimStatus = :done, doneAt = :at, jobRunId = :run"`) || !strings.Contains(done, `"Next":"Merged"`) {
		t.Errorf("done = %s", done)
	}

	// Least privilege: the state machine reads manifests and heads
	// incoming/ only; the job reads incoming/ and writes merged/.
	_, smPolicy := st.ByPathPrefix(t, "AWS::IAM::Policy", batchStack+"/Batch/Pipeline/Role/DefaultPolicy")
	sp := testkit.JSON(smPolicy)
	for _, want := range []string{`/incoming/*.manifest"]]}`, `/incoming/*"]]}`, `"dynamodb:PutItem"`, `"dynamodb:DeleteItem"`, `"dynamodb:UpdateItem"`, `"glue:StartJobRun"`} {
		if !strings.Contains(sp, want) {
			t.Errorf("state machine policy lacks %s: %s", want, sp)
		}
	}
	for _, bad := range []string{`"s3:PutObject"`, `"s3:DeleteObject"`, `"dynamodb:Scan"`, `"s3:*"`} {
		if strings.Contains(sp, bad) {
			t.Errorf("state machine policy has %s: %s", bad, sp)
		}
	}
	_, jobPolicy := st.ByPathPrefix(t, "AWS::IAM::Policy", batchStack+"/Batch/Merge/Role/DefaultPolicy")
	jpol := testkit.JSON(jobPolicy)
	if !strings.Contains(jpol, `/incoming/*"]]}`) || !strings.Contains(jpol, `/merged/*"]]}`) {
		t.Errorf("job policy = %s", jpol)
	}
}

func TestManifestbatchOptions(t *testing.T) {
	st := configs().Stack(t, batchStack)
	b := built.options
	if b.Bucket != built.lake {
		t.Error("the existing bucket is used")
	}
	// Batch's and Lake's buckets and the two jobs' work buckets, each with its log bucket.
	st.Count(t, "AWS::S3::Bucket", 4*2)
	_, rule := st.ByPath(t, "AWS::Events::Rule", batchStack+"/Drops/Trigger/Rule/Resource")
	if r := testkit.JSON(testkit.Props(rule)["EventPattern"]); !strings.Contains(r, `"key":[{"wildcard":"landing/partners/*_manifest.json"}]`) {
		t.Errorf("rule pattern = %s", r)
	}
	_, table := st.ByPath(t, "AWS::DynamoDB::Table", batchStack+"/Drops/Claims/Resource")
	if tp := testkit.JSON(testkit.Props(table)); !strings.Contains(tp, `"TimeToLiveSpecification":{"AttributeName":"expiresAt","Enabled":true}`) {
		t.Errorf("table TTL = %s", tp)
	}
	_, job := st.ByPath(t, "AWS::Glue::Job", batchStack+"/Drops/Merge/Job/Resource")
	jp := testkit.JSON(testkit.Props(job))
	for _, want := range []string{`"--incoming_prefix":"landing/partners/"`, `"/curated/partners/"`, `"NumberOfWorkers":4`, `"MaxConcurrentRuns":2`} {
		if !strings.Contains(jp, want) {
			t.Errorf("job lacks %s: %s", want, jp)
		}
	}
	_, sm := st.ByPath(t, "AWS::StepFunctions::StateMachine", batchStack+"/Drops/Pipeline/StateMachine/Resource")
	asl, _ := testkit.Definition(t, sm)
	if asl["TimeoutSeconds"] != float64(3600) {
		t.Errorf("timeout = %v", asl["TimeoutSeconds"])
	}
	if mc := testkit.State(t, asl, "Check files")["MaxConcurrency"]; mc != float64(4) {
		t.Errorf("MaxConcurrency = %v", mc)
	}
	done := testkit.JSON(testkit.State(t, asl, "Mark done"))
	for _, want := range []string{`"QueryLanguage":"JSONata"`, `expiresAt = :exp`, `$floor($millis() / 1000) + 34560000`} {
		if !strings.Contains(done, want) {
			t.Errorf("done lacks %s: %s", want, done)
		}
	}
	inPrefix := testkit.JSON(testkit.State(t, asl, "File under the incoming prefix?"))
	if !strings.Contains(inPrefix, `/landing/partners/*"`) {
		t.Errorf("prefix choice = %s", inPrefix)
	}
	// The given topic gets the notices and the alarm; no topic of its own.
	if b.AlarmTopic == nil || b.StateMachine.AlarmTopic != b.AlarmTopic {
		t.Error("the state machine alarms the given topic")
	}
	for _, r := range st.Resources("AWS::SNS::Topic") {
		if strings.Contains(testkit.JSON(r), batchStack+"/Drops/") {
			t.Errorf("no topic of its own with AlarmTopic: %s", testkit.JSON(r))
		}
	}
	_, smPolicy := st.ByPathPrefix(t, "AWS::IAM::Policy", batchStack+"/Drops/Pipeline/Role/DefaultPolicy")
	if sp := testkit.JSON(smPolicy); !strings.Contains(sp, `/landing/partners/*_manifest.json"]]}`) {
		t.Errorf("state machine policy = %s", sp)
	}

	// An existing job: none created, its name in the definition.
	if built.existingJob.Job != nil || *built.existingJob.JobName != "team-merge-job" {
		t.Error("ExistingJobName creates no job")
	}
	_, sm2 := st.ByPath(t, "AWS::StepFunctions::StateMachine", batchStack+"/Reuse/Pipeline/StateMachine/Resource")
	if m := testkit.JSON(mergeState(t, sm2)); !strings.Contains(m, `"JobName":"team-merge-job"`) {
		t.Errorf("merge = %s", m)
	}
}

func TestManifestbatchRejectedProps(t *testing.T) {
	bad := func(p *manifestbatch.Props, wants ...string) {
		t.Helper()
		testkit.MustPanic(t, func() {
			stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
			if p.ExistingBucket == nil && p.BucketProps != nil && p.BucketProps.Versioned != nil {
				p.ExistingBucket = awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("bucket-b"))
			}
			manifestbatch.New(stack, "Batch", p)
		}, append([]string{"manifestbatch Bad/Batch: invalid props"}, wants...)...)
	}
	bad(&manifestbatch.Props{
		IncomingPrefix: jsii.String(""), ManifestSuffix: jsii.String(""), OutputPrefix: jsii.String("out/*/"),
	}, `IncomingPrefix = ""`, `ManifestSuffix = ""`, `OutputPrefix = "out/*/"`)
	bad(&manifestbatch.Props{
		IncomingPrefix: jsii.String("/in"), ManifestSuffix: jsii.String("*.manifest"),
	}, `IncomingPrefix = "/in"`, `ManifestSuffix = "*.manifest"`)
	bad(&manifestbatch.Props{OutputPrefix: jsii.String("incoming/merged/")}, `OutputPrefix = "incoming/merged/"`, "a loop")
	bad(&manifestbatch.Props{IncomingPrefix: jsii.String("data/in/"), OutputPrefix: jsii.String("data/")}, `OutputPrefix = "data/"`, "a loop")
	bad(&manifestbatch.Props{
		BucketProps: &securebucket.Props{Versioned: jsii.Bool(true), Encryption: securebucket.DSSEKMS, EventBridge: jsii.Bool(false)},
	}, "ExistingBucket/BucketProps = both", "BucketProps.Encryption = DSSE_KMS", "BucketProps.EventBridge = false")
	bad(&manifestbatch.Props{
		MaxConcurrency: jsii.Number(0), ExistingJobName: jsii.String("j"),
		JobProps:        &gluejob.Props{Bookmarks: gluejob.BookmarksEnable, Arguments: map[string]string{"--output_path": "s3://x/"}},
		ClaimTableProps: &awsdynamodb.TableProps{PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("pk"), Type: awsdynamodb.AttributeType_STRING}, RemovalPolicy: awscdk.RemovalPolicy_DESTROY},
		ClaimRetention:  awscdk.Duration_Hours(jsii.Number(1)),
		Timeout:         awscdk.Duration_Seconds(jsii.Number(5)),
	}, "MaxConcurrency = 0", "ExistingJobName/JobProps = both", "JobProps.Bookmarks = job-bookmark-enable",
		"JobProps.Arguments[--output_path] = s3://x/", "ClaimTableProps.PartitionKey/SortKey = set",
		"ClaimTableProps.RemovalPolicy = DESTROY", "ClaimRetention = 1 hour", "Timeout = 5 seconds")
}

// mergeState is the merge task of the state machine sm.
func mergeState(t *testing.T, sm map[string]any) map[string]any {
	asl, _ := testkit.Definition(t, sm)
	return testkit.State(t, asl, "Merge files")
}
