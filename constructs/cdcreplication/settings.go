package cdcreplication

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Sections are the top-level keys of DMS task settings.
var Sections = []string{
	"TargetMetadata", "FullLoadSettings", "Logging", "ControlTablesSettings", "StreamBufferSettings",
	"ChangeProcessingDdlHandlingPolicy", "ChangeProcessingTuning", "ErrorBehavior", "ValidationSettings",
	"LoopbackPreventionSettings", "CharacterSetSettings", "BeforeImageSettings", "FailTaskWhenCleanTaskResourceFailed",
	"PostProcessingRules", "TTSettings",
}

// misplaced are settings the notes (and many blog posts) put in the wrong
// section, where DMS silently ignores them.
var misplaced = map[string]string{
	"BatchApplyEnabled":   "TargetMetadata",
	"LobMaxSize":          "TargetMetadata",
	"FullLobMode":         "TargetMetadata",
	"LimitedSizeLobMode":  "TargetMetadata",
	"SupportLobs":         "TargetMetadata",
	"TargetTablePrepMode": "FullLoadSettings",
	"EnableLogging":       "Logging",
}

// DefaultSettings are the task settings of this library: full load into
// truncated tables, batch apply of changes, limited LOB mode with a 32 KB
// maximum, validation off (it doubles the load on the source), logging on.
func DefaultSettings() map[string]map[string]any {
	return map[string]map[string]any{
		"TargetMetadata": {
			"SupportLobs": true, "FullLobMode": false, "LimitedSizeLobMode": true, "LobMaxSize": 32,
			"BatchApplyEnabled": true,
		},
		"FullLoadSettings": {"TargetTablePrepMode": "TRUNCATE_BEFORE_LOAD", "MaxFullLoadSubTasks": 8, "CommitRate": 10000},
		"Logging": {"EnableLogging": true, "LogComponents": []map[string]string{
			{"Id": "SOURCE_CAPTURE", "Severity": "LOGGER_SEVERITY_DEFAULT"},
			{"Id": "TARGET_APPLY", "Severity": "LOGGER_SEVERITY_DEFAULT"},
			{"Id": "TARGET_LOAD", "Severity": "LOGGER_SEVERITY_DEFAULT"},
		}},
		"ChangeProcessingTuning": {"BatchApplyPreserveTransaction": true, "BatchApplyTimeoutMin": 1, "BatchApplyTimeoutMax": 30},
		"ErrorBehavior":          {"RecoverableErrorCount": -1, "DataErrorPolicy": "LOG_ERROR"},
	}
}

// Settings merges the user's JSON over DefaultSettings and checks the
// result; problems are returned as messages.
func Settings(user string) (string, []string) {
	s := DefaultSettings()
	var problems []string
	if user != "" {
		var u map[string]json.RawMessage
		if err := json.Unmarshal([]byte(user), &u); err != nil {
			return "", []string{"not valid JSON: " + err.Error()}
		}
		for _, name := range sortedKeys(u) {
			if !slices.Contains(Sections, name) {
				if home, ok := misplaced[name]; ok {
					problems = append(problems, fmt.Sprintf("%s is a setting of the %s section, not a section", name, home))
				} else {
					problems = append(problems, fmt.Sprintf("unknown section %q: DMS task settings sections are %v", name, Sections))
				}
				continue
			}
			var section map[string]any
			if err := json.Unmarshal(u[name], &section); err != nil {
				problems = append(problems, fmt.Sprintf("%s must be a JSON object", name))
				continue
			}
			for key := range section {
				if home, ok := misplaced[key]; ok && home != name {
					problems = append(problems, fmt.Sprintf("%s.%s: %s is read from %s (DMS ignores it in %s)", name, key, key, home, name))
				}
			}
			if s[name] == nil {
				s[name] = map[string]any{}
			}
			maps.Copy(s[name], section)
		}
	}
	// One JSON round trip makes every number a float64 for the checks.
	b, _ := json.Marshal(s)
	_ = json.Unmarshal(b, &s)
	tm := s["TargetMetadata"]
	if tm["SupportLobs"] == true && tm["FullLobMode"] != true {
		if n, ok := tm["LobMaxSize"].(float64); !ok || n <= 0 {
			problems = append(problems, fmt.Sprintf("TargetMetadata.LobMaxSize = %v: a size in KB above 0 is required in limited LOB mode (FullLobMode false)", tm["LobMaxSize"]))
		}
	}
	switch mode := s["FullLoadSettings"]["TargetTablePrepMode"]; mode {
	case "DO_NOTHING", "DROP_AND_CREATE", "TRUNCATE_BEFORE_LOAD":
	default:
		problems = append(problems, fmt.Sprintf("FullLoadSettings.TargetTablePrepMode = %v: DO_NOTHING, DROP_AND_CREATE or TRUNCATE_BEFORE_LOAD", mode))
	}
	b, _ = json.Marshal(s)
	return string(b), problems
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TableMappings selects every table of the schemas.
func TableMappings(schemas []string) string {
	rules := make([]map[string]any, len(schemas))
	for i, s := range schemas {
		rules[i] = map[string]any{
			"rule-type": "selection", "rule-id": fmt.Sprint(i + 1), "rule-name": "include-" + s,
			"object-locator": map[string]string{"schema-name": s, "table-name": "%"},
			"rule-action":    "include",
		}
	}
	b, _ := json.Marshal(map[string]any{"rules": rules})
	return string(b)
}
