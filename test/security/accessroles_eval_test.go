package security_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// A small IAM evaluator for the policies accessroles generates: enough of
// the policy language to decide the requests of the tests below, honestly:
// an operator or element it does not implement is an error, never a pass.
// It implements Effect, Principal (AWS, Federated), Action and Resource
// (with * and ? wildcards), and the condition operators StringEquals (with
// ${...} policy variables), ForAllValues:StringEquals,
// ForAnyValue:StringEquals, Bool and Null, with IAM's rules: an explicit
// Deny wins, then an Allow, else the request is implicitly denied; a key
// missing from the request context fails StringEquals and Bool, and makes
// ForAllValues true (the classic trap); a policy variable whose key is
// missing matches nothing; operators and keys in one block are ANDed,
// values of one key ORed. Context keys are compared case-insensitively.

type accessrolesRequest struct {
	Principal string // for trust policies: the calling principal's ARN
	Action    string
	Resource  string // "" for trust policies (no Resource element)
	Context   map[string][]string
}

const (
	accessrolesAllow    = "Allow"
	accessrolesDeny     = "ExplicitDeny"
	accessrolesImplicit = "ImplicitDeny"
)

// accessrolesEnv resolves the intrinsic functions of a template value for
// a fixed environment (eu-west-1, account 999988887777); Fn::GetAtt of
// <id>.Arn becomes arn:aws:getatt:::<id>.
func accessrolesEnv(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["Ref"].(string); ok && len(x) == 1 {
			switch ref {
			case "AWS::Partition":
				return "aws"
			case "AWS::Region":
				return "eu-west-1"
			case "AWS::AccountId":
				return "999988887777"
			}
			return ref
		}
		if ga, ok := x["Fn::GetAtt"].([]any); ok && len(x) == 1 {
			return fmt.Sprintf("arn:aws:getatt:::%v", ga[0])
		}
		if j, ok := x["Fn::Join"].([]any); ok && len(x) == 1 {
			parts := j[1].([]any)
			out := make([]string, len(parts))
			for i, p := range parts {
				out[i] = fmt.Sprint(accessrolesEnv(p))
			}
			return strings.Join(out, j[0].(string))
		}
		m := map[string]any{}
		for k, e := range x {
			m[k] = accessrolesEnv(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = accessrolesEnv(e)
		}
		return out
	}
	return v
}

func accessrolesStrings(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		return []string{x}
	case []any:
		out := []string{}
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case []string:
		return x
	}
	return []string{fmt.Sprint(v)}
}

// accessrolesGlob matches IAM's * and ? wildcards.
func accessrolesGlob(pattern, s string, fold bool) bool {
	re := "^" + strings.NewReplacer(`\*`, ".*", `\?`, ".").Replace(regexp.QuoteMeta(pattern)) + "$"
	if fold {
		re = "(?i)" + re
	}
	return regexp.MustCompile(re).MatchString(s)
}

// accessrolesDecide evaluates request r against the policy document doc.
func accessrolesDecide(doc map[string]any, r accessrolesRequest) (string, error) {
	stmts, ok := doc["Statement"].([]any)
	if !ok {
		stmts = []any{doc["Statement"]}
	}
	ctx := map[string][]string{}
	for k, v := range r.Context {
		ctx[strings.ToLower(k)] = v
	}
	allowed := false
	for i, s := range stmts {
		st, ok := s.(map[string]any)
		if !ok {
			return "", fmt.Errorf("statement %d is not an object", i)
		}
		for k := range st {
			switch k {
			case "Sid", "Effect", "Principal", "Action", "Resource", "Condition":
			default:
				return "", fmt.Errorf("statement %d: element %s is outside what this evaluator models (refused, never guessed)", i, k)
			}
		}
		match, err := accessrolesMatches(st, r, ctx)
		if err != nil {
			return "", fmt.Errorf("statement %d: %w", i, err)
		}
		if !match {
			continue
		}
		if st["Effect"] == "Deny" {
			return accessrolesDeny, nil
		}
		allowed = true
	}
	if allowed {
		return accessrolesAllow, nil
	}
	return accessrolesImplicit, nil
}

func accessrolesMatches(st map[string]any, r accessrolesRequest, ctx map[string][]string) (bool, error) {
	if p, ok := st["Principal"].(map[string]any); ok {
		found := false
		for kind, v := range p {
			if kind != "AWS" && kind != "Federated" {
				return false, fmt.Errorf("principal kind %s is outside what this evaluator models (refused, never guessed)", kind)
			}
			for _, arn := range accessrolesStrings(v) {
				found = found || arn == r.Principal
			}
		}
		if !found {
			return false, nil
		}
	} else if _, has := st["Principal"]; has {
		return false, fmt.Errorf("principal %v is outside what this evaluator models (refused, never guessed)", st["Principal"])
	}
	action := false
	for _, a := range accessrolesStrings(st["Action"]) {
		action = action || accessrolesGlob(a, r.Action, true)
	}
	if !action {
		return false, nil
	}
	if res, has := st["Resource"]; has {
		hit := false
		for _, p := range accessrolesStrings(res) {
			hit = hit || accessrolesGlob(p, r.Resource, false)
		}
		if !hit {
			return false, nil
		}
	}
	cond, _ := st["Condition"].(map[string]any)
	for op, block := range cond {
		keys, ok := block.(map[string]any)
		if !ok {
			return false, fmt.Errorf("condition %s is not an object", op)
		}
		for key, want := range keys {
			ok, err := accessrolesCondition(op, key, accessrolesStrings(want), ctx)
			if err != nil || !ok {
				return false, err
			}
		}
	}
	return true, nil
}

var accessrolesVarRE = regexp.MustCompile(`\$\{([^}]+)\}`)

// accessrolesValues substitutes policy variables; a value whose variable
// has no single value in the context is dropped (it matches nothing).
func accessrolesValues(want []string, ctx map[string][]string) []string {
	var out []string
	for _, w := range want {
		missing := false
		v := accessrolesVarRE.ReplaceAllStringFunc(w, func(m string) string {
			got := ctx[strings.ToLower(m[2:len(m)-1])]
			if len(got) != 1 {
				missing = true
				return ""
			}
			return got[0]
		})
		if !missing {
			out = append(out, v)
		}
	}
	return out
}

func accessrolesCondition(op, key string, want []string, ctx map[string][]string) (bool, error) {
	got, present := ctx[strings.ToLower(key)]
	in := func(v string, set []string) bool {
		for _, s := range set {
			if s == v {
				return true
			}
		}
		return false
	}
	switch op {
	case "StringEquals":
		if !present {
			return false, nil
		}
		if len(got) != 1 {
			return false, fmt.Errorf("StringEquals on the multivalued key %s", key)
		}
		return in(got[0], accessrolesValues(want, ctx)), nil
	case "ForAllValues:StringEquals":
		vals := accessrolesValues(want, ctx)
		for _, g := range got {
			if !in(g, vals) {
				return false, nil
			}
		}
		return true, nil // also when the key is missing or empty
	case "ForAnyValue:StringEquals":
		vals := accessrolesValues(want, ctx)
		for _, g := range got {
			if in(g, vals) {
				return true, nil
			}
		}
		return false, nil
	case "Bool":
		if !present || len(got) != 1 || len(want) != 1 {
			return false, nil
		}
		return strings.EqualFold(got[0], want[0]), nil
	case "Null":
		if len(want) != 1 {
			return false, fmt.Errorf("Null with %d values", len(want))
		}
		return (want[0] == "true") == !present, nil
	}
	return false, fmt.Errorf("condition operator %s is outside what this evaluator models (refused, never guessed)", op)
}

// TestAccessrolesEvaluator checks the evaluator itself, so that the policy
// tests cannot pass because it allows or denies everything.
func TestAccessrolesEvaluator(t *testing.T) {
	abac := map[string]any{"Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "secretsmanager:Get*", "Resource": "*",
			"Condition": map[string]any{"StringEquals": map[string]any{"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}},
		map[string]any{"Effect": "Deny", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:1:secret:locked-??????"},
	}}
	trap := map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": "kms:TagResource", "Resource": "*",
		"Condition": map[string]any{"ForAllValues:StringEquals": map[string]any{"aws:TagKeys": []any{"team"}}}}}
	trust := map[string]any{"Statement": []any{map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole",
		"Principal": map[string]any{"AWS": "arn:aws:iam::1:root"}, "Condition": map[string]any{"Bool": map[string]any{"aws:MultiFactorAuthPresent": "true"}}}}}
	secret := "arn:aws:secretsmanager:eu-west-1:1:secret:db-AbCdEf"
	cases := []struct {
		name string
		doc  map[string]any
		r    accessrolesRequest
		want string
	}{
		{"same tag", abac, accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: map[string][]string{"aws:PrincipalTag/team": {"a"}, "aws:ResourceTag/team": {"a"}}}, accessrolesAllow},
		{"other tag", abac, accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: map[string][]string{"aws:PrincipalTag/team": {"a"}, "aws:ResourceTag/team": {"b"}}}, accessrolesImplicit},
		{"both tags missing do not match", abac, accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret}, accessrolesImplicit},
		{"action wildcard does not cover Put", abac, accessrolesRequest{Action: "secretsmanager:PutSecretValue", Resource: secret, Context: map[string][]string{"aws:PrincipalTag/team": {"a"}, "aws:ResourceTag/team": {"a"}}}, accessrolesImplicit},
		{"deny wins", abac, accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:1:secret:locked-AbCdEf", Context: map[string][]string{"aws:PrincipalTag/team": {"a"}, "aws:ResourceTag/team": {"a"}}}, accessrolesDeny},
		{"ForAllValues is true without the key", trap, accessrolesRequest{Action: "kms:TagResource", Resource: "k"}, accessrolesAllow},
		{"ForAllValues with another key", trap, accessrolesRequest{Action: "kms:TagResource", Resource: "k", Context: map[string][]string{"aws:TagKeys": {"team", "cost"}}}, accessrolesImplicit},
		{"trust with MFA", trust, accessrolesRequest{Principal: "arn:aws:iam::1:root", Action: "sts:AssumeRole", Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}}, accessrolesAllow},
		{"trust without MFA key", trust, accessrolesRequest{Principal: "arn:aws:iam::1:root", Action: "sts:AssumeRole"}, accessrolesImplicit},
		{"trust of another account", trust, accessrolesRequest{Principal: "arn:aws:iam::2:root", Action: "sts:AssumeRole", Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}}, accessrolesImplicit},
	}
	for _, c := range cases {
		got, err := accessrolesDecide(c.doc, c.r)
		if err != nil || got != c.want {
			t.Errorf("%s: got %s (%v), want %s", c.name, got, err, c.want)
		}
	}
	unknown := map[string]any{"Statement": map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*",
		"Condition": map[string]any{"StringLike": map[string]any{"aws:PrincipalTag/team": "a*"}}}}
	if _, err := accessrolesDecide(unknown, accessrolesRequest{Action: "s3:GetObject", Resource: "x"}); err == nil || !strings.Contains(err.Error(), "StringLike is outside what this evaluator models") {
		t.Errorf("an unimplemented operator was evaluated: %v", err)
	}
	if _, err := accessrolesDecide(map[string]any{"Statement": map[string]any{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}}, accessrolesRequest{Action: "kms:Decrypt"}); err == nil {
		t.Errorf("NotAction was evaluated")
	}
}
