package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseEvent feeds arbitrary bytes to the event parser and the handler
// (with a fake Secrets Manager holding one key-only user). Whatever the
// bytes, nothing panics; an accepted event has a user name without '/' of
// 3 to 100 characters, protocol SFTP and a valid address; a secret read is
// always SECRET_PREFIX/<that name>; and only alice can ever be allowed,
// with a home under her own prefix. The testdata events are the seeds.
func FuzzParseEvent(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{``, `{}`, `null`, `[]`, `{"username":"alice","protocol":"SFTP","sourceIp":"::1"}`,
		`{"username":"alice/../bob","protocol":"SFTP","sourceIp":"1.2.3.4"}`, `{"username":"al\u0000ice","protocol":"SFTP","sourceIp":"1.2.3.4"}`,
		`{"username":"alice","protocol":"SFTP","sourceIp":"1.2.3.4%eth0"}`, `{"username":1}`} {
		f.Add([]byte(s))
	}
	key := ed25519Key("")
	f.Fuzz(func(t *testing.T, data []byte) {
		ev, ip, err := ParseEvent(data)
		if err == nil {
			if !usernameRE.MatchString(ev.Username) || strings.ContainsAny(ev.Username, "/\\") || ev.Protocol != "SFTP" || !ip.IsValid() {
				t.Fatalf("accepted %+v", ev)
			}
		}
		fake := &fakeSecrets{secrets: map[string]string{"sftp/ingest/alice": recordJSON(t, map[string]any{"publicKeys": []string{key}})}}
		a := &Authenticator{Config: testConfig, Secrets: fake, Log: discardLog()}
		resp, herr := a.Handle(context.Background(), json.RawMessage(data))
		if herr != nil {
			t.Fatalf("handler error %v", herr)
		}
		if err != nil && len(fake.calls) > 0 {
			t.Fatalf("a rejected event read secrets %v", fake.calls)
		}
		for _, c := range fake.calls {
			if c != "sftp/ingest/"+ev.Username {
				t.Fatalf("read secret %q for user %q", c, ev.Username)
			}
		}
		if resp.Role != "" && (ev.Username != "alice" || ev.Password != "" || resp.HomeDirectoryDetails != `[{"Entry":"/","Target":"/lake-raw/sftp/alice"}]`) {
			t.Fatalf("allowed %+v: %+v", ev, resp)
		}
	})
}

// FuzzParseRecord feeds arbitrary secrets to ParseRecord: nothing panics,
// and an accepted record can log in somehow and maps only folders under
// the lake prefix.
func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{`{"publicKeys":["` + ed25519Key("") + `"]}`, `{}`, `{"passwordHash":"pbkdf2-sha256$600000$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`,
		`{"publicKeys":["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIO"],"homeDirectoryDetails":[{"Entry":"/","Target":"/lake-raw/sftp/x/.."}]}`,
		`{"allowedCidrs":["10.0.0.0/8","::/0","x"]}`, `{"role":"arn:aws:iam::111122223333:role/a"} {}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRecord(data, "alice", testConfig)
		if err != nil {
			return
		}
		if r.hash == nil && len(r.PublicKeys) == 0 {
			t.Fatalf("accepted a record nobody can log in with: %s", data)
		}
		for _, m := range r.HomeDirectoryDetails {
			p, ok := testConfig.keyPrefix(m.Target)
			if !ok || !strings.HasPrefix(p, "sftp/") || strings.Contains(p, "..") {
				t.Fatalf("mapping %+v outside the lake prefix", m)
			}
		}
		if _, err := sessionPolicy(testConfig, r.HomeDirectoryDetails); err != nil {
			t.Fatal(err)
		}
	})
}
