package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// Provisioner applies the custom resource's requests to the domain's
// security configuration.
type Provisioner struct {
	API API
	// Margin is kept free before the invocation's deadline so that a
	// failure is still returned (and reported) instead of a timeout.
	Margin time.Duration
	// Pause waits between attempts to start replication (tests: instant).
	Pause wait.Func
}

// writerClusterPermissions and writerIndexActions are what the Firehose
// developer guide asks of the delivery role on a domain with fine-grained
// access control.
var (
	writerClusterPermissions = []string{"cluster_monitor", "cluster_composite_ops", "indices:admin/template/get", "indices:admin/template/put"}
	writerIndexActions       = []string{"crud", "create_index", "manage"}
)

type indexPermission struct {
	IndexPatterns  []string `json:"index_patterns"`
	AllowedActions []string `json:"allowed_actions"`
}

type role struct {
	Description        string            `json:"description,omitempty"`
	ClusterPermissions []string          `json:"cluster_permissions"`
	IndexPermissions   []indexPermission `json:"index_permissions"`
}

type mapping struct {
	BackendRoles []string `json:"backend_roles"`
}

type patchOp struct {
	Op    string   `json:"op"`
	Path  string   `json:"path"`
	Value []string `json:"value"`
}

// Run handles one request. Create and Update put the role, its mapping and
// the admin roles; Delete removes them again.
func (p *Provisioner) Run(ctx context.Context, ev Event) (Response, error) {
	if dl, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, dl.Add(-p.Margin))
		defer cancel()
	}
	if h, ok := handlers[ev.ResourceType]; ok {
		return h(ctx, p, ev)
	}
	props, err := ParseProperties(ev.ResourceProperties)
	if ev.RequestType == "Delete" {
		if err != nil {
			// A Create that failed validation created nothing; failing its
			// rollback's Delete would leave the stack in DELETE_FAILED.
			return Response{PhysicalResourceID: ev.PhysicalResourceID}, nil
		}
		return Response{PhysicalResourceID: ev.PhysicalResourceID}, p.delete(ctx, props)
	}
	if err != nil {
		return Response{}, err
	}
	var old *Properties
	if ev.RequestType == "Update" {
		if o, err := ParseProperties(ev.OldResourceProperties); err == nil {
			old = &o
		}
	}
	return Response{PhysicalResourceID: props.PhysicalID(), Data: map[string]string{"RoleName": props.RoleName}},
		p.apply(ctx, props, old)
}

func (p *Provisioner) apply(ctx context.Context, props Properties, old *Properties) error {
	r := role{
		Description:        "Managed by CloudFormation (cdk-data-patterns opensearchaccess): Firehose delivery",
		ClusterPermissions: writerClusterPermissions,
		IndexPermissions:   []indexPermission{{IndexPatterns: props.IndexPatterns, AllowedActions: writerIndexActions}},
	}
	ep := props.DomainEndpoint
	if err := p.expect(ctx, ep, http.MethodPut, "roles/"+props.RoleName, r); err != nil {
		return err
	}
	if err := p.expect(ctx, ep, http.MethodPut, "rolesmapping/"+props.RoleName, mapping{BackendRoles: props.WriterBackendRoles}); err != nil {
		return err
	}
	// Admin roles that an earlier version of this resource added on the same
	// domain and no longer lists are taken out again.
	var drop []string
	if old != nil && old.DomainEndpoint == ep {
		for _, a := range old.AdminBackendRoles {
			if !slices.Contains(props.AdminBackendRoles, a) {
				drop = append(drop, a)
			}
		}
	}
	if err := p.updateAllAccess(ctx, ep, props.AdminBackendRoles, drop); err != nil {
		return err
	}
	// A renamed role on the same domain: the old one goes. (On another
	// domain CloudFormation's cleanup Delete of the old physical ID does it.)
	if old != nil && old.DomainEndpoint == ep && old.RoleName != props.RoleName {
		if _, err := p.deleteRole(ctx, ep, old.RoleName); err != nil {
			return err
		}
	}
	return nil
}

func (p *Provisioner) delete(ctx context.Context, props Properties) error {
	gone, err := p.deleteRole(ctx, props.DomainEndpoint, props.RoleName)
	if err != nil {
		return err
	}
	if gone {
		// Nothing of this resource was left: this is the cleanup Delete that
		// follows an Update renaming the role, which already settled
		// all_access (the new resource may list the same admin roles).
		return nil
	}
	return p.updateAllAccess(ctx, props.DomainEndpoint, nil, props.AdminBackendRoles)
}

// deleteRole deletes the mapping and the role; gone reports that both were
// already absent.
func (p *Provisioner) deleteRole(ctx context.Context, ep, name string) (gone bool, err error) {
	missing := 0
	for _, path := range []string{"rolesmapping/" + name, "roles/" + name} {
		status, body, err := p.API.Do(ctx, ep, http.MethodDelete, path, nil)
		switch {
		case err != nil:
			return false, err
		case status == http.StatusNotFound:
			missing++
		case status/100 != 2:
			return false, fmt.Errorf("DELETE %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
		}
	}
	return missing == 2, nil
}

// updateAllAccess adds add to and removes drop from the backend roles of the
// all_access mapping, keeping every other member (backend roles, users,
// hosts). Nothing is written when nothing changes.
func (p *Provisioner) updateAllAccess(ctx context.Context, ep string, add, drop []string) error {
	return p.updateMapping(ctx, ep, "all_access", add, drop)
}

// updateMapping adds add to and removes drop from the backend roles of the
// mapping of role, keeping every other member.
func (p *Provisioner) updateMapping(ctx context.Context, ep, role string, add, drop []string) error {
	if len(add) == 0 && len(drop) == 0 {
		return nil
	}
	path := "rolesmapping/" + role
	status, body, err := p.API.Do(ctx, ep, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	var current []string
	switch {
	case status == http.StatusNotFound:
		if len(add) == 0 {
			return nil
		}
		return p.expect(ctx, ep, http.MethodPut, path, mapping{BackendRoles: add})
	case status/100 != 2:
		return fmt.Errorf("GET %s: HTTP %d: %s", path, status, sigv4.Excerpt(body))
	default:
		var got map[string]struct {
			BackendRoles []string `json:"backend_roles"`
		}
		if err := json.Unmarshal(body, &got); err != nil {
			return fmt.Errorf("GET %s: unexpected answer %s: %w", path, sigv4.Excerpt(body), err)
		}
		current = got[role].BackendRoles
	}
	merged := make([]string, 0, len(current)+len(add))
	for _, r := range current {
		if !slices.Contains(drop, r) || slices.Contains(add, r) {
			merged = append(merged, r)
		}
	}
	for _, r := range add {
		if !slices.Contains(merged, r) {
			merged = append(merged, r)
		}
	}
	if slices.Equal(merged, current) {
		return nil
	}
	return p.expect(ctx, ep, http.MethodPatch, path, []patchOp{{Op: "add", Path: "/backend_roles", Value: merged}})
}

// expect makes a request that must succeed (2xx).
func (p *Provisioner) expect(ctx context.Context, ep, method, path string, body any) error {
	status, resp, err := p.API.Do(ctx, ep, method, path, body)
	if err != nil {
		return err
	}
	if status/100 == 2 {
		return nil
	}
	return fmt.Errorf("%s %s: HTTP %d: %s", method, path, status, sigv4.Excerpt(resp))
}
