package audittrail

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// maxSelectorValues bounds the ARNs of the data event selectors: CloudTrail
// allows 500 condition values over all advanced selectors of a trail.
const maxSelectorValues = 490

func yes(b *bool) bool { return b != nil && *b }

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("audittrail", scope, id)
	existing := yes(p.ExistingTrail)
	if p.EnableLogFileValidation != nil && !*p.EnableLogFileValidation {
		pr.Add("EnableLogFileValidation", false, "true (the default): without digest files nobody can prove the log files were not changed or deleted (CT.CLOUDTRAIL.PR.2)")
	}
	checkDataEvents(pr, p)
	pr.FiniteRetention(p.LogRetention)
	if existing {
		checkExisting(pr, p)
	} else if p.ExistingTrailLogGroup != nil {
		pr.Add("ExistingTrailLogGroup", *p.ExistingTrailLogGroup.Node().Path(), "only with ExistingTrail: true (a new trail gets its own log group)")
	}
	if b := p.TrailBucketProps; b != nil {
		if b.Encryption != "" && b.Encryption != securebucket.SSEKMS {
			pr.Add("TrailBucketProps.Encryption", b.Encryption, "SSE_KMS (or empty): CloudTrail writes log files with SSE-KMS under the trail key, which a DSSE-KMS or SSE-S3 bucket's policy denies")
		}
		if b.EncryptionKey != nil || b.KeyProps != nil {
			pr.Add("TrailBucketProps.EncryptionKey", "set", "empty: the bucket uses the trail key (set EncryptionKey instead)")
		}
	}
	checkLake(pr, p)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if existing && p.ExistingTrailLogGroup == nil && yes(p.CreateAlarms) {
		pr.Add("CreateAlarms", true, "needs a trail log group: with ExistingTrail, give ExistingTrailLogGroup")
	}
	if p.QueryFolder != "" && (strings.HasPrefix(p.QueryFolder, "/") || strings.HasSuffix(p.QueryFolder, "/") || len(p.QueryFolder) > 200) {
		pr.Add("QueryFolder", p.QueryFolder, `a folder name without leading or trailing slash, e.g. "audit"`)
	}
	return pr
}

func checkDataEvents(pr *propcheck.Problems, p *Props) {
	all := yes(p.AllS3DataEvents)
	reason := strings.TrimSpace(p.AllS3DataEventsReason)
	switch {
	case all && len(reason) < 20:
		pr.Add("AllS3DataEvents", true, "data events of every bucket cost US$0.10 per 100,000 (a busy lake makes millions a day): list the buckets in DataEventBuckets, or opt in with AllS3DataEventsReason (a sentence of at least 20 characters saying why)")
	case !all && reason != "":
		pr.Add("AllS3DataEventsReason", reason, "only with AllS3DataEvents: true")
	}
	if all && len(p.DataEventBuckets) > 0 {
		pr.Add("DataEventBuckets", len(p.DataEventBuckets), "none with AllS3DataEvents (every bucket is already recorded)")
	}
	for i, b := range p.DataEventBuckets {
		if b == nil {
			pr.Add(fmt.Sprintf("DataEventBuckets[%d]", i), "nil", "a bucket")
			continue
		}
	}
	for i, f := range p.DataEventFunctions {
		if f == nil {
			pr.Add(fmt.Sprintf("DataEventFunctions[%d]", i), "nil", "a function")
		}
	}
	if n := len(p.DataEventBuckets) + len(p.DataEventFunctions); n > maxSelectorValues {
		pr.Add("DataEventBuckets+DataEventFunctions", n, fmt.Sprintf("at most %d: CloudTrail allows 500 condition values over all advanced event selectors of a trail", maxSelectorValues))
	}
	if p.S3DataEventsWriteOnly != nil && len(p.DataEventBuckets) == 0 && !all {
		pr.Add("S3DataEventsWriteOnly", *p.S3DataEventsWriteOnly, "only with DataEventBuckets or AllS3DataEvents")
	}
}

func checkExisting(pr *propcheck.Problems, p *Props) {
	const why = "nothing with ExistingTrail: true (it configures a new trail; change the existing trail instead)"
	if p.EnableLogFileValidation != nil {
		pr.Add("EnableLogFileValidation", *p.EnableLogFileValidation, why)
	}
	if yes(p.Insights) {
		pr.Add("Insights", true, why)
	}
	if len(p.DataEventFunctions) > 0 {
		pr.Add("DataEventFunctions", len(p.DataEventFunctions), why)
	}
	if yes(p.AllS3DataEvents) {
		pr.Add("AllS3DataEvents", true, why)
	}
	if len(p.DataEventBuckets) > 0 && !(yes(p.Lake) && yes(p.LakeDataEvents)) {
		pr.Add("DataEventBuckets", len(p.DataEventBuckets), "only with Lake and LakeDataEvents when ExistingTrail is true (the buckets' data events then go to the lake; the existing trail is not changed)")
	}
	if p.S3DataEventsWriteOnly != nil && !(yes(p.Lake) && yes(p.LakeDataEvents)) {
		pr.Add("S3DataEventsWriteOnly", *p.S3DataEventsWriteOnly, why)
	}
	if p.EncryptionKey != nil {
		pr.Add("EncryptionKey", *p.EncryptionKey.Node().Path(), why)
	}
	if p.TrailBucketProps != nil {
		pr.Add("TrailBucketProps", "set", why)
	}
	if p.LogRetention != "" {
		pr.Add("LogRetention", p.LogRetention, why)
	}
}

func checkLake(pr *propcheck.Problems, p *Props) {
	if !yes(p.Lake) {
		if p.LakeBillingMode != "" || p.LakeRetentionDays != 0 || p.LakeDataEvents != nil {
			pr.Add("Lake", p.Lake != nil, "true when LakeBillingMode, LakeRetentionDays or LakeDataEvents is set")
		}
		return
	}
	mode := p.LakeBillingMode
	if mode == "" {
		mode = ExtendableRetention
	}
	limits, ok := RetentionLimits[mode]
	if !ok {
		pr.Add("LakeBillingMode", mode, ExtendableRetention+" or "+FixedRetention)
	} else if d := p.LakeRetentionDays; d != 0 && (d < limits[0] || d > limits[1] || d != float64(int(d))) {
		pr.Add("LakeRetentionDays", d, fmt.Sprintf("a whole number of days from %v to %v with %s", limits[0], limits[1], mode))
	}
	if yes(p.LakeDataEvents) && len(p.DataEventBuckets) == 0 {
		pr.Add("LakeDataEvents", true, "only with DataEventBuckets (the buckets whose data events the lake keeps)")
	}
}
