package endpointpolicy

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
)

// Finding is a statement of an endpoint policy that CheckStatements
// refuses.
type Finding struct {
	// Index of the statement in the list it was checked in, and its Sid
	// ("" when it has none).
	Index int
	Sid   string
	// Allows is what the statement allows or denies ("Allow s3:* on *").
	Allows string
	// Problem says what is wrong and what to do instead.
	Problem string
}

// Where names the statement: "[2]" or "[2] (Sid AllowAll)".
func (f Finding) Where() string {
	if f.Sid == "" {
		return fmt.Sprintf("[%d]", f.Index)
	}
	return fmt.Sprintf("[%d] (Sid %s)", f.Index, f.Sid)
}

// String is the finding as one line.
func (f Finding) String() string {
	return fmt.Sprintf("statement %s = %s: %s", f.Where(), f.Allows, f.Problem)
}

// anyPrincipalProblem is the message of the bad input.
const anyPrincipalProblem = `an Allow to any principal ("Principal": "*" or {"AWS": "*"}) needs a Condition: without one, credentials of any AWS account used inside the VPC (an attacker's, or a personal account) can move data through the endpoint; add aws:PrincipalAccount, aws:PrincipalOrgID or aws:ResourceAccount, name the principals, or make it a Deny`

// CheckStatements checks statements meant for a VPC endpoint policy and
// returns the ones that are refused:
//   - a statement without Principal or NotPrincipal (VPC endpoint policies
//     need one; CDK's AddToPolicy throws without a useful message);
//   - an Allow to any principal (AnyPrincipal, StarPrincipal, {"AWS": "*"},
//     or NotPrincipal, which allows everyone but the listed) without a
//     Condition: the notes' CloudFormation example (1) as written.
//
// A Deny to "*" without condition is fine (it only takes away), and so is
// an Allow to "*" with a condition such as aws:PrincipalOrgID. The
// statements are read with ToStatementJson, so tokens stay unresolved.
func CheckStatements(statements []awsiam.PolicyStatement) []Finding {
	var out []Finding
	for i, s := range statements {
		raw, err := json.Marshal(s.ToStatementJson())
		var m map[string]any
		if err == nil {
			err = json.Unmarshal(raw, &m)
		}
		if err != nil {
			out = append(out, Finding{Index: i, Allows: "?", Problem: "cannot be read as JSON: " + err.Error()})
			continue
		}
		if f, bad := checkStatementJSON(i, m); bad {
			out = append(out, f)
		}
	}
	return out
}

// CheckPolicyJSON checks a whole policy document given as JSON text (a file,
// or the PolicyDocument of a template) with the rules of CheckStatements.
// path and endpoint name what the message is about.
func CheckPolicyJSON(path, endpoint string, policy []byte) error {
	var doc struct {
		Statement json.RawMessage
	}
	if err := json.Unmarshal(policy, &doc); err != nil {
		return fmt.Errorf("%s: endpoint %s: policy is not JSON: %w", path, endpoint, err)
	}
	var list []map[string]any
	if err := json.Unmarshal(doc.Statement, &list); err != nil {
		var one map[string]any
		if err := json.Unmarshal(doc.Statement, &one); err != nil {
			return fmt.Errorf("%s: endpoint %s: Statement is neither an object nor a list", path, endpoint)
		}
		list = []map[string]any{one}
	}
	var lines []string
	for i, m := range list {
		if f, bad := checkStatementJSON(i, m); bad {
			lines = append(lines, f.String())
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return fmt.Errorf("%s: endpoint %s: policy refused:\n  - %s", path, endpoint, strings.Join(lines, "\n  - "))
}

func checkStatementJSON(i int, m map[string]any) (Finding, bool) {
	f := Finding{Index: i, Allows: summary(m)}
	if sid, ok := m["Sid"].(string); ok {
		f.Sid = sid
	}
	_, hasP := m["Principal"]
	_, hasNP := m["NotPrincipal"]
	if !hasP && !hasNP {
		f.Problem = `no Principal: VPC endpoint policy statements need one; use AnyPrincipal with a Condition (aws:PrincipalAccount, aws:PrincipalOrgID) or name the principals`
		return f, true
	}
	if effect(m) != "Allow" {
		return f, false
	}
	if (hasNP || isAnyPrincipal(m["Principal"])) && !hasCondition(m) {
		f.Problem = anyPrincipalProblem
		return f, true
	}
	return f, false
}

func effect(m map[string]any) string {
	if e, ok := m["Effect"].(string); ok {
		return e
	}
	return "Allow" // CDK's default
}

// isAnyPrincipal reports "*", {"AWS": "*"} or {"AWS": [..., "*", ...]}.
func isAnyPrincipal(p any) bool {
	switch v := p.(type) {
	case string:
		return v == "*"
	case map[string]any:
		for _, x := range list(v["AWS"]) {
			if x == "*" {
				return true
			}
		}
	}
	return false
}

func hasCondition(m map[string]any) bool {
	c, ok := m["Condition"].(map[string]any)
	if !ok {
		return false
	}
	for _, keys := range c {
		if k, ok := keys.(map[string]any); ok && len(k) > 0 {
			return true
		}
	}
	return false
}

// summary is "Allow s3:GetObject,s3:PutObject on *".
func summary(m map[string]any) string {
	actions := list(m["Action"])
	verb := ""
	if len(actions) == 0 {
		actions, verb = list(m["NotAction"]), "all but "
	}
	res := list(m["Resource"])
	on := ""
	if len(res) == 0 {
		res, on = list(m["NotResource"]), "all but "
	}
	return fmt.Sprintf("%s %s%s on %s%s", effect(m), verb, strings.Join(actions, ","), on, strings.Join(res, ","))
}

// list turns a JSON string or list into strings (objects as JSON).
func list(v any) []string {
	var items []any
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		items = x
	default:
		items = []any{x}
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		} else {
			b, _ := json.Marshal(it)
			out = append(out, string(b))
		}
	}
	return out
}
