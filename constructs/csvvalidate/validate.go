package csvvalidate

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Limits of the schema (the function checks the same at cold start).
const (
	MaxColumns     = 1000
	MaxErrorsLimit = 10000
)

// check lists every problem of p (defaults filled) before anything is
// created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("csvvalidate", scope, id)
	if p.Bucket != nil && p.BucketProps != nil {
		pr.Add("Bucket and BucketProps", "both given", "give an existing Bucket or the props of a new one, not both")
	}
	checkPrefixes(pr, p)
	checkTrigger(pr, p)
	if p.Schema == nil {
		pr.Add("Schema", "<nil>", "the columns every file must have (name, type, nullable), in header order")
	} else {
		checkSchema(pr, p.Schema)
	}
	if n := p.ReservedConcurrency; n != nil && (*n < 1 || *n != math.Trunc(*n)) {
		pr.Add("ReservedConcurrency", *n, "a whole number of at least 1 (leave it nil for the unreserved pool; 0 would stop the function)")
	}
	if n := p.RetryAttempts; n != nil && (*n < 0 || *n > 2 || *n != math.Trunc(*n)) {
		pr.Add("RetryAttempts", *n, "Lambda retries an asynchronous invocation 0 to 2 times")
	}
	if d := p.MaxEventAge; d != nil {
		if s := propcheck.Seconds(d); s < 60 || s > 6*3600 || s != math.Trunc(s) {
			pr.Add("MaxEventAge", *d.ToHumanString(), "Lambda keeps an asynchronous event 60 seconds to 6 hours, in whole seconds")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	checkFunctionProps(pr, p)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkPrefixes(pr *propcheck.Problems, p *Props) {
	prefixes := []struct{ name, value string }{
		{"IncomingPrefix", p.IncomingPrefix}, {"ValidPrefix", p.ValidPrefix},
		{"QuarantinePrefix", p.QuarantinePrefix}, {"ReportPrefix", p.ReportPrefix},
	}
	for i, x := range prefixes {
		switch {
		case !strings.HasSuffix(x.value, "/") || strings.HasPrefix(x.value, "/") || strings.Contains(x.value, "*"):
			pr.Add(x.name, x.value, `a key prefix ending in "/" (S3 prefix filters match the start of the key: "incoming" would also match "incoming-old/"), without a leading "/" or "*"`)
			continue
		case len(x.value) > 512 || !utf8.ValidString(x.value) || strings.IndexFunc(x.value, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0:
			pr.Add(x.name, x.value, "UTF-8 of at most 512 bytes without control characters")
			continue
		}
		for _, y := range prefixes[:i] {
			if strings.HasPrefix(x.value, y.value) || strings.HasPrefix(y.value, x.value) {
				pr.Add(x.name, x.value, "must not overlap "+y.name+" "+y.value+" (a moved file or a report would trigger the function again, or land among arrivals)")
			}
		}
	}
}

func checkTrigger(pr *propcheck.Problems, p *Props) {
	switch p.Trigger {
	case S3Notification:
	case EventBridge:
		if strings.Contains(p.IncomingPrefix, `\`) {
			pr.Add("IncomingPrefix", p.IncomingPrefix, `no "\" with Trigger EventBridge (the rule's wildcard pattern would read it as an escape)`)
		}
		if p.BucketProps != nil && p.BucketProps.EventBridge != nil && !*p.BucketProps.EventBridge {
			pr.Add("BucketProps.EventBridge", false, "true (the default) with Trigger EventBridge: the rule sees only the events the bucket sends to EventBridge")
		}
	default:
		pr.Add("Trigger", "'"+string(p.Trigger)+"'", "one of "+triggerList()+" (empty: "+string(S3Notification)+")")
	}
}

func triggerList() string {
	var s []string
	for _, t := range Triggers {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

func checkSchema(pr *propcheck.Problems, s *Schema) {
	if len(s.Columns) == 0 || len(s.Columns) > MaxColumns {
		pr.Add("Schema.Columns", len(s.Columns), "1 to 1000 columns")
	}
	seen := map[string]int{}
	for i, c := range s.Columns {
		prop := "Schema.Columns[" + itoa(i) + "]"
		lower := strings.ToLower(c.Name)
		switch {
		case strings.TrimSpace(c.Name) == "" || c.Name != strings.TrimSpace(c.Name) || !utf8.ValidString(c.Name) || strings.ContainsAny(c.Name, "\"\r\n"):
			pr.Add(prop+".Name", "'"+c.Name+"'", "a UTF-8 name without surrounding spaces, quotes or line breaks (the header is compared trimmed)")
		case seen[lower] > 0:
			pr.Add(prop+".Name", c.Name, "each name once, ignoring case: Schema.Columns["+itoa(seen[lower]-1)+"] has it")
		default:
			seen[lower] = i + 1
			if s.Delimiter != "" && strings.Contains(c.Name, s.Delimiter) || s.Delimiter == "" && strings.Contains(c.Name, ",") {
				pr.Add(prop+".Name", c.Name, "must not contain the delimiter")
			}
		}
		if !validType(c.Type) {
			pr.Add(prop+".Type", "'"+string(c.Type)+"'", "one of "+typeList())
		}
	}
	if d := s.Delimiter; d != "" && (len(d) != 1 || d[0] >= utf8.RuneSelf || d == `"` || d == "\n" || d == "\r") {
		pr.Add("Schema.Delimiter", "'"+d+"'", "one ASCII character other than a double quote or a line break")
	}
	if s.MaxErrors < 0 || s.MaxErrors > MaxErrorsLimit {
		pr.Add("Schema.MaxErrors", s.MaxErrors, "0 (the default, 100) to 10000")
	}
}

func checkFunctionProps(pr *propcheck.Problems, p *Props) {
	fp := p.FunctionProps
	if fp == nil {
		return
	}
	if fp.Code != nil || fp.Role != nil || fp.LogGroup != nil {
		pr.Add("FunctionProps.Code/Role/LogGroup", "set", "the code, role and log group are the construct's, so their grants stay least-privilege")
	}
	if fp.OnFailure != nil || fp.DeadLetterQueue != nil || fp.DeadLetterQueueEnabled != nil || fp.OnSuccess != nil {
		pr.Add("FunctionProps.OnFailure/OnSuccess/DeadLetterQueue", "set", "failed events go to the construct's FailureQueue")
	}
	if fp.RetryAttempts != nil || fp.MaxEventAge != nil || fp.ReservedConcurrentExecutions != nil {
		pr.Add("FunctionProps.RetryAttempts/MaxEventAge/ReservedConcurrentExecutions", "set", "use Props.RetryAttempts, Props.MaxEventAge and Props.ReservedConcurrency")
	}
	if fp.LogRetention != "" {
		pr.Add("FunctionProps.LogRetention", fp.LogRetention, "use Props.LogRetention (the construct owns the log group)")
	}
	if fp.Environment != nil {
		for k := range *fp.Environment {
			if envNames[k] {
				pr.Add("FunctionProps.Environment."+k, "set", "the construct sets it from Props")
			}
		}
	}
	if fp.Timeout != nil {
		if s := propcheck.Seconds(fp.Timeout); s < 10 || s > 900 {
			pr.Add("FunctionProps.Timeout", *fp.Timeout.ToHumanString(), "10 seconds to 15 minutes (a file is read, copied and deleted within one invocation)")
		}
	}
}

var envNames = map[string]bool{"SCHEMA": true, "INCOMING_PREFIX": true, "VALID_PREFIX": true, "QUARANTINE_PREFIX": true, "REPORT_PREFIX": true}

func validType(t Type) bool {
	for _, v := range Types {
		if t == v {
			return true
		}
	}
	return false
}

func typeList() string {
	var s []string
	for _, t := range Types {
		s = append(s, string(t))
	}
	return strings.Join(s, ", ")
}

func itoa(i int) string { return strconv.Itoa(i) }
