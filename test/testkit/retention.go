package testkit

import (
	"sort"
	"testing"
)

// DataStores are the resource types that hold data: without the sandbox
// switch each must survive the deletion of its stack (DeletionPolicy Retain,
// RetainExceptOnCreate or Snapshot; CloudFormation's default is Delete).
var DataStores = []string{
	"AWS::S3::Bucket",
	"AWS::KMS::Key",
	"AWS::SQS::Queue",
	"AWS::Kinesis::Stream",
	"AWS::DynamoDB::Table",
	"AWS::DynamoDB::GlobalTable",
	"AWS::Logs::LogGroup",
	"AWS::OpenSearchService::Domain",
	"AWS::OpenSearchServerless::Collection",
	"AWS::Redshift::Cluster",
	"AWS::RedshiftServerless::Namespace",
	"AWS::Glue::Database",
}

// autoDelete is the custom resource that empties a bucket when its stack is
// deleted.
const autoDelete = "Custom::S3AutoDeleteObjects"

// sandboxed reports whether the configuration runs with the sandbox switch on.
func (s *Synth) sandboxed() bool {
	v, ok := projectContext()["sandbox"]
	if c, reg := shared.byName[s.Name]; reg && c.context != nil {
		if cv, set := c.context["sandbox"]; set {
			v, ok = cv, true
		}
	}
	return ok && (v == true || v == "true")
}

// RetentionProblems lists, for a configuration without the sandbox switch, the
// data stores that would be deleted with their stack and the buckets that
// would empty themselves.
func (st *Stack) RetentionProblems() []string {
	var out []string
	for _, typ := range DataStores {
		for id, r := range st.Resources(typ) {
			switch r["DeletionPolicy"] {
			case "Retain", "RetainExceptOnCreate", "Snapshot":
			default:
				out = append(out, st.ID+"/"+id+" ("+typ+") has DeletionPolicy "+str(r["DeletionPolicy"]))
			}
		}
	}
	for id := range st.Resources(autoDelete) {
		out = append(out, st.ID+"/"+id+" empties a bucket when the stack is deleted")
	}
	sort.Strings(out)
	return out
}

func str(v any) string {
	if v == nil {
		return "(none: Delete)"
	}
	s, _ := v.(string)
	return s
}

// CheckRetention fails the test, unless the configuration is a sandbox, for
// every data store that its stack's deletion would delete.
func (s *Synth) CheckRetention(t testing.TB) {
	t.Helper()
	s.Require(t)
	if s.sandboxed() {
		return
	}
	for _, st := range s.Stacks {
		for _, p := range st.RetentionProblems() {
			t.Errorf("%s without sandbox=true", p)
		}
	}
}
