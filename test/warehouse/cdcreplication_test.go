package warehouse_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const cdcreplicationStackName = "CdcStack"

var cdcreplicationEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

var cdcreplicationBuilt = map[string]*cdcreplication.Replication{}

func cdcreplicationSource(stack awscdk.Stack) awssecretsmanager.ISecret {
	return awssecretsmanager.Secret_FromSecretCompleteArn(stack, jsii.String("SourceSecret"), jsii.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:plm-mysql-AbCdEf"))
}

var cdcreplicationConfigs = testkit.Register("cdc", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(cdcreplicationStackName), &awscdk.StackProps{Env: cdcreplicationEnv})
	wh := warehouse.New(stack, "Warehouse", nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	cdcreplication.NewSourceParameterGroup(stack, "MySqlBinlog", "mysql8.0")
	cdcreplicationBuilt["Plm"] = cdcreplication.New(stack, "Plm", &cdcreplication.Props{
		SourceSecret: cdcreplicationSource(stack), Schemas: []string{"plm_db"}, Warehouse: wh, Lake: lake.Bucket, LakePrefix: "cdc/",
	})
})

func TestCdcreplicationReplicationDefaults(t *testing.T) {
	st := cdcreplicationConfigs().Stack(t, cdcreplicationStackName)
	_, inst := st.ByPath(t, "AWS::DMS::ReplicationInstance", cdcreplicationStackName+"/Plm/Instance")
	ip := testkit.Props(inst)
	if ip["PubliclyAccessible"] != false || ip["ReplicationInstanceClass"] != "dms.t3.medium" || ip["KmsKeyId"] == nil || ip["MultiAZ"] != false {
		t.Errorf("instance = %s", testkit.JSON(ip))
	}
	_, src := st.ByPath(t, "AWS::DMS::Endpoint", cdcreplicationStackName+"/Plm/Source")
	sp := testkit.JSON(testkit.Props(src))
	if !strings.Contains(sp, `"SecretsManagerSecretId":"arn:aws:secretsmanager:eu-west-1:111111111111:secret:plm-mysql-AbCdEf"`) || strings.Contains(sp, "Password") {
		t.Errorf("source = %s", sp)
	}
	_, task := st.ByPath(t, "AWS::DMS::ReplicationTask", cdcreplicationStackName+"/Plm/WarehouseTask")
	tp := testkit.Props(task)
	if tp["MigrationType"] != "full-load-and-cdc" {
		t.Errorf("MigrationType = %v", tp["MigrationType"])
	}
	if tp["TableMappings"] != `{"rules":[{"object-locator":{"schema-name":"plm_db","table-name":"%"},"rule-action":"include","rule-id":"1","rule-name":"include-plm_db","rule-type":"selection"}]}` {
		t.Errorf("TableMappings = %v", tp["TableMappings"])
	}
	settings := tp["ReplicationTaskSettings"].(string)
	for _, w := range []string{`"TargetMetadata":{"BatchApplyEnabled":true,"FullLobMode":false,"LimitedSizeLobMode":true,"LobMaxSize":32,"SupportLobs":true}`, `"TargetTablePrepMode":"TRUNCATE_BEFORE_LOAD"`, `"EnableLogging":true`} {
		if !strings.Contains(settings, w) {
			t.Errorf("settings lack %s: %s", w, settings)
		}
	}
	_, start := st.ByPath(t, "Custom::AWS", cdcreplicationStackName+"/Plm/WarehouseTaskStart/Resource/Default")
	if !strings.Contains(testkit.JSON(start), "startReplicationTask") || !strings.Contains(testkit.JSON(start), "stopReplicationTask") {
		t.Errorf("start = %s", testkit.JSON(start))
	}
	for _, name := range []string{"dms-vpc-role", "dms-cloudwatch-logs-role", "dms-access-for-endpoint"} {
		found := false
		for _, r := range st.Resources("AWS::IAM::Role") {
			if testkit.Props(r)["RoleName"] == name {
				found = true
			}
		}
		if !found {
			t.Errorf("no role %s", name)
		}
	}
	_, lake := st.ByPath(t, "AWS::DMS::Endpoint", cdcreplicationStackName+"/Plm/LakeTarget")
	lp := testkit.JSON(testkit.Props(lake))
	for _, w := range []string{`"DataFormat":"parquet"`, `"TimestampColumnName":"cdc_timestamp"`, `"IncludeOpForFullLoad":true`, `"BucketFolder":"cdc"`, `"EncryptionMode":"SSE_KMS"`} {
		if !strings.Contains(lp, w) {
			t.Errorf("lake target lacks %s: %s", w, lp)
		}
	}
	alarms := 0
	for _, a := range st.Resources("AWS::CloudWatch::Alarm") {
		p := testkit.JSON(testkit.Props(a))
		if strings.Contains(p, "CDCLatency") && strings.Contains(p, "ReplicationTaskIdentifier") && strings.Contains(p, "AlarmActions") {
			alarms++
		}
	}
	if alarms != 4 {
		t.Errorf("%d CDC latency alarms, want 4 (source and target latency of two tasks)", alarms)
	}
}

func TestCdcreplicationSourceParameterGroup(t *testing.T) {
	st := cdcreplicationConfigs().Stack(t, cdcreplicationStackName)
	_, pg := st.ByPath(t, "AWS::RDS::DBParameterGroup", cdcreplicationStackName+"/MySqlBinlog")
	p := testkit.Props(pg)
	if p["Family"] != "mysql8.0" || testkit.JSON(p["Parameters"]) != `{"binlog_checksum":"NONE","binlog_format":"ROW","binlog_row_image":"FULL","require_secure_transport":"true"}` {
		t.Errorf("parameter group = %s", testkit.JSON(p))
	}
}

func TestCdcreplicationRejectedProps(t *testing.T) {
	cases := map[string]struct {
		props func(stack awscdk.Stack) *cdcreplication.Props
		wants []string
	}{
		"settings that are not JSON": {func(s awscdk.Stack) *cdcreplication.Props {
			return &cdcreplication.Props{SourceSecret: cdcreplicationSource(s), Schemas: []string{"plm_db"}, Warehouse: warehouse.New(s, "W", nil), TaskSettings: `{"TargetMetadata": {`}
		}, []string{"cdcreplication Bad/Cdc: invalid props", "TaskSettings = not valid JSON"}},
		"unknown section, misplaced keys": {func(s awscdk.Stack) *cdcreplication.Props {
			return &cdcreplication.Props{SourceSecret: cdcreplicationSource(s), Schemas: []string{"plm_db"}, Warehouse: warehouse.New(s, "W", nil),
				TaskSettings: `{"TargetSettings": {}, "BatchApplyEnabled": true, "ChangeProcessingTuning": {"BatchApplyEnabled": true}, "TargetMetadata": {"LobMaxSize": 0}}`}
		}, []string{`unknown section "TargetSettings"`, "BatchApplyEnabled is a setting of the TargetMetadata section", "ChangeProcessingTuning.BatchApplyEnabled: BatchApplyEnabled is read from TargetMetadata", "LobMaxSize = 0"}},
		"no secret, no target": {func(s awscdk.Stack) *cdcreplication.Props { return &cdcreplication.Props{Schemas: []string{"plm_db"}} },
			[]string{"SourceSecret = nil", "Warehouse and Lake = nil"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				s := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				cdcreplication.New(s, "Cdc", c.props(s))
			}, c.wants...)
		})
	}
	t.Run("warehouse in another region", func(t *testing.T) {
		testkit.MustPanic(t, func() {
			app := testkit.NewApp(t.TempDir(), nil)
			target := awscdk.NewStack(app, jsii.String("Target"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-central-1")}})
			here := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: cdcreplicationEnv})
			cdcreplication.New(here, "Cdc", &cdcreplication.Props{SourceSecret: cdcreplicationSource(here), Schemas: []string{"plm_db"}, Warehouse: warehouse.New(target, "W", nil)})
		}, "Warehouse = Target/W: a warehouse in this stack's account and region (111111111111, eu-west-1)")
	})
}
