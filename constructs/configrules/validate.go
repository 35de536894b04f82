package configrules

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	identifierRE   = regexp.MustCompile(`^[A-Z0-9]+(_[A-Z0-9]+)*$`)
	resourceTypeRE = regexp.MustCompile(`^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$`)
	ouRE           = regexp.MustCompile(`^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$`)
	regionRE       = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)
	deliveryFreqs  = []string{OneHour, ThreeHours, SixHours, TwelveHours, TwentyFourHours}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("configrules", scope, id)
	if isTrue(p.ExistingRecorder) {
		set := map[string]bool{
			"ResourceTypes": len(p.ResourceTypes) > 0, "GlobalResourceTypes": p.GlobalResourceTypes != nil,
			"RecordingFrequency": p.RecordingFrequency != "", "CreateServiceLinkedRole": p.CreateServiceLinkedRole != nil,
			"Bucket": p.Bucket != nil, "BucketPrefix": p.BucketPrefix != nil, "EncryptionKey": p.EncryptionKey != nil,
			"DeliveryFrequency": p.DeliveryFrequency != "", "DeliveryTopic": p.DeliveryTopic != nil,
		}
		for _, k := range []string{"ResourceTypes", "GlobalResourceTypes", "RecordingFrequency", "CreateServiceLinkedRole", "Bucket", "BucketPrefix", "EncryptionKey", "DeliveryFrequency", "DeliveryTopic"} {
			if set[k] {
				pr.Add(k, "set", "not with ExistingRecorder: the account's recorder and delivery channel are used as they are (one of each per region); drop "+k+", or ExistingRecorder to create them here")
			}
		}
	}
	for _, t := range p.ResourceTypes {
		if !resourceTypeRE.MatchString(t) {
			pr.Add("ResourceTypes", t, `a CloudFormation resource type such as "AWS::S3::Bucket"`)
		}
	}
	if len(p.ResourceTypes) > 0 && p.GlobalResourceTypes != nil {
		pr.Add("GlobalResourceTypes", *p.GlobalResourceTypes, "only when all supported types are recorded (no ResourceTypes); list the IAM types in ResourceTypes instead")
	}
	if f := p.RecordingFrequency; f != "" && f != Continuous && f != Daily {
		pr.Add("RecordingFrequency", f, "CONTINUOUS or DAILY")
	}
	if f := p.DeliveryFrequency; f != "" && !contains(deliveryFreqs, f) {
		pr.Add("DeliveryFrequency", f, "one of "+strings.Join(deliveryFreqs, ", ")+" (how often Config delivers a configuration snapshot)")
	}
	if bp := p.BucketPrefix; bp != nil && (strings.HasPrefix(*bp, "/") || strings.HasSuffix(*bp, "/") || strings.Contains(*bp, "AWSLogs")) {
		pr.Add("BucketPrefix", *bp, `a key prefix without leading or trailing slash and without "AWSLogs" (Config appends AWSLogs/<account>/Config/), e.g. "config"`)
	}
	checkBucket(pr, p.Bucket)
	if p.Bucket != nil && p.EncryptionKey != nil {
		pr.Add("EncryptionKey", "set", "only for the new bucket; with Bucket, Config uses the bucket's own key")
	}
	seen := map[string]bool{}
	for _, r := range p.Rules {
		if !identifierRE.MatchString(r) {
			pr.Add("Rules", r, `an AWS Config managed rule identifier in upper snake case, e.g. "S3_BUCKET_SSL_REQUESTS_ONLY" (the rule's Identifier in the managed rules list, not its name)`)
		}
		if seen[r] {
			pr.Add("Rules", r, "each rule once")
		}
		seen[r] = true
	}
	rules := p.Rules
	if len(rules) == 0 {
		rules = DataStoreRules
	}
	for k := range p.InputParameters {
		if !contains(rules, k) {
			pr.Add("InputParameters["+k+"]", "set", "parameters of a rule in Rules ("+strings.Join(rules, ", ")+")")
		}
	}
	if s := p.StackSet; s != nil {
		if len(s.OrganizationalUnitIds) == 0 {
			pr.Add("StackSet.OrganizationalUnitIds", "[]", "at least one organizational unit (ou-...) or the root (r-...)")
		}
		for _, ou := range s.OrganizationalUnitIds {
			if !ouRE.MatchString(ou) {
				pr.Add("StackSet.OrganizationalUnitIds", ou, `an organizational unit id "ou-xxxx-xxxxxxxx" or a root id "r-xxxx"`)
			}
		}
		if len(s.Regions) == 0 {
			pr.Add("StackSet.Regions", "[]", "at least one region, e.g. eu-west-1")
		}
		for _, r := range s.Regions {
			if !regionRE.MatchString(r) {
				pr.Add("StackSet.Regions", r, "a region name such as eu-west-1")
			}
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

// checkBucket refuses a bucket of this app that Config cannot deliver to:
// DSSE-KMS default encryption (a securebucket with it denies Config's
// aws:kms uploads) or Object Lock (not supported by Config).
func checkBucket(pr *propcheck.Problems, bucket awss3.IBucket) {
	if bucket == nil {
		return
	}
	cfn, ok := bucket.Node().DefaultChild().(awss3.CfnBucket)
	if !ok {
		return
	}
	stack := awscdk.Stack_Of(bucket)
	resolved := func(v any) string {
		if v == nil {
			return ""
		}
		b, _ := json.Marshal(stack.Resolve(v))
		return string(b)
	}
	if strings.Contains(resolved(cfn.BucketEncryption()), `"aws:kms:dsse"`) {
		pr.Add("Bucket", *bucket.Node().Path(), "a bucket encrypted with SSE-KMS or SSE-S3: Config uploads with x-amz-server-side-encryption aws:kms and the key of S3KmsKeyArn, which this DSSE-KMS bucket's policy denies (use securebucket.Props{Encryption: securebucket.SSEKMS})")
	}
	if resolved(cfn.ObjectLockEnabled()) == "true" {
		pr.Add("Bucket", *bucket.Node().Path(), "a bucket without Object Lock: AWS Config does not deliver to buckets with Object Lock enabled")
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
