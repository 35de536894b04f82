package stacks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// The checks must be able to fail: each case below is a template that one of
// them has to reject.

func TestCloudFormationValidationIsArmed(t *testing.T) {
	s := testkit.Synthesize("invalid-property", nil, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String("Broken"), nil)
		q := awscdk.NewCfnResource(stack, jsii.String("Queue"), &awscdk.CfnResourceProps{
			Type:       jsii.String("AWS::SQS::Queue"),
			Properties: &map[string]any{"MessageRetentionPeriod": "two weeks", "KmsMasterKeyId": "alias/aws/sqs"},
		})
		_ = q
	})
	if s.Err == nil {
		t.Fatal("a queue with MessageRetentionPeriod \"two weeks\" synthesized: @aws-cdk/core:validateAgainstDefaultRules is not in force")
	}
	if !strings.Contains(s.Err.Error(), "MessageRetentionPeriod: 'two weeks' is not of type 'integer'") {
		t.Errorf("unexpected error: %v", s.Err)
	}
}

func TestNagIsArmed(t *testing.T) {
	s := testkit.Synthesize("unlogged-bucket", nil, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
		awss3.NewBucket(stack, jsii.String("Plain"), &awss3.BucketProps{EnforceSSL: jsii.Bool(true)})
	})
	if s.Err == nil || !strings.Contains(s.Err.Error(), "AwsSolutions-S1") {
		t.Fatalf("a bucket without access logs passed cdk-nag: %v", s.Err)
	}
}

func TestGuardIsArmed(t *testing.T) {
	s := testkit.Synthesize("unversioned-bucket", nil, func(app constructs.Construct) {
		stack := awscdk.NewStack(app, jsii.String("Plain"), nil)
		awscdk.NewCfnResource(stack, jsii.String("Bucket"), &awscdk.CfnResourceProps{Type: jsii.String("AWS::S3::Bucket")})
	})
	got := map[string]bool{}
	for _, f := range s.AllGuardFindings(t) {
		got[f.Control] = true
		if f.Path != "Plain/Bucket" {
			t.Errorf("finding %+v lacks the construct path", f)
		}
	}
	for _, want := range []string{"CT.S3.PR.1", "CT.S3.PR.2", "CT.S3.PR.10", "CT.S3.PR.11"} {
		if !got[want] {
			t.Errorf("cfn-guard did not report %s on a bare bucket (got %v)", want, got)
		}
	}
}

// TestGuardSelectionFindsTheSame: testkit.Guard checks each template against
// only the rule files naming its resource types; that must find exactly what
// every rule file finds. Checked on resources of many services built to fail
// (one type named in single quotes by its rule file, a permission whose rule
// the Lambda control follows). Every rule file over a real stack costs tens of
// seconds, so real stacks were compared once, by hand (docs/performance.md).
func TestGuardSelectionFindsTheSame(t *testing.T) {
	bad := map[string]any{"Resources": map[string]any{
		"Bucket":   map[string]any{"Type": "AWS::S3::Bucket"},
		"Queue":    map[string]any{"Type": "AWS::SQS::Queue"},
		"Topic":    map[string]any{"Type": "AWS::SNS::Topic"},
		"Key":      map[string]any{"Type": "AWS::KMS::Key", "Properties": map[string]any{"EnableKeyRotation": false}},
		"Logs":     map[string]any{"Type": "AWS::Logs::LogGroup"},
		"Stream":   map[string]any{"Type": "AWS::Kinesis::Stream", "Properties": map[string]any{"ShardCount": 1}},
		"Table":    map[string]any{"Type": "AWS::DynamoDB::Table"},
		"Function": map[string]any{"Type": "AWS::Lambda::Function", "Properties": map[string]any{"Runtime": "nodejs16.x"}},
		"Open":     map[string]any{"Type": "AWS::EC2::SecurityGroup", "Properties": map[string]any{"SecurityGroupIngress": []any{map[string]any{"CidrIp": "0.0.0.0/0", "IpProtocol": "-1"}}}},
		"Launch":   map[string]any{"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": map[string]any{"AssociatePublicIpAddress": true}},
		"Cluster":  map[string]any{"Type": "AWS::Redshift::Cluster", "Properties": map[string]any{"PubliclyAccessible": true}},
		"Domain":   map[string]any{"Type": "AWS::OpenSearchService::Domain"},
		"Rule":     map[string]any{"Type": "AWS::Events::Rule", "Properties": map[string]any{"ScheduleExpression": "rate(1 hour)"}},
		"Allow": map[string]any{"Type": "AWS::Lambda::Permission", "Properties": map[string]any{"Action": "lambda:InvokeFunction", "Principal": "events.amazonaws.com",
			"FunctionName": map[string]any{"Ref": "Function"}, "SourceArn": map[string]any{"Fn::GetAtt": []any{"Rule", "Arn"}}}},
		"Policy": map[string]any{"Type": "AWS::IAM::Policy", "Properties": map[string]any{"PolicyDocument": map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}}}}},
	}}
	for id, r := range bad["Resources"].(map[string]any) {
		r.(map[string]any)["Metadata"] = map[string]any{"aws:cdk:path": "Bad/" + id}
	}
	raw, _ := json.Marshal(bad)
	path := filepath.Join(t.TempDir(), "Bad.template.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tpl := range []string{path} {
		fast, err := testkit.Guard(tpl)
		if err != nil {
			t.Fatal(err)
		}
		full, err := testkit.GuardAllRules(tpl)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := findingSet(fast), findingSet(full); a != b {
			t.Errorf("%s: selected rules found\n%s\nall rules found\n%s", filepath.Base(tpl), a, b)
		}
		if tpl == path && len(full) < 20 {
			t.Errorf("only %d findings on resources built to fail: %s", len(full), findingSet(full))
		}
	}
}

func findingSet(fs []testkit.GuardFinding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Control+" "+f.LogicalID)
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestPartitionCheckIsArmed: a literal "arn:aws:" that the test did not give
// is reported; one it gave (and what is built on it) is not.
func TestPartitionCheckIsArmed(t *testing.T) {
	template := []byte(`{"Resources":{"R":{"Properties":{
		"Target":"arn:aws:scheduler:::aws-sdk:redshiftdata:executeStatement",
		"Replica":"arn:aws:s3:::replica-bucket/*",
		"Ok":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":sns:eu-west-1:111111111111:t"]]}}}}}`)
	got := testkit.LiteralARNs(template, []string{"arn:aws:s3:::replica-bucket"})
	if strings.Join(got, " ") != "arn:aws:scheduler:::aws-sdk:redshiftdata:executeStatement" {
		t.Errorf("LiteralARNs = %q, want only the scheduler's", got)
	}
}

// TestRetentionCheckIsArmed: a bucket deleted with its stack, a key without a
// DeletionPolicy and a self-emptying bucket are reported; a retained table is not.
func TestRetentionCheckIsArmed(t *testing.T) {
	st := &testkit.Stack{ID: "S", Template: map[string]any{"Resources": map[string]any{
		"Bucket": map[string]any{"Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete"},
		"Key":    map[string]any{"Type": "AWS::KMS::Key"},
		"Empty":  map[string]any{"Type": "Custom::S3AutoDeleteObjects"},
		"Table":  map[string]any{"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain"},
	}}}
	want := "S/Bucket (AWS::S3::Bucket) has DeletionPolicy Delete|S/Empty empties a bucket when the stack is deleted|S/Key (AWS::KMS::Key) has DeletionPolicy (none: Delete)"
	if got := strings.Join(st.RetentionProblems(), "|"); got != want {
		t.Errorf("RetentionProblems =\n%s\nwant\n%s", got, want)
	}
}
