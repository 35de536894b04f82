package opensearchserverless

import (
	"math"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// check lists every problem of p.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("opensearchserverless", scope, id)
	if n := p.CollectionName; n != nil && !*awscdk.Token_IsUnresolved(*n) && !collectionNameRE.MatchString(*n) {
		pr.Add("CollectionName", *n, "3 to 28 characters: a lowercase letter, then lowercase letters, digits and hyphens")
	}
	switch p.Type {
	case "", TimeSeries, Search, VectorSearch:
	default:
		pr.Add("Type", p.Type, "opensearchserverless.TimeSeries, Search or VectorSearch")
	}

	// Encryption: a collection cannot be created without an encryption
	// policy that matches its name.
	create := p.CreateEncryptionPolicy == nil || *p.CreateEncryptionPolicy
	switch {
	case !create && (p.ExistingEncryptionPolicyName == nil || *p.ExistingEncryptionPolicyName == ""):
		pr.Add("CreateEncryptionPolicy", false, "a collection needs an encryption policy: keep CreateEncryptionPolicy (the default) or name an existing policy covering the collection in ExistingEncryptionPolicyName")
	case create && p.ExistingEncryptionPolicyName != nil:
		pr.Add("ExistingEncryptionPolicyName", *p.ExistingEncryptionPolicyName, "only with CreateEncryptionPolicy false (the construct creates its own policy otherwise)")
	}
	if n := p.ExistingEncryptionPolicyName; !create && n != nil && *n != "" && !policyNameRE.MatchString(*n) {
		pr.Add("ExistingEncryptionPolicyName", *n, "a policy name: 3 to 32 lowercase letters, digits and hyphens, starting with a letter")
	}
	if !create && p.CollectionName == nil {
		pr.Add("CollectionName", "unset", "with an existing encryption policy, name the collection so that the policy's rules can cover it")
	}
	owned := p.AwsOwnedKey != nil && *p.AwsOwnedKey
	if !create && (owned || p.EncryptionKey != nil) {
		pr.Add("AwsOwnedKey/EncryptionKey", "set", "the existing encryption policy decides the collection's key; the construct's key then encrypts only its logs")
	}

	// Network.
	public := p.PublicAccess != nil && *p.PublicAccess
	reason := ""
	if p.PublicAccessReason != nil {
		reason = strings.TrimSpace(*p.PublicAccessReason)
	}
	switch {
	case public && len(reason) < 20:
		pr.Add("PublicAccess", true, "public network access is an explicit opt-in: give PublicAccessReason, a sentence (at least 20 characters) saying why the collection must be reachable from the internet")
	case !public && p.PublicAccessReason != nil:
		pr.Add("PublicAccessReason", reason, "only with PublicAccess true")
	}
	if public && (p.Vpc != nil || p.VpcSubnets != nil || len(p.AllowFrom) > 0 || len(p.SourceServices) > 0) {
		pr.Add("Vpc/VpcSubnets/AllowFrom/SourceServices", "set", "only for a private collection: a public one has no VPC endpoint, and Firehose delivers to its public endpoint")
	}
	if p.VpcSubnets != nil && p.Vpc == nil {
		pr.Add("VpcSubnets", "set", "only with Vpc")
	}
	for _, s := range p.SourceServices {
		if s == nil || !strings.HasSuffix(*s, ".amazonaws.com") {
			pr.Add("SourceServices", deref(s), `AWS service principals such as "bedrock.amazonaws.com"`)
		}
	}

	// Delivery.
	delivery := p.Delivery == nil || *p.Delivery
	if !delivery {
		for prop, set := range map[string]bool{
			"ExistingStream": p.ExistingStream != nil, "StreamProps": p.StreamProps != nil, "IndexName": p.IndexName != nil,
			"BufferInterval": p.BufferInterval != nil, "BufferSize": p.BufferSize != nil, "RetryDuration": p.RetryDuration != nil,
			"Processor": p.Processor != nil, "ExistingBackupBucket": p.ExistingBackupBucket != nil, "BackupBucketProps": p.BackupBucketProps != nil,
			"CreateAlarms": p.CreateAlarms != nil && *p.CreateAlarms, "AlarmTopic": p.AlarmTopic != nil,
			"IngestWith": p.IngestWith != "", "PipelineMinUnits": p.PipelineMinUnits != nil, "PipelineMaxUnits": p.PipelineMaxUnits != nil,
		} {
			if set {
				pr.Add(prop, "set", "only with Delivery (the ingestion from the stream)")
			}
		}
	}
	if sp := p.StreamProps; sp != nil {
		sandbox.CheckOverride(pr, scope, "StreamProps", sp.RemovalPolicy, nil)
		if sp.Encryption == awskinesis.StreamEncryption_UNENCRYPTED {
			pr.Add("StreamProps.Encryption", "UNENCRYPTED", "MANAGED (the default) or KMS: a stream of this construct is always encrypted")
		}
	}
	if p.ExistingStream != nil && p.StreamProps != nil {
		pr.Add("ExistingStream and StreamProps", "both given", "give an existing stream or the props of a new one, not both")
	}
	if p.ExistingBackupBucket != nil && p.BackupBucketProps != nil {
		pr.Add("ExistingBackupBucket and BackupBucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	if v := p.IndexName; v != nil {
		s := *v
		if s == "" || len(s) > 80 || s != strings.ToLower(s) || strings.ContainsAny(s, `\/*?"<>| ,#:`) || strings.IndexAny(s, "-_+.") == 0 {
			pr.Add("IndexName", s, "1 to 80 lowercase characters without \\ / * ? \" < > | space , # :, not starting with - _ + .")
		}
	}
	switch p.IngestWith {
	case "", Firehose:
		if p.PipelineMinUnits != nil || p.PipelineMaxUnits != nil {
			pr.Add("PipelineMinUnits/PipelineMaxUnits", "set", "only with IngestWith OpenSearchIngestion")
		}
	case OpenSearchIngestion:
		for prop, set := range map[string]bool{
			"BufferInterval": p.BufferInterval != nil, "BufferSize": p.BufferSize != nil, "RetryDuration": p.RetryDuration != nil,
			"Processor": p.Processor != nil, "CreateAlarms": p.CreateAlarms != nil && *p.CreateAlarms, "AlarmTopic": p.AlarmTopic != nil,
		} {
			if set {
				pr.Add(prop, "set", "only with IngestWith Firehose (an OpenSearch Ingestion pipeline buffers and transforms in its own configuration)")
			}
		}
		whole := func(v *float64) bool { return v == nil || (*v >= 1 && *v <= 96 && *v == math.Trunc(*v)) }
		for prop, v := range map[string]*float64{"PipelineMinUnits": p.PipelineMinUnits, "PipelineMaxUnits": p.PipelineMaxUnits} {
			if !whole(v) {
				pr.Add(prop, *v, "a whole number of Ingestion OCUs from 1 to 96")
			}
		}
		lo, hi := 1.0, 4.0
		if p.PipelineMinUnits != nil {
			lo = *p.PipelineMinUnits
		}
		if p.PipelineMaxUnits != nil {
			hi = *p.PipelineMaxUnits
		}
		if lo > hi {
			pr.Addf("PipelineMinUnits = %g, PipelineMaxUnits = %g: the minimum must not exceed the maximum", lo, hi)
		}
	default:
		pr.Add("IngestWith", p.IngestWith, "opensearchserverless.Firehose or OpenSearchIngestion")
	}
	firehose.CheckInterval(pr, "BufferInterval", p.BufferInterval, 0, 900, "OpenSearch Serverless")
	firehose.CheckSize(pr, "BufferSize", p.BufferSize, 1, 100, "OpenSearch Serverless")
	firehose.CheckRetry(pr, "RetryDuration", p.RetryDuration)

	// Account capacity limits.
	for prop, v := range map[string]*float64{"MaxIndexingCapacity": p.MaxIndexingCapacity, "MaxSearchCapacity": p.MaxSearchCapacity} {
		if v != nil && (*v < 2 || *v != math.Trunc(*v)) {
			pr.Add(prop, *v, "a whole number of OCUs, at least 2 (UpdateAccountSettings' minimum)")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
