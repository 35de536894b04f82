package statemachine

import (
	"sort"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("statemachine.StateMachine", scope, id)
	if p.Definition == nil {
		pr.Add("Definition", "nil", "the workflow's first state or chain (awsstepfunctions / awsstepfunctionstasks, or this package's parts)")
	}
	if t := p.Timeout; t != nil {
		if s := propcheck.Seconds(t); s < 1 || s > 365*86400 {
			pr.Add("Timeout", *t.ToHumanString(), "1 second to 1 year (a standard execution's longest run)")
		}
	}
	if s := p.Schedule; s != nil {
		pr.Schedule("Schedule", *s)
	} else if p.ScheduleTimeZone != nil || p.ScheduleInput != nil {
		pr.Addf("ScheduleTimeZone/ScheduleInput are given without Schedule: set the schedule, or drop them")
	}
	if sp := p.StateMachineProps; sp != nil {
		if sp.DefinitionBody != nil || sp.Definition != nil || sp.Role != nil || sp.Logs != nil || sp.TracingEnabled != nil {
			pr.Add("StateMachineProps", "Definition/DefinitionBody/Role/Logs/TracingEnabled", "none of these: they are the construct's (use Definition, LogLevel, IncludeExecutionData)")
		}
		if sp.StateMachineType == awsstepfunctions.StateMachineType_EXPRESS && p.Schedule != nil {
			pr.Add("StateMachineProps.StateMachineType", "EXPRESS", "STANDARD with a Schedule (a scheduled batch must not run twice; express workflows are at-least-once)")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	pr.FiniteRetention(p.LogRetention)
	return pr
}

// Problem is what is wrong with one state of a definition.
type Problem struct {
	State   string
	Problem string
}

// checkDefinition fails synthesis on the definition's problems. It runs
// once the state machine exists: a Parallel renders its branches only
// after it is bound to the state machine's graph.
func checkDefinition(scope constructs.Construct, id string, definition awsstepfunctions.IChainable) {
	pr := propcheck.For("statemachine.StateMachine", scope, id)
	for _, msg := range DefinitionProblems(definition) {
		pr.Add("Definition", msg.State, msg.Problem)
	}
	pr.Fail()
}

// DefinitionProblems walks every state reachable from definition's start,
// including the states inside Parallel branches and Map iterations, and
// returns each Retry without MaxAttempts and each Choice without a default
// branch, in state order. Call it after the state machine is created (a
// Parallel's branches are empty before).
func DefinitionProblems(definition awsstepfunctions.IChainable) []Problem {
	var out []Problem
	for _, st := range *awsstepfunctions.State_FindReachableStates(definition.StartState(), nil) {
		out = append(out, stateProblems(*st.StateId(), *st.ToStateJson(awsstepfunctions.QueryLanguage_JSON_PATH))...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].State < out[j].State })
	return out
}

// stateProblems checks one state's Amazon States Language and recurses into
// the states it contains.
func stateProblems(name string, st map[string]any) []Problem {
	var out []Problem
	if st["Type"] == "Choice" {
		if _, ok := st["Default"]; !ok {
			out = append(out, Problem{name, "a Choice with a default branch (.Otherwise(...)): an input no rule matches fails the execution with States.NoChoiceMatched"})
		}
	}
	if rs, ok := st["Retry"].([]any); ok {
		for i, r := range rs {
			m, _ := r.(map[string]any)
			if n, ok := m["MaxAttempts"].(float64); !ok || n < 1 {
				out = append(out, Problem{name, "Retry[" + strconv.Itoa(i) + "] with MaxAttempts of at least 1 (without it Step Functions retries 3 times, which nobody chose; use statemachine.Backoff)"})
			}
		}
	}
	for _, b := range nested(st) {
		states, _ := b["States"].(map[string]any)
		names := make([]string, 0, len(states))
		for n := range states {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			inner, _ := states[n].(map[string]any)
			out = append(out, stateProblems(n, inner)...)
		}
	}
	return out
}

// nested are the state graphs inside a Parallel (Branches) or a Map
// (ItemProcessor, or the older Iterator).
func nested(st map[string]any) []map[string]any {
	var out []map[string]any
	if bs, ok := st["Branches"].([]any); ok {
		for _, b := range bs {
			if m, ok := b.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	for _, k := range []string{"ItemProcessor", "Iterator"} {
		if m, ok := st[k].(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}
