package testkit

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
)

// cfn-guard 3.1 (the static build in the npm package) spends its time
// copying the data file for every rule file it evaluates, so its cost is
// the number of rule files times the template's size (about 0.12 s for each
// rule file on a 280 KB template). A rule file only looks at the resource
// types it names, and at what those resources reference: CT.LAMBDA.PR.2
// follows a permission's SourceArn to its rule. So each group of rule files
// naming the same types is run over a slice of the template: the resources
// of those types and, transitively, every resource they reference (Ref,
// Fn::GetAtt, Fn::Sub, DependsOn), with the template's other sections
// (Parameters, Conditions, Mappings) whole. Rule files that name no type,
// and groups whose slice would save less than a run costs, share one run
// over the whole template. A third faster on the app's stacks, with the
// same findings (TestGuardSelectionFindsTheSame).

// A cfn-guard run costs about guardPerRun to start (the process, its rule
// files parsed) and guardPerByte for each byte of data for each rule file
// (measured on this project's machines: 0.12 s per rule file on a 280 KB
// template; 40-120 ms per run). A group gets a slice of its own only when
// what it saves is worth a run; the others share one run over the whole
// template, so a small template is still checked in one run.
const (
	guardPerRun  = 0.06    // seconds
	guardPerByte = 0.43e-6 // seconds per byte per rule file
)

// guardSlice is one cfn-guard run: rule files and the data they read.
type guardSlice struct {
	rules []string
	data  []byte // nil: the whole template file
}

// sliceTemplate groups files (each with the types it names in index) and
// cuts raw, the template, into one slice per group.
func sliceTemplate(raw []byte, files []string, index map[string][]string) ([]guardSlice, error) {
	var tpl map[string]any
	if err := json.Unmarshal(raw, &tpl); err != nil {
		return nil, err
	}
	resources, _ := tpl["Resources"].(map[string]any)
	groups := map[string][]string{}
	for _, f := range files {
		named := append([]string(nil), index[f]...)
		sort.Strings(named)
		key := strings.Join(named, " ")
		groups[key] = append(groups[key], f)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []guardSlice
	var whole []string
	for _, key := range keys {
		if key == "" {
			whole = append(whole, groups[key]...)
			continue
		}
		types := map[string]bool{}
		for _, t := range strings.Fields(key) {
			types[t] = true
		}
		slice := map[string]any{}
		for k, v := range tpl {
			if k != "Resources" && k != "Outputs" && k != "Metadata" {
				slice[k] = v
			}
		}
		slice["Resources"] = closure(resources, types)
		data, err := json.Marshal(slice)
		if err != nil {
			return nil, err
		}
		if saved := float64(len(groups[key])) * float64(len(raw)-len(data)) * guardPerByte; saved < guardPerRun {
			whole = append(whole, groups[key]...)
			continue
		}
		out = append(out, guardSlice{rules: groups[key], data: data})
	}
	if len(whole) > 0 {
		sort.Strings(whole)
		out = append(out, guardSlice{rules: whole})
	}
	return out, nil
}

// closure is the resources of the given types and every resource they
// reference, directly or not.
func closure(resources map[string]any, types map[string]bool) map[string]any {
	keep := map[string]any{}
	var todo []string
	for id, r := range resources {
		if m, ok := r.(map[string]any); ok && types[fmt.Sprint(m["Type"])] {
			keep[id] = r
			todo = append(todo, id)
		}
	}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, ref := range references(resources[id], nil) {
			if r, ok := resources[ref]; ok && keep[ref] == nil {
				keep[ref] = r
				todo = append(todo, ref)
			}
		}
	}
	return keep
}

var subRef = regexp.MustCompile(`\$\{([^}!][^}]*)\}`)

// references appends the logical ids v names: Ref, Fn::GetAtt (both forms),
// the ${Id} and ${Id.Attr} of Fn::Sub, DependsOn. Names that are not
// resources (parameters, pseudo parameters, a Sub's own variables) are
// dropped by the caller.
func references(v any, out []string) []string {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch k {
			case "Ref":
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			case "Fn::GetAtt":
				switch a := x.(type) {
				case []any:
					if len(a) > 0 {
						out = append(out, fmt.Sprint(a[0]))
					}
				case string:
					out = append(out, strings.SplitN(a, ".", 2)[0])
				}
			case "Fn::Sub":
				s, _ := x.(string)
				if a, ok := x.([]any); ok && len(a) > 0 {
					s, _ = a[0].(string)
				}
				for _, m := range subRef.FindAllStringSubmatch(s, -1) {
					out = append(out, strings.SplitN(m[1], ".", 2)[0])
				}
			case "DependsOn":
				switch d := x.(type) {
				case string:
					out = append(out, d)
				case []any:
					for _, e := range d {
						out = append(out, fmt.Sprint(e))
					}
				}
				continue
			}
			out = references(x, out)
		}
	case []any:
		for _, x := range v {
			out = references(x, out)
		}
	}
	return out
}

// writeSlice writes a slice's data to a temporary file and returns its
// path and a function that removes it.
func writeSlice(data []byte) (string, func(), error) {
	f, err := os.CreateTemp("", "guard-slice-*.json")
	if err != nil {
		return "", nil, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", nil, err
	}
	return f.Name(), func() { os.Remove(f.Name()) }, nil
}
