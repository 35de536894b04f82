package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata"
	"github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// fakeAPI records batches and ends each statement with the status given
// for its first SQL (FINISHED by default) after one DescribeStatement.
type fakeAPI struct {
	mu      sync.Mutex
	batches []*redshiftdata.BatchExecuteStatementInput
	fail    string // a SQL prefix whose batch FAILs
	polls   int
}

// ExecuteStatement is recorded as a batch of one with Single set.
func (f *fakeAPI) ExecuteStatement(ctx context.Context, in *redshiftdata.ExecuteStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.ExecuteStatementOutput, error) {
	out, _ := f.BatchExecuteStatement(ctx, &redshiftdata.BatchExecuteStatementInput{
		Sqls: []string{aws.ToString(in.Sql)}, ClusterIdentifier: in.ClusterIdentifier, WorkgroupName: in.WorkgroupName,
		SecretArn: in.SecretArn, Database: in.Database, StatementName: aws.String("single"),
	})
	return &redshiftdata.ExecuteStatementOutput{Id: out.Id}, nil
}

func (f *fakeAPI) BatchExecuteStatement(_ context.Context, in *redshiftdata.BatchExecuteStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.BatchExecuteStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.batches = append(f.batches, in)
	return &redshiftdata.BatchExecuteStatementOutput{Id: aws.String(string(rune('a' + len(f.batches) - 1)))}, nil
}

func (f *fakeAPI) DescribeStatement(_ context.Context, in *redshiftdata.DescribeStatementInput, _ ...func(*redshiftdata.Options)) (*redshiftdata.DescribeStatementOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.polls++
	b := f.batches[int(aws.ToString(in.Id)[0]-'a')]
	if f.fail != "" && strings.HasPrefix(b.Sqls[0], f.fail) {
		return &redshiftdata.DescribeStatementOutput{Id: in.Id, Status: types.StatusStringFailed,
			SubStatements: []types.SubStatementData{{Status: types.StatementStatusStringFailed, Error: aws.String(`ERROR: syntax error at or near "CREAT"`)}}}, nil
	}
	return &redshiftdata.DescribeStatementOutput{Id: in.Id, Status: types.StatusStringFinished}, nil
}

func (f *fakeAPI) GetStatementResult(context.Context, *redshiftdata.GetStatementResultInput, ...func(*redshiftdata.Options)) (*redshiftdata.GetStatementResultOutput, error) {
	return nil, errors.New("not used")
}

func event(t *testing.T, kind string, props map[string]any) json.RawMessage {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"RequestType": kind, "PhysicalResourceId": "old", "ResourceProperties": props})
	return b
}

var cluster = map[string]any{"ClusterIdentifier": "dw", "SecretArn": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:admin-AbCdEf", "Database": "warehouse"}

func TestCreateAppliesEverySetInOrder(t *testing.T) {
	f := &fakeAPI{}
	sets := [][]string{{"CREATE TABLE IF NOT EXISTS a (x int)", "CREATE TABLE IF NOT EXISTS b (y int)"}, {"CREATE EXTERNAL SCHEMA IF NOT EXISTS lake FROM DATA CATALOG DATABASE 'l' IAM_ROLE 'arn:aws:iam::1:role/r'"}}
	res, err := Apply(context.Background(), f, nil, event(t, "Create", map[string]any{"Target": cluster, "Sets": sets}), time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.batches) != 2 || len(f.batches[0].Sqls) != 2 || aws.ToString(f.batches[1].StatementName) != "single" || aws.ToString(f.batches[0].ClusterIdentifier) != "dw" ||
		aws.ToString(f.batches[0].SecretArn) == "" || aws.ToString(f.batches[1].Database) != "warehouse" {
		t.Fatalf("batches = %+v", f.batches)
	}
	if !strings.HasPrefix(res.PhysicalResourceID, "redshift-sql-") || res.Data["Statements"] != "3" {
		t.Errorf("response = %+v", res)
	}
	// Same SQL, same id; other SQL, other id (CloudFormation then applies it).
	again, _ := Apply(context.Background(), &fakeAPI{}, nil, event(t, "Update", map[string]any{"Target": cluster, "Sets": sets}), time.Millisecond)
	other, _ := Apply(context.Background(), &fakeAPI{}, nil, event(t, "Update", map[string]any{"Target": cluster, "Sets": [][]string{{"SELECT 1"}}}), time.Millisecond)
	if again.PhysicalResourceID != res.PhysicalResourceID || other.PhysicalResourceID == res.PhysicalResourceID {
		t.Errorf("ids: %s %s %s", res.PhysicalResourceID, again.PhysicalResourceID, other.PhysicalResourceID)
	}
}

func TestFailedStatementFailsTheDeployment(t *testing.T) {
	f := &fakeAPI{fail: "CREAT "}
	sets := [][]string{{"CREATE TABLE IF NOT EXISTS a (x int)"}, {"CREAT TABLE b (y int)"}, {"SELECT 1"}}
	_, err := Apply(context.Background(), f, nil, event(t, "Create", map[string]any{"Target": cluster, "Sets": sets}), time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "set 2 of 3") || !strings.Contains(err.Error(), `syntax error at or near "CREAT"`) {
		t.Fatalf("err = %v", err)
	}
	if len(f.batches) != 2 {
		t.Errorf("a failed set must stop the rest: %d batches", len(f.batches))
	}
}

func TestDeleteKeepsEverything(t *testing.T) {
	f := &fakeAPI{}
	res, err := Apply(context.Background(), f, nil, event(t, "Delete", map[string]any{"Target": cluster, "Sets": [][]string{{"DROP TABLE a"}}}), time.Millisecond)
	if err != nil || res.PhysicalResourceID != "old" || len(f.batches) != 0 {
		t.Fatalf("delete ran SQL or changed the id: %+v %v %d", res, err, len(f.batches))
	}
}

func TestServerlessAndInvalidProperties(t *testing.T) {
	f := &fakeAPI{}
	wg := map[string]any{"WorkgroupName": "dw", "Database": "warehouse"}
	if _, err := Apply(context.Background(), f, nil, event(t, "Create", map[string]any{"Target": wg, "Sets": [][]string{{"SELECT 1"}}}), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if aws.ToString(f.batches[0].WorkgroupName) != "dw" || f.batches[0].SecretArn != nil {
		t.Errorf("serverless batch = %+v", f.batches[0])
	}
	for name, props := range map[string]map[string]any{
		"no target":         {"Target": map[string]any{"Database": "d"}, "Sets": [][]string{{"SELECT 1"}}},
		"cluster no secret": {"Target": map[string]any{"ClusterIdentifier": "dw", "Database": "d"}, "Sets": [][]string{{"SELECT 1"}}},
		"no sets":           {"Target": cluster},
		"empty set":         {"Target": cluster, "Sets": [][]string{{}}},
	} {
		if _, err := Apply(context.Background(), &fakeAPI{}, nil, event(t, "Create", props), time.Millisecond); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := Apply(context.Background(), f, nil, json.RawMessage(`{"RequestType":"Poke"}`), time.Millisecond); err == nil {
		t.Error("unknown request type accepted")
	}
}

type fakeSecrets map[string]string

func (f fakeSecrets) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	v, ok := f[aws.ToString(in.SecretId)]
	if !ok {
		return nil, errors.New("ResourceNotFoundException")
	}
	return &secretsmanager.GetSecretValueOutput{SecretString: aws.String(v)}, nil
}

func TestPasswordUsersNeverSendThePassword(t *testing.T) {
	f := &fakeAPI{}
	sm := fakeSecrets{"arn:dms": `{"username":"dms_user","password":"s3cretPassw0rdValue","host":"h","port":5440}`}
	props := map[string]any{"Target": cluster, "Sets": [][]string{{"SELECT 1"}}, "PasswordUsers": []map[string]string{{"Name": "dms_user", "SecretArn": "arn:dms"}}}
	if _, err := Apply(context.Background(), f, sm, event(t, "Create", props), time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if len(f.batches) != 2 {
		t.Fatalf("%d batches, want the user's then the set", len(f.batches))
	}
	sql := strings.Join(f.batches[0].Sqls, "\n")
	// md5("s3cretPassw0rdValue" + "dms_user")
	if strings.Contains(sql, "s3cretPassw0rdValue") || !strings.Contains(sql, "CALL cdp_ensure_user('dms_user', 'md5") {
		t.Errorf("user SQL = %s", sql)
	}
	if _, err := Apply(context.Background(), &fakeAPI{}, sm, event(t, "Create", map[string]any{"Target": cluster, "PasswordUsers": []map[string]string{{"Name": "x", "SecretArn": "arn:missing"}}}), time.Millisecond); err == nil {
		t.Error("a missing secret must fail the deployment")
	}
}

func TestUserSQL(t *testing.T) {
	got, err := UserSQL("dms_user", "passwordpassword")
	if err != nil {
		t.Fatal(err)
	}
	// Redshift's MD5 password form: md5 + hex(md5(password + user)).
	// (computed independently with Python's hashlib)
	if want := "CALL cdp_ensure_user('dms_user', 'md52f2d6bcdbe20a42bb35a0b55e7eef913')"; len(got) != 2 || got[1] != want {
		t.Errorf("UserSQL = %q", got)
	}
	for _, bad := range []struct{ name, pw string }{{"Robert'); DROP TABLE x; --", "passwordpassword"}, {"ok", "short"}} {
		if _, err := UserSQL(bad.name, bad.pw); err == nil {
			t.Errorf("UserSQL(%q, %q) accepted", bad.name, bad.pw)
		}
	}
}

func TestOnceRunsOnlyOnCreate(t *testing.T) {
	props := map[string]any{"Target": cluster, "Sets": [][]string{{"CREATE ROLE analyst"}}, "Once": "true"}
	f := &fakeAPI{}
	if _, err := Apply(context.Background(), f, nil, event(t, "Create", props), time.Millisecond); err != nil || len(f.batches) != 1 {
		t.Fatalf("create: %v, %d batches", err, len(f.batches))
	}
	f = &fakeAPI{}
	props["Sets"] = [][]string{{"CREATE ROLE analyst"}, {"CREATE ROLE auditor"}}
	res, err := Apply(context.Background(), f, nil, event(t, "Update", props), time.Millisecond)
	if err != nil || len(f.batches) != 0 || res.PhysicalResourceID != "old" {
		t.Fatalf("update of a once resource ran SQL or replaced it: %+v %v %d", res, err, len(f.batches))
	}
}
