package manifestbatch

import (
	"strconv"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// layout is the key layout after defaults.
type layout struct {
	incoming, suffix, output string
}

func orDefault(v *string, d string) string {
	if v == nil {
		return d
	}
	return *v
}

func check(scope constructs.Construct, id string, p *Props) (*propcheck.Problems, layout) {
	pr := propcheck.For("manifestbatch", scope, id)
	l := layout{
		incoming: orDefault(p.IncomingPrefix, DefaultIncomingPrefix),
		suffix:   orDefault(p.ManifestSuffix, DefaultManifestSuffix),
		output:   orDefault(p.OutputPrefix, DefaultOutputPrefix),
	}
	prefixOK := func(prop, v string) bool {
		if v == "" || strings.HasPrefix(v, "/") || !strings.HasSuffix(v, "/") || strings.ContainsAny(v, "*?") || len(v) > 512 {
			pr.Add(prop, strconv.Quote(v), `a key prefix like "incoming/": not empty, no leading /, ending in /, no wildcards (* ?), at most 512 characters`)
			return false
		}
		return true
	}
	inOK := prefixOK("IncomingPrefix", l.incoming)
	outOK := prefixOK("OutputPrefix", l.output)
	if inOK && outOK && (strings.HasPrefix(l.output, l.incoming) || strings.HasPrefix(l.incoming, l.output)) {
		pr.Add("OutputPrefix", strconv.Quote(l.output), "a prefix outside IncomingPrefix "+strconv.Quote(l.incoming)+" and not holding it: merged files there would be read into, or start, later batches (a loop)")
	}
	if len(l.suffix) < 2 || strings.ContainsAny(l.suffix, "*?/") {
		pr.Add("ManifestSuffix", strconv.Quote(l.suffix), `the end of a manifest's key like ".manifest": at least two characters, no / and no wildcards (* ?)`)
	}

	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("ExistingBucket/BucketProps", "both", "one of them: the bucket to use, or the props of a new one")
	}
	if bp := p.BucketProps; bp != nil {
		if bp.Encryption != "" && bp.Encryption != securebucket.SSEKMS {
			pr.Add("BucketProps.Encryption", bp.Encryption, "SSE_KMS (or unset): the merge job's security configuration writes SSE-KMS objects, which a DSSE or SSE-S3 securebucket denies")
		}
		if bp.EventBridge != nil && !*bp.EventBridge {
			pr.Add("BucketProps.EventBridge", false, "true (or unset): the manifest's Object Created event reaches the pipeline through EventBridge")
		}
	}
	if m := p.MaxConcurrency; m != nil && (*m < 1 || *m > 40 || *m != float64(int(*m))) {
		pr.Add("MaxConcurrency", *m, "1 to 40 files checked at the same time")
	}
	if p.ExistingJobName != nil && p.JobProps != nil {
		pr.Add("ExistingJobName/JobProps", "both", "one of them: the job to run, or the props of a new one")
	}
	if p.ExistingJobName != nil && strings.TrimSpace(*p.ExistingJobName) == "" {
		pr.Add("ExistingJobName", `""`, "the name of a Glue job")
	}
	if jp := p.JobProps; jp != nil {
		if jp.Bookmarks == gluejob.BookmarksEnable || jp.Bookmarks == gluejob.BookmarksPause {
			pr.Add("JobProps.Bookmarks", jp.Bookmarks, "job-bookmark-disable (or unset): the manifest names exactly what to read, and a bookmark would skip the files of a rerun")
		}
		if jp.Type != "" && jp.Type != gluejob.ETL {
			pr.Add("JobProps.Type", jp.Type, "glueetl (or unset): the merge is a batch Spark job")
		}
		for _, k := range []string{"--manifest_bucket", "--manifest_key", "--incoming_prefix", "--output_path"} {
			if _, ok := jp.Arguments[k]; ok {
				pr.Add("JobProps.Arguments["+k+"]", jp.Arguments[k], "no value: the construct sets it (from the event, IncomingPrefix and OutputPrefix)")
			}
		}
	}
	if tp := p.ClaimTableProps; tp != nil {
		if tp.PartitionKey != nil || tp.SortKey != nil {
			pr.Add("ClaimTableProps.PartitionKey/SortKey", "set", "unset: the claim's keys (manifest, etag) are the construct's")
		}
		if tp.TimeToLiveAttribute != nil {
			pr.Add("ClaimTableProps.TimeToLiveAttribute", *tp.TimeToLiveAttribute, "unset: use ClaimRetention")
		}
		sandbox.CheckOverride(pr, scope, "ClaimTableProps", tp.RemovalPolicy, nil)
	}
	if r := p.ClaimRetention; r != nil {
		if s := propcheck.Seconds(r); s < 86400 || s > 3650*86400 {
			pr.Add("ClaimRetention", *r.ToHumanString(), "1 day to 10 years (or unset to keep every claim)")
		}
	}
	if p.AlarmTopicKey != nil && p.AlarmTopic == nil {
		pr.Add("AlarmTopicKey", "set without AlarmTopic", "the key of the AlarmTopic you pass (the construct's own topic has its key)")
	}
	if t := p.Timeout; t != nil {
		if s := propcheck.Seconds(t); s < 60 || s > 7*86400 {
			pr.Add("Timeout", *t.ToHumanString(), "1 minute to 7 days")
		}
	}
	return pr, l
}
