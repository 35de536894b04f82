package stacks_test

import (
	"strings"
	"testing"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// configurations of the whole app: cdk.json as committed, the sandbox, and
// every option of every stack turned on.
var configurations = []struct {
	name string
	ctx  map[string]any
}{
	{"cdk.json", nil},
	{"sandbox", map[string]any{"sandbox": true}},
	{"all-options", map[string]any{"securestorage": map[string]any{
		"account":          "111111111111",
		"region":           "eu-west-1",
		"lifecycle":        "none",
		"objectLockDays":   30,
		"replicaBucketArn": "arn:aws:s3:::replica-bucket",
		"replicaRegion":    "eu-central-1",
		"replicaKeyArn":    "arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555",
		"alarmEmail":       "data-oncall@example.com",
		"autoRedrive":      true,
		"redriveSchedule":  "rate(6 hours)",
	}, "streaming": map[string]any{
		"account":        "111111111111",
		"region":         "eu-west-1",
		"capacity":       "provisioned",
		"shardCount":     2,
		"retentionHours": 168,
		"bufferSeconds":  30,
		"bufferMiB":      16,
		"prefix":         "iot/raw",
		"gzip":           true,
		"desiredCount":   3,
		"enhancedFanOut": true,
		"alarmEmail":     "data-oncall@example.com",
		"firehose":       false,
		"lambdaConsumer": true,
		"shardScaler":    true,
		"maxShards":      16,
		// Per-shard metrics on, the schema registry off.
		"shardLevelMetrics": true,
		"schemaRegistry":    false,
	}, "firehose": map[string]any{
		"account":                  "111111111111",
		"region":                   "eu-west-1",
		"splunkHecEndpoint":        "https://hec.splunk.example.org:443",
		"splunkHecTokenSecretName": "splunk/hec",
		"flowLogsVpcId":            "vpc-0123456789abcdef0",
		"alarmEmail":               "data-oncall@example.com",
		"iotTopicFilter":           "plant/+/readings",
		"redactFields":             []any{"operator.name"},
		"enrichLogGroupName":       "/app/orders",
		"enrichTableName":          "customers",
		"enrichTableKey":           "customer_id",
		"enrichKeyField":           "customer.id",
		"openSearchIndexName":      "plays",
		"openSearchAdminRoleArns":  []any{"arn:aws:iam::111111111111:role/search-admins"},
		"openSearchLogGroupNames":  []any{"/app/orders"},
	}, "glue": map[string]any{
		"account":         "111111111111",
		"region":          "eu-west-1",
		"alarmEmail":      "data-oncall@example.com",
		"rawDatabase":     "shop_raw",
		"curatedDatabase": "shop_curated",
		"table":           "sales",
		"rawPrefix":       "landing/sales/",
		"startOnArrival":  true,
		"qualityGate":     "report",
		"qualityRuleset":  `Rules = [ RowCount > 0, IsComplete "sale_id" ]`,
	}, "warehouse": map[string]any{
		"account":            "111111111111",
		"region":             "eu-west-1",
		"alarmEmail":         "data-oncall@example.com",
		"nodeType":           "ra3.xlplus",
		"nodes":              1,
		"vpcCidr":            "10.30.0.0/16",
		"dailyProcedureCron": "cron(30 1 * * ? *)",
		"cdc": map[string]any{
			"schemas":               []any{"plm_db", "erp_db"},
			"createAccountRoles":    false,
			"sourceSecretArn":       "arn:aws:secretsmanager:us-east-1:222222222222:secret:plm-mysql-AbCdEf",
			"sourceSecretKeyArn":    "arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555",
			"sourceAccount":         "222222222222",
			"sourceRegion":          "us-east-1",
			"sourceVpcId":           "vpc-0123456789abcdef0",
			"sourceVpcCidr":         "10.40.0.0/16",
			"sourceSecurityGroupId": "sg-0123456789abcdef0",
		},
		"loader":      map[string]any{"prefix": "landing/sales/", "table": "sales.orders", "format": "PARQUET", "schedule": "rate(1 hour)", "onArrival": true},
		"pauseResume": map[string]any{"enabled": true, "pause": "cron(0 20 ? * MON-FRI *)", "resume": "cron(0 6 ? * MON-FRI *)"},
		"resize":      []any{map[string]any{"schedule": "cron(0 6 1 * ? *)", "nodes": 2, "classic": true}},
		"timeseries":  map[string]any{"base": "clicks", "keepMonths": 6},
		"datashare":   map[string]any{"consumerNamespace": "86b5169f-01dc-4a6f-9fbb-e2e24359e9a8"},
		"biReader":    true,
	}, "lakehouse": map[string]any{
		"account":          "111111111111",
		"region":           "eu-west-1",
		"alarmEmail":       "data-oncall@example.com",
		"database":         "shop_lakehouse",
		"admins":           []any{"arn:aws:iam::111111111111:role/data-platform-admins"},
		"consumerAccount":  "333333333333",
		"scanCutoffMB":     200,
		"dailyScanAlarmGB": 20,
		"federatedLogs":    false,
		"spark":            false,
		"dataZone":         false,
		"otherRegions": []any{map[string]any{
			"bucket": "sales-us-east-1", "region": "us-east-1", "prefix": "orders/",
			"keyArn": "arn:aws:kms:us-east-1:111111111111:key/11111111-2222-3333-4444-555555555555",
		}},
	}, "orchestration": map[string]any{
		"account":            "111111111111",
		"region":             "eu-west-1",
		"noticeEmail":        "data-oncall@example.com",
		"afterHours":         "cron(30 21 ? * MON-FRI *)",
		"afterHoursTimeZone": "Europe/Paris",
		"mwaa":               map[string]any{"enabled": true, "environmentClass": "mw1.medium", "maxWorkers": 5},
		"emr": map[string]any{"clusterId": "j-2AXXXXXXGAPLF", "steps": []any{
			map[string]any{"name": "sessionize", "script": "s3://example-code/spark/sessionize.py", "args": []any{"--day", "yesterday"}},
			map[string]any{"name": "aggregate", "script": "s3://example-code/spark/aggregate.py"},
		}},
		"search":     map[string]any{"enabled": true, "schedule": "rate(12 hours)"},
		"validation": map[string]any{"enabled": true},
	}, "spark": map[string]any{
		"account":       "111111111111",
		"region":        "eu-west-1",
		"alarmEmail":    "data-oncall@example.com",
		"schedule":      "cron(30 2 ? * MON-FRI *)",
		"skewThreshold": 6,
		"serverless":    map[string]any{"enabled": true, "maxVcpu": 32, "maxMemoryGB": 128, "idleMinutes": 30},
		"cluster":       map[string]any{"enabled": true, "mode": "long-running", "idleMinutes": 30, "coreCapacity": 1, "taskCapacity": 1, "maxUnits": 4},
		"eks":           map[string]any{"enabled": true, "namespace": "spark-nightly", "namespaceReady": true, "adminRoleArn": "arn:aws:iam::111111111111:role/data-platform-admins"},
	}, "streamAnalytics": map[string]any{
		"account":    "111111111111",
		"region":     "eu-west-1",
		"alarmEmail": "data-oncall@example.com",
		"msk": map[string]any{"instanceType": "kafka.m7g.xlarge", "brokersPerZone": 2, "volumeGiB": 200, "maxVolumeGiB": 2000,
			"topic": "plant-readings", "retentionHours": 24, "consumerTasks": 3, "connectPlugin": "../analytics/testdata/s3-sink-dummy.zip"},
		"mskServerless": map[string]any{"enabled": true},
		"logShipper":    map[string]any{"agent": "kinesis-agent"},
		"flink":         map[string]any{"parallelism": 2, "anomalyFactor": 8},
		"search":        map[string]any{"warmNodes": 3, "cold": false, "warmAfterDays": 3, "coldAfterDays": 10, "deleteAfterDays": 90, "replication": map[string]any{"enabled": true}},
		"collection":    map[string]any{"enabled": true},
	}, "audit": map[string]any{
		"account":    "111111111111",
		"region":     "eu-west-1",
		"alarmEmail": "security@example.com",
		"trail": map[string]any{"writeOnly": true, "insights": false, "lake": true, "lakeRetentionDays": 730,
			"dataEventFunctionArns": []any{"arn:aws:lambda:eu-west-1:111111111111:function:orders-api"}},
		"config":      map[string]any{"conformancePack": true, "organizationalUnitIds": []any{"ou-ab12-34cd56ef"}, "regions": []any{"eu-west-1", "eu-central-1"}},
		"securityHub": map[string]any{"standards": []any{"cis-aws-foundations-benchmark/v/3.0.0", "nist-800-53/v/5.0.0"}},
		"guardDuty":   map[string]any{"features": []any{"RDS_LOGIN_EVENTS"}},
	}, "dataProtection": map[string]any{
		"account":    "111111111111",
		"region":     "eu-west-1",
		"alarmEmail": "security@example.com",
		"macie": map[string]any{"frequency": "WEEKLY", "samplingPercentage": 50,
			"remediatePublicBuckets": true, "publicBucketExclusions": []any{"www.example.com"},
			"approverEmails": []any{"data-stewards@example.com"}, "approvalTimeoutHours": 48, "approvalOnDeny": "DELETE", "releasePrefix": "released/sales/"},
		"backup": map[string]any{"lockMinRetentionDays": 30, "lockChangeableForDays": 3, "continuous": true},
		"vault":  map[string]any{"deterministic": true, "principalOrgId": "o-a1b2c3d4e5"},
		"roles":  map[string]any{"abacValues": []any{"Orders", "Payments"}, "existingAnalyzer": true},
		// A public key only (the private key was thrown away): the test
		// needs a valid RSA 2048 PEM.
		"fieldEncryption": map[string]any{"publicKeyFile": "testdata/fle-public.pem", "fieldPatterns": []any{"card_number", "cvv"},
			"originDomainName": "orders.example.com", "certificateArn": "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555",
			"domainNames": []any{"ingest.example.com"}},
		"piiDiscovery": map[string]any{"enabled": false},
		"redaction":    map[string]any{"objectLambda": true},
	}, "serving": map[string]any{
		"account":  "111111111111",
		"region":   "eu-west-1",
		"glueDev":  map[string]any{"developerRoleArns": []any{"arn:aws:iam::111111111111:role/data-engineers"}, "notebooks": false},
		"sessions": map[string]any{"maxReadCapacity": 100, "maxWriteCapacity": 50},
		"dataSync": map[string]any{"agentArns": []any{"arn:aws:datasync:eu-west-1:111111111111:agent/agent-0123456789abcdef0"},
			"nfsServer": "nas.corp.example.com", "subdirectory": "/exports/sales", "bytesPerSecond": 52428800},
		// A partner's public key (its private key was thrown away).
		"sftp": map[string]any{"enabled": true, "allowedCidrs": []any{"10.99.0.0/16"},
			"users": []any{map[string]any{"name": "acme", "sshPublicKeys": []any{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHUpOTWbXwa/8qpnUglQ41sxMx2x3olvDTp0A3BaUJ2U"}}}},
		"appFlow":    map[string]any{"connectorProfileName": "salesforce-prod", "object": "Opportunity"},
		"quickSight": map[string]any{"ownerArn": "arn:aws:quicksight:eu-west-1:111111111111:group/default/bi-authors", "readerArns": []any{"arn:aws:quicksight:eu-west-1:111111111111:group/default/bi-readers"}, "warehouse": true},
	}, "guardrails": map[string]any{
		"enabled":          true,
		"account":          "999999999999",
		"region":           "us-east-1",
		"allowedRegions":   []any{"eu-west-1", "eu-central-1"},
		"targetIds":        []any{"ou-ab12-34cd56ef"},
		"breakGlassRoles":  []any{"BreakGlass"},
		"replicationRoles": []any{"DataReplication"},
	}, "cicd": map[string]any{
		"enabled":           true,
		"account":           "999999999999",
		"region":            "eu-west-1",
		"connectionArn":     "arn:aws:codeconnections:eu-west-1:999999999999:connection/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
		"repository":        "example-org/data-platform",
		"branch":            "release",
		"approvalEmails":    []any{"data-owners@example.com"},
		"stacks":            []any{"GlueEtl", "Orchestration"},
		"postDeployRoleArn": "arn:aws:iam::111111111111:role/e2e-tester",
	}}},
}

// synths are the configurations, registered to be synthesized in one app
// (each under its own scope with its own context).
var synths = func() map[string]func() *testkit.Synth {
	out := map[string]func() *testkit.Synth{}
	for _, c := range configurations {
		out[c.name] = testkit.Register(c.name, c.ctx, func(scope constructs.Construct) { stacks.Build(scope) })
	}
	return out
}()

func app(name string) *testkit.Synth { return synths[name]() }

// expectedStacks are the stacks `cdk synth` must list.
var expectedStacks = []string{"SecureStorage", "Streaming", "FirehoseDelivery", "GlueEtl", "Warehouse", "Lakehouse", "Orchestration", "SparkCompute", "StreamAnalytics", "Audit", "DataProtection", "Serving"}

// crossAccountStacks are added when warehouse.cdc names a source account,
// when cicd.enabled is true and when guardrails.enabled is true.
var crossAccountStacks = []string{"CdcSource", "Delivery", "Guardrails"}

// TestEveryStack: every configuration synthesizes the expected stacks with
// no cdk-nag finding and no other error or warning (the Control Tower checks
// are in guard_test.go, which runs later, while cfn-guard works in the
// background).
func TestEveryStack(t *testing.T) {
	for _, c := range configurations {
		t.Run(c.name, func(t *testing.T) {
			s := app(c.name)
			s.Require(t)
			expected := expectedStacks
			if c.name == "all-options" {
				expected = append(append([]string{}, expectedStacks...), crossAccountStacks...)
			}
			for _, name := range expected {
				st := s.Stack(t, name)
				if len(st.Resources("AWS::CloudFormation::Stack")) != 0 {
					t.Errorf("%s: nested stacks are not expected", name)
				}
			}
			if len(s.Stacks) != len(expected) {
				t.Errorf("%d stacks, want %v", len(s.Stacks), expected)
			}
			t.Run("no other error or warning", func(t *testing.T) {
				for _, st := range s.Stacks {
					for _, m := range st.Findings() {
						if c.name == "sandbox" && strings.HasPrefix(m.Text, "sandbox=true:") {
							continue
						}
						// The Flink connector jar cannot be built on this machine (no
						// Maven Central): flinkapp says so on each application.
						if strings.HasPrefix(m.Text, "The connector jar ") && strings.Contains(m.Text, "flink-connectors.jar is missing") {
							continue
						}
						t.Errorf("%s at %s: %s", m.Level, m.Path, m.Text)
					}
				}
			})
		})
	}
}

// usedBy returns the exemptions that cover findings of s.
func usedBy(t *testing.T, s *testkit.Synth) []testkit.Exemption {
	ex, err := testkit.LoadExemptions()
	if err != nil {
		t.Fatal(err)
	}
	findings := s.AllGuardFindings(t)
	var used []testkit.Exemption
	for _, f := range findings {
		if e, ok := testkit.Exempted(f, ex); ok {
			used = append(used, e)
		}
	}
	return used
}
