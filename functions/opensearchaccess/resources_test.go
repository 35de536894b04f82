package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
)

// fakeDomain adds ISM, snapshot repositories and cross-cluster replication
// to fakeOpenSearch (which answers the Security REST API).
type fakeDomain struct {
	sec *fakeOpenSearch

	mu         sync.Mutex
	requests   []string // "METHOD path?query"
	bodies     map[string]json.RawMessage
	policies   map[string]json.RawMessage
	seqNo      map[string]int
	repos      map[string]json.RawMessage
	following  map[string]json.RawMessage
	autofollow map[string]json.RawMessage
	remoteDown int // answers "no such remote cluster" this many times
}

func newFakeDomain() *fakeDomain {
	return &fakeDomain{sec: newFake(), bodies: map[string]json.RawMessage{}, policies: map[string]json.RawMessage{},
		seqNo: map[string]int{}, repos: map[string]json.RawMessage{}, following: map[string]json.RawMessage{},
		autofollow: map[string]json.RawMessage{}}
}

func (f *fakeDomain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, apiPrefix) {
		f.sec.ServeHTTP(w, r)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := awsfake.CheckSigned(r, "eu-west-1", "es"); err != nil {
		http.Error(w, `{"message":"not signed"}`, http.StatusForbidden)
		return
	}
	key := r.Method + " " + r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	f.requests = append(f.requests, key)
	body, _ := io.ReadAll(r.Body)
	f.bodies[r.Method+" "+r.URL.Path] = body
	answer := func(st int, v any) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		json.NewEncoder(w).Encode(v)
	}
	notFound := func() {
		answer(404, map[string]any{"error": map[string]string{"type": "resource_not_found_exception"}})
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case len(parts) == 4 && parts[1] == "_ism" && parts[2] == "policies":
		id := parts[3]
		switch r.Method {
		case http.MethodGet:
			if _, ok := f.policies[id]; !ok {
				notFound()
				return
			}
			answer(200, map[string]any{"_id": id, "_version": f.seqNo[id], "_seq_no": f.seqNo[id], "_primary_term": 1, "policy": f.policies[id]})
		case http.MethodPut:
			_, exists := f.policies[id]
			if exists && r.URL.Query().Get("if_seq_no") == "" {
				answer(409, map[string]any{"error": map[string]string{"type": "version_conflict_engine_exception"}})
				return
			}
			f.policies[id] = body
			f.seqNo[id]++
			answer(201, map[string]any{"_id": id})
		case http.MethodDelete:
			if _, ok := f.policies[id]; !ok {
				notFound()
				return
			}
			delete(f.policies, id)
			answer(200, map[string]any{"result": "deleted"})
		}
	case len(parts) == 2 && parts[0] == "_snapshot":
		switch r.Method {
		case http.MethodPut:
			f.repos[parts[1]] = body
			answer(200, map[string]any{"acknowledged": true})
		case http.MethodDelete:
			if _, ok := f.repos[parts[1]]; !ok {
				notFound()
				return
			}
			delete(f.repos, parts[1])
			answer(200, map[string]any{"acknowledged": true})
		}
	case len(parts) == 3 && parts[1] == "_replication" && parts[2] == "_autofollow":
		var req struct {
			Name string `json:"name"`
		}
		json.Unmarshal(body, &req)
		if r.Method == http.MethodPost {
			if f.remoteDown > 0 {
				f.remoteDown--
				answer(400, map[string]any{"error": map[string]string{"reason": "no such remote cluster: [leader]"}})
				return
			}
			f.autofollow[req.Name] = body
			answer(200, map[string]any{"acknowledged": true})
			return
		}
		if _, ok := f.autofollow[req.Name]; !ok {
			answer(400, map[string]any{"error": map[string]string{"reason": "Autofollow replication rule does not exist"}})
			return
		}
		delete(f.autofollow, req.Name)
		answer(200, map[string]any{"acknowledged": true})
	case len(parts) == 4 && parts[1] == "_replication" && parts[3] == "_start":
		if f.remoteDown > 0 {
			f.remoteDown--
			answer(500, map[string]any{"error": map[string]string{"type": "connect_transport_exception"}})
			return
		}
		if _, ok := f.following[parts[2]]; ok {
			answer(400, map[string]any{"error": map[string]string{"type": "resource_already_exists_exception"}})
			return
		}
		f.following[parts[2]] = body
		answer(200, map[string]any{"acknowledged": true})
	case len(parts) == 4 && parts[1] == "_replication" && parts[3] == "_stop":
		if _, ok := f.following[parts[2]]; !ok {
			answer(400, map[string]any{"error": map[string]string{"reason": "No replication in progress for index:" + parts[2]}})
			return
		}
		delete(f.following, parts[2])
		answer(200, map[string]any{"acknowledged": true})
	default:
		answer(405, map[string]string{"error": "unexpected " + key})
	}
}

func (f *fakeDomain) seen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := append([]string(nil), f.requests...)
	f.requests = nil
	return out
}

func setupDomain(t *testing.T, f *fakeDomain) *Provisioner {
	srv := httptest.NewTLSServer(f)
	t.Cleanup(srv.Close)
	c := &Client{
		HTTP:    srv.Client(),
		Signer:  &sigv4.Signer{Credentials: awsfake.Credentials(), Region: "eu-west-1"},
		Retry:   Retry{First: 5 * time.Millisecond, Max: 20 * time.Millisecond, Total: 5 * time.Second, PerAttempt: 2 * time.Second},
		BaseURL: srv.URL,
	}
	return &Provisioner{API: c, Margin: 5 * time.Second, Pause: func(context.Context, time.Duration) error { return nil }}
}

const ismPolicy = `{"policy":{"description":"hot warm delete","default_state":"hot",
 "states":[{"name":"hot","actions":[],"transitions":[{"state_name":"warm","conditions":{"min_index_age":"7d"}}]},
  {"name":"warm","actions":[{"warm_migration":{}}],"transitions":[{"state_name":"delete","conditions":{"min_index_age":"90d"}}]},
  {"name":"delete","actions":[{"delete":{}}],"transitions":[]}],
 "ism_template":[{"index_patterns":["weblogs-*"],"priority":100}]}}`

func ismProps(over map[string]any) map[string]any {
	p := map[string]any{"ServiceToken": "x", "DomainEndpoint": endpoint, "PolicyId": "weblogs-lifecycle", "Policy": ismPolicy}
	for k, v := range over {
		p[k] = v
	}
	return p
}

func TestIsmPolicyLifecycle(t *testing.T) {
	f := newFakeDomain()
	p := setupDomain(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeIsmPolicy, ResourceProperties: ismProps(nil)})
	require.NoError(t, err)
	require.Equal(t, Response{PhysicalResourceID: endpoint + "/_ism/weblogs-lifecycle", Data: map[string]string{"PolicyId": "weblogs-lifecycle"}}, res)
	require.Equal(t, []string{"GET /_plugins/_ism/policies/weblogs-lifecycle", "PUT /_plugins/_ism/policies/weblogs-lifecycle"}, f.seen())
	require.JSONEq(t, ismPolicy, string(f.policies["weblogs-lifecycle"]))

	// An update replaces it with the current sequence number and primary term.
	changed := strings.ReplaceAll(ismPolicy, "90d", "30d")
	_, err = p.Run(context.Background(), Event{RequestType: "Update", ResourceType: TypeIsmPolicy, PhysicalResourceID: res.PhysicalResourceID,
		ResourceProperties: ismProps(map[string]any{"Policy": changed}), OldResourceProperties: ismProps(nil)})
	require.NoError(t, err)
	require.Equal(t, []string{"GET /_plugins/_ism/policies/weblogs-lifecycle", "PUT /_plugins/_ism/policies/weblogs-lifecycle?if_primary_term=1&if_seq_no=1"}, f.seen())
	require.JSONEq(t, changed, string(f.policies["weblogs-lifecycle"]))

	// A renamed policy: the new one is put, the old one deleted.
	_, err = p.Run(context.Background(), Event{RequestType: "Update", ResourceType: TypeIsmPolicy, PhysicalResourceID: res.PhysicalResourceID,
		ResourceProperties: ismProps(map[string]any{"PolicyId": "weblogs-v2"}), OldResourceProperties: ismProps(nil)})
	require.NoError(t, err)
	require.Equal(t, []string{"GET /_plugins/_ism/policies/weblogs-v2", "PUT /_plugins/_ism/policies/weblogs-v2", "DELETE /_plugins/_ism/policies/weblogs-lifecycle"}, f.seen())

	// Delete, twice (the second finds nothing: 404 is fine).
	for range 2 {
		_, err = p.Run(context.Background(), Event{RequestType: "Delete", ResourceType: TypeIsmPolicy, PhysicalResourceID: "x", ResourceProperties: ismProps(map[string]any{"PolicyId": "weblogs-v2"})})
		require.NoError(t, err)
	}
	require.Empty(t, f.policies)
}

func TestIsmPolicyRejected(t *testing.T) {
	f := newFakeDomain()
	p := setupDomain(t, f)
	for _, tc := range []struct{ policy, want string }{
		{`{"policy": {"states": [`, "unexpected end of JSON input"},
		{`{"policy": {"states": []}}`, "at least one state"},
		{`{"states": [{"name":"hot"}]}`, "at least one state"},
	} {
		_, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeIsmPolicy, ResourceProperties: ismProps(map[string]any{"Policy": tc.policy, "PolicyId": "Bad Id"})})
		require.ErrorContains(t, err, tc.want)
		require.ErrorContains(t, err, `PolicyId="Bad Id"`)
	}
	require.Empty(t, f.seen())
	res, err := p.Run(context.Background(), Event{RequestType: "Delete", ResourceType: TypeIsmPolicy, PhysicalResourceID: "abc", ResourceProperties: ismProps(map[string]any{"Policy": "{"})})
	require.NoError(t, err, "the rollback of a Create that failed validation")
	require.Equal(t, "abc", res.PhysicalResourceID)
}

func snapshotProps(over map[string]any) map[string]any {
	p := map[string]any{"DomainEndpoint": endpoint, "RepositoryName": "manual", "Bucket": "weblog-snapshots",
		"Region": "eu-west-1", "RoleArn": "arn:aws:iam::123456789012:role/snapshots", "BasePath": "/domain/"}
	for k, v := range over {
		p[k] = v
	}
	return p
}

func TestSnapshotRepository(t *testing.T) {
	f := newFakeDomain()
	p := setupDomain(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeSnapshotRepository, ResourceProperties: snapshotProps(nil)})
	require.NoError(t, err)
	require.Equal(t, endpoint+"/_snapshot/manual", res.PhysicalResourceID)
	require.Equal(t, []string{"PUT /_snapshot/manual"}, f.seen())
	require.JSONEq(t, `{"type":"s3","settings":{"bucket":"weblog-snapshots","region":"eu-west-1","role_arn":"arn:aws:iam::123456789012:role/snapshots","base_path":"domain","server_side_encryption":true}}`,
		string(f.repos["manual"]))

	_, err = p.Run(context.Background(), Event{RequestType: "Update", ResourceType: TypeSnapshotRepository,
		ResourceProperties: snapshotProps(map[string]any{"RepositoryName": "manual-2", "BasePath": ""}), OldResourceProperties: snapshotProps(nil)})
	require.NoError(t, err)
	require.Equal(t, []string{"PUT /_snapshot/manual-2", "DELETE /_snapshot/manual"}, f.seen())
	require.NotContains(t, string(f.repos["manual-2"]), "base_path")

	_, err = p.Run(context.Background(), Event{RequestType: "Delete", ResourceType: TypeSnapshotRepository, ResourceProperties: snapshotProps(map[string]any{"RepositoryName": "manual-2"})})
	require.NoError(t, err)
	require.Empty(t, f.repos)

	_, err = p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeSnapshotRepository,
		ResourceProperties: snapshotProps(map[string]any{"RepositoryName": "cs-automated", "RoleArn": "role", "Region": "", "Bucket": "B"})})
	for _, want := range []string{"reserved", `RoleArn="role"`, `Region=""`, `Bucket="B"`} {
		require.ErrorContains(t, err, want)
	}
}

func TestRoleMembers(t *testing.T) {
	f := newFakeDomain()
	p := setupDomain(t, f)
	ev := Event{RequestType: "Create", ResourceType: TypeRoleMembers, ResourceProperties: map[string]any{
		"DomainEndpoint": endpoint, "RoleName": "cold_manager", "BackendRoles": adminARN + "," + writerARN}}
	res, err := p.Run(context.Background(), ev)
	require.NoError(t, err)
	require.Equal(t, endpoint+"/members/cold_manager", res.PhysicalResourceID)
	require.Equal(t, []string{"GET rolesmapping/cold_manager", "PUT rolesmapping/cold_manager"}, f.sec.seen())
	require.Equal(t, []string{adminARN, writerARN}, f.sec.mappings["cold_manager"]["backend_roles"])

	f.sec.mappings["cold_manager"]["backend_roles"] = append(f.sec.mappings["cold_manager"]["backend_roles"], otherARN)
	old := ev.ResourceProperties
	ev.RequestType, ev.OldResourceProperties = "Update", old
	ev.ResourceProperties = map[string]any{"DomainEndpoint": endpoint, "RoleName": "cold_manager", "BackendRoles": adminARN}
	_, err = p.Run(context.Background(), ev)
	require.NoError(t, err)
	require.Equal(t, []string{adminARN, otherARN}, f.sec.mappings["cold_manager"]["backend_roles"], "the dropped one out, others' kept")

	ev.RequestType = "Delete"
	_, err = p.Run(context.Background(), ev)
	require.NoError(t, err)
	require.Equal(t, []string{otherARN}, f.sec.mappings["cold_manager"]["backend_roles"])

	_, err = p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeRoleMembers, ResourceProperties: map[string]any{
		"DomainEndpoint": endpoint, "RoleName": "all_access", "BackendRoles": ""}})
	require.ErrorContains(t, err, `RoleName="all_access": one of cold_manager`)
	require.ErrorContains(t, err, "at least one IAM role ARN")
}

func replicationProps(over map[string]any) map[string]any {
	p := map[string]any{"DomainEndpoint": endpoint, "LeaderAlias": "weblogs-leader", "Indices": "weblogs-2026-12-01",
		"AutoFollowRuleName": "weblogs", "AutoFollowPattern": "weblogs-*"}
	for k, v := range over {
		p[k] = v
	}
	return p
}

func TestReplication(t *testing.T) {
	f := newFakeDomain()
	f.remoteDown = 2 // the connection was accepted moments ago
	p := setupDomain(t, f)
	res, err := p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeReplication, ResourceProperties: replicationProps(nil)})
	require.NoError(t, err)
	require.Equal(t, endpoint+"/_replication/weblogs-leader", res.PhysicalResourceID)
	require.Equal(t, []string{
		"PUT /_plugins/_replication/weblogs-2026-12-01/_start", "PUT /_plugins/_replication/weblogs-2026-12-01/_start",
		"PUT /_plugins/_replication/weblogs-2026-12-01/_start", "POST /_plugins/_replication/_autofollow",
	}, f.seen())
	roles := `"use_roles":{"leader_cluster_role":"cross_cluster_replication_leader_full_access","follower_cluster_role":"cross_cluster_replication_follower_full_access"}`
	require.JSONEq(t, `{"leader_alias":"weblogs-leader","leader_index":"weblogs-2026-12-01",`+roles+`}`, string(f.following["weblogs-2026-12-01"]))
	require.JSONEq(t, `{"leader_alias":"weblogs-leader","name":"weblogs","pattern":"weblogs-*",`+roles+`}`, string(f.autofollow["weblogs"]))

	// Update: a new index starts, the dropped one stops, the rule changes.
	_, err = p.Run(context.Background(), Event{RequestType: "Update", ResourceType: TypeReplication,
		ResourceProperties:    replicationProps(map[string]any{"Indices": "weblogs-2026-12-02", "AutoFollowPattern": "weblogs-2026-*"}),
		OldResourceProperties: replicationProps(nil)})
	require.NoError(t, err)
	require.Equal(t, []string{
		"POST /_plugins/_replication/weblogs-2026-12-01/_stop", "DELETE /_plugins/_replication/_autofollow",
		"PUT /_plugins/_replication/weblogs-2026-12-02/_start", "POST /_plugins/_replication/_autofollow",
	}, f.seen())

	// Starting an index that already follows is fine.
	require.NoError(t, p.startReplication(context.Background(), Replication{DomainEndpoint: endpoint, LeaderAlias: "weblogs-leader"}, "weblogs-2026-12-02"))
	f.seen()

	_, err = p.Run(context.Background(), Event{RequestType: "Delete", ResourceType: TypeReplication,
		ResourceProperties: replicationProps(map[string]any{"Indices": "weblogs-2026-12-02,gone"})})
	require.NoError(t, err, "an index that no longer follows is fine")
	require.Equal(t, []string{"DELETE /_plugins/_replication/_autofollow", "POST /_plugins/_replication/weblogs-2026-12-02/_stop", "POST /_plugins/_replication/gone/_stop"}, f.seen())
	require.Empty(t, f.following)
	require.Empty(t, f.autofollow)

	_, err = p.Run(context.Background(), Event{RequestType: "Create", ResourceType: TypeReplication,
		ResourceProperties: replicationProps(map[string]any{"LeaderAlias": "x", "Indices": "Weblogs,a*", "AutoFollowPattern": ""})})
	for _, want := range []string{`LeaderAlias="x"`, `Indices="Weblogs"`, `Indices="a*"`, "both or neither"} {
		require.ErrorContains(t, err, want)
	}
}

func TestReplicationGivesUpBeforeDeadline(t *testing.T) {
	f := newFakeDomain()
	f.remoteDown = 1000
	p := setupDomain(t, f)
	p.Pause = nil
	defer func(d time.Duration) { ReplicationPause = d }(ReplicationPause)
	ReplicationPause = 20 * time.Millisecond
	p.Margin = 100 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err := p.Run(ctx, Event{RequestType: "Create", ResourceType: TypeReplication, ResourceProperties: replicationProps(map[string]any{"AutoFollowRuleName": "", "AutoFollowPattern": ""})})
	require.ErrorContains(t, err, "leader not reachable after")
	require.NoError(t, ctx.Err())
}

func TestHandlerWithIsmEvent(t *testing.T) {
	raw, err := os.ReadFile("testdata/ism-create-event.json")
	require.NoError(t, err)
	f := newFakeDomain()
	p := setupDomain(t, f)
	res, err := p.Run(context.Background(), mustParse(t, raw))
	require.NoError(t, err)
	require.Equal(t, "vpc-music-search-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com/_ism/weblogs-lifecycle", res.PhysicalResourceID)
	require.Contains(t, string(f.policies["weblogs-lifecycle"]), "cold_migration")
}

func mustParse(t *testing.T, raw []byte) Event {
	ev, err := parseEvent(raw)
	require.NoError(t, err)
	return ev
}
