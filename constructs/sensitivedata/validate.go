package sensitivedata

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Macie's limits (CreateCustomDataIdentifier, CreateAllowList,
// CreateFindingsFilter).
const (
	maxRegex        = 512
	maxName         = 128
	maxDescription  = 512
	maxKeywords     = 50
	minKeyword      = 3
	maxKeyword      = 90
	maxIgnoreWords  = 10
	minIgnoreWord   = 4
	maxMatchDistMax = 300
)

var (
	frequencies = []string{FifteenMinutes, OneHour, SixHours}
	severities  = []string{Low, Medium, High}
	days        = []string{"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}
)

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("sensitivedata", scope, id)
	if isTrue(p.ExistingSession) && p.FindingPublishingFrequency != "" {
		pr.Add("FindingPublishingFrequency", p.FindingPublishingFrequency, "not with ExistingSession: a setting of the existing Macie session")
	}
	if f := p.FindingPublishingFrequency; f != "" && !contains(frequencies, f) {
		pr.Add("FindingPublishingFrequency", f, "FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS")
	}
	names := map[string]bool{}
	for i, c := range p.CustomDataIdentifiers {
		prop := fmt.Sprintf("CustomDataIdentifiers[%d]", i)
		checkName(pr, prop, c.Name, c.Description, names)
		checkRegex(pr, prop+".Regex", c.Regex)
		if len(c.Keywords) > maxKeywords {
			pr.Add(prop+".Keywords", fmt.Sprintf("%d keywords", len(c.Keywords)), "at most 50 keywords")
		}
		for _, k := range c.Keywords {
			if n := utf8.RuneCountInString(k); n < minKeyword || n > maxKeyword {
				pr.Add(prop+".Keywords", k, "3 to 90 characters per keyword")
			}
		}
		if len(c.IgnoreWords) > maxIgnoreWords {
			pr.Add(prop+".IgnoreWords", fmt.Sprintf("%d ignore words", len(c.IgnoreWords)), "at most 10 ignore words")
		}
		for _, w := range c.IgnoreWords {
			if n := utf8.RuneCountInString(w); n < minIgnoreWord || n > maxKeyword {
				pr.Add(prop+".IgnoreWords", w, "4 to 90 characters per ignore word")
			}
		}
		if d := c.MaximumMatchDistance; d != 0 && (d < 1 || d > maxMatchDistMax || d != float64(int(d))) {
			pr.Add(prop+".MaximumMatchDistance", d, "a whole number of characters from 1 to 300 (0 = Macie's default, 50)")
		}
	}
	names = map[string]bool{}
	for i, a := range p.AllowLists {
		prop := fmt.Sprintf("AllowLists[%d]", i)
		checkName(pr, prop, a.Name, a.Description, names)
		words := a.WordsBucket != nil || a.WordsKey != ""
		switch {
		case a.Regex != "" && words:
			pr.Add(prop, a.Name, "either Regex or WordsBucket and WordsKey, not both")
		case a.Regex != "":
			checkRegex(pr, prop+".Regex", a.Regex)
		case a.WordsBucket == nil || a.WordsKey == "":
			pr.Add(prop, a.Name, "a Regex, or WordsBucket and WordsKey (a plain-text file of words, one per line)")
		}
	}
	names = map[string]bool{}
	for i, f := range p.FindingsFilters {
		prop := fmt.Sprintf("FindingsFilters[%d]", i)
		if n := utf8.RuneCountInString(f.Name); n < 3 || n > 64 {
			pr.Add(prop+".Name", f.Name, "3 to 64 characters")
		}
		if names[f.Name] {
			pr.Add(prop+".Name", f.Name, "each name once")
		}
		names[f.Name] = true
		if f.Action != "" && f.Action != Archive && f.Action != Noop {
			pr.Add(prop+".Action", f.Action, "ARCHIVE or NOOP")
		}
		if len(f.Buckets) == 0 && len(f.Types) == 0 {
			pr.Add(prop, f.Name, "Buckets or Types: a filter without criteria would match (and archive) every finding")
		}
	}
	checkGate(pr, p)
	checkJob(pr, p)
	if p.LogRetention != "" {
		pr.FiniteRetention(p.LogRetention)
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkName(pr *propcheck.Problems, prop, name, desc string, seen map[string]bool) {
	if n := utf8.RuneCountInString(name); n < 1 || n > maxName {
		pr.Add(prop+".Name", name, "1 to 128 characters")
	}
	if seen[name] {
		pr.Add(prop+".Name", name, "each name once")
	}
	seen[name] = true
	if utf8.RuneCountInString(desc) > maxDescription {
		pr.Add(prop+".Description", fmt.Sprintf("%d characters", utf8.RuneCountInString(desc)), "at most 512 characters")
	}
}

func checkRegex(pr *propcheck.Problems, prop, re string) {
	if n := utf8.RuneCountInString(re); n < 1 || n > maxRegex {
		pr.Add(prop, fmt.Sprintf("%d characters", n), "a regular expression of 1 to 512 characters")
		return
	}
	if _, err := regexp.Compile(re); err != nil {
		pr.Add(prop, re, "a valid regular expression ("+err.Error()+"); Macie supports a PCRE subset without lookarounds, backreferences or possessive quantifiers")
	}
}

func checkGate(pr *propcheck.Problems, p *Props) {
	for _, s := range p.Severities {
		if !contains(severities, s) {
			pr.Add("Severities", s, "Low, Medium or High (Macie's severity.description)")
		}
	}
	if p.Mode != "" && p.Mode != Quarantine && p.Mode != TagOnly {
		pr.Add("Mode", p.Mode, "QUARANTINE or TAG")
	}
	checkRemediation(pr, p)
	checkApproval(pr, p)
	if len(p.Watched) == 0 {
		if p.QuarantineBucket != nil || (p.Topic != nil && !isTrue(p.RemediatePublicBuckets)) || p.Mode != "" || p.Severities != nil {
			pr.Addf("QuarantineBucket, Topic, Mode and Severities configure the gate over Watched buckets: give Watched, or drop them")
		}
		return
	}
	if p.Mode == TagOnly && (p.QuarantineBucket != nil || p.QuarantinePrefix != "") {
		pr.Add("QuarantineBucket", "set", "not in TAG mode (nothing is moved)")
	}
	qp := p.QuarantinePrefix
	if qp == "" {
		qp = "quarantine/"
	}
	if p.QuarantinePrefix != "" && (strings.HasPrefix(qp, "/") || !strings.HasSuffix(qp, "/")) {
		pr.Add("QuarantinePrefix", qp, `a key prefix ending with "/" and not starting with one`)
	}
	for i, w := range p.Watched {
		prop := fmt.Sprintf("Watched[%d]", i)
		if w.Bucket == nil {
			pr.Add(prop+".Bucket", "nil", "the bucket to watch")
			continue
		}
		for _, px := range append(append([]string{}, w.Prefixes...), w.GatePrefixes...) {
			if px == "" || strings.HasPrefix(px, "/") || strings.Contains(px, ",") {
				pr.Add(prop+".Prefixes", px, `a non-empty key prefix without a leading "/" or a comma (nil Prefixes = the whole bucket)`)
			}
		}
		for _, g := range w.GatePrefixes {
			if !under(g, w.Prefixes) {
				pr.Add(prop+".GatePrefixes", g, "a prefix under one of Prefixes (the gate acts only on watched objects)")
			}
		}
		if p.Mode == TagOnly && len(w.GatePrefixes) > 0 {
			pr.Add(prop+".GatePrefixes", strings.Join(w.GatePrefixes, ", "), "not in TAG mode (nothing is quarantined)")
		}
		// The quarantine must not be watched: the copy would be found
		// again by the next scan and quarantined into itself.
		if p.QuarantineBucket != nil && p.Mode != TagOnly && sameBucket(p.QuarantineBucket, w.Bucket) {
			if len(w.Prefixes) == 0 || under(qp, w.Prefixes) || overlaps(qp, w.Prefixes) {
				pr.Add("QuarantinePrefix", qp, fmt.Sprintf("outside the watched prefixes of %s (%s): a quarantine inside a watched prefix is scanned again and loops", prop, describe(w.Prefixes)))
			}
		}
	}
}

func describe(prefixes []string) string {
	if len(prefixes) == 0 {
		return "the whole bucket"
	}
	return strings.Join(prefixes, ", ")
}

func under(p string, prefixes []string) bool {
	if len(prefixes) == 0 {
		return true
	}
	for _, x := range prefixes {
		if strings.HasPrefix(p, x) {
			return true
		}
	}
	return false
}

// overlaps: a watched prefix lies inside the quarantine prefix.
func overlaps(q string, prefixes []string) bool {
	for _, x := range prefixes {
		if strings.HasPrefix(x, q) {
			return true
		}
	}
	return false
}

func sameBucket(a, b interface{ Node() constructs.Node }) bool {
	return a == b || *a.Node().Path() == *b.Node().Path()
}

func checkJob(pr *propcheck.Problems, p *Props) {
	if p.Job == nil {
		return
	}
	j := p.Job
	if isTrue(p.NoJob) {
		pr.Add("Job", "set", "not with NoJob")
	}
	if len(p.Watched) == 0 {
		pr.Add("Job", "set", "Watched buckets to scan: a classification job needs at least one bucket")
	}
	if j.Type != "" && j.Type != Scheduled && j.Type != OneTime {
		pr.Add("Job.Type", j.Type, "SCHEDULED or ONE_TIME")
	}
	if j.Type == OneTime && (j.Frequency != "" || j.DayOfWeek != "") {
		pr.Add("Job.Frequency", j.Frequency+j.DayOfWeek, "not for a ONE_TIME job")
	}
	if j.Frequency != "" && j.Frequency != Daily && j.Frequency != Weekly {
		pr.Add("Job.Frequency", j.Frequency, "DAILY or WEEKLY (a monthly schedule is not offered)")
	}
	if j.DayOfWeek != "" && (j.Frequency != Weekly || !contains(days, j.DayOfWeek)) {
		pr.Add("Job.DayOfWeek", j.DayOfWeek, "MONDAY to SUNDAY, with Frequency WEEKLY")
	}
	if s := j.SamplingPercentage; s != 0 && (s < 1 || s > 100 || s != float64(int(s))) {
		pr.Add("Job.SamplingPercentage", s, "a whole percentage from 1 to 100")
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

func checkRemediation(pr *propcheck.Problems, p *Props) {
	if len(p.PublicBucketExclusions) > 0 && !isTrue(p.RemediatePublicBuckets) {
		pr.Add("PublicBucketExclusions", strings.Join(p.PublicBucketExclusions, ", "), "only with RemediatePublicBuckets: true")
	}
	for _, b := range p.PublicBucketExclusions {
		if !bucketName.MatchString(b) || strings.Contains(b, "..") {
			pr.Add("PublicBucketExclusions", b, "an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit)")
		}
	}
}

var (
	bucketName = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	email      = regexp.MustCompile(`^[^@\s,]+@[^@\s,]+\.[^@\s,]+$`)
)

const maxTimeoutHours = 8759

func checkApproval(pr *propcheck.Problems, p *Props) {
	a := p.Approval
	if a == nil {
		return
	}
	if p.Mode == TagOnly {
		pr.Add("Approval", "set", "QUARANTINE mode: in TAG mode nothing waits for a decision")
	}
	gated := false
	for _, w := range p.Watched {
		gated = gated || len(w.GatePrefixes) > 0
	}
	if !gated {
		pr.Add("Approval", "set", "GatePrefixes in Watched: only quarantined objects are reviewed")
	}
	if len(a.ApproverEmails) == 0 {
		pr.Add("Approval.ApproverEmails", "none", "at least one approver's e-mail address")
	}
	for _, e := range a.ApproverEmails {
		if !email.MatchString(e) {
			pr.Add("Approval.ApproverEmails", e, "an e-mail address (name@domain)")
		}
	}
	if h := a.TimeoutHours; h != nil && (*h < 1 || *h > maxTimeoutHours || *h != float64(int(*h))) {
		pr.Add("Approval.TimeoutHours", *h, "a whole number of hours from 1 to 8759 (a Standard workflow lasts at most a year; nil = 72)")
	}
	if a.OnDeny != "" && a.OnDeny != Keep && a.OnDeny != Delete {
		pr.Add("Approval.OnDeny", a.OnDeny, "KEEP or DELETE")
	}
	rp := releasePrefix(a)
	if a.ReleasePrefix != "" && (strings.HasPrefix(rp, "/") || !strings.HasSuffix(rp, "/") || strings.Contains(rp, ",")) {
		pr.Add("Approval.ReleasePrefix", rp, `a key prefix ending with "/", not starting with one`)
	}
	for i, w := range p.Watched {
		if w.Bucket == nil || !gatedBucket(p, w) {
			continue
		}
		// Approved objects are released into the gated buckets. A released
		// object inside a watched prefix is scanned again; under a gate
		// prefix it is quarantined again and waits for the same decision:
		// a loop.
		if len(w.Prefixes) == 0 || under(rp, w.Prefixes) || overlaps(rp, w.Prefixes) {
			pr.Add("Approval.ReleasePrefix", rp, fmt.Sprintf("outside the watched prefixes of Watched[%d] (%s): a released object would be scanned and quarantined again (a loop)", i, describe(w.Prefixes)))
		}
		if p.QuarantineBucket != nil && sameBucket(p.QuarantineBucket, w.Bucket) {
			qp := p.QuarantinePrefix
			if qp == "" {
				qp = "quarantine/"
			}
			if strings.HasPrefix(rp, qp) || strings.HasPrefix(qp, rp) {
				pr.Add("Approval.ReleasePrefix", rp, "outside the quarantine prefix "+qp+" of the same bucket")
			}
		}
	}
}

// gatedBucket: some Watched entry of w's bucket has GatePrefixes (objects
// are released into that bucket).
func gatedBucket(p *Props, w Watched) bool {
	for _, o := range p.Watched {
		if o.Bucket != nil && len(o.GatePrefixes) > 0 && sameBucket(o.Bucket, w.Bucket) {
			return true
		}
	}
	return false
}

func releasePrefix(a *Approval) string {
	if a.ReleasePrefix == "" {
		return "released/"
	}
	return a.ReleasePrefix
}
