package main

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Properties are the custom resource's ResourceProperties, checked before
// any request is made.
type Properties struct {
	DomainEndpoint     string   // host name, no scheme or path
	RoleName           string   // OpenSearch security role to create
	IndexPatterns      []string // the role's index patterns
	WriterBackendRoles []string // IAM role ARNs mapped to RoleName
	AdminBackendRoles  []string // IAM role ARNs added to all_access (may be empty)
}

var (
	hostName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$`)
	roleName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,128}$`)
	iamRole  = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
)

// reservedRoles are the OpenSearch Security plugin's predefined (reserved or
// widely relied-on) roles, which this resource must never overwrite or
// delete.
var reservedRoles = []string{
	"all_access", "security_manager", "kibana_server", "kibana_user",
	"readall", "readall_and_monitor", "manage_snapshots", "logstash",
	"own_index", "alerting_full_access", "alerting_read_access",
	"anomaly_full_access", "anomaly_read_access", "security_rest_api_access",
	"security_rest_api_full_access",
}

// ParseProperties reads and checks ResourceProperties (CloudFormation passes
// every value as a string; other keys such as ServiceToken are ignored),
// returning one error that names every bad property, its value and what is
// allowed.
func ParseProperties(raw map[string]any) (Properties, error) {
	var bad []string
	add := func(name, value, allowed string) {
		bad = append(bad, fmt.Sprintf("%s=%q: %s", name, value, allowed))
	}
	str := func(name string) string {
		v, ok := raw[name]
		if !ok || v == nil {
			return ""
		}
		s, ok := v.(string)
		if !ok {
			add(name, fmt.Sprint(v), "a string")
			return ""
		}
		return strings.TrimSpace(s)
	}
	p := Properties{
		DomainEndpoint: str("DomainEndpoint"),
		RoleName:       str("RoleName"),
	}
	if !hostName.MatchString(p.DomainEndpoint) || len(p.DomainEndpoint) > 253 {
		add("DomainEndpoint", p.DomainEndpoint, "the domain's endpoint host name without scheme, port or path (vpc-<name>-<id>.<region>.es.amazonaws.com)")
	}
	if !roleName.MatchString(p.RoleName) {
		add("RoleName", p.RoleName, "1 to 128 of A-Z a-z 0-9 _ . -")
	} else if slices.Contains(reservedRoles, p.RoleName) {
		add("RoleName", p.RoleName, "not a predefined OpenSearch role ("+strings.Join(reservedRoles, ", ")+")")
	}

	patterns := str("IndexPatterns")
	p.IndexPatterns = splitList(patterns)
	if len(p.IndexPatterns) == 0 {
		add("IndexPatterns", patterns, "a comma-separated list of at least one index pattern")
	}
	for _, ip := range p.IndexPatterns {
		if strings.ContainsAny(ip, " \t\r\n\"\\") || strings.HasPrefix(ip, "_") {
			add("IndexPatterns", ip, "an index pattern without spaces, quotes or backslashes, not starting with _")
		}
	}

	writers := str("WriterBackendRoles")
	p.WriterBackendRoles = splitList(writers)
	if len(p.WriterBackendRoles) == 0 {
		add("WriterBackendRoles", writers, "a comma-separated list of at least one IAM role ARN (arn:<partition>:iam::<account>:role/<name>)")
	}
	for _, r := range p.WriterBackendRoles {
		if !iamRole.MatchString(r) {
			add("WriterBackendRoles", r, "an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/name>)")
		}
	}
	p.AdminBackendRoles = splitList(str("AdminBackendRoles"))
	for _, r := range p.AdminBackendRoles {
		if !iamRole.MatchString(r) {
			add("AdminBackendRoles", r, "empty or a comma-separated list of IAM role ARNs (arn:<partition>:iam::<12-digit account>:role/<path/name>)")
		}
	}
	if len(bad) > 0 {
		return Properties{}, fmt.Errorf("invalid resource properties: %s", strings.Join(bad, "; "))
	}
	return p, nil
}

// splitList splits a comma-separated value, trimming blanks and dropping
// empty items and repeats.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item != "" && !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out
}

// PhysicalID is the resource's physical ID: the domain and the role.
func (p Properties) PhysicalID() string { return p.DomainEndpoint + "/" + p.RoleName }

var errNoRegion = errors.New("AWS_REGION is empty: the region of the domain (Lambda sets it)")
