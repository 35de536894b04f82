package sensitivedata

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsmacie"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// SensitiveData is what New created.
type SensitiveData struct {
	constructs.Construct
	// Session is the Macie session; nil with ExistingSession.
	Session awsmacie.CfnSession
	// CustomDataIdentifiers, AllowLists and FindingsFilters by name.
	CustomDataIdentifiers map[string]awsmacie.CfnCustomDataIdentifier
	AllowLists            map[string]awsmacie.CfnAllowList
	FindingsFilters       map[string]awsmacie.CfnFindingsFilter
	// Job is the custom resource creating the classification job (nil
	// without Watched, or with NoJob); JobId its id.
	Job   customresources.AwsCustomResource
	JobId *string
	// Gate (nil without Watched): the findings rule, the function, its
	// role, log group and failure queue, the quarantine bucket and the
	// notices topic.
	Rule             awsevents.IRule
	Function         awslambda.IFunction
	Role             awsiam.IRole
	FailureQueue     awssqs.IQueue
	Key              awskms.IKey
	QuarantineBucket awss3.IBucket
	Topic            awssns.ITopic
	TopicKey         awskms.IKey
	AlarmTopic       awssns.ITopic
	// PublicBucketRule sends public-bucket policy findings to the function
	// (nil without RemediatePublicBuckets).
	PublicBucketRule awsevents.IRule
	// The human review (nil without Approval): the workflow started for
	// each quarantined object, the approve/deny API with its access and
	// execution logs, the table of pending requests, the approval function
	// and the approvers' topic with its key.
	ApprovalStateMachine  awsstepfunctions.IStateMachine
	ApprovalApi           awsapigateway.IRestApi
	ApprovalAccessLogs    awslogs.ILogGroup
	ApprovalExecutionLogs awslogs.ILogGroup
	ApprovalTable         awsdynamodb.ITable
	ApprovalFunction      awslambda.IFunction
	ApprovalTopic         awssns.ITopic
	ApprovalTopicKey      awskms.IKey
}

// New creates the pattern under scope (see the package doc).
func New(scope constructs.Construct, id string, props *Props) *SensitiveData {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &SensitiveData{Construct: c,
		CustomDataIdentifiers: map[string]awsmacie.CfnCustomDataIdentifier{},
		AllowLists:            map[string]awsmacie.CfnAllowList{},
		FindingsFilters:       map[string]awsmacie.CfnFindingsFilter{}}
	if !isTrue(p.ExistingSession) {
		freq := p.FindingPublishingFrequency
		if freq == "" {
			freq = FifteenMinutes
		}
		s.Session = awsmacie.NewCfnSession(c, jsii.String("Session"), &awsmacie.CfnSessionProps{
			FindingPublishingFrequency: jsii.String(freq),
			Status:                     jsii.String("ENABLED"),
		})
		// Deleting the session disables Macie and deletes its findings and
		// settings: kept unless the sandbox is on.
		s.Session.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	}
	s.identifiers(c, &p)
	if len(p.Watched) > 0 {
		allowMacieToDecrypt(c, &p)
		if p.Job != nil || !isTrue(p.NoJob) {
			s.job(c, &p)
		}
	}
	if len(p.Watched) > 0 || isTrue(p.RemediatePublicBuckets) {
		s.gate(c, &p)
	}
	return s
}

// dependOnSession makes r wait for the session (Macie must be enabled).
func (s *SensitiveData) dependOnSession(r awscdk.CfnResource) {
	if s.Session != nil {
		r.Node().AddDependency(s.Session)
	}
}

func (s *SensitiveData) identifiers(c constructs.Construct, p *Props) {
	for i, d := range p.CustomDataIdentifiers {
		cdi := awsmacie.NewCfnCustomDataIdentifier(c, jsii.String("Identifier"+itoa(i)), &awsmacie.CfnCustomDataIdentifierProps{
			Name:                 jsii.String(d.Name),
			Regex:                jsii.String(d.Regex),
			Description:          optional(d.Description),
			Keywords:             optionalList(d.Keywords),
			IgnoreWords:          optionalList(d.IgnoreWords),
			MaximumMatchDistance: optionalNumber(d.MaximumMatchDistance),
		})
		s.dependOnSession(cdi)
		s.CustomDataIdentifiers[d.Name] = cdi
	}
	for i, a := range p.AllowLists {
		criteria := &awsmacie.CfnAllowList_CriteriaProperty{Regex: optional(a.Regex)}
		if a.Regex == "" {
			criteria.S3WordsList = &awsmacie.CfnAllowList_S3WordsListProperty{BucketName: a.WordsBucket.BucketName(), ObjectKey: jsii.String(a.WordsKey)}
		}
		al := awsmacie.NewCfnAllowList(c, jsii.String("AllowList"+itoa(i)), &awsmacie.CfnAllowListProps{
			Name: jsii.String(a.Name), Description: optional(a.Description), Criteria: criteria,
		})
		s.dependOnSession(al)
		s.AllowLists[a.Name] = al
	}
	for i, f := range p.FindingsFilters {
		criterion := map[string]any{}
		if len(f.Buckets) > 0 {
			criterion["resourcesAffected.s3Bucket.name"] = &awsmacie.CfnFindingsFilter_CriterionAdditionalPropertiesProperty{Eq: jsii.Strings(f.Buckets...)}
		}
		if len(f.Types) > 0 {
			criterion["type"] = &awsmacie.CfnFindingsFilter_CriterionAdditionalPropertiesProperty{Eq: jsii.Strings(f.Types...)}
		}
		action := f.Action
		if action == "" {
			action = Archive
		}
		ff := awsmacie.NewCfnFindingsFilter(c, jsii.String("Filter"+itoa(i)), &awsmacie.CfnFindingsFilterProps{
			Name: jsii.String(f.Name), Description: optional(f.Description), Action: jsii.String(action), Position: f.Position,
			FindingCriteria: &awsmacie.CfnFindingsFilter_FindingCriteriaProperty{Criterion: criterion},
		})
		s.dependOnSession(ff)
		s.FindingsFilters[f.Name] = ff
	}
}

// allowMacieToDecrypt adds to the key policy of each watched bucket's key
// (when the key is in this app) the statement Macie's service-linked role
// needs to read encrypted objects. An imported key's policy is the key
// owner's to change (see the docs page).
func allowMacieToDecrypt(c constructs.Construct, p *Props) {
	stack := awscdk.Stack_Of(c)
	slr := awsiam.NewArnPrincipal(jsii.String("arn:" + *stack.Partition() + ":iam::" + *stack.Account() +
		":role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie"))
	seen := map[string]bool{}
	for _, w := range p.Watched {
		k := w.Bucket.EncryptionKey()
		if k == nil || seen[*k.Node().Path()] {
			continue
		}
		seen[*k.Node().Path()] = true
		k.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("AllowMacieToClassify"),
			Principals: &[]awsiam.IPrincipal{slr},
			Actions:    jsii.Strings("kms:Decrypt"),
			Resources:  jsii.Strings("*"),
		}), jsii.Bool(true))
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}

func optionalList(l []string) *[]*string {
	if len(l) == 0 {
		return nil
	}
	return jsii.Strings(l...)
}

func optionalNumber(n float64) *float64 {
	if n == 0 {
		return nil
	}
	return jsii.Number(n)
}

func itoa(i int) string { return strconv.Itoa(i) }
