package security_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/piidiscovery"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func piidiscoveryContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s: %s", what, w, got)
		}
	}
}

// piidiscoveryArgs are the job's DefaultArguments.
func piidiscoveryArgs(t *testing.T, st *testkit.Stack, path string) map[string]any {
	t.Helper()
	_, job := st.ByPath(t, "AWS::Glue::Job", path+"Job/Job/Resource")
	return testkit.Props(job)["DefaultArguments"].(map[string]any)
}

// piidiscoveryPolicy is the JSON of the default policy of the role at path.
func piidiscoveryPolicy(t *testing.T, st *testkit.Stack, rolePath string) string {
	t.Helper()
	_, policy := st.ByPath(t, "AWS::IAM::Policy", rolePath+"/DefaultPolicy/Resource")
	return testkit.JSON(testkit.Props(policy)["PolicyDocument"])
}

func TestPiidiscoveryDefaults(t *testing.T) {
	st := piidiscoveryConfigs().Stack(t, piidiscoveryDefaultsStack)
	path := piidiscoveryDefaultsStack + "/Pii/"
	d := piidiscoveryBuilt.defaults

	t.Run("ingest: devices/+/diag through iotredact, location removed, detectors on", func(t *testing.T) {
		_, rule := st.ByPath(t, "AWS::IoT::TopicRule", path+"Ingest/TopicRule")
		piidiscoveryContains(t, "rule", testkit.JSON(rule), `"Sql":"SELECT * FROM 'devices/+/diag'"`)
		_, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Ingest/Redactor/Function/Resource")
		if got := testkit.JSON(testkit.Props(fn)["Environment"]); got != `{"Variables":{"DETECT":"true","MODE":"remove","REDACT_FIELDS":"location"}}` {
			t.Errorf("redactor environment = %s", got)
		}
		if d.Ingest == nil || d.RawBucket != d.Ingest.Bucket || d.RawPrefix != "data/" {
			t.Errorf("raw zone = %v %q", d.RawBucket, d.RawPrefix)
		}
	})

	rawID, _ := st.ByPath(t, "AWS::S3::Bucket", path+"Ingest/Delivery/Destination/Bucket/Resource")
	curatedID, curated := st.ByPath(t, "AWS::S3::Bucket", path+"Curated/Bucket/Resource")
	keyID, key := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	t.Run("curated bucket: SSE-KMS with the construct's key, retained", func(t *testing.T) {
		piidiscoveryContains(t, "curated bucket", testkit.JSON(curated), `"SSEAlgorithm":"aws:kms"`, `"KMSMasterKeyID":{"Fn::GetAtt":["`+keyID+`","Arn"]}`)
		for what, r := range map[string]map[string]any{"bucket": curated, "key": key} {
			if r["DeletionPolicy"] != "Retain" {
				t.Errorf("%s DeletionPolicy = %v", what, r["DeletionPolicy"])
			}
		}
	})

	t.Run("job: the shipped script with its arguments, bookmarks, the key", func(t *testing.T) {
		args := piidiscoveryArgs(t, st, path)
		type col struct{ Name, Type, Handling string }
		list := []col{{"device_id", "string", "keep"}, {"event_time", "timestamp", "keep"}, {"status", "string", "keep"},
			{"reading", "double", "keep"}, {"owner_id", "string", "redact"}, {"notes", "string", "detect"}}
		cols, _ := json.Marshal(list)
		cols = []byte(strings.NewReplacer(`"Name"`, `"name"`, `"Type"`, `"type"`, `"Handling"`, `"handling"`).Replace(string(cols)))
		want := map[string]string{
			"--columns": string(cols), "--language": "en", "--entity_types": "ALL", "--masking": "mask", "--salt_arn": "none",
			"--min_score": "0", "--batch_bytes": "100000", "--job-bookmark-option": "job-bookmark-enable",
			"--raw_path":     `{"Fn::Join":["",["s3://",{"Ref":"` + rawID + `"},"/data/"]]}`,
			"--curated_path": `{"Fn::Join":["",["s3://",{"Ref":"` + curatedID + `"},"/curated/diagnostics/"]]}`,
		}
		for k, v := range want {
			got, ok := args[k].(string)
			if !ok {
				got = testkit.JSON(args[k])
			}
			if got != v {
				t.Errorf("%s = %s, want %s", k, got, v)
			}
		}
		if d.Job.Key != d.Key {
			t.Errorf("the job writes with another key than the curated bucket's")
		}
	})

	t.Run("job role: Comprehend only DetectPiiEntities, raw read, curated write, no secret", func(t *testing.T) {
		pol := piidiscoveryPolicy(t, st, path+"Job/Role")
		piidiscoveryContains(t, "job policy", pol,
			`{"Action":"comprehend:DetectPiiEntities","Effect":"Allow","Resource":"*","Sid":"ComprehendDetectPii"}`,
			`{"Action":"s3:GetObject","Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+rawID+`","Arn"]},"/data/*"]]}}`,
			`{"Action":["s3:AbortMultipartUpload","s3:DeleteObject","s3:GetObject","s3:PutObject"],"Effect":"Allow","Resource":{"Fn::Join":["",[{"Fn::GetAtt":["`+curatedID+`","Arn"]},"/curated/diagnostics/*"]]}}`)
		if strings.Count(pol, "comprehend:") != 1 || strings.Contains(pol, "secretsmanager") || strings.Contains(pol, `"Action":"*"`) {
			t.Errorf("job policy = %s", pol)
		}
	})

	t.Run("schedule: hourly, started on creation", func(t *testing.T) {
		jobID, _ := st.ByPath(t, "AWS::Glue::Job", path+"Job/Job/Resource")
		_, trig := st.ByPath(t, "AWS::Glue::Trigger", path+"Schedule")
		piidiscoveryContains(t, "trigger", testkit.JSON(testkit.Props(trig)),
			`"Actions":[{"JobName":{"Ref":"`+jobID+`"}}]`, `"Schedule":"cron(20 * * * ? *)"`, `"StartOnCreation":true`, `"Type":"SCHEDULED"`)
	})

	t.Run("table: Parquet columns, pii_types, projected dt, retained", func(t *testing.T) {
		_, table := st.ByPath(t, "AWS::Glue::Table", path+"Table/Table")
		if table["DeletionPolicy"] != "Retain" {
			t.Errorf("table DeletionPolicy = %v", table["DeletionPolicy"])
		}
		in := testkit.Props(table)["TableInput"].(map[string]any)
		var cols []string
		for _, c := range in["StorageDescriptor"].(map[string]any)["Columns"].([]any) {
			m := c.(map[string]any)
			cols = append(cols, m["Name"].(string)+" "+m["Type"].(string))
		}
		if got := strings.Join(cols, ", "); got != "device_id string, event_time timestamp, status string, reading double, owner_id string, notes string, pii_types string" {
			t.Errorf("columns = %s", got)
		}
		piidiscoveryContains(t, "table", testkit.JSON(in), `"Name":"device_diagnostics"`, `"PartitionKeys":[{"Comment":"UTC day of the job run that curated the rows","Name":"dt","Type":"string"}]`,
			`"projection.dt.format":"yyyy-MM-dd"`, `"projection.enabled":"true"`, `"/curated/diagnostics/dt=${dt}/"`)
		if testkit.Props(table)["DatabaseName"] != d.DatabaseName || !strings.HasPrefix(d.DatabaseName, "piidiscovery") {
			t.Errorf("database = %v / %s", testkit.Props(table)["DatabaseName"], d.DatabaseName)
		}
	})

	t.Run("Lake Formation: read-only registration, analysts without the sensitive columns", func(t *testing.T) {
		locRoleID, _ := st.ByPath(t, "AWS::IAM::Role", path+"Location/Role/Resource")
		_, loc := st.ByPath(t, "AWS::LakeFormation::Resource", path+"Location/Resource")
		piidiscoveryContains(t, "location", testkit.JSON(testkit.Props(loc)), `"ResourceArn":{"Fn::Join":["",[{"Fn::GetAtt":["`+curatedID+`","Arn"]},"/curated/diagnostics"]]}`,
			`"RoleArn":{"Fn::GetAtt":["`+locRoleID+`","Arn"]}`, `"UseServiceLinkedRole":false`)
		if pol := piidiscoveryPolicy(t, st, path+"Location/Role"); strings.Contains(pol, "s3:PutObject") {
			t.Errorf("location role writes: %s", pol)
		}
		analystID, _ := st.ByPath(t, "AWS::IAM::Role", path+"Analyst/Resource")
		scientistID, _ := st.ByPath(t, "AWS::IAM::Role", path+"DataScientist/Resource")
		_, cols := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", path+"AnalystColumns/Resource")
		piidiscoveryContains(t, "analyst grant", testkit.JSON(testkit.Props(cols)), `"Permissions":["SELECT"]`,
			`"DataLakePrincipalIdentifier":{"Fn::GetAtt":["`+analystID+`","Arn"]}`,
			`"ColumnNames":["device_id","event_time","status","reading","pii_types","dt"]`)
		_, table := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", path+"DataScientistTable/Resource")
		piidiscoveryContains(t, "data scientist grant", testkit.JSON(testkit.Props(table)), `"Permissions":["SELECT","DESCRIBE"]`,
			`"DataLakePrincipalIdentifier":{"Fn::GetAtt":["`+scientistID+`","Arn"]}`, `"Table":{"CatalogId":{"Ref":"AWS::AccountId"},"DatabaseName":"`+d.DatabaseName+`","Name":"device_diagnostics"}`)
		if got := strings.Join(d.SensitiveColumns, ","); got != "owner_id,notes" {
			t.Errorf("SensitiveColumns = %s", got)
		}
		for _, c := range d.SensitiveColumns {
			if slices.Contains(d.AnalystColumns, c) {
				t.Errorf("analysts see %s", c)
			}
		}
		st.Count(t, "AWS::LakeFormation::PrincipalPermissions", 8) // 4 per instance
	})

	t.Run("workgroup: enforced, SSE-KMS results with the key, both roles may query", func(t *testing.T) {
		_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", path+"WorkGroup/WorkGroup")
		piidiscoveryContains(t, "workgroup", testkit.JSON(testkit.Props(wg)), `"EnforceWorkGroupConfiguration":true`, `"BytesScannedCutoffPerQuery":10000000000`,
			`"EncryptionConfiguration":{"EncryptionOption":"SSE_KMS","KmsKey":{"Fn::GetAtt":["`+keyID+`","Arn"]}}`)
		for _, r := range []string{"Analyst", "DataScientist"} {
			pol := piidiscoveryPolicy(t, st, path+r)
			piidiscoveryContains(t, r+" policy", pol, `"athena:StartQueryExecution"`, `"lakeformation:GetDataAccess"`, `"glue:GetTable"`)
			if strings.Contains(pol, curatedID) {
				t.Errorf("%s reaches the curated bucket through IAM, not Lake Formation: %s", r, pol)
			}
		}
	})

	t.Run("one alarm topic for the delivery, the job and the workgroup", func(t *testing.T) {
		topicID, _ := st.ByPath(t, "AWS::SNS::Topic", path+"AlarmTopic/Resource")
		for id, a := range st.Resources("AWS::CloudWatch::Alarm") {
			if strings.HasPrefix(id, "Pii") && !strings.Contains(testkit.JSON(a), `{"Ref":"`+topicID+`"}`) {
				t.Errorf("alarm %s notifies another topic", id)
			}
		}
		st.Count(t, "AWS::SNS::Topic", 2)
	})
}

func TestPiidiscoveryTwoInstancesAndHashMode(t *testing.T) {
	st := piidiscoveryConfigs().Stack(t, piidiscoveryDefaultsStack)
	a, b := piidiscoveryBuilt.defaults, piidiscoveryBuilt.hashed
	if a.DatabaseName == b.DatabaseName || a.WorkGroup.Name == b.WorkGroup.Name {
		t.Errorf("names collide: %s %s", a.DatabaseName, a.WorkGroup.Name)
	}
	path := piidiscoveryDefaultsStack + "/Hashed/"
	args := piidiscoveryArgs(t, st, path)
	if args["--masking"] != "hash" || !strings.Contains(testkit.JSON(args["--salt_arn"]), ":secretsmanager:") {
		t.Errorf("hash arguments = %v %v", args["--masking"], args["--salt_arn"])
	}
	piidiscoveryContains(t, "job policy", piidiscoveryPolicy(t, st, path+"Job/Role"), `"secretsmanager:GetSecretValue"`, `secret:pii/salt-??????`)
	// The Firehose detectors would mask the identifiers the job hashes.
	_, fn := st.ByPath(t, "AWS::Lambda::Function", path+"Ingest/Redactor/Function/Resource")
	piidiscoveryContains(t, "redactor", testkit.JSON(testkit.Props(fn)["Environment"]), `"DETECT":"false"`)
	_, table := st.ByPath(t, "AWS::Glue::Table", path+"Table/Table")
	piidiscoveryContains(t, "table", testkit.JSON(table), `"Comment":"identifier replaced (hash)"`)
}

func TestPiidiscoveryOptions(t *testing.T) {
	st := piidiscoveryConfigs().Stack(t, piidiscoveryOptionsStack)
	path := piidiscoveryOptionsStack + "/Pii/"
	o := piidiscoveryBuilt.options
	st.Count(t, "AWS::IoT::TopicRule", 0)
	st.Count(t, "AWS::KinesisFirehose::DeliveryStream", 0)
	rawID, _ := st.ByPath(t, "AWS::S3::Bucket", piidiscoveryOptionsStack+"/Raw/Bucket/Resource")
	lakeID, _ := st.ByPath(t, "AWS::S3::Bucket", piidiscoveryOptionsStack+"/Lake/Bucket/Resource")
	args := testkit.JSON(piidiscoveryArgs(t, st, path))
	piidiscoveryContains(t, "arguments", args, `"--language":"es"`, `"--entity_types":"NAME,PHONE,VEHICLE_IDENTIFICATION_NUMBER"`,
		`"--min_score":"0.8"`, `"--batch_bytes":"20000"`, `"--raw_path":{"Fn::Join":["",["s3://",{"Ref":"`+rawID+`"},"/landing/"]]}`,
		`"--curated_path":{"Fn::Join":["",["s3://",{"Ref":"`+lakeID+`"},"/lake/service/"]]}`,
		`{\"name\":\"odometer\",\"type\":\"bigint\",\"handling\":\"keep\"}`)
	_, job := st.ByPath(t, "AWS::Glue::Job", path+"Job/Job/Resource")
	if got := testkit.Props(job)["NumberOfWorkers"]; got != 4.0 {
		t.Errorf("NumberOfWorkers = %v", got)
	}
	_, trig := st.ByPath(t, "AWS::Glue::Trigger", path+"Schedule")
	piidiscoveryContains(t, "trigger", testkit.JSON(trig), `"Schedule":"cron(0 2 * * ? *)"`)

	// The caller's curated bucket: the location role may decrypt with the
	// job's key, which encrypts the objects.
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", path+"Key/Resource")
	piidiscoveryContains(t, "location policy", piidiscoveryPolicy(t, st, path+"Location/Role"), `{"Fn::GetAtt":["`+keyID+`","Arn"]}`)

	// Given roles, no new ones; analysts see the columns kept, two data
	// scientists the whole table; every grant waits for the settings.
	for _, id := range []string{"Analyst", "DataScientist"} {
		if r := st.Resources("AWS::IAM::Role"); len(r) > 0 {
			for lid, role := range r {
				md, _ := role["Metadata"].(map[string]any)
				if md["aws:cdk:path"] == path+id+"/Resource" {
					t.Errorf("role %s created although given", lid)
				}
			}
		}
	}
	if c := piidiscoveryBuilt.columns; c[0].Type != (laketable.Type{}) || c[1].Handling != "" {
		t.Errorf("the caller's columns were changed: %+v", c)
	}
	if got := strings.Join(o.AnalystColumns, ","); got != "odometer,pii_types,dt" {
		t.Errorf("AnalystColumns = %s", got)
	}
	settingsID, _ := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", piidiscoveryOptionsStack+"/LakeSettings/Resource")
	grants := st.Resources("AWS::LakeFormation::PrincipalPermissions")
	if len(grants) != 6 || len(o.Grants) != 6 {
		t.Errorf("%d grants, want 6 (analyst 2, data scientists 2 each)", len(grants))
	}
	for id, g := range grants {
		if !strings.Contains(testkit.JSON(g["DependsOn"]), `"`+settingsID+`"`) {
			t.Errorf("grant %s does not wait for the settings", id)
		}
		piidiscoveryContains(t, "grant "+id, testkit.JSON(g), `"service_curated"`)
	}
	_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", path+"WorkGroup/WorkGroup")
	piidiscoveryContains(t, "workgroup", testkit.JSON(wg), `"BytesScannedCutoffPerQuery":1000000000`)
}

func TestPiidiscoverySandbox(t *testing.T) {
	st := piidiscoverySandboxConfigs().Stack(t, piidiscoverySandboxStack)
	path := piidiscoverySandboxStack + "/Pii/"
	for typ, p := range map[string]string{"AWS::S3::Bucket": "Curated/Bucket/Resource", "AWS::KMS::Key": "Key/Resource", "AWS::Glue::Table": "Table/Table", "AWS::Glue::Database": "Database/Resource"} {
		if _, r := st.ByPath(t, typ, path+p); r["DeletionPolicy"] != "Delete" {
			t.Errorf("sandbox %s DeletionPolicy = %v", p, r["DeletionPolicy"])
		}
	}
}

func TestPiidiscoveryEntityTypesMatchTheScript(t *testing.T) {
	raw, err := os.ReadFile(gluejob.ShippedScript(piidiscovery.Script))
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	for _, typ := range piidiscovery.EntityTypes {
		if !strings.Contains(src, `"`+typ+`"`) {
			t.Errorf("glue/jobs/%s lacks %s", piidiscovery.Script, typ)
		}
	}
	if n := strings.Count(src[strings.Index(src, "PII_ENTITY_TYPES = ("):strings.Index(src, "# DetectPiiEntities' LanguageCode")], `"`) / 2; n != len(piidiscovery.EntityTypes) {
		t.Errorf("the script lists %d types, the construct %d", n, len(piidiscovery.EntityTypes))
	}
}
