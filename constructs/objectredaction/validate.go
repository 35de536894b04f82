package objectredaction

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/accesspoints"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// closure is the message of an Object Lambda request without
// ExistingCustomer.
const closure = "true only in an account that already uses S3 Object Lambda: since 7 November 2025 S3 Object Lambda is closed to new customers " +
	"(CreateAccessPointForObjectLambda fails in other accounts). Use the write-time mode instead (WriteTime, the default: " +
	"a redacted copy under RedactedPrefix, read through its own access point), or set ExistingCustomer: true if this account is an existing customer"

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("objectredaction", scope, id)
	if p.Bucket == nil {
		pr.Add("Bucket", nil, "the bucket holding the originals (required)")
	}
	src, red := prefixes(p)
	if msg := accesspoints.PrefixProblem(src); msg != "" {
		pr.Add("SourcePrefix", src, msg)
	}
	if msg := accesspoints.PrefixProblem(red); msg != "" {
		pr.Add("RedactedPrefix", red, msg)
	}
	if strings.HasPrefix(src, red) || strings.HasPrefix(red, src) {
		pr.Addf("SourcePrefix = %q, RedactedPrefix = %q: prefixes that do not contain each other: the originals and the copies must be readable by different principals, and a copy under the source prefix would be redacted again, forever", src, red)
	}
	writeTime := p.WriteTime == nil || *p.WriteTime
	ol := isTrue(p.ObjectLambda)
	switch {
	case ol && !isTrue(p.ExistingCustomer):
		pr.Add("ExistingCustomer", boolString(p.ExistingCustomer), closure)
	case !ol && p.ExistingCustomer != nil:
		pr.Add("ExistingCustomer", *p.ExistingCustomer, "only with ObjectLambda: true")
	}
	if !writeTime && !ol {
		pr.Add("WriteTime", false, "WriteTime (the default) or ObjectLambda: with neither, nothing is redacted")
	}
	if ol && len(p.RedactedReaders) == 0 {
		pr.Add("RedactedReaders", "[]", "at least one reader with ObjectLambda: the supporting access point's policy names them")
	}
	readers := func(prop string, gs []awsiam.IGrantable) {
		for i, g := range gs {
			if msg := accesspoints.GranteeProblem(g); msg != "" {
				value := "*"
				if g == nil {
					value = "nil"
				}
				pr.Add(fmt.Sprintf("%s[%d]", prop, i), value, msg)
			}
		}
	}
	readers("OriginalReaders", p.OriginalReaders)
	readers("RedactedReaders", p.RedactedReaders)
	if !writeTime && p.RedactedPrefix != "" {
		pr.Add("RedactedPrefix", p.RedactedPrefix, "only with WriteTime: the Object Lambda access point redacts at read time and writes no copy")
	}
	if p.Vpc != nil && p.AllowInternetOrigin != nil {
		pr.Add("AllowInternetOrigin", *p.AllowInternetOrigin, "not with Vpc")
	}
	if p.Vpc == nil && !isTrue(p.AllowInternetOrigin) && (len(p.OriginalReaders) > 0 || writeTime && len(p.RedactedReaders) > 0) {
		pr.Add("Vpc", nil, "a VPC for the VPC-only access points of the readers, or AllowInternetOrigin: true")
	}
	if m := p.MaxObjectBytes; m != 0 && (m < 1 || m > 1<<30 || m != float64(int64(m))) {
		pr.Add("MaxObjectBytes", m, "a whole number of bytes from 1 to 1 GiB (the redacted copy is held in memory)")
	}
	if p.LogRetention == awslogs.RetentionDays_INFINITE {
		pr.Add("LogRetention", "INFINITE", "a finite retention (one year by default)")
	}
	if fp := p.FunctionProps; fp != nil {
		if fp.Code != nil || fp.Role != nil || fp.LogGroup != nil || fp.Environment != nil {
			pr.Add("FunctionProps.Code/Role/LogGroup/Environment", "set", "the construct's own: it builds functions/objectredact, grants its role and configures it")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.AlarmTopic != nil && !writeTime {
		pr.Add("AlarmTopic", *p.AlarmTopic.Node().Path(), "only with WriteTime (the alarms watch the write-time function)")
	}
	return pr
}

func prefixes(p *Props) (string, string) {
	src, red := p.SourcePrefix, p.RedactedPrefix
	if src == "" {
		src = DefaultSourcePrefix
	}
	if red == "" {
		red = DefaultRedactedPrefix
	}
	return src, red
}

func boolString(b *bool) string {
	if b == nil {
		return "nil"
	}
	return fmt.Sprint(*b)
}

func isTrue(b *bool) bool { return b != nil && *b }
