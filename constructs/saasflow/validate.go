package saasflow

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	// fieldRE is a Salesforce API name: a letter, then letters, digits and
	// single underscores (custom ones end in __c, __r, ...).
	fieldRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,79}$`)
	// profileRE is AppFlow's connector profile name.
	profileRE = regexp.MustCompile(`^[\w/!@#+=.-]{1,256}$`)
	// rateRE is AppFlow's rate expression: no space between number and unit.
	rateRE = regexp.MustCompile(`^rate\(([1-9][0-9]*)(minutes|hours|days)\)$`)
	// eventBridgeRateRE is the EventBridge spelling, refused with a hint.
	eventBridgeRateRE = regexp.MustCompile(`^rate\(\s*\d+\s+\w+\s*\)$`)
	instanceRE        = regexp.MustCompile(`^https://[A-Za-z0-9.-]+\.(salesforce|force)\.com/?$`)
	prefixRE          = regexp.MustCompile(`^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*$`)
)

var (
	prefixFormats = []string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE"}
	fileTypes     = []string{"PARQUET", "JSON", "CSV"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("saasflow", scope, id)
	checkConnection(pr, p)
	checkSource(pr, p)
	checkSchedule(pr, p.Schedule)
	checkDestination(pr, p)
	return pr
}

func checkConnection(pr *propcheck.Problems, p *Props) {
	switch {
	case p.ConnectorProfileName == "" && p.Salesforce == nil:
		pr.Add("ConnectorProfileName", `""`, "the name of an existing Salesforce connection (created once in the AppFlow console), or Salesforce to create the profile from Secrets Manager")
	case p.ConnectorProfileName != "" && p.Salesforce != nil:
		pr.Add("ConnectorProfileName", p.ConnectorProfileName, "not with Salesforce: either use an existing connection or create one")
	case p.ConnectorProfileName != "" && !unresolved(p.ConnectorProfileName) && !profileRE.MatchString(p.ConnectorProfileName):
		pr.Add("ConnectorProfileName", p.ConnectorProfileName, "1 to 256 letters, digits and _/!@#+=.-")
	}
	s := p.Salesforce
	if s == nil {
		return
	}
	if !unresolved(s.InstanceUrl) && !instanceRE.MatchString(s.InstanceUrl) {
		pr.Add("Salesforce.InstanceUrl", s.InstanceUrl, "the org's https URL, https://<domain>.my.salesforce.com")
	}
	if s.ClientCredentials == nil {
		pr.Add("Salesforce.ClientCredentials", "nil", "the Secrets Manager secret holding the connected app's client id and client secret")
	}
	if s.JwtToken != nil {
		if v := s.JwtToken.UnsafeUnwrap(); v != nil && !unresolved(*v) {
			pr.Add("Salesforce.JwtToken", "a plain value", "a reference CloudFormation resolves at deploy time (awscdk.SecretValue_SecretsManager): a literal token would be written into the template")
		}
	}
}

func checkSource(pr *propcheck.Problems, p *Props) {
	if p.Object == "" {
		pr.Add("Object", `""`, "the Salesforce object's API name, e.g. Account or Invoice__c")
	} else if !fieldRE.MatchString(p.Object) {
		pr.Add("Object", p.Object, "a Salesforce API name: a letter, then letters, digits and underscores")
	}
	seen := map[string]bool{}
	for i, f := range p.Fields {
		prop := fmt.Sprintf("Fields[%d]", i)
		switch {
		case !fieldRE.MatchString(f):
			pr.Add(prop, f, "a Salesforce field API name: a letter, then letters, digits and underscores (custom fields end in __c)")
		case seen[f]:
			pr.Add(prop, f, "a field not listed twice")
		}
		seen[f] = true
	}
	if p.Fields != nil && len(p.Fields) == 0 {
		pr.Add("Fields", "[]", "at least one field, or nil for every field")
	}
	full := isTrue(p.FullPull)
	if p.IncrementalField != "" && !fieldRE.MatchString(p.IncrementalField) {
		pr.Add("IncrementalField", p.IncrementalField, "a Salesforce field API name of a date-time field, e.g. LastModifiedDate or SystemModstamp")
	}
	if full && p.IncrementalField != "" {
		pr.Add("IncrementalField", p.IncrementalField, "not with FullPull: a complete pull reads every record")
	}
	if full && strings.TrimSpace(p.FullPullReason) == "" {
		pr.Add("FullPull", true, "a FullPullReason: every run then copies the whole object (consuming the org's API limits and rewriting every row in the lake); the default incremental pull reads only records changed since the previous run")
	}
	if !full && p.FullPullReason != "" {
		pr.Add("FullPullReason", p.FullPullReason, "only with FullPull: true")
	}
	inc := p.IncrementalField
	if inc == "" {
		inc = DefaultIncrementalField
	}
	if !full && p.Fields != nil && !slices.Contains(p.Fields, inc) {
		pr.Add("Fields", strings.Join(p.Fields, ","), "the incremental field "+inc+" among them: each row must carry the timestamp the lake deduplicates on")
	}
}

func checkSchedule(pr *propcheck.Problems, s string) {
	if s == "" {
		return
	}
	if !rateRE.MatchString(s) {
		hint := ""
		if eventBridgeRateRE.MatchString(s) {
			hint = " (this is EventBridge's spelling; AppFlow's has no space and always the plural unit)"
		}
		pr.Add("Schedule", s, `an AppFlow rate expression: "rate(<n>minutes)", "rate(<n>hours)" or "rate(<n>days)", e.g. "rate(1hours)"`+hint)
	}
}

func checkDestination(pr *propcheck.Problems, p *Props) {
	if p.Bucket != nil {
		imported := p.Bucket.Node().DefaultChild() == nil
		if imported && !isTrue(p.ImportedBucketAllowsAppFlow) {
			pr.Add("Bucket", *p.Bucket.Node().Path(), "a bucket of this app (the construct adds the AppFlow statement to its policy), or confirm with ImportedBucketAllowsAppFlow: true that the imported bucket's policy and key already let appflow.amazonaws.com write")
		}
		if !imported && p.ImportedBucketAllowsAppFlow != nil {
			pr.Add("ImportedBucketAllowsAppFlow", *p.ImportedBucketAllowsAppFlow, "only with an imported Bucket")
		}
	} else if p.ImportedBucketAllowsAppFlow != nil {
		pr.Add("ImportedBucketAllowsAppFlow", *p.ImportedBucketAllowsAppFlow, "only with an imported Bucket")
	}
	if p.Prefix != "" && (!prefixRE.MatchString(p.Prefix) || len(p.Prefix) > 400) {
		pr.Add("Prefix", p.Prefix, "S3 key segments of letters, digits and !_.*'()=- separated by single slashes, without leading or trailing slash, at most 400 characters")
	}
	if p.PrefixFormat != "" && !slices.Contains(prefixFormats, p.PrefixFormat) {
		pr.Add("PrefixFormat", p.PrefixFormat, "one of "+strings.Join(prefixFormats, ", "))
	}
	ft := p.FileType
	switch {
	case ft == "" || ft == Parquet:
		if p.FileTypeReason != "" {
			pr.Add("FileTypeReason", p.FileTypeReason, "only with FileType JSON or CSV")
		}
	case !slices.Contains(fileTypes, ft):
		pr.Add("FileType", ft, "one of "+strings.Join(fileTypes, ", "))
	case strings.TrimSpace(p.FileTypeReason) == "":
		pr.Add("FileType", ft, "PARQUET, or a FileTypeReason: JSON and CSV lose the column types and are read whole by Athena and Spark, so the lake asks for Parquet unless a consumer needs text")
	}
	if t := p.TargetFileSizeMB; t != 0 && (t < 1 || t > 1024 || t != float64(int(t))) {
		pr.Add("TargetFileSizeMB", t, "a whole number of MB from 1 to 1024, or 0 for one file per run")
	}
	if p.EncryptionKey != nil {
		if arn := p.EncryptionKey.KeyArn(); arn != nil && !unresolved(*arn) && strings.Contains(*arn, ":alias/aws/") {
			pr.Add("EncryptionKey", *arn, "a customer managed key: AppFlow refuses AWS managed keys other than its own default")
		}
	}
}

func unresolved(s string) bool { return *awscdk.Token_IsUnresolved(&s) }

func isTrue(b *bool) bool { return b != nil && *b }
