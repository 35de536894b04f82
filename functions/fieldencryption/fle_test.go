package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

func noSleep(context.Context, time.Duration) error { return nil }

func props(patterns string) map[string]any {
	return map[string]any{
		"ServiceToken":  "arn:aws:lambda:eu-west-1:111122223333:function:provider",
		"NamePrefix":    "Ingest-Fle-a1b2c3d4",
		"PublicKeyId":   "K2JCJMDEHXQW5F",
		"ProviderId":    "payments-ingest",
		"FieldPatterns": patterns,
	}
}

// event is a request as the provider framework passes it (wire format).
func event(t *testing.T, requestType, physicalID string, p, old map[string]any) json.RawMessage {
	t.Helper()
	ev := map[string]any{
		"RequestType": requestType, "RequestId": "req-" + requestType, "StackId": "arn:aws:cloudformation:eu-west-1:111122223333:stack/Ingest/guid",
		"LogicalResourceId": "FleConfig", "ResourceType": "Custom::FieldLevelEncryption", "ResourceProperties": p,
	}
	if physicalID != "" {
		ev["PhysicalResourceId"] = physicalID
	}
	if old != nil {
		ev["OldResourceProperties"] = old
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func call(t *testing.T, api API, raw json.RawMessage) (customresource.Response, error, string) {
	t.Helper()
	var logs bytes.Buffer
	res, err := handler(api, slog.New(slog.NewJSONHandler(&logs, nil)))(context.Background(), raw)
	return res, err, logs.String()
}

func TestCreateMakesProfileThenConfig(t *testing.T) {
	f, api := newFakeCloudFront(t)
	res, err, logs := call(t, api, event(t, "Create", "", props(`["card_number","ssn*"]`), nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"POST /field-level-encryption-profile", "POST /field-level-encryption"}
	if !slices.Equal(f.calls, want) {
		t.Fatalf("calls %q, want %q", f.calls, want)
	}
	profileID, configID := res.Data["ProfileId"], res.Data["ConfigId"]
	if res.PhysicalResourceID != configID || f.configs[configID] == nil || f.profiles[profileID] == nil {
		t.Fatalf("answer %+v does not name the created configuration and profile", res)
	}
	p := f.profiles[profileID].profile
	if !strings.HasPrefix(p.Name, "Ingest-Fle-a1b2c3d4-") || len(p.Name) != len("Ingest-Fle-a1b2c3d4-")+12 {
		t.Errorf("profile name %q, want the prefix and a 12-character hash", p.Name)
	}
	e := p.EncryptionEntities
	if e.Quantity != 1 || len(e.Items) != 1 || e.Items[0].PublicKeyID != "K2JCJMDEHXQW5F" || e.Items[0].ProviderID != "payments-ingest" ||
		e.Items[0].FieldPatterns.Quantity != 2 || !slices.Equal(e.Items[0].FieldPatterns.Items, []string{"card_number", "ssn*"}) {
		t.Errorf("encryption entities %+v", e)
	}
	if p.CallerReference != "req-Create" {
		t.Errorf("CallerReference %q, want the request id", p.CallerReference)
	}
	c := f.configs[configID].config.ContentTypeProfileConfig
	if c.ForwardWhenContentTypeIsUnknown || c.ContentTypeProfiles.Quantity != 1 ||
		c.ContentTypeProfiles.Items[0] != (contentTypeProfile{Format: "URLEncoded", ProfileID: profileID, ContentType: "application/x-www-form-urlencoded"}) {
		t.Errorf("content type profiles %+v", c)
	}
	if !strings.Contains(f.bodies[1], "<Quantity>0</Quantity>") || !strings.Contains(f.bodies[1], "<ForwardWhenQueryArgProfileIsUnknown>false</ForwardWhenQueryArgProfileIsUnknown>") {
		t.Errorf("configuration body lacks the empty query-argument profiles: %s", f.bodies[1])
	}
	if !strings.Contains(logs, `"configId":"`+configID+`"`) {
		t.Errorf("log %s", logs)
	}
}

func TestForwardUnknownContentType(t *testing.T) {
	f, api := newFakeCloudFront(t)
	p := props(`["email"]`)
	p["ForwardUnknownContentType"] = "true"
	res, err, _ := call(t, api, event(t, "Create", "", p, nil))
	if err != nil {
		t.Fatal(err)
	}
	if !f.configs[res.PhysicalResourceID].config.ContentTypeProfileConfig.ForwardWhenContentTypeIsUnknown {
		t.Error("ForwardWhenContentTypeIsUnknown false, want true")
	}
}

func TestDeleteReadsETagsThenDeletesConfigThenProfile(t *testing.T) {
	f, api := newFakeCloudFront(t)
	res, err, _ := call(t, api, event(t, "Create", "", props(`["card_number"]`), nil))
	if err != nil {
		t.Fatal(err)
	}
	cid, pid := res.Data["ConfigId"], res.Data["ProfileId"]
	cEtag, pEtag := f.configs[cid].etag, f.profiles[pid].etag
	f.calls = nil
	out, err, _ := call(t, api, event(t, "Delete", cid, props(`["card_number"]`), nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /field-level-encryption/" + cid,
		"DELETE /field-level-encryption/" + cid + " " + cEtag,
		"GET /field-level-encryption-profile/" + pid,
		"DELETE /field-level-encryption-profile/" + pid + " " + pEtag,
	}
	if !slices.Equal(f.calls, want) {
		t.Errorf("calls %q, want %q", f.calls, want)
	}
	if out.PhysicalResourceID != cid || len(f.configs)+len(f.profiles) != 0 {
		t.Errorf("answer %+v, left %d configs and %d profiles", out, len(f.configs), len(f.profiles))
	}
}

func TestDeleteOfUnknownIdSucceeds(t *testing.T) {
	f, api := newFakeCloudFront(t)
	// The rollback of a failed Create: the physical id is whatever the
	// framework chose, and the properties may not parse.
	if _, err, _ := call(t, api, event(t, "Delete", "req-Create", map[string]any{"FieldPatterns": "not json"}, nil)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.calls, []string{"GET /field-level-encryption/req-Create"}) {
		t.Errorf("calls %q", f.calls)
	}
}

func TestDeleteFailsOnOtherErrors(t *testing.T) {
	f, api := newFakeCloudFront(t)
	res, _, _ := call(t, api, event(t, "Create", "", props(`["a"]`), nil))
	f.failNext["DELETE /field-level-encryption/"] = fakeFailure{Status: 412, Code: "PreconditionFailed", Times: 1}
	_, err, logs := call(t, api, event(t, "Delete", res.PhysicalResourceID, props(`["a"]`), nil))
	if err == nil || !strings.Contains(err.Error(), "PreconditionFailed") || !strings.Contains(logs, "PreconditionFailed") {
		t.Fatalf("err %v, logs %s", err, logs)
	}
	if len(f.profiles) != 1 {
		t.Error("the profile was deleted although its configuration was not")
	}
}

func TestCreateRemovesProfileWhenConfigFails(t *testing.T) {
	f, api := newFakeCloudFront(t)
	// The profile path starts like the configuration path, so the
	// configuration fails through a wrapper rather than the fake.
	api2 := &failingConfig{API: api}
	_, err := Run(context.Background(), api2, customresource.Event{RequestType: "Create", RequestID: "r1", ResourceProperties: props(`["a"]`)})
	if err == nil || !strings.Contains(err.Error(), "TooManyFieldLevelEncryptionConfigs") {
		t.Fatalf("err %v", err)
	}
	if len(f.profiles) != 0 {
		t.Errorf("%d profiles left after the configuration failed", len(f.profiles))
	}
}

// failingConfig fails CreateConfig as CloudFront does at the account limit.
type failingConfig struct{ API }

func (f *failingConfig) CreateConfig(context.Context, Config) (string, error) {
	return "", &APIError{Status: 400, Code: "TooManyFieldLevelEncryptionConfigs", Message: "limit"}
}

func TestUpdateWithSameSettingsKeepsTheId(t *testing.T) {
	f, api := newFakeCloudFront(t)
	res, _, _ := call(t, api, event(t, "Create", "", props(`["a","b*"]`), nil))
	f.calls = nil
	newProps := props(`["b*","a"]`) // same patterns, other order
	newProps["ServiceToken"] = "arn:aws:lambda:eu-west-1:111122223333:function:other"
	out, err, _ := call(t, api, event(t, "Update", res.PhysicalResourceID, newProps, props(`["a","b*"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if out.PhysicalResourceID != res.PhysicalResourceID || out.Data["ProfileId"] != res.Data["ProfileId"] {
		t.Errorf("answer %+v, want %+v", out, res)
	}
	if !slices.Equal(f.calls, []string{"GET /field-level-encryption/" + res.PhysicalResourceID}) {
		t.Errorf("calls %q", f.calls)
	}
}

func TestUpdateWithNewPatternsReplaces(t *testing.T) {
	f, api := newFakeCloudFront(t)
	res, _, _ := call(t, api, event(t, "Create", "", props(`["a"]`), nil))
	out, err, _ := call(t, api, event(t, "Update", res.PhysicalResourceID, props(`["a","iban"]`), props(`["a"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if out.PhysicalResourceID == res.PhysicalResourceID || len(f.configs) != 2 || len(f.profiles) != 2 {
		t.Fatalf("answer %+v with %d configs, %d profiles: want a second pair beside the first", out, len(f.configs), len(f.profiles))
	}
	// CloudFormation then deletes the old pair.
	if _, err, _ := call(t, api, event(t, "Delete", res.PhysicalResourceID, props(`["a"]`), nil)); err != nil {
		t.Fatal(err)
	}
	if len(f.configs) != 1 || f.configs[out.PhysicalResourceID] == nil || f.profiles[out.Data["ProfileId"]] == nil {
		t.Error("the new pair did not survive the deletion of the old one")
	}
}

func TestRetriesThrottling(t *testing.T) {
	f, api := newFakeCloudFront(t)
	f.failNext["POST /field-level-encryption-profile"] = fakeFailure{Status: 400, Code: "Throttling", Times: 2}
	if _, err, _ := call(t, api, event(t, "Create", "", props(`["a"]`), nil)); err != nil {
		t.Fatal(err)
	}
	if n := len(f.calls); n != 4 {
		t.Errorf("%d calls %q, want 2 throttled + profile + configuration", n, f.calls)
	}
	f.failNext["POST /field-level-encryption-profile"] = fakeFailure{Status: 400, Code: "InvalidArgument", Times: 1}
	f.calls = nil
	_, err, _ := call(t, api, event(t, "Create", "", props(`["other"]`), nil))
	if err == nil || len(f.calls) != 1 {
		t.Errorf("an InvalidArgument was retried or accepted: err %v, calls %q", err, f.calls)
	}
}

func TestRejectsBadRequests(t *testing.T) {
	_, api := newFakeCloudFront(t)
	cases := map[string]struct {
		raw  json.RawMessage
		want string
	}{
		"not json":       {json.RawMessage(`[`), "not a custom resource request"},
		"bad type":       {json.RawMessage(`{"RequestType":"Destroy"}`), `RequestType="Destroy"`},
		"no patterns":    {event(t, "Create", "", props(`[]`), nil), "FieldPatterns = 0 patterns: 1 to 10 field names or prefixes"},
		"11 patterns":    {event(t, "Create", "", props(`["a","b","c","d","e","f","g","h","i","j","k"]`), nil), "11 patterns"},
		"overlap":        {event(t, "Create", "", props(`["card*","card_number"]`), nil), "FieldPatterns[1] = card_number: a pattern that matches no field FieldPatterns[0] (card*) matches"},
		"space":          {event(t, "Create", "", props(`["card number"]`), nil), `FieldPatterns[0] = "card number": a field name or a prefix`},
		"inner wildcard": {event(t, "Create", "", props(`["a*b"]`), nil), `FieldPatterns[0] = "a*b": a field name`},
		"bad forward":    {event(t, "Create", "", func() map[string]any { p := props(`["a"]`); p["ForwardUnknownContentType"] = "yes"; return p }(), nil), `ForwardUnknownContentType="yes"`},
		"bad key":        {event(t, "Create", "", func() map[string]any { p := props(`["a"]`); p["PublicKeyId"] = "arn:aws:x"; return p }(), nil), `PublicKeyId="arn:aws:x"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err, _ := call(t, api, c.raw)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err %v, want %q", err, c.want)
			}
		})
	}
}

func TestEndpoint(t *testing.T) {
	for region, want := range map[string][2]string{
		"eu-west-1":      {"https://cloudfront.amazonaws.com", "us-east-1"},
		"cn-north-1":     {"https://cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
		"cn-northwest-1": {"https://cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
	} {
		e, r := Endpoint(region)
		if e != want[0] || r != want[1] {
			t.Errorf("Endpoint(%s) = %s, %s; want %v", region, e, r, want)
		}
	}
}
