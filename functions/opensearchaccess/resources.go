package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// The resource types besides Custom::OpenSearchRoleMapping (the default,
// handled by Run itself), by ResourceType.
const (
	TypeIsmPolicy          = "Custom::OpenSearchIsmPolicy"
	TypeSnapshotRepository = "Custom::OpenSearchSnapshotRepository"
	TypeRoleMembers        = "Custom::OpenSearchRoleMembers"
	TypeReplication        = "Custom::OpenSearchReplication"
)

type handlerFunc func(context.Context, *Provisioner, Event) (Response, error)

var handlers map[string]handlerFunc

func init() {
	handlers = map[string]handlerFunc{
		TypeIsmPolicy:          runIsmPolicy,
		TypeSnapshotRepository: runSnapshotRepository,
		TypeRoleMembers:        runRoleMembers,
		TypeReplication:        runReplication,
	}
}

var (
	policyID     = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,127}$`)
	repoName     = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,127}$`)
	bucketName   = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	regionName   = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	aliasName    = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]{2,99}$`)
	indexPattern = regexp.MustCompile(`^[a-z0-9][^\s\\/?"<>|,#:]*$`)
)

// memberRoles are the predefined roles a Custom::OpenSearchRoleMembers may
// add backend roles to.
var memberRoles = []string{
	"cold_manager", "cross_cluster_replication_leader_full_access", "cross_cluster_replication_follower_full_access",
	"readall", "readall_and_monitor", "kibana_user", "manage_snapshots", "opensearch_dashboards_user",
}

// propReader reads string properties and collects every problem.
type propReader struct {
	raw map[string]any
	bad []string
}

func (p *propReader) add(name, value, allowed string) {
	p.bad = append(p.bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
}

func (p *propReader) str(name string) string {
	v, ok := p.raw[name]
	if !ok || v == nil {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		p.add(name, fmt.Sprint(v), "a string")
		return ""
	}
	return strings.TrimSpace(s)
}

func (p *propReader) endpoint() string {
	ep := p.str("DomainEndpoint")
	if !hostName.MatchString(ep) || len(ep) > 253 {
		p.add("DomainEndpoint", ep, "the domain's endpoint host name without scheme, port or path (vpc-<name>-<id>.<region>.es.amazonaws.com)")
	}
	return ep
}

func (p *propReader) match(name string, re *regexp.Regexp, allowed string) string {
	v := p.str(name)
	if !re.MatchString(v) {
		p.add(name, v, allowed)
	}
	return v
}

func (p *propReader) err() error {
	if len(p.bad) == 0 {
		return nil
	}
	return fmt.Errorf("invalid resource properties: %s", strings.Join(p.bad, "; "))
}

// lifecycle runs the common shape: parse the new (and old) properties,
// apply or delete; a Delete whose properties do not parse succeeds without
// a request (the rollback of a Create that failed validation).
func lifecycle[T any](ctx context.Context, ev Event, parse func(map[string]any) (T, error), id func(T) string,
	apply func(context.Context, T, *T) (map[string]string, error), del func(context.Context, T) error,
) (Response, error) {
	cur, err := parse(ev.ResourceProperties)
	if ev.RequestType == "Delete" {
		if err != nil {
			return Response{PhysicalResourceID: ev.PhysicalResourceID}, nil
		}
		return Response{PhysicalResourceID: ev.PhysicalResourceID}, del(ctx, cur)
	}
	if err != nil {
		return Response{}, err
	}
	var old *T
	if ev.RequestType == "Update" {
		if o, err := parse(ev.OldResourceProperties); err == nil {
			old = &o
		}
	}
	data, err := apply(ctx, cur, old)
	return Response{PhysicalResourceID: id(cur), Data: data}, err
}

// ---- Custom::OpenSearchIsmPolicy -------------------------------------------

// IsmPolicy is an Index State Management policy: Policy is the body of
// PUT _plugins/_ism/policies/<PolicyId>, {"policy": {...}}.
type IsmPolicy struct {
	DomainEndpoint string
	PolicyID       string
	Policy         json.RawMessage
}

// ParseIsmPolicy reads DomainEndpoint, PolicyId and Policy (a JSON string
// {"policy": {"states": [...], ...}}).
func ParseIsmPolicy(raw map[string]any) (IsmPolicy, error) {
	p := &propReader{raw: raw}
	r := IsmPolicy{
		DomainEndpoint: p.endpoint(),
		PolicyID:       p.match("PolicyId", policyID, "1 to 128 of a-z 0-9 _ . -, starting with a letter or digit"),
	}
	body := p.str("Policy")
	var doc struct {
		Policy *struct {
			States []json.RawMessage `json:"states"`
		} `json:"policy"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		p.add("Policy", sigv4.Excerpt([]byte(body)), "a JSON document {\"policy\": {...}}: "+err.Error())
	} else if doc.Policy == nil || len(doc.Policy.States) == 0 {
		p.add("Policy", sigv4.Excerpt([]byte(body)), "a JSON document {\"policy\": {...}} with at least one state")
	}
	r.Policy = json.RawMessage(body)
	return r, p.err()
}

func runIsmPolicy(ctx context.Context, pv *Provisioner, ev Event) (Response, error) {
	return lifecycle(ctx, ev, ParseIsmPolicy,
		func(r IsmPolicy) string { return r.DomainEndpoint + "/_ism/" + r.PolicyID },
		func(ctx context.Context, r IsmPolicy, old *IsmPolicy) (map[string]string, error) {
			if err := pv.putIsmPolicy(ctx, r); err != nil {
				return nil, err
			}
			if old != nil && old.DomainEndpoint == r.DomainEndpoint && old.PolicyID != r.PolicyID {
				if err := pv.deleteTolerant(ctx, r.DomainEndpoint, "/_plugins/_ism/policies/"+old.PolicyID); err != nil {
					return nil, err
				}
			}
			return map[string]string{"PolicyId": r.PolicyID}, nil
		},
		func(ctx context.Context, r IsmPolicy) error {
			return pv.deleteTolerant(ctx, r.DomainEndpoint, "/_plugins/_ism/policies/"+r.PolicyID)
		})
}

// putIsmPolicy creates the policy, or replaces it with the sequence number
// and primary term the domain has (ISM refuses an update without them).
func (p *Provisioner) putIsmPolicy(ctx context.Context, r IsmPolicy) error {
	path := "/_plugins/_ism/policies/" + r.PolicyID
	status, body, err := p.API.Do(ctx, r.DomainEndpoint, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	switch {
	case status == http.StatusNotFound:
	case status/100 == 2:
		var cur struct {
			SeqNo       *int64 `json:"_seq_no"`
			PrimaryTerm *int64 `json:"_primary_term"`
		}
		if err := json.Unmarshal(body, &cur); err != nil || cur.SeqNo == nil || cur.PrimaryTerm == nil {
			return fmt.Errorf("GET %s: no _seq_no and _primary_term in %s", path, sigv4.Excerpt(body))
		}
		path += fmt.Sprintf("?if_seq_no=%d&if_primary_term=%d", *cur.SeqNo, *cur.PrimaryTerm)
	default:
		return fmt.Errorf("GET %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
	}
	return p.expect(ctx, r.DomainEndpoint, http.MethodPut, path, r.Policy)
}

// ---- Custom::OpenSearchSnapshotRepository ----------------------------------

// SnapshotRepository registers an S3 bucket as a manual snapshot
// repository: PUT _snapshot/<RepositoryName>.
type SnapshotRepository struct {
	DomainEndpoint string
	RepositoryName string
	Bucket         string
	Region         string
	RoleArn        string // assumed by es.amazonaws.com; the caller needs iam:PassRole on it
	BasePath       string
}

// ParseSnapshotRepository reads DomainEndpoint, RepositoryName, Bucket,
// Region, RoleArn and BasePath (may be empty).
func ParseSnapshotRepository(raw map[string]any) (SnapshotRepository, error) {
	p := &propReader{raw: raw}
	r := SnapshotRepository{
		DomainEndpoint: p.endpoint(),
		RepositoryName: p.match("RepositoryName", repoName, "1 to 128 of a-z 0-9 _ . -, starting with a letter or digit"),
		Bucket:         p.match("Bucket", bucketName, "an S3 bucket name"),
		Region:         p.match("Region", regionName, "an AWS Region such as eu-west-1"),
		RoleArn:        p.match("RoleArn", iamRole, "the snapshot role's ARN (arn:<partition>:iam::<account>:role/<name>)"),
		BasePath:       strings.Trim(p.str("BasePath"), "/"),
	}
	if strings.HasPrefix(r.RepositoryName, "cs-") {
		p.add("RepositoryName", r.RepositoryName, "not starting with cs- (reserved for the service's automated snapshots)")
	}
	return r, p.err()
}

func runSnapshotRepository(ctx context.Context, pv *Provisioner, ev Event) (Response, error) {
	return lifecycle(ctx, ev, ParseSnapshotRepository,
		func(r SnapshotRepository) string { return r.DomainEndpoint + "/_snapshot/" + r.RepositoryName },
		func(ctx context.Context, r SnapshotRepository, old *SnapshotRepository) (map[string]string, error) {
			settings := map[string]any{"bucket": r.Bucket, "region": r.Region, "role_arn": r.RoleArn, "server_side_encryption": true}
			if r.BasePath != "" {
				settings["base_path"] = r.BasePath
			}
			if err := pv.expect(ctx, r.DomainEndpoint, http.MethodPut, "/_snapshot/"+r.RepositoryName,
				map[string]any{"type": "s3", "settings": settings}); err != nil {
				return nil, err
			}
			if old != nil && old.DomainEndpoint == r.DomainEndpoint && old.RepositoryName != r.RepositoryName {
				if err := pv.deleteTolerant(ctx, r.DomainEndpoint, "/_snapshot/"+old.RepositoryName); err != nil {
					return nil, err
				}
			}
			return map[string]string{"RepositoryName": r.RepositoryName}, nil
		},
		func(ctx context.Context, r SnapshotRepository) error {
			// Unregisters the repository; the snapshots stay in the bucket.
			return pv.deleteTolerant(ctx, r.DomainEndpoint, "/_snapshot/"+r.RepositoryName)
		})
}

// ---- Custom::OpenSearchRoleMembers -----------------------------------------

// RoleMembers adds IAM roles as backend roles to a predefined role's
// mapping (cold_manager, the replication roles, ...).
type RoleMembers struct {
	DomainEndpoint string
	RoleName       string
	BackendRoles   []string
}

// ParseRoleMembers reads DomainEndpoint, RoleName (one of memberRoles) and
// BackendRoles (comma-separated IAM role ARNs, at least one).
func ParseRoleMembers(raw map[string]any) (RoleMembers, error) {
	p := &propReader{raw: raw}
	r := RoleMembers{DomainEndpoint: p.endpoint(), RoleName: p.str("RoleName")}
	if !slices.Contains(memberRoles, r.RoleName) {
		p.add("RoleName", r.RoleName, "one of "+strings.Join(memberRoles, ", "))
	}
	list := p.str("BackendRoles")
	r.BackendRoles = splitList(list)
	if len(r.BackendRoles) == 0 {
		p.add("BackendRoles", list, "a comma-separated list of at least one IAM role ARN")
	}
	for _, b := range r.BackendRoles {
		if !iamRole.MatchString(b) {
			p.add("BackendRoles", b, "an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/name>)")
		}
	}
	return r, p.err()
}

func runRoleMembers(ctx context.Context, pv *Provisioner, ev Event) (Response, error) {
	return lifecycle(ctx, ev, ParseRoleMembers,
		func(r RoleMembers) string { return r.DomainEndpoint + "/members/" + r.RoleName },
		func(ctx context.Context, r RoleMembers, old *RoleMembers) (map[string]string, error) {
			var drop []string
			if old != nil && old.DomainEndpoint == r.DomainEndpoint && old.RoleName == r.RoleName {
				for _, b := range old.BackendRoles {
					if !slices.Contains(r.BackendRoles, b) {
						drop = append(drop, b)
					}
				}
			}
			if err := pv.updateMapping(ctx, r.DomainEndpoint, r.RoleName, r.BackendRoles, drop); err != nil {
				return nil, err
			}
			if old != nil && old.DomainEndpoint == r.DomainEndpoint && old.RoleName != r.RoleName {
				if err := pv.updateMapping(ctx, r.DomainEndpoint, old.RoleName, nil, old.BackendRoles); err != nil {
					return nil, err
				}
			}
			return map[string]string{"RoleName": r.RoleName}, nil
		},
		func(ctx context.Context, r RoleMembers) error {
			return pv.updateMapping(ctx, r.DomainEndpoint, r.RoleName, nil, r.BackendRoles)
		})
}

// ---- Custom::OpenSearchReplication -----------------------------------------

// Replication starts cross-cluster replication on the follower domain
// (DomainEndpoint) from the leader behind the connection LeaderAlias:
// follower indices named like their leader indices, and an auto-follow
// rule for new leader indices matching AutoFollowPattern.
type Replication struct {
	DomainEndpoint     string
	LeaderAlias        string
	Indices            []string
	AutoFollowRuleName string
	AutoFollowPattern  string
}

// useRoles are the predefined roles replication runs with on each side.
var useRoles = map[string]string{
	"leader_cluster_role":   "cross_cluster_replication_leader_full_access",
	"follower_cluster_role": "cross_cluster_replication_follower_full_access",
}

// ParseReplication reads DomainEndpoint, LeaderAlias, Indices
// (comma-separated) and AutoFollowRuleName with AutoFollowPattern (both or
// neither); at least indices or a rule.
func ParseReplication(raw map[string]any) (Replication, error) {
	p := &propReader{raw: raw}
	r := Replication{
		DomainEndpoint:     p.endpoint(),
		LeaderAlias:        p.match("LeaderAlias", aliasName, "the connection alias: 3 to 100 of a-z A-Z 0-9 _ -, starting with a letter"),
		Indices:            splitList(p.str("Indices")),
		AutoFollowRuleName: p.str("AutoFollowRuleName"),
		AutoFollowPattern:  p.str("AutoFollowPattern"),
	}
	for _, i := range r.Indices {
		if !indexPattern.MatchString(i) || strings.Contains(i, "*") {
			p.add("Indices", i, "index names (lowercase, no wildcards, spaces, \\ / ? \" < > | , # :)")
		}
	}
	if (r.AutoFollowRuleName == "") != (r.AutoFollowPattern == "") {
		p.add("AutoFollowRuleName/AutoFollowPattern", r.AutoFollowRuleName+"/"+r.AutoFollowPattern, "both or neither")
	}
	if r.AutoFollowRuleName != "" && !policyID.MatchString(r.AutoFollowRuleName) {
		p.add("AutoFollowRuleName", r.AutoFollowRuleName, "1 to 128 of a-z 0-9 _ . -")
	}
	if r.AutoFollowPattern != "" && !indexPattern.MatchString(r.AutoFollowPattern) {
		p.add("AutoFollowPattern", r.AutoFollowPattern, "an index pattern such as weblogs-*")
	}
	if len(r.Indices) == 0 && r.AutoFollowRuleName == "" {
		p.add("Indices", "", "at least one index, or an auto-follow rule")
	}
	return r, p.err()
}

// ReplicationPause is the wait between attempts to start replication while
// the connection to the leader is not usable yet.
var ReplicationPause = 15 * time.Second

func runReplication(ctx context.Context, pv *Provisioner, ev Event) (Response, error) {
	return lifecycle(ctx, ev, ParseReplication,
		func(r Replication) string { return r.DomainEndpoint + "/_replication/" + r.LeaderAlias },
		func(ctx context.Context, r Replication, old *Replication) (map[string]string, error) {
			same := old != nil && old.DomainEndpoint == r.DomainEndpoint && old.LeaderAlias == r.LeaderAlias
			if same {
				for _, i := range old.Indices {
					if !slices.Contains(r.Indices, i) {
						if err := pv.stopReplication(ctx, r.DomainEndpoint, i); err != nil {
							return nil, err
						}
					}
				}
				if old.AutoFollowRuleName != "" && (old.AutoFollowRuleName != r.AutoFollowRuleName || old.AutoFollowPattern != r.AutoFollowPattern) {
					if err := pv.deleteAutoFollow(ctx, *old); err != nil {
						return nil, err
					}
				}
			}
			for _, i := range r.Indices {
				if same && slices.Contains(old.Indices, i) {
					continue
				}
				if err := pv.startReplication(ctx, r, i); err != nil {
					return nil, err
				}
			}
			if r.AutoFollowRuleName != "" && !(same && old.AutoFollowRuleName == r.AutoFollowRuleName && old.AutoFollowPattern == r.AutoFollowPattern) {
				if err := pv.retryRemote(ctx, r.DomainEndpoint, http.MethodPost, "/_plugins/_replication/_autofollow", map[string]any{
					"leader_alias": r.LeaderAlias, "name": r.AutoFollowRuleName, "pattern": r.AutoFollowPattern, "use_roles": useRoles,
				}); err != nil {
					return nil, err
				}
			}
			return map[string]string{"LeaderAlias": r.LeaderAlias}, nil
		},
		func(ctx context.Context, r Replication) error {
			if r.AutoFollowRuleName != "" {
				if err := pv.deleteAutoFollow(ctx, r); err != nil {
					return err
				}
			}
			for _, i := range r.Indices {
				if err := pv.stopReplication(ctx, r.DomainEndpoint, i); err != nil {
					return err
				}
			}
			return nil
		})
}

func (p *Provisioner) startReplication(ctx context.Context, r Replication, index string) error {
	return p.retryRemote(ctx, r.DomainEndpoint, http.MethodPut, "/_plugins/_replication/"+url.PathEscape(index)+"/_start",
		map[string]any{"leader_alias": r.LeaderAlias, "leader_index": index, "use_roles": useRoles})
}

// stopReplication turns a follower index into a regular index (its data
// stays); an index that does not replicate (any more) is fine.
func (p *Provisioner) stopReplication(ctx context.Context, ep, index string) error {
	path := "/_plugins/_replication/" + url.PathEscape(index) + "/_stop"
	status, body, err := p.API.Do(ctx, ep, http.MethodPost, path, map[string]any{})
	if err != nil {
		return err
	}
	if status/100 == 2 || status == http.StatusNotFound || (status == http.StatusBadRequest && strings.Contains(string(body), "replication")) {
		return nil
	}
	return fmt.Errorf("POST %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
}

func (p *Provisioner) deleteAutoFollow(ctx context.Context, r Replication) error {
	const path = "/_plugins/_replication/_autofollow"
	status, body, err := p.API.Do(ctx, r.DomainEndpoint, http.MethodDelete, path,
		map[string]any{"leader_alias": r.LeaderAlias, "name": r.AutoFollowRuleName})
	if err != nil {
		return err
	}
	if status/100 == 2 || status == http.StatusNotFound || (status == http.StatusBadRequest && strings.Contains(string(body), "does not exist")) {
		return nil
	}
	return fmt.Errorf("DELETE %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
}

// retryRemote makes a request that must succeed, retrying (every
// ReplicationPause, within the invocation's time) while the domain answers
// that the leader's cluster is not reachable yet: the connection accepted
// moments ago may still be provisioning. An index that already follows
// counts as done.
func (p *Provisioner) retryRemote(ctx context.Context, ep, method, path string, req any) error {
	for attempt := 1; ; attempt++ {
		status, body, err := p.API.Do(ctx, ep, method, path, req)
		if err != nil {
			return err
		}
		text := string(body)
		switch {
		case status/100 == 2:
			return nil
		case strings.Contains(text, "resource_already_exists") || strings.Contains(text, "already exists"):
			return nil
		case strings.Contains(text, "no such remote cluster") || strings.Contains(text, "connect_transport_exception") ||
			strings.Contains(text, "node_not_connected") || strings.Contains(text, "remote_transport_exception"):
			if dl, ok := ctx.Deadline(); ok && time.Now().Add(ReplicationPause).After(dl) {
				return fmt.Errorf("%s %s: leader not reachable after %d attempts: HTTP %d: %s", method, path, attempt, status, sigv4.Excerpt(body))
			}
			if err := wait.Or(p.Pause)(ctx, ReplicationPause); err != nil {
				return fmt.Errorf("%s %s: %w (leader not reachable after %d attempts)", method, path, err, attempt)
			}
		default:
			return fmt.Errorf("%s %s: HTTP %d: %s", method, path, status, sigv4.Excerpt(body))
		}
	}
}

// deleteTolerant deletes; 404 counts as done.
func (p *Provisioner) deleteTolerant(ctx context.Context, ep, path string) error {
	status, body, err := p.API.Do(ctx, ep, http.MethodDelete, path, nil)
	if err != nil {
		return err
	}
	if status/100 == 2 || status == http.StatusNotFound {
		return nil
	}
	return fmt.Errorf("DELETE %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
}
