package serving_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func saasflowContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s:\n%s", what, w, got)
		}
	}
}

func TestSaasflowDefaults(t *testing.T) {
	st := saasflowConfigs().Stack(t, saasflowDefaultsStack)
	path := saasflowDefaultsStack + "/Accounts/"
	keyID, key := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	if key["DeletionPolicy"] != "Retain" {
		t.Errorf("key DeletionPolicy = %v", key["DeletionPolicy"])
	}
	bucketID, bucket := st.ByPath(t, "AWS::S3::Bucket", path+"Lake/Bucket/Resource")
	if bucket["DeletionPolicy"] != "Retain" {
		t.Errorf("bucket DeletionPolicy = %v", bucket["DeletionPolicy"])
	}
	// The lake bucket is encrypted with the flow's key (so whatever key
	// header AppFlow sends matches the bucket's DenyOtherKmsKey).
	saasflowContains(t, "bucket", testkit.JSON(bucket), `"SSEAlgorithm":"aws:kms"`, `"KMSMasterKeyID":{"Fn::GetAtt":["`+keyID+`","Arn"]}`, `"BucketKeyEnabled":true`)

	flowID, flow := st.ByPath(t, "AWS::AppFlow::Flow", path+"Flow")
	fp := testkit.Props(flow)
	if got := testkit.JSON(fp["TriggerConfig"]); got != `{"TriggerProperties":{"DataPullMode":"Incremental","ScheduleExpression":"rate(1hours)"},"TriggerType":"Scheduled"}` {
		t.Errorf("TriggerConfig = %s", got)
	}
	if got := testkit.JSON(fp["SourceFlowConfig"]); got != `{"ConnectorProfileName":"salesforce-prod","ConnectorType":"Salesforce","IncrementalPullConfig":{"DatetimeTypeFieldName":"LastModifiedDate"},"SourceConnectorProperties":{"Salesforce":{"EnableDynamicFieldUpdate":true,"IncludeDeletedRecords":false,"Object":"Account"}}}` {
		t.Errorf("SourceFlowConfig = %s", got)
	}
	if got := testkit.JSON(fp["DestinationFlowConfigList"]); got != `[{"ConnectorType":"S3","DestinationConnectorProperties":{"S3":{"BucketName":{"Ref":"`+bucketID+`"},"BucketPrefix":"saas/salesforce/account","S3OutputFormatConfig":{"AggregationConfig":{"AggregationType":"SingleFile"},"FileType":"PARQUET","PrefixConfig":{"PrefixFormat":"DAY","PrefixType":"PATH"},"PreserveSourceDataTyping":true}}}}]` {
		t.Errorf("DestinationFlowConfigList = %s", got)
	}
	if got := testkit.JSON(fp["Tasks"]); got != `[{"ConnectorOperator":{"Salesforce":"NO_OP"},"SourceFields":[],"TaskProperties":[{"Key":"EXCLUDE_SOURCE_FIELDS_LIST","Value":"[]"}],"TaskType":"Map_all"}]` {
		t.Errorf("Tasks = %s", got)
	}
	if fp["FlowStatus"] != "Active" || testkit.JSON(fp["KMSArn"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` {
		t.Errorf("FlowStatus = %v, KMSArn = %s", fp["FlowStatus"], testkit.JSON(fp["KMSArn"]))
	}
	if name, _ := fp["FlowName"].(string); !strings.Contains(name, "Accounts") || !strings.HasSuffix(name, "-flow") {
		t.Errorf("FlowName = %v", fp["FlowName"])
	}
	st.Count(t, "AWS::AppFlow::ConnectorProfile", 0)

	// AppFlow of this account writes only under the prefix; the key lets it
	// encrypt; the flow waits for the bucket policy.
	_, policy := st.ByPath(t, "AWS::S3::BucketPolicy", path+"Lake/Bucket/Policy/Resource")
	saasflowContains(t, "bucket policy", testkit.JSON(policy),
		`{"Action":["s3:AbortMultipartUpload","s3:ListMultipartUploadParts","s3:PutObject","s3:PutObjectAcl"],"Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"appflow.amazonaws.com"},"Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+bucketID+`","Arn"]},"/saas/salesforce/account/*"]]}`,
		`{"Action":["s3:GetBucketAcl","s3:ListBucketMultipartUploads"],"Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"appflow.amazonaws.com"},"Resource":{"Fn::GetAtt":["`+bucketID+`","Arn"]}`)
	saasflowContains(t, "key policy", testkit.JSON(key), `{"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Condition":{"StringEquals":{"aws:SourceAccount":{"Ref":"AWS::AccountId"}}},"Effect":"Allow","Principal":{"Service":"appflow.amazonaws.com"}`)
	policyID, _ := st.ByPath(t, "AWS::S3::BucketPolicy", path+"Lake/Bucket/Policy/Resource")
	saasflowContains(t, "flow", testkit.JSON(st.Template["Resources"].(map[string]any)[flowID]), `"DependsOn":["`+policyID+`"]`)
}

func TestSaasflowTwoInstancesAndProjection(t *testing.T) {
	st := saasflowConfigs().Stack(t, saasflowDefaultsStack)
	st.Count(t, "AWS::AppFlow::Flow", 2)
	st.Count(t, "AWS::S3::Bucket", 4) // two lakes, two access-log buckets
	_, a := st.ByPath(t, "AWS::AppFlow::Flow", saasflowDefaultsStack+"/Accounts/Flow")
	_, o := st.ByPath(t, "AWS::AppFlow::Flow", saasflowDefaultsStack+"/Opportunities/Flow")
	if testkit.Props(a)["FlowName"] == testkit.Props(o)["FlowName"] {
		t.Errorf("two flows share the name %v", testkit.Props(a)["FlowName"])
	}
	op := testkit.Props(o)
	saasflowContains(t, "projection tasks", testkit.JSON(op["Tasks"]),
		`{"ConnectorOperator":{"Salesforce":"PROJECTION"},"SourceFields":["Id","AccountId","Amount","StageName","LastModifiedDate"],"TaskType":"Filter"}`,
		`{"ConnectorOperator":{"Salesforce":"NO_OP"},"DestinationField":"LastModifiedDate","SourceFields":["LastModifiedDate"],"TaskType":"Map"}`)
	if n := len(op["Tasks"].([]any)); n != 6 {
		t.Errorf("%d tasks, want a projection and 5 maps", n)
	}
	saasflowContains(t, "source", testkit.JSON(op["SourceFlowConfig"]), `"EnableDynamicFieldUpdate":false`)
}

func TestSaasflowOptions(t *testing.T) {
	st := saasflowConfigs().Stack(t, saasflowOptionsStack)
	path := saasflowOptionsStack + "/Invoices/"
	st.Count(t, "AWS::KMS::Key", 1) // the raw bucket's key is the flow's
	rawKeyID, rawKey := st.ByPath(t, "AWS::KMS::Key", saasflowOptionsStack+"/Raw/Key/Resource")
	saasflowContains(t, "raw key policy", testkit.JSON(rawKey), `"Principal":{"Service":"appflow.amazonaws.com"}`)

	profileID, profile := st.ByPath(t, "AWS::AppFlow::ConnectorProfile", path+"Connection")
	pp := testkit.Props(profile)
	if got := testkit.JSON(pp["ConnectorProfileConfig"]); got != `{"ConnectorProfileCredentials":{"Salesforce":{"ClientCredentialsArn":"`+saasflowSecretArn+`","JwtToken":"{{resolve:secretsmanager:`+saasflowJwtSecretArn+`:SecretString:jwt::}}","OAuth2GrantType":"JWT_BEARER"}},"ConnectorProfileProperties":{"Salesforce":{"InstanceUrl":"https://example.my.salesforce.com","isSandboxEnvironment":true}}}` {
		t.Errorf("ConnectorProfileConfig = %s", got)
	}
	if pp["ConnectionMode"] != "Public" || pp["ConnectorType"] != "Salesforce" || testkit.JSON(pp["KMSArn"]) != `{"Fn::GetAtt":["`+rawKeyID+`","Arn"]}` {
		t.Errorf("profile = %s", testkit.JSON(pp))
	}

	_, flow := st.ByPath(t, "AWS::AppFlow::Flow", path+"Flow")
	fp := testkit.Props(flow)
	saasflowContains(t, "flow", testkit.JSON(flow), `"DependsOn":["`+profileID+`",`)
	if got := testkit.JSON(fp["TriggerConfig"]); got != `{"TriggerProperties":{"DataPullMode":"Complete","ScheduleExpression":"rate(6hours)"},"TriggerType":"Scheduled"}` {
		t.Errorf("TriggerConfig = %s", got)
	}
	src := testkit.JSON(fp["SourceFlowConfig"])
	saasflowContains(t, "source", src, `"ConnectorProfileName":"`+testkit.Props(profile)["ConnectorProfileName"].(string)+`"`, `"IncludeDeletedRecords":true`, `"Object":"Invoice__c"`)
	if strings.Contains(src, "IncrementalPullConfig") {
		t.Errorf("a full pull has an incremental field: %s", src)
	}
	saasflowContains(t, "destination", testkit.JSON(fp["DestinationFlowConfigList"]),
		`"BucketPrefix":"raw/salesforce/invoices"`, `"AggregationConfig":{"AggregationType":"None","TargetFileSize":128}`,
		`"FileType":"JSON"`, `"PrefixFormat":"HOUR"`, `"PreserveSourceDataTyping":false`)
	if fp["FlowStatus"] != "Suspended" {
		t.Errorf("FlowStatus = %v", fp["FlowStatus"])
	}
	saasflowContains(t, "raw bucket policy", testkit.JSON(st.Resources("AWS::S3::BucketPolicy")), `"/raw/salesforce/invoices/*"`)
}

func TestSaasflowImportedBucket(t *testing.T) {
	st := saasflowConfigs().Stack(t, saasflowImportedStack)
	st.Count(t, "AWS::S3::Bucket", 0)
	st.Count(t, "AWS::S3::BucketPolicy", 0)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", saasflowImportedStack+"/Contacts/Key/Resource")
	_, flow := st.ByPath(t, "AWS::AppFlow::Flow", saasflowImportedStack+"/Contacts/Flow")
	saasflowContains(t, "flow", testkit.JSON(flow), `"BucketName":"lake-raw-111122223333"`, `"KMSArn":{"Fn::GetAtt":["`+keyID+`","Arn"]}`, `"BucketPrefix":"saas/salesforce/contact"`)
	if saasflowBuilt.imported.Lake != nil || saasflowBuilt.imported.ConnectorProfile != nil {
		t.Errorf("a bucket or profile was created")
	}
}
