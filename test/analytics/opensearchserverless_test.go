package analytics_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestOpensearchserverlessDefaults(t *testing.T) {
	st := opensearchserverlessConfigs().Stack(t, opensearchserverlessDefaultsStack)
	_, coll := st.ByPath(t, "AWS::OpenSearchServerless::Collection", opensearchserverlessDefaultsStack+"/Weblogs/Collection")
	cp := testkit.Props(coll)
	name, _ := cp["Name"].(string)
	if cp["Type"] != "TIMESERIES" || cp["StandbyReplicas"] != "ENABLED" || !strings.HasPrefix(name, "weblogs-") || len(name) > 28 {
		t.Errorf("collection = %s", testkit.JSON(cp))
	}
	if coll["DeletionPolicy"] != "Retain" {
		t.Errorf("collection DeletionPolicy = %v", coll["DeletionPolicy"])
	}
	deps := testkit.JSON(coll["DependsOn"])
	encID, enc := st.ByPath(t, "AWS::OpenSearchServerless::SecurityPolicy", opensearchserverlessDefaultsStack+"/Weblogs/EncryptionPolicy")
	netID, net := st.ByPath(t, "AWS::OpenSearchServerless::SecurityPolicy", opensearchserverlessDefaultsStack+"/Weblogs/NetworkPolicy")
	if !strings.Contains(deps, encID) || !strings.Contains(deps, netID) {
		t.Errorf("collection DependsOn = %s, want the encryption and network policies", deps)
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", opensearchserverlessDefaultsStack+"/Weblogs/Key/Resource")
	ep := testkit.JSON(testkit.Props(enc))
	for _, s := range []string{`"Type":"encryption"`, `collection/` + name, `\"AWSOwnedKey\":false`, `KmsARN`, keyID} {
		if !strings.Contains(ep, s) {
			t.Errorf("encryption policy lacks %s: %s", s, ep)
		}
	}
	vpceID, _ := st.ByPath(t, "AWS::OpenSearchServerless::VpcEndpoint", opensearchserverlessDefaultsStack+"/Weblogs/VpcEndpoint")
	np := testkit.JSON(testkit.Props(net))
	for _, s := range []string{`"Type":"network"`, `\"AllowFromPublic\":false`, `SourceVPCEs`, vpceID, `\"ResourceType\":\"dashboard\"`} {
		if !strings.Contains(np, s) {
			t.Errorf("network policy lacks %s: %s", s, np)
		}
	}
	if strings.Contains(np, `\"AllowFromPublic\":true`) || strings.Contains(np, "SourceServices") {
		t.Errorf("network policy is not private by default: %s", np)
	}
	// Policy names: at most 32 characters, unique per instance.
	names := map[string]bool{}
	for _, typ := range []string{"AWS::OpenSearchServerless::SecurityPolicy", "AWS::OpenSearchServerless::AccessPolicy", "AWS::OpenSearchServerless::VpcEndpoint", "AWS::OpenSearchServerless::Collection"} {
		for id, r := range st.Resources(typ) {
			n, _ := testkit.Props(r)["Name"].(string)
			if len(n) < 3 || len(n) > 32 || names[typ+n] {
				t.Errorf("%s %s name %q: empty, too long or repeated", typ, id, n)
			}
			names[typ+n] = true
		}
	}
	st.Count(t, "AWS::OpenSearchServerless::Collection", 2)

	// Data access: Firehose's role writes the collection's indices.
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", opensearchserverlessDefaultsStack+"/Weblogs/Role/Resource")
	_, acc := st.ByPath(t, "AWS::OpenSearchServerless::AccessPolicy", opensearchserverlessDefaultsStack+"/Weblogs/AccessPolicy")
	ap := testkit.JSON(testkit.Props(acc))
	for _, s := range []string{`"Type":"data"`, roleID, `index/` + name + `/*`, "aoss:CreateIndex", "aoss:UpdateIndex", "aoss:DescribeIndex", "aoss:WriteDocument"} {
		if !strings.Contains(ap, s) {
			t.Errorf("access policy lacks %s: %s", s, ap)
		}
	}
	if strings.Contains(ap, "aoss:DeleteIndex") || strings.Contains(ap, "aoss:*") {
		t.Errorf("writer has more than it needs: %s", ap)
	}

	// Firehose: Kinesis source, the collection endpoint, backup of failed
	// documents, logs, the VPC.
	_, ds := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", opensearchserverlessDefaultsStack+"/Weblogs/DeliveryStream")
	dp := testkit.Props(ds)
	dest := testkit.JSON(dp["AmazonOpenSearchServerlessDestinationConfiguration"])
	for _, s := range []string{`"CollectionEndpoint":{"Fn::GetAtt":[`, `"IndexName":"events"`, `"IntervalInSeconds":60`, `"SizeInMBs":5`, `"DurationInSeconds":300`,
		`"S3BackupMode":"FailedDocumentsOnly"`, `opensearch-serverless-backup/`, `"CloudWatchLoggingOptions":{"Enabled":true`, `"VpcConfiguration"`} {
		if !strings.Contains(dest, s) {
			t.Errorf("destination lacks %s: %s", s, dest)
		}
	}
	if dp["DeliveryStreamType"] != "KinesisStreamAsSource" {
		t.Errorf("DeliveryStreamType = %v", dp["DeliveryStreamType"])
	}
	dsDeps := testkit.JSON(ds["DependsOn"])
	accID, _ := st.ByPath(t, "AWS::OpenSearchServerless::AccessPolicy", opensearchserverlessDefaultsStack+"/Weblogs/AccessPolicy")
	if !strings.Contains(dsDeps, accID) || !strings.Contains(dsDeps, netID) {
		t.Errorf("delivery stream DependsOn = %s", dsDeps)
	}
	// IAM: aoss:APIAccessAll on the collection ARN only.
	collID, _ := st.ByPath(t, "AWS::OpenSearchServerless::Collection", opensearchserverlessDefaultsStack+"/Weblogs/Collection")
	_, pol := st.ByPath(t, "AWS::IAM::Policy", opensearchserverlessDefaultsStack+"/Weblogs/Role/DefaultPolicy/Resource")
	pj := testkit.JSON(testkit.Props(pol))
	if !strings.Contains(pj, `"Action":"aoss:APIAccessAll","Effect":"Allow","Resource":{"Fn::GetAtt":["`+collID+`","Arn"]}`) {
		t.Errorf("role policy lacks aoss:APIAccessAll on the collection: %s", pj)
	}
	// The endpoint's security group admits the Firehose group on 443 only.
	st.Count(t, "AWS::EC2::SecurityGroupIngress", 1)
	st.Count(t, "AWS::CloudWatch::Alarm", 2)
	st.Count(t, "Custom::AWS", 0)
}

func TestOpensearchserverlessOptions(t *testing.T) {
	st := opensearchserverlessConfigs().Stack(t, opensearchserverlessOptionsStack)
	cp := testkit.Props(st.Only(t, "AWS::OpenSearchServerless::Collection"))
	if cp["Name"] != "sensor-readings" || cp["Type"] != "SEARCH" || cp["StandbyReplicas"] != "DISABLED" {
		t.Errorf("collection = %s", testkit.JSON(cp))
	}
	np := testkit.JSON(testkit.Props(st.Resources("AWS::OpenSearchServerless::SecurityPolicy")[opensearchserverlessFirstID(t, st, "NetworkPolicy")]))
	if !strings.Contains(np, `\"SourceServices\":[\"bedrock.amazonaws.com\"]`) {
		t.Errorf("network policy lacks the source service: %s", np)
	}
	// Grants made after New are in the data access policy.
	ap := testkit.JSON(testkit.Props(st.Only(t, "AWS::OpenSearchServerless::AccessPolicy")))
	for _, path := range []string{"Reader", "Admin", "LateWriter", "Search/Role"} {
		id, _ := st.ByPath(t, "AWS::IAM::Role", opensearchserverlessOptionsStack+"/"+path+"/Resource")
		if !strings.Contains(ap, id) {
			t.Errorf("access policy lacks %s: %s", path, ap)
		}
	}
	for _, s := range []string{"aoss:ReadDocument", "aoss:DescribeCollectionItems", "aoss:DeleteIndex", "aoss:CreateCollectionItems"} {
		if !strings.Contains(ap, s) {
			t.Errorf("access policy lacks %s", s)
		}
	}
	_, adminPol := st.ByPath(t, "AWS::IAM::Policy", opensearchserverlessOptionsStack+"/Admin/DefaultPolicy/Resource")
	if j := testkit.JSON(adminPol); !strings.Contains(j, "aoss:DashboardsAccessAll") || !strings.Contains(j, ":dashboards/default") {
		t.Errorf("admin policy = %s", j)
	}
	dest := testkit.JSON(testkit.Props(st.Only(t, "AWS::KinesisFirehose::DeliveryStream"))["AmazonOpenSearchServerlessDestinationConfiguration"])
	for _, s := range []string{`"IndexName":"readings"`, `"IntervalInSeconds":0`, `"SizeInMBs":1`, `"DurationInSeconds":60`} {
		if !strings.Contains(dest, s) {
			t.Errorf("destination lacks %s: %s", s, dest)
		}
	}
	// Account capacity limits through UpdateAccountSettings.
	cr := testkit.JSON(testkit.Props(st.Only(t, "Custom::AWS")))
	for _, s := range []string{"updateAccountSettings", "maxIndexingCapacityInOCU", "maxSearchCapacityInOCU"} {
		if !strings.Contains(cr, s) {
			t.Errorf("capacity call lacks %s: %s", s, cr)
		}
	}
	st.Count(t, "AWS::Kinesis::Stream", 1) // the app's, no new one
}

func TestOpensearchserverlessPublicAndExistingPolicy(t *testing.T) {
	st := opensearchserverlessConfigs().Stack(t, opensearchserverlessPublicStack)
	_, net := st.ByPath(t, "AWS::OpenSearchServerless::SecurityPolicy", opensearchserverlessPublicStack+"/Demo/NetworkPolicy")
	np := testkit.JSON(testkit.Props(net))
	if !strings.Contains(np, `\"AllowFromPublic\":true`) || !strings.Contains(np, "laptops") {
		t.Errorf("public network policy = %s", np)
	}
	_, enc := st.ByPath(t, "AWS::OpenSearchServerless::SecurityPolicy", opensearchserverlessPublicStack+"/Demo/EncryptionPolicy")
	if ep := testkit.JSON(testkit.Props(enc)); !strings.Contains(ep, `\"AWSOwnedKey\":true`) || strings.Contains(ep, "KmsARN") {
		t.Errorf("AWS owned key policy = %s", ep)
	}
	// The shared collection uses the named policy: no encryption policy
	// of its own.
	for _, r := range st.Resources("AWS::OpenSearchServerless::SecurityPolicy") {
		if p := testkit.Props(r); p["Type"] == "encryption" && strings.Contains(testkit.JSON(p), "shared-logs") {
			t.Errorf("an encryption policy was created for the shared collection: %s", testkit.JSON(p))
		}
	}
	_, shared := st.ByPath(t, "AWS::OpenSearchServerless::Collection", opensearchserverlessPublicStack+"/Shared/Collection")
	if testkit.Props(shared)["Type"] != "VECTORSEARCH" {
		t.Errorf("shared = %s", testkit.JSON(shared))
	}
	st.Count(t, "AWS::OpenSearchServerless::VpcEndpoint", 1) // the shared collection's only
	st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 1)
}

func TestOpensearchserverlessPipeline(t *testing.T) {
	st := opensearchserverlessConfigs().Stack(t, opensearchserverlessPipelineStack)
	st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 0)
	st.Count(t, "AWS::CloudWatch::Alarm", 0)
	pp := testkit.Props(st.Only(t, "AWS::OSIS::Pipeline"))
	if pp["MinUnits"] != 1.0 || pp["MaxUnits"] != 2.0 || pp["VpcOptions"] == nil || pp["EncryptionAtRestOptions"] == nil {
		t.Errorf("pipeline = %s", testkit.JSON(pp))
	}
	body := testkit.JSON(pp["PipelineConfigurationBody"])
	for _, s := range []string{"kinesis:", "stream_name", "serverless: true", "index: \\\"weblogs\\\"", "dlq:", "opensearch-ingestion-dlq/"} {
		if !strings.Contains(body, s) {
			t.Errorf("pipeline body lacks %s: %s", s, body)
		}
	}
	roleID, _ := st.ByPath(t, "AWS::IAM::Role", opensearchserverlessPipelineStack+"/Osis/PipelineRole/Resource")
	if ap := testkit.JSON(testkit.Props(st.Only(t, "AWS::OpenSearchServerless::AccessPolicy"))); !strings.Contains(ap, roleID) || !strings.Contains(ap, "aoss:WriteDocument") {
		t.Errorf("access policy lacks the pipeline role: %s", ap)
	}
	_, logs := st.ByPath(t, "AWS::Logs::LogGroup", opensearchserverlessPipelineStack+"/Osis/PipelineLogs/Resource")
	if n, _ := testkit.Props(logs)["LogGroupName"].(string); !strings.HasPrefix(n, "/aws/vendedlogs/OpenSearchIngestion/osis-") {
		t.Errorf("pipeline log group = %q", n)
	}
}

func opensearchserverlessFirstID(t *testing.T, st *testkit.Stack, suffix string) string {
	t.Helper()
	for id, r := range st.Resources("AWS::OpenSearchServerless::SecurityPolicy") {
		if p, _ := r["Metadata"].(map[string]any)["aws:cdk:path"].(string); strings.HasSuffix(p, suffix) {
			return id
		}
	}
	t.Fatalf("no %s", suffix)
	return ""
}
