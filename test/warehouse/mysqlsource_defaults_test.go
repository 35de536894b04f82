package warehouse_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mysqlsource"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMysqlsourceDefaults(t *testing.T) {
	st := mysqlsourceDefaults().Stack(t, mysqlsourceStackName)
	db := mysqlsourceBuilt["defaults"]
	instID, inst := st.ByPath(t, "AWS::RDS::DBInstance", mysqlsourceStackName+"/Plm/Instance")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", mysqlsourceStackName+"/Plm/Key/Resource")
	p := testkit.Props(inst)

	t.Run("RDS for MySQL 8.0, Multi-AZ, 7 days of backups, deletion protection, final snapshot (STO-03)", func(t *testing.T) {
		for k, want := range map[string]string{
			"Engine": `"mysql"`, "EngineVersion": `"8.0.46"`, "DBInstanceClass": `"db.t4g.small"`, "AllocatedStorage": `"20"`, "StorageType": `"gp3"`,
			"MultiAZ": "true", "BackupRetentionPeriod": "7", "DeleteAutomatedBackups": "false", "DeletionProtection": "true",
			"CopyTagsToSnapshot": "true", "AutoMinorVersionUpgrade": "true", "DBName": `"plm_db"`,
		} {
			if got := testkit.JSON(p[k]); got != want {
				t.Errorf("%s = %s, want %s", k, got, want)
			}
		}
		if inst["DeletionPolicy"] != "Snapshot" || inst["UpdateReplacePolicy"] != "Snapshot" {
			t.Errorf("DeletionPolicy %v UpdateReplacePolicy %v, want Snapshot", inst["DeletionPolicy"], inst["UpdateReplacePolicy"])
		}
	})

	t.Run("access: private, port 3307, IAM auth, CMK storage, RDS-managed master secret with the CMK (DWH-12)", func(t *testing.T) {
		keyArn := `{"Fn::GetAtt":["` + keyID + `","Arn"]}`
		for k, want := range map[string]string{
			"PubliclyAccessible": "false", "Port": `"3307"`, "EnableIAMDatabaseAuthentication": "true", "StorageEncrypted": "true",
			"KmsKeyId": keyArn, "MasterUsername": `"cdp_admin"`, "ManageMasterUserPassword": "true", "MasterUserSecret": `{"KmsKeyId":` + keyArn + `}`,
		} {
			if got := testkit.JSON(p[k]); got != want {
				t.Errorf("%s = %s, want %s", k, got, want)
			}
		}
		if _, ok := p["MasterUserPassword"]; ok {
			t.Error("the template holds a master password")
		}
		sgID, sg := st.ByPath(t, "AWS::EC2::SecurityGroup", mysqlsourceStackName+"/Plm/SecurityGroup/Resource")
		if got := testkit.JSON(p["VPCSecurityGroups"]); got != `[{"Fn::GetAtt":["`+sgID+`","GroupId"]}]` {
			t.Errorf("VPCSecurityGroups = %s", got)
		}
		if strings.Contains(testkit.JSON(sg), "0.0.0.0/0") {
			t.Errorf("security group open to the internet: %s", testkit.JSON(sg))
		}
		dmsID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", mysqlsourceStackName+"/Dms/Resource")
		st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{
			"GroupId": map[string]any{"Fn::GetAtt": []any{sgID, "GroupId"}}, "IpProtocol": "tcp", "FromPort": 3307.0, "ToPort": 3307.0,
			"SourceSecurityGroupId": map[string]any{"Fn::GetAtt": []any{dmsID, "GroupId"}},
		})
		_, policy := st.ByPath(t, "AWS::IAM::Policy", mysqlsourceStackName+"/Reader/DefaultPolicy/Resource")
		want := `{"Action":"rds-db:connect","Effect":"Allow","Resource":{"Fn::Join":["",["arn:aws:rds-db:eu-west-1:111111111111:dbuser:",{"Fn::GetAtt":["` + instID + `","DbiResourceId"]},"/report_reader"]]}}`
		if got := testkit.JSON(testkit.Props(policy)["PolicyDocument"]); !strings.Contains(got, want) {
			t.Errorf("GrantConnect policy = %s, want %s", got, want)
		}
	})

	t.Run("audit: all four log exports into pre-created CMK log groups kept a year, the audit plugin, general and slow logs on", func(t *testing.T) {
		if got := testkit.JSON(p["EnableCloudwatchLogsExports"]); got != `["audit","error","general","slowquery"]` {
			t.Errorf("EnableCloudwatchLogsExports = %s", got)
		}
		deps := testkit.JSON(inst["DependsOn"])
		for _, typ := range mysqlsource.LogTypes {
			lgID, lg := st.ByPath(t, "AWS::Logs::LogGroup", mysqlsourceStackName+"/Plm/Log-"+typ+"/Resource")
			lp := testkit.Props(lg)
			if lp["LogGroupName"] != "/aws/rds/instance/"+db.Identifier+"/"+typ || lp["RetentionInDays"] != 365.0 ||
				testkit.JSON(lp["KmsKeyId"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` || lg["DeletionPolicy"] != "Retain" {
				t.Errorf("log group %s = %s", typ, testkit.JSON(lg))
			}
			if !strings.Contains(deps, `"`+lgID+`"`) {
				t.Errorf("the instance does not wait for log group %s (DependsOn %s)", typ, deps)
			}
		}
		if p["DBInstanceIdentifier"] != db.Identifier || !strings.Contains(db.Identifier, "sourcedbstack") || !strings.Contains(db.Identifier, "-plm-") || len(db.Identifier) > 63 {
			t.Errorf("DBInstanceIdentifier = %v, Identifier = %s", p["DBInstanceIdentifier"], db.Identifier)
		}
		ogID, og := st.ByPath(t, "AWS::RDS::OptionGroup", mysqlsourceStackName+"/Plm/AuditPlugin")
		want := `[{"OptionName":"MARIADB_AUDIT_PLUGIN","OptionSettings":[{"Name":"SERVER_AUDIT_EVENTS","Value":"CONNECT,QUERY_DDL,QUERY_DCL"},{"Name":"SERVER_AUDIT_EXCL_USERS","Value":"rdsadmin"}]}]`
		if op := testkit.Props(og); op["EngineName"] != "mysql" || op["MajorEngineVersion"] != "8.0" || testkit.JSON(op["OptionConfigurations"]) != want {
			t.Errorf("option group = %s", testkit.JSON(op))
		}
		pgID, pg := st.ByPath(t, "AWS::RDS::DBParameterGroup", mysqlsourceStackName+"/Plm/Parameters")
		want = `{"binlog_checksum":"NONE","binlog_format":"ROW","binlog_row_image":"FULL","general_log":"1","log_output":"FILE","long_query_time":"2","require_secure_transport":"true","slow_query_log":"1"}`
		if pp := testkit.Props(pg); pp["Family"] != "mysql8.0" || testkit.JSON(pp["Parameters"]) != want {
			t.Errorf("parameter group = %s", testkit.JSON(pp))
		}
		if testkit.JSON(p["DBParameterGroupName"]) != `{"Ref":"`+pgID+`"}` || testkit.JSON(p["OptionGroupName"]) != `{"Ref":"`+ogID+`"}` {
			t.Errorf("groups = %s %s", testkit.JSON(p["DBParameterGroupName"]), testkit.JSON(p["OptionGroupName"]))
		}
	})

	t.Run("enhanced monitoring every 60 s with its own role", func(t *testing.T) {
		roleID, role := st.ByPath(t, "AWS::IAM::Role", mysqlsourceStackName+"/Plm/MonitoringRole/Resource")
		if p["MonitoringInterval"] != 60.0 || testkit.JSON(p["MonitoringRoleArn"]) != `{"Fn::GetAtt":["`+roleID+`","Arn"]}` {
			t.Errorf("monitoring = %v %s", p["MonitoringInterval"], testkit.JSON(p["MonitoringRoleArn"]))
		}
		if !strings.Contains(testkit.JSON(role), `"Service":"monitoring.rds.amazonaws.com"`) || !strings.Contains(testkit.JSON(role), "AmazonRDSEnhancedMonitoringRole") {
			t.Errorf("monitoring role = %s", testkit.JSON(role))
		}
	})

	t.Run("the DMS secret: dms_reader, generated password, CMK, attached to the instance for host and port", func(t *testing.T) {
		secretID, secret := st.ByPath(t, "AWS::SecretsManager::Secret", mysqlsourceStackName+"/Plm/ReplicationSecret/Resource")
		sp := testkit.Props(secret)
		if got := testkit.JSON(sp["GenerateSecretString"]); !strings.Contains(got, `"SecretStringTemplate":"{\"username\":\"dms_reader\"}"`) || !strings.Contains(got, `"GenerateStringKey":"password"`) {
			t.Errorf("GenerateSecretString = %s", got)
		}
		if testkit.JSON(sp["KmsKeyId"]) != `{"Fn::GetAtt":["`+keyID+`","Arn"]}` {
			t.Errorf("secret KmsKeyId = %s", testkit.JSON(sp["KmsKeyId"]))
		}
		attID, _ := st.ByPath(t, "AWS::SecretsManager::SecretTargetAttachment", mysqlsourceStackName+"/Plm/ReplicationSecretAttachment")
		st.Has(t, "AWS::SecretsManager::SecretTargetAttachment", map[string]any{
			"SecretId": map[string]any{"Ref": secretID}, "TargetId": map[string]any{"Ref": instID}, "TargetType": "AWS::RDS::DBInstance",
		})
		if got := testkit.JSON(awscdk.Stack_Of(db.Instance).Resolve(db.ReplicationSecret.SecretArn())); got != `{"Ref":"`+attID+`"}` {
			t.Errorf("ReplicationSecret ARN = %s, want the attachment's reference", got)
		}
		if got := testkit.JSON(awscdk.Stack_Of(db.Instance).Resolve(db.MasterSecret.SecretArn())); got != `{"Fn::GetAtt":["`+instID+`","MasterUserSecret.SecretArn"]}` {
			t.Errorf("MasterSecret ARN = %s", got)
		}
	})

	t.Run("in the VPC's isolated subnets", func(t *testing.T) {
		_, sg := st.ByPath(t, "AWS::RDS::DBSubnetGroup", mysqlsourceStackName+"/Plm/Subnets")
		if n := len(testkit.Props(sg)["SubnetIds"].([]any)); n < 2 {
			t.Errorf("%d subnets, Multi-AZ needs two zones", n)
		}
	})
}

func TestMysqlsourceOptions(t *testing.T) {
	st := mysqlsourceOptions().Stack(t, mysqlsourceStackName)
	_, inst := st.ByPath(t, "AWS::RDS::DBInstance", mysqlsourceStackName+"/Erp/Instance")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", mysqlsourceStackName+"/SharedKey/Resource")
	p := testkit.Props(inst)
	for k, want := range map[string]string{
		"EngineVersion": `"8.0.44"`, "DBInstanceClass": `"db.r7g.large"`, "AllocatedStorage": `"100"`, "Port": `"13306"`, "DBName": `"erp_db"`,
		"MasterUsername": `"erp_owner"`, "BackupRetentionPeriod": "35", "MonitoringInterval": "15", "KmsKeyId": `{"Fn::GetAtt":["` + keyID + `","Arn"]}`,
		"DeletionProtection": "true",
	} {
		if got := testkit.JSON(p[k]); got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	if inst["DeletionPolicy"] != "Delete" {
		t.Errorf("sandbox DeletionPolicy = %v, want Delete", inst["DeletionPolicy"])
	}
	_, lg := st.ByPath(t, "AWS::Logs::LogGroup", mysqlsourceStackName+"/Erp/Log-audit/Resource")
	if testkit.Props(lg)["RetentionInDays"] != 731.0 || lg["DeletionPolicy"] != "Delete" {
		t.Errorf("audit log group = %s", testkit.JSON(lg))
	}
	_, secret := st.ByPath(t, "AWS::SecretsManager::Secret", mysqlsourceStackName+"/Erp/ReplicationSecret/Resource")
	if !strings.Contains(testkit.JSON(secret), `{\"username\":\"erp_cdc\"}`) {
		t.Errorf("secret = %s", testkit.JSON(secret))
	}
	st.Count(t, "AWS::KMS::Key", 2) // the shared key and the flow logs' key: no key of its own
}

// TestMysqlsourceBadProps: each invalid input fails synthesis with the path,
// the property, the value and what is allowed.
func TestMysqlsourceBadProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(awsec2.IVpc) *mysqlsource.Props
		wants []string
	}{
		{"no VPC", func(awsec2.IVpc) *mysqlsource.Props { return nil }, []string{"Vpc = <nil>: the VPC of the database"}},
		{"MySQL 8.4 and 5.7", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, EngineVersion: "8.4.3"} },
			[]string{`EngineVersion = 8.4.3: RDS for MySQL 8.0.x`}},
		{"a major version only", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, EngineVersion: "8.0"} },
			[]string{`EngineVersion = 8.0: RDS for MySQL 8.0.x`}},
		{"before the audit plugin", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, EngineVersion: "8.0.25"} },
			[]string{`EngineVersion = 8.0.25: RDS for MySQL 8.0.x, 8.0.28 or later`}},
		{"instance class without db.", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, InstanceClass: "t4g.small"} },
			[]string{"InstanceClass = t4g.small"}},
		{"storage", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, AllocatedStorage: jsii.Number(10)}
		}, []string{"AllocatedStorage = 10: gp3 storage of 20 to 65,536 GiB"}},
		{"MySQL's default port", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, Port: jsii.Number(3306)} },
			[]string{"Port = 3306: 1150 to 65535, not MySQL's default 3306"}},
		{"port out of range", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, Port: jsii.Number(80)} },
			[]string{"Port = 80"}},
		{"database name", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, DatabaseName: "plm-db"} },
			[]string{"DatabaseName = plm-db"}},
		{"default administrator", func(v awsec2.IVpc) *mysqlsource.Props { return &mysqlsource.Props{Vpc: v, MasterUsername: "admin"} },
			[]string{"MasterUsername = admin: a name other than admin, root"}},
		{"user names too long and equal", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, ReplicationUsername: "a_very_long_replication_user"}
		}, []string{"ReplicationUsername = a_very_long_replication_user: a letter, then up to 15"}},
		{"DMS as the administrator", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, MasterUsername: "owner", ReplicationUsername: "owner"}
		}, []string{"MasterUsername and ReplicationUsername = owner: two different users"}},
		{"backups of 1 day", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, BackupRetentionDays: jsii.Number(1)}
		}, []string{"BackupRetentionDays = 1: 7 to 35 days"}},
		{"backups of 36 days", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, BackupRetentionDays: jsii.Number(36)}
		}, []string{"BackupRetentionDays = 36"}},
		{"monitoring every 20 s", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, MonitoringIntervalSeconds: jsii.Number(20)}
		}, []string{"MonitoringIntervalSeconds = 20: enhanced monitoring every 1, 5, 10, 15, 30 or 60 seconds"}},
		{"logs kept a month", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, LogRetention: awslogs.RetentionDays_ONE_MONTH}
		}, []string{"LogRetention = ONE_MONTH: at least one year"}},
		{"logs kept forever", func(v awsec2.IVpc) *mysqlsource.Props {
			return &mysqlsource.Props{Vpc: v, LogRetention: awslogs.RetentionDays_INFINITE}
		}, []string{"LogRetention = INFINITE: a finite retention"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), nil)
				vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{NatGateways: jsii.Number(0)})
				mysqlsource.New(stack, "Source", c.props(vpc))
			}, append([]string{"mysqlsource Bad/Source: invalid props"}, c.wants...)...)
		})
	}
}
