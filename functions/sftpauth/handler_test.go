package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readEvent(t *testing.T, name string) json.RawMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestHandleWire sends Transfer's wire-format events (testdata) through the
// Lambda handler against a fake Secrets Manager and checks the response and
// the secret read.
func TestHandleWire(t *testing.T) {
	key := ed25519Key("alice@laptop")
	hash := passwordHashForTests(t)
	alice := map[string]any{"passwordHash": hash, "publicKeys": []string{key}, "allowedCidrs": []string{"203.0.113.0/24", "2001:db8::/32"}}
	cases := []struct {
		name, event string
		record      map[string]any // nil: no secret
		secretsErr  error
		allowed     bool
		wantErr     bool
		reason      string
	}{
		{"password", "password-login.json", alice, nil, true, false, "login allowed"},
		{"public key", "key-login.json", alice, nil, true, false, "login allowed"},
		{"unknown user", "password-login.json", nil, nil, false, false, "unknown user"},
		{"wrong password", "password-login.json", map[string]any{"passwordHash": mustHash(t, "another password")}, nil, false, false, "wrong password"},
		{"source outside allowedCidrs", "password-login.json", map[string]any{"passwordHash": hash, "allowedCidrs": []string{"198.51.100.0/24"}}, nil, false, false, "source address not in allowedCidrs"},
		{"disabled", "key-login.json", map[string]any{"publicKeys": []string{key}, "disabled": true}, nil, false, false, "user disabled"},
		{"password without hash", "password-login.json", map[string]any{"publicKeys": []string{key}}, nil, false, false, "password login of a user without passwordHash"},
		{"key without keys", "key-login.json", map[string]any{"passwordHash": hash}, nil, false, false, "key login of a user without publicKeys"},
		{"plain password field", "password-login.json", map[string]any{"password": testPassword, "passwordHash": hash}, nil, false, false, `unknown field \"password\"`},
		{"weak hash", "password-login.json", map[string]any{"passwordHash": "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$" + strings.Repeat("A", 43)}, nil, false, false, "iterations"},
		{"home outside the lake prefix", "key-login.json", map[string]any{"publicKeys": []string{key}, "homeDirectoryDetails": []map[string]string{{"Entry": "/", "Target": "/lake-raw/curated"}}}, nil, false, false, "Target"},
		{"traversal in home", "key-login.json", map[string]any{"publicKeys": []string{key}, "homeDirectoryDetails": []map[string]string{{"Entry": "/", "Target": "/lake-raw/sftp/../curated"}}}, nil, false, false, "Target"},
		{"secrets manager fails", "key-login.json", alice, errThrottled, false, true, "reading the user's secret"},
		{"traversal user name", "traversal.json", alice, nil, false, false, "not a Transfer user name"},
		{"FTPS", "ftps-login.json", alice, nil, false, false, "only SFTP"},
		{"mapped IPv4 source and no password", "key-login-empty-password.json", map[string]any{"publicKeys": []string{key}, "allowedCidrs": []string{"198.51.100.0/24"}}, nil, true, false, "login allowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			fake := &fakeSecrets{secrets: map[string]string{}, err: c.secretsErr}
			ev := readEvent(t, c.event)
			var parsed Event
			_ = json.Unmarshal(ev, &parsed)
			if c.record != nil {
				fake.secrets["sftp/ingest/"+parsed.Username] = recordJSON(t, c.record)
			}
			a := &Authenticator{Config: testConfig, Secrets: fake, Log: slog.New(slog.NewJSONHandler(&logs, nil))}
			resp, err := a.Handle(context.Background(), ev)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			if got := resp.Role != ""; got != c.allowed {
				t.Fatalf("allowed = %v, want %v (response %+v)", got, c.allowed, resp)
			}
			if !c.allowed {
				if b, _ := json.Marshal(resp); string(b) != "{}" {
					t.Errorf("denial = %s, want {}", b)
				}
			}
			if !strings.Contains(logs.String(), c.reason) {
				t.Errorf("log lacks %q: %s", c.reason, logs.String())
			}
			if strings.Contains(logs.String(), testPassword) {
				t.Errorf("the password was logged: %s", logs.String())
			}
			wantCalls := []string{"sftp/ingest/" + parsed.Username}
			if c.event == "traversal.json" || c.event == "ftps-login.json" {
				wantCalls = nil // refused before any read
			}
			if strings.Join(fake.calls, ",") != strings.Join(wantCalls, ",") {
				t.Errorf("secrets read = %v, want %v", fake.calls, wantCalls)
			}
		})
	}
}

// TestKeyAndPassword: a password login answers the public keys only when
// the server wants both (PUBLIC_KEY_AND_PASSWORD), and then needs them.
func TestKeyAndPassword(t *testing.T) {
	key := ed25519Key("")
	hash := passwordHashForTests(t)
	for _, both := range []bool{false, true} {
		cfg := testConfig
		cfg.KeyAndPassword = both
		fake := &fakeSecrets{secrets: map[string]string{"sftp/ingest/alice": recordJSON(t, map[string]any{"passwordHash": hash, "publicKeys": []string{key}})}}
		a := &Authenticator{Config: cfg, Secrets: fake, Log: discardLog()}
		resp, err := a.Handle(context.Background(), readEvent(t, "password-login.json"))
		if err != nil || resp.Role == "" || (len(resp.PublicKeys) == 1) != both {
			t.Errorf("both = %v: response %+v, %v", both, resp, err)
		}
	}
	cfg := testConfig
	cfg.KeyAndPassword = true
	fake := &fakeSecrets{secrets: map[string]string{"sftp/ingest/alice": recordJSON(t, map[string]any{"passwordHash": hash})}}
	var logs bytes.Buffer
	a := &Authenticator{Config: cfg, Secrets: fake, Log: slog.New(slog.NewJSONHandler(&logs, nil))}
	if resp, _ := a.Handle(context.Background(), readEvent(t, "password-login.json")); resp.Role != "" || !strings.Contains(logs.String(), "key-and-password login of a user without publicKeys") {
		t.Errorf("response %+v, log %s", resp, logs.String())
	}
}

func mustHash(t *testing.T, pw string) string {
	h, err := HashPassword(pw, MinIterations)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestResponseWire checks the whole response of an allowed login as
// Transfer reads it: LOGICAL home mapped to the user's lake prefix, the
// public keys, and a session policy limited to that prefix and the key.
func TestResponseWire(t *testing.T) {
	key := ed25519Key("")
	fake := &fakeSecrets{secrets: map[string]string{"sftp/ingest/alice": recordJSON(t, map[string]any{"publicKeys": []string{key}})}}
	a := &Authenticator{Config: testConfig, Secrets: fake, Log: discardLog()}
	resp, err := a.Handle(context.Background(), readEvent(t, "key-login.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(resp)
	var asMap map[string]any
	_ = json.Unmarshal(b, &asMap)
	b, _ = json.Marshal(asMap)
	policy := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"ListHome","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::lake-raw"],"Condition":{"StringLike":{"s3:prefix":["sftp/alice/","sftp/alice/*"]}}},` +
		`{"Sid":"HomeObjects","Effect":"Allow","Action":["s3:PutObject","s3:GetObject","s3:GetObjectVersion","s3:DeleteObject"],"Resource":["arn:aws:s3:::lake-raw/sftp/alice/*"]},` +
		`{"Sid":"BucketKey","Effect":"Allow","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":["` + testConfig.KeyArn + `"]}]}`
	want, _ := json.Marshal(map[string]any{
		"Role":                 testConfig.RoleArn,
		"HomeDirectoryType":    "LOGICAL",
		"HomeDirectoryDetails": `[{"Entry":"/","Target":"/lake-raw/sftp/alice"}]`,
		"PublicKeys":           []string{key},
		"Policy":               policy,
	})
	if string(b) != string(want) {
		t.Errorf("response\n got %s\nwant %s", b, want)
	}

	// A record's own role and mappings (two folders under the lake prefix).
	fake.secrets["sftp/ingest/alice"] = recordJSON(t, map[string]any{
		"publicKeys": []string{key}, "role": "arn:aws-cn:iam::111122223333:role/Partner",
		"homeDirectoryDetails": []map[string]string{{"Entry": "/in", "Target": "/lake-raw/sftp/partner/in"}, {"Entry": "/shared", "Target": "/lake-raw/sftp/shared/"}},
	})
	resp, _ = a.Handle(context.Background(), readEvent(t, "key-login.json"))
	if resp.Role != "arn:aws-cn:iam::111122223333:role/Partner" || resp.HomeDirectoryDetails != `[{"Entry":"/in","Target":"/lake-raw/sftp/partner/in"},{"Entry":"/shared","Target":"/lake-raw/sftp/shared/"}]` ||
		!strings.Contains(resp.Policy, `"Resource":["arn:aws:s3:::lake-raw/sftp/partner/in/*","arn:aws:s3:::lake-raw/sftp/shared/*"]`) {
		t.Errorf("response = %+v", resp)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{"SECRET_PREFIX": "sftp/ingest/", "BUCKET": "lake-raw", "BUCKET_ARN": "arn:aws-us-gov:s3:::lake-raw", "LAKE_PREFIX": "/sftp/", "ROLE_ARN": testConfig.RoleArn, "AUTHENTICATION_METHODS": "PUBLIC_KEY_AND_PASSWORD"}
	c, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || c.SecretPrefix != "sftp/ingest" || c.LakePrefix != "sftp" || c.KeyArn != "" || !c.KeyAndPassword {
		t.Fatalf("config = %+v, %v", c, err)
	}
	_, err = ConfigFromEnv(func(k string) string {
		return map[string]string{"BUCKET": "Lake_Raw", "BUCKET_ARN": "arn:aws:s3:::other", "LAKE_PREFIX": "a//b", "ROLE_ARN": "role", "KEY_ARN": "alias/aws/s3", "AUTHENTICATION_METHODS": "KEYBOARD"}[k]
	})
	for _, w := range []string{"SECRET_PREFIX", "BUCKET =", "BUCKET_ARN", "LAKE_PREFIX", "ROLE_ARN", "KEY_ARN", "AUTHENTICATION_METHODS"} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %s: %v", w, err)
		}
	}
}
