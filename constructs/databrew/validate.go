package databrew

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	operationRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	parameterRE = regexp.MustCompile(`^[A-Za-z0-9]{1,128}$`)
	formats     = []string{"CSV", "JSON", "PARQUET", "ORC", "EXCEL"}
)

// checkDataset checks a job's input (bucket, key, format) and output
// bucket; input and output say what they hold.
func checkDataset(pr *propcheck.Problems, in awss3.IBucket, key, format string, out awss3.IBucket, input, output string) {
	if in == nil || key == "" {
		pr.Add("InputBucket/InputKey", "missing", "the bucket and the key (or folder ending in /) of "+input)
	}
	if out == nil {
		pr.Add("OutputBucket", "nil", "the bucket that receives "+output)
	}
	if format != "" && !slices.Contains(formats, format) {
		pr.Add("InputFormat", format, "CSV, JSON, PARQUET, ORC or EXCEL")
	}
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("databrew", scope, id)
	checkDataset(pr, p.InputBucket, p.InputKey, p.InputFormat, p.OutputBucket, "the raw data", "the prepared Parquet")
	if len(p.Steps) == 0 {
		pr.Add("Steps", "none", "at least one recipe step")
	}
	for i, s := range p.Steps {
		at := "Steps[" + strconv.Itoa(i) + "]"
		if !operationRE.MatchString(s.Operation) {
			pr.Add(at+".Operation", s.Operation, "a DataBrew recipe action name in capitals (RENAME, REMOVE_DUPLICATES, MASK_CUSTOM, ...)")
		}
		for k := range s.Parameters {
			if !parameterRE.MatchString(k) {
				pr.Add(at+".Parameters["+k+"]", s.Parameters[k], "parameter names of 1 to 128 letters and digits (sourceColumn, targetColumn, ...)")
			}
		}
		checkStep(pr, at, s)
		for j, c := range s.Conditions {
			if c.Condition == "" || c.TargetColumn == "" {
				pr.Add(at+".Conditions["+strconv.Itoa(j)+"]", c, "a Condition (IS_MISSING, ...) and a TargetColumn")
			}
		}
	}
	if s := p.Schedule; s != nil {
		pr.Cron("Schedule", *s)
	}
	if n := p.MaxCapacity; n != nil && (*n < 1 || *n > 149 || *n != float64(int(*n))) {
		pr.Add("MaxCapacity", *n, "a whole number of nodes from 1 to 149")
	}
	if d := p.Timeout; d != nil {
		if m := propcheck.Seconds(d) / 60; m < 1 || m > 2880 || m != float64(int(m)) {
			pr.Add("Timeout", *d.ToHumanString(), "whole minutes from 1 minute to 48 hours")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}

func checkProfile(scope constructs.Construct, id string, p *ProfileProps) *propcheck.Problems {
	pr := propcheck.For("databrew.ProfileJob", scope, id)
	checkDataset(pr, p.InputBucket, p.InputKey, p.InputFormat, p.OutputBucket, "the data to profile", "the profile and the validation report")
	checkRules(pr, p.Rules)
	for _, e := range p.EntityTypes {
		if !slices.Contains(EntityTypes, e) {
			pr.Add("EntityTypes", e, "DataBrew's entity types: "+strings.Join(EntityTypes, ", "))
		}
	}
	if p.AllowedStatistics != nil {
		if len(p.EntityTypes) == 0 {
			pr.Add("AllowedStatistics", p.AllowedStatistics, "none without EntityTypes (they apply to columns found to hold PII)")
		}
		if len(p.AllowedStatistics) == 0 {
			pr.Add("AllowedStatistics", "[]", "at least one statistic (leave it nil for the default counts)")
		}
		for _, s := range p.AllowedStatistics {
			if !slices.Contains(ColumnStatistics, s) {
				pr.Add("AllowedStatistics", s, "column statistics of DataBrew: "+strings.Join(ColumnStatistics, ", "))
			}
		}
	}
	if n := p.SampleRows; n != nil && (*n < 1 || *n != float64(int64(*n))) {
		pr.Add("SampleRows", *n, "a whole number of rows, at least 1 (nil profiles the whole dataset)")
	}
	if s := p.Schedule; s != nil {
		pr.Cron("Schedule", *s)
	}
	if n := p.MaxCapacity; n != nil && (*n < 1 || *n > 149 || *n != float64(int(*n))) {
		pr.Add("MaxCapacity", *n, "a whole number of nodes from 1 to 149")
	}
	if d := p.Timeout; d != nil {
		if m := propcheck.Seconds(d) / 60; m < 1 || m > 2880 || m != float64(int(m)) {
			pr.Add("Timeout", *d.ToHumanString(), "whole minutes from 1 minute to 48 hours")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}
