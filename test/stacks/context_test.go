package stacks_test

import (
	"slices"
	"testing"

	"github.com/cdk-data-patterns/patterns/stacks"
	"github.com/cdk-data-patterns/patterns/stacks/checks"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestCompliancePacks: the "compliance" context as cdk.json writes it (a
// list) and as `cdk synth -c` passes it (a string: JSON or names with
// commas).
func TestCompliancePacks(t *testing.T) {
	for _, c := range []struct {
		value any
		want  []string
	}{
		{[]any{"hipaa", "pci"}, []string{"hipaa", "pci"}},
		{`["nist"]`, []string{"nist"}},
		{"hipaa, nist,pci", []string{"hipaa", "nist", "pci"}},
		{[]any{}, nil},
	} {
		var got []string
		for _, p := range checks.Selected(testkit.NewApp(t.TempDir(), map[string]any{checks.ContextKey: c.value})) {
			got = append(got, p.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("compliance %v: packs %v, want %v", c.value, got, c.want)
		}
	}
}

// TestBadContext: a wrong cdk.json value stops synthesis with the key, the
// value and what is allowed, every problem at once.
func TestBadContext(t *testing.T) {
	cases := []struct {
		name  string
		ctx   map[string]any
		wants []string
	}{
		{"sandbox typo", map[string]any{"sandbox": "yes"}, []string{`context "sandbox" = yes: must be true or false`}},
		{"compliance packs", map[string]any{"compliance": []any{"hipaa", "sox", "hipaa"}}, []string{
			`compliance.1 = "sox": one of "hipaa", "nist", "pci"`,
			`compliance.2 = "hipaa": each pack once`,
		}},
		{"compliance not a list", map[string]any{"compliance": 3}, []string{"context compliance:"}},
		{"securestorage values", map[string]any{"securestorage": map[string]any{
			"account": "12345", "region": "mars-1", "lifecycle": "forever", "objectLockDays": -1, "alarmEmail": "nobody",
		}}, []string{
			`securestorage.account = "12345": a 12-digit AWS account id`,
			`securestorage.region = "mars-1"`,
			`securestorage.lifecycle = "forever": "notes" or "none"`,
			`securestorage.objectLockDays = "-1"`,
			`securestorage.alarmEmail = "nobody"`,
		}},
		{"replication half set", map[string]any{"securestorage": map[string]any{"replicaBucketArn": "arn:aws:s3:::b"}},
			[]string{"replicaBucketArn/replicaRegion/replicaKeyArn", "all three set"}},
		{"redrive schedule", map[string]any{"securestorage": map[string]any{"redriveSchedule": "every hour"}},
			[]string{`securestorage.redriveSchedule = "every hour": an EventBridge schedule`}},
		{"redrive schedule with a plural of one", map[string]any{"securestorage": map[string]any{"redriveSchedule": "rate(1 hours)"}},
			[]string{`securestorage.redriveSchedule = "rate(1 hours)"`}},
		{"wrong type", map[string]any{"securestorage": map[string]any{"objectLockDays": "thirty"}},
			[]string{"context securestorage:"}},
		{"streaming values", map[string]any{"streaming": map[string]any{
			"account": "1", "region": "eu_west_1", "capacity": "auto", "alarmEmail": "oncall",
		}}, []string{
			`streaming.account = "1"`,
			`streaming.region = "eu_west_1"`,
			`streaming.capacity = "auto": "onDemand" or "provisioned"`,
			`streaming.alarmEmail = "oncall"`,
		}},
		{"shard scaler on an on-demand stream", map[string]any{"streaming": map[string]any{"shardScaler": true, "maxShards": 8, "capacity": "onDemand"}},
			[]string{`streaming.shardScaler = "true": only with capacity "provisioned"`}},
		{"max shards without the scaler", map[string]any{"streaming": map[string]any{"maxShards": 8}},
			[]string{`streaming.maxShards = "8": only with shardScaler true`}},
		{"firehose values", map[string]any{"firehose": map[string]any{
			"splunkHecEndpoint": "http://splunk:8088", "flowLogsVpcId": "vpc-1", "alarmEmail": "x",
		}}, []string{
			`firehose.splunkHecEndpoint = "http://splunk:8088": an https:// URL`,
			`firehose.flowLogsVpcId = "vpc-1"`,
			`firehose.alarmEmail = "x"`,
		}},
		{"a bad OpenSearch index name reaches the construct's checks", map[string]any{"firehose": map[string]any{"openSearchIndexName": "Music.Events"}},
			[]string{"streamtoopensearch FirehoseDelivery/MusicSearch: invalid props", "IndexName = Music.Events"}},
		{"half the enrichment settings", map[string]any{"firehose": map[string]any{"enrichTableName": "users"}},
			[]string{`firehose.enrichLogGroupName/enrichTableName/enrichTableKey/enrichKeyField = "1 of 4 set": all four`}},
		{"glue values", map[string]any{"glue": map[string]any{
			"table": "Orders", "curatedDatabase": "lake_raw", "streamArn": "stream/x",
		}}, []string{
			`glue.table = "Orders": lowercase letters, digits and underscores`,
			`glue.curatedDatabase = "lake_raw": a database other than rawDatabase`,
			`glue.streamArn = "stream/x"`,
		}},
		{"a bad raw database and prefix reach the crawler's checks", map[string]any{"glue": map[string]any{"rawDatabase": "Raw-DB", "rawPrefix": "/raw"}},
			[]string{"gluecatalog GlueEtl/RawCatalog: invalid props", "DatabaseName = Raw-DB: 1 to 255 lowercase letters", `Targets[0].Prefix = /raw: a key prefix without a leading "/"`}},
		{"a bad workflow schedule reaches the workflow's checks", map[string]any{"glue": map[string]any{"schedule": "daily"}},
			[]string{"gluecatalog.Workflow GlueEtl/Nightly: invalid props", "Schedule = daily: a cron expression with six fields"}},
		{"a bad quality gate reaches the quality construct", map[string]any{"glue": map[string]any{"qualityGate": "warn"}},
			[]string{"gluequality GlueEtl/CuratedQuality: invalid props", "Job.Gate = warn: fail or report"}},
		{"the notes' ruleset reaches the DQDL parser", map[string]any{"glue": map[string]any{"qualityRuleset": "Rules = [\n    IsComplete \"customer_id\"\n    CustomSQL \"SELECT 1\" > 0\n]"}},
			[]string{"gluequality GlueEtl/CuratedQuality: invalid props", "Ruleset line 3, column 5", "missing comma between rules", `did you mean "CustomSql"?`}},
		{"glue in another environment than the stream", map[string]any{"glue": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"set glue.streamArn or give both stacks the same environment"}},
		{"lakehouse values", map[string]any{"lakehouse": map[string]any{
			"database": "Lake-House", "consumerAccount": "12345", "scanCutoffMB": 5, "dailyScanAlarmGB": -1, "alarmEmail": "nobody",
			"otherRegions": []any{map[string]any{"bucket": "B!", "region": "mars-1", "prefix": "/orders", "keyArn": "arn:aws:kms:eu-west-1:111111111111:key/11111111-2222-3333-4444-555555555555"}},
		}}, []string{`lakehouse.database = "Lake-House"`, `lakehouse.consumerAccount = "12345": the 12-digit id of another account`,
			`lakehouse.scanCutoffMB = "5": 10 or more`, `lakehouse.dailyScanAlarmGB = "-1": 1 or more`, `lakehouse.alarmEmail = "nobody"`,
			`lakehouse.otherRegions[0].bucket = "B!"`, `lakehouse.otherRegions[0].region = "mars-1"`, `lakehouse.otherRegions[0].prefix = "/orders"`,
			`lakehouse.otherRegions[0].keyArn`, "in mars-1"}},
		{"a lakehouse admin that is not an ARN reaches the settings' checks", map[string]any{"lakehouse": map[string]any{"admins": []any{"alice"}}},
			[]string{"lakeformation", "Lakehouse/LakeSettings", "alice"}},
		{"the lakehouse in another environment than the lake", map[string]any{"lakehouse": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context lakehouse: account/region differ from glue's"}},
		{"orchestration values", map[string]any{"orchestration": map[string]any{
			"noticeEmail": "ops", "afterHours": "cron(0 20 * * MON-FRI *)", "mwaa": map[string]any{"environmentClass": "mw2.small", "maxWorkers": 30},
			"emr": map[string]any{"clusterId": "cluster-1"},
		}}, []string{`orchestration.noticeEmail = "ops"`, `orchestration.afterHours = "cron(0 20 * * MON-FRI *)": a cron expression AWS accepts, but exactly one of day-of-month and day-of-week must be "?"`,
			`orchestration.mwaa.environmentClass = "mw2.small": one of mw1.micro`, `orchestration.mwaa.maxWorkers = "30": 1 to 25`,
			`orchestration.emr.clusterId = "cluster-1"`, `orchestration.emr.steps = "[]"`}},
		{"a bad Spark step reaches the steps' checks", map[string]any{"orchestration": map[string]any{
			"emr": map[string]any{"clusterId": "j-2AXXXXXXGAPLF", "steps": []any{map[string]any{"name": "clean", "script": "clean.py"}}},
		}}, []string{"statemachine.SparkSteps Orchestration/Emr/Spark: invalid props", `Steps[0].Script = "clean.py"`}},
		{"a bad indexing schedule", map[string]any{"orchestration": map[string]any{"search": map[string]any{"schedule": "every 8 hours"}}},
			[]string{`orchestration.search.schedule = "every 8 hours"`}},
		{"the orders indexed into a domain of another environment", map[string]any{"firehose": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context orchestration: account/region differ from firehose's", "orchestration.search.enabled"}},
		{"streamAnalytics values", map[string]any{"streamAnalytics": map[string]any{
			"alarmEmail": "ops", "msk": map[string]any{"topic": "sensor readings", "connectPlugin": "plugin.tar.gz", "retentionHours": 0.5},
			"logShipper": map[string]any{"agent": "filebeat"}, "flink": map[string]any{"anomalyFactor": 0.5},
			"search": map[string]any{"warmNodes": 0, "cold": true, "warmAfterDays": 30, "coldAfterDays": 7},
		}}, []string{`streamAnalytics.alarmEmail = "ops"`, `streamAnalytics.msk.topic = "sensor readings": a Kafka topic name`,
			`streamAnalytics.msk.connectPlugin = "plugin.tar.gz": the path of a .zip or .jar plugin archive`,
			`streamAnalytics.msk.retentionHours = "0.5": a whole number of hours, 1 or more`,
			`streamAnalytics.logShipper.agent = "filebeat": "fluent-bit" or "kinesis-agent"`,
			`streamAnalytics.flink.anomalyFactor = "0.5": above 1`,
			`streamAnalytics.search.cold = "true": false without warm nodes`,
			`streamAnalytics.search.warmAfterDays = "30": warmAfterDays < coldAfterDays < deleteAfterDays`}},
		{"bad MSK sizes reach the cluster", map[string]any{"streamAnalytics": map[string]any{"msk": map[string]any{"volumeGiB": 20000}}},
			[]string{"mskcluster StreamAnalytics/Kafka: invalid props", "VolumeSize"}},
		{"a pipeline without its connection nor a target environment", map[string]any{"cicd": map[string]any{"enabled": true, "account": "12"}},
			[]string{`cicd.account = "12"`, `cicd.connectionArn = "": the ARN of a CodeConnections connection`, `cicd.enabled = "true": false while the data stacks have no account and region`}},
		{"spark values", map[string]any{"spark": map[string]any{
			"alarmEmail": "ops", "skewThreshold": 0.5, "cluster": map[string]any{"mode": "nightly"},
			"eks": map[string]any{"clusterName": "-bad", "adminRoleArn": "admins"},
		}}, []string{
			`spark.alarmEmail = "ops"`, `spark.skewThreshold = "0.5": 1 or more`, `spark.cluster.mode = "nightly": "long-running" or "transient"`,
			`spark.eks.clusterName = "-bad"`, `spark.eks.oidcProviderArn = "": the IAM OIDC provider ARN of eks.clusterName: both or neither`,
			`spark.eks.adminRoleArn = "admins": an IAM role ARN, only for a created cluster`,
		}},
		{"spark with no compute", map[string]any{"spark": map[string]any{"serverless": map[string]any{"enabled": false}}},
			[]string{`spark.serverless.enabled = "false": at least one of serverless, cluster and eks enabled`}},
		{"bad Spark sizes reach the application", map[string]any{"spark": map[string]any{"serverless": map[string]any{"maxVcpu": 2.5}}},
			[]string{"emrserverless SparkCompute/Spark: invalid props", "MaximumCapacity.VCpu = 2.5: a whole number of vCPUs"}},
		{"a bad Spark schedule reaches the state machine", map[string]any{"spark": map[string]any{"schedule": "cron(0 3 * * *)"}},
			[]string{"SparkCompute/Nightly: invalid props", `Schedule = cron(0 3 * * *)`}},
		{"a cluster with more core units than its maximum reaches the construct", map[string]any{"spark": map[string]any{
			"cluster": map[string]any{"enabled": true, "coreCapacity": 8, "maxUnits": 4},
		}}, []string{"emrcluster SparkCompute/Cluster: invalid props"}},
		{"spark in another environment than the lake", map[string]any{"spark": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context spark: account/region differ from glue's"}},
		{"the orchestration in another environment than the lake", map[string]any{"orchestration": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context orchestration: account/region differ from glue's"}},
		{"the warehouse in another environment than the lake", map[string]any{"warehouse": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context warehouse: account/region differ from glue's", "give both stacks the same environment"}},
		{"audit values", map[string]any{"audit": map[string]any{
			"alarmEmail": "sec", "trail": map[string]any{"existingLogGroup": "aws-controltower/CloudTrailLogs"},
			"config": map[string]any{"organizationalUnitIds": []any{"ou-ab12-34cd56ef"}},
		}}, []string{`audit.alarmEmail = "sec"`,
			`audit.trail.existingLogGroup = "aws-controltower/CloudTrailLogs": empty unless trail.existing is true`,
			`audit.config.organizationalUnitIds/regions = "[ou-ab12-34cd56ef]": both set (a stack set of the rules) or both empty`}},
		{"audit stack set regions", map[string]any{"audit": map[string]any{"config": map[string]any{
			"organizationalUnitIds": []any{"ou-ab12-34cd56ef"}, "regions": []any{"europe"},
		}}}, []string{`audit.config.regions = "europe": AWS regions such as eu-west-1`}},
		{"the audit in another environment than the lake", map[string]any{"audit": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context audit: account/region differ from glue's or securestorage's", "audit.trail.lakeDataEvents to false"}},
		{"dataProtection values", map[string]any{"dataProtection": map[string]any{
			"alarmEmail": "sec", "macie": map[string]any{"mode": "DELETE", "frequency": "HOURLY"},
		}}, []string{`dataProtection.alarmEmail = "sec"`, `dataProtection.macie.mode = "DELETE": "QUARANTINE" or "TAG"`,
			`dataProtection.macie.frequency = "HOURLY": "DAILY" or "WEEKLY"`}},
		{"dataProtection vault and field encryption", map[string]any{"dataProtection": map[string]any{
			"vault": map[string]any{"principalOrgId": "org-1"}, "fieldEncryption": map[string]any{"originDomainName": "orders.example.com"},
		}}, []string{`dataProtection.vault.principalOrgId = "org-1": an organization id such as o-a1b2c3d4e5`,
			`dataProtection.fieldEncryption.publicKeyFile = "": set with originDomainName`}},
		{"approvers without the quarantine", map[string]any{"dataProtection": map[string]any{"macie": map[string]any{
			"mode": "TAG", "approverEmails": []any{"stewards", "ok@example.com"},
		}}}, []string{`dataProtection.macie.approverEmails = "stewards"`, `dataProtection.macie.approverEmails = "[stewards ok@example.com]": empty unless macie.mode is "QUARANTINE"`}},
		{"field encryption without its origin", map[string]any{"dataProtection": map[string]any{"fieldEncryption": map[string]any{"publicKeyFile": "key.pem"}}},
			[]string{`dataProtection.fieldEncryption.originDomainName/certificateArn/domainNames = "": all set with publicKeyFile`}},
		{"data protection in another environment than the lake", map[string]any{"dataProtection": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context dataProtection: account/region differ from glue's or securestorage's"}},
		{"guardrails without their account and regions", map[string]any{"guardrails": map[string]any{"enabled": true}},
			[]string{`guardrails.account = "": the organization's management account`, `guardrails.allowedRegions = "[]": the regions data may live in`}},
		{"serving values", map[string]any{"serving": map[string]any{"glueDev": map[string]any{"developerRoleArns": []any{"data-engineers"}}}},
			[]string{`serving.glueDev.developerRoleArns = "data-engineers": IAM role ARNs`}},
		{"serving halves", map[string]any{"serving": map[string]any{"dataSync": map[string]any{"nfsServer": "nas"}, "sessions": map[string]any{"maxReadCapacity": 10}}},
			[]string{`serving.dataSync.agentArns/nfsServer = "nas": both set`, `serving.sessions.maxReadCapacity/maxWriteCapacity = "10": both above 0`}},
		{"sftp identity provider", map[string]any{"serving": map[string]any{"sftp": map[string]any{"enabled": true, "identityProvider": "API_GATEWAY"}}},
			[]string{`serving.sftp.identityProvider = "API_GATEWAY": "SERVICE_MANAGED" or "AWS_LAMBDA"`}},
		{"quicksight without the API", map[string]any{"serving": map[string]any{"api": map[string]any{"enabled": false}, "quickSight": map[string]any{"ownerArn": "arn:aws:quicksight:eu-west-1:111111111111:user/default/ana"}}},
			[]string{`serving.quickSight.ownerArn = "arn:aws:quicksight:eu-west-1:111111111111:user/default/ana": empty unless api.enabled`}},
		{"the warehouse dataset without an owner", map[string]any{"serving": map[string]any{"quickSight": map[string]any{"warehouse": true}}},
			[]string{`serving.quickSight.warehouse = "true": false unless quickSight.ownerArn`}},
		{"the warehouse dataset without the warehouse's BI user", map[string]any{"serving": map[string]any{"quickSight": map[string]any{"warehouse": true, "ownerArn": "arn:aws:quicksight:eu-west-1:111111111111:user/default/ana"}}},
			[]string{"context serving: quickSight.warehouse = true needs the warehouse's read-only user bi_reader: set warehouse.biReader to true"}},
		{"serving in another environment than the lake", map[string]any{"serving": map[string]any{"account": "222222222222", "region": "eu-west-1"}},
			[]string{"context serving: account/region differ from glue's"}},
		{"warehouse values", map[string]any{"warehouse": map[string]any{"vpcCidr": "10.0.0.0/8"}},
			[]string{`warehouse.vpcCidr = "10.0.0.0/8": an IPv4 CIDR from /16 to /28`}},
		{"a bad warehouse type reaches the construct", map[string]any{"warehouse": map[string]any{"type": "dc2"}},
			[]string{"warehouse Warehouse/Warehouse: invalid props", "Type = dc2: provisioned or serverless"}},
		{"a five-field cron reaches the schedule's checks", map[string]any{"warehouse": map[string]any{"dailyProcedureCron": "0 2 * * *"}},
			[]string{"warehouse.Schedule Warehouse/Warehouse/DailyProcedure: invalid props", "Cron = 0 2 * * *: a cron expression with six fields"}},
		{"bad loader settings reach the loader's checks", map[string]any{"warehouse": map[string]any{
			"loader": map[string]any{"table": "Orders", "format": "XLSX", "schedule": "rate(1 hours)", "prefix": "/in"},
		}}, []string{
			"manifestload Warehouse/OrdersLoader: invalid props",
			"Table = Orders: schema.table in lowercase",
			"Format = XLSX: CSV, JSON, PARQUET, AVRO or ORC",
			`Schedule = rate(1 hours): an EventBridge schedule`,
			`Prefix = /in: a key prefix ending in "/"`,
		}},
		{"the notes' eu-east-1 and an overlapping source network", map[string]any{"warehouse": map[string]any{
			"account": "111111111111", "region": "eu-west-1",
			"cdc": map[string]any{"sourceAccount": "222222222222", "sourceRegion": "eu-east-1", "sourceVpcId": "vpc-1",
				"sourceVpcCidr": "10.20.0.0/16", "sourceSecurityGroupId": "sg-0123456789abcdef0"},
		}}, []string{
			`warehouse.region = "eu-east-1": an AWS region such as eu-west-1`,
			`warehouse.cdc.sourceVpcId = "vpc-1"`,
			`warehouse.cdc.sourceVpcCidr = "10.20.0.0/16": a CIDR that does not overlap vpcCidr`,
			`warehouse.cdc.sourceSecretArn = "": the secret the CdcSource stack outputs`,
		}},
		{"a multi-node type with one node reaches the construct", map[string]any{"warehouse": map[string]any{"nodeType": "ra3.4xlarge", "nodes": 1}},
			[]string{"warehouse Warehouse/Warehouse: invalid props", "Nodes = 1: ra3.4xlarge is a multi-node type"}},
		{"streaming ranges reach the construct's checks", map[string]any{"streaming": map[string]any{
			"bufferSeconds": 0, "retentionHours": 9000, "shardCount": 2,
		}}, []string{
			"streamtos3 Streaming/Sensors: invalid props",
			"BufferInterval = 0 seconds",
			"RetentionPeriod = 375 days",
			"ShardCount = 2: an on-demand stream manages its shards",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stacks.Build(testkit.NewApp(t.TempDir(), c.ctx))
			}, c.wants...)
		})
	}
}
