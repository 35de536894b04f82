package athena

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	workgroupNameRE = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,128}$`)
	accountRE       = regexp.MustCompile(`^\d{12}$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("athena", scope, id)
	checkName(pr, p.Name)
	switch c := p.BytesScannedCutoffPerQuery; {
	case c == nil:
		pr.Add("BytesScannedCutoffPerQuery", "nil", "a cutoff in bytes of at least 10,000,000 (10 MB): every workgroup of this library limits what one query may scan")
	case *c < MinBytesScannedCutoff || *c != float64(int64(*c)):
		pr.Add("BytesScannedCutoffPerQuery", strconv.FormatFloat(*c, 'f', -1, 64), "a whole number of bytes, at least 10,000,000 (10 MB, Athena's minimum)")
	}
	switch p.Encryption {
	case "", SSEKMS, CSEKMS:
	default:
		pr.Add("Encryption", p.Encryption, "SSE_KMS or CSE_KMS (results are always encrypted with a customer managed key; SSE_S3 is not offered)")
	}
	managed := p.ManagedQueryResults != nil && *p.ManagedQueryResults
	checkResults(pr, p.ResultsBucket, p.ResultsPrefix, p.ResultsExpiration, managed)
	if managed && p.Encryption == CSEKMS {
		pr.Add("Encryption", p.Encryption, "SSE_KMS with ManagedQueryResults (Athena-owned storage takes a key, not a client-side option)")
	}
	if o := p.ExpectedBucketOwner; o != nil && !accountRE.MatchString(*o) && !*awscdk.Token_IsUnresolved(o) {
		pr.Add("ExpectedBucketOwner", *o, "a 12-digit account id")
	}
	if managed && p.ExpectedBucketOwner != nil {
		pr.Add("ExpectedBucketOwner", *p.ExpectedBucketOwner, "nothing with ManagedQueryResults (there is no bucket)")
	}
	for i, l := range p.DataUsageLimits {
		at := "DataUsageLimits[" + strconv.Itoa(i) + "]"
		if l.Bytes < MinBytesScannedCutoff {
			pr.Add(at+".Bytes", l.Bytes, "at least 10,000,000 bytes (10 MB)")
		}
		if l.Period == nil {
			pr.Add(at+".Period", "nil", "whole minutes from 1 minute to 1 day")
		} else if s := propcheck.Seconds(l.Period); s < 60 || s > 86400 || s != float64(60*int(s/60)) {
			pr.Add(at+".Period", *l.Period.ToHumanString(), "whole minutes from 1 minute to 1 day (a CloudWatch alarm period)")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	names := map[string]bool{}
	for i, q := range p.NamedQueries {
		at := "NamedQueries[" + strconv.Itoa(i) + "]"
		checkNamedQuery(pr, at, q)
		if names[q.Name] {
			pr.Add(at+".Name", q.Name, "a name not used by another named query of the workgroup")
		}
		names[q.Name] = true
	}
	stmts := map[string]bool{}
	for i, s := range p.PreparedStatements {
		at := "PreparedStatements[" + strconv.Itoa(i) + "]"
		checkPreparedStatement(pr, at, s)
		if stmts[s.Name] {
			pr.Add(at+".Name", s.Name, "a name not used by another prepared statement of the workgroup")
		}
		stmts[s.Name] = true
	}
	return pr
}

func checkName(pr *propcheck.Problems, name *string) {
	if name != nil && !workgroupNameRE.MatchString(*name) {
		pr.Add("Name", *name, "1 to 128 letters, digits, '.', '_' or '-'")
	}
}

// checkResults checks where the results go.
func checkResults(pr *propcheck.Problems, bucket awss3.IBucket, prefix *string, expiration awscdk.Duration, managed bool) {
	if prefix != nil && (strings.HasPrefix(*prefix, "/") || (*prefix != "" && !strings.HasSuffix(*prefix, "/")) || strings.ContainsAny(*prefix, " '\"")) {
		pr.Add("ResultsPrefix", *prefix, `a key prefix ending in "/" and not starting with one, e.g. "results/"`)
	}
	if bucket != nil && expiration != nil {
		pr.Add("ResultsExpiration", *expiration.ToHumanString(), "nothing with ResultsBucket: set lifecycle rules on your own bucket")
	}
	if expiration != nil {
		if d := propcheck.Seconds(expiration) / 86400; d < 1 || d != float64(int(d)) {
			pr.Add("ResultsExpiration", *expiration.ToHumanString(), "whole days, at least 1")
		}
	}
	if managed {
		if bucket != nil {
			pr.Add("ResultsBucket", *bucket.Node().Path(), "nothing with ManagedQueryResults (Athena stores the results)")
		}
		if prefix != nil {
			pr.Add("ResultsPrefix", *prefix, "nothing with ManagedQueryResults")
		}
		if expiration != nil {
			pr.Add("ResultsExpiration", *expiration.ToHumanString(), "nothing with ManagedQueryResults")
		}
	}
}
