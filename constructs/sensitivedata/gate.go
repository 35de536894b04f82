package sensitivedata

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/rulefunction"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// key is the construct's key (logs, failure queue), created once.
// macieguardReaches is what functions/macieguard calls, in both roles (gate
// and approval decider).
const macieguardReaches = "only the S3, DynamoDB, Step Functions and SNS APIs (TLS, IAM authentication)"

func (s *SensitiveData) key(c constructs.Construct, p *Props) awskms.IKey {
	if s.Key != nil {
		return s.Key
	}
	if p.EncryptionKey != nil {
		s.Key = p.EncryptionKey
		return s.Key
	}
	k := keys.NewForLogs(c, "Key", "Encrypts the logs and failure queue of "+*c.Node().Path())
	keys.AllowService(k, "events.amazonaws.com", nil)
	s.Key = k
	return k
}

// gate creates the findings rule, the function and its permissions.
func (s *SensitiveData) gate(c constructs.Construct, p *Props) {
	mode := p.Mode
	if mode == "" {
		mode = Quarantine
	}
	qp := p.QuarantinePrefix
	if qp == "" {
		qp = "quarantine/"
	}
	if mode == Quarantine && len(p.Watched) > 0 {
		s.QuarantineBucket = p.QuarantineBucket
		if s.QuarantineBucket == nil {
			s.QuarantineBucket = securebucket.New(c, "Quarantine", nil).Bucket
		}
	}
	s.Topic = p.Topic
	if s.Topic == nil {
		s.TopicKey = keys.New(c, "NoticesKey", "Encrypts the sensitive-data notices of "+*c.Node().Path(), nil)
		s.Topic = awssns.NewTopic(c, jsii.String("Notices"), &awssns.TopicProps{MasterKey: s.TopicKey, EnforceSSL: jsii.Bool(true)})
	}

	var watched, gated []string
	for _, w := range p.Watched {
		name := *w.Bucket.BucketName()
		if len(w.Prefixes) == 0 {
			watched = append(watched, name+"/")
		}
		for _, px := range w.Prefixes {
			watched = append(watched, name+"/"+px)
		}
		for _, g := range w.GatePrefixes {
			gated = append(gated, name+"/"+g)
		}
	}
	env := map[string]*string{
		"WATCHED":   jsii.String(strings.Join(watched, ",")),
		"GATED":     jsii.String(strings.Join(gated, ",")),
		"MODE":      jsii.String(mode),
		"TOPIC_ARN": s.Topic.TopicArn(),
	}
	remediate := isTrue(p.RemediatePublicBuckets)
	if remediate {
		env["REMEDIATE"] = jsii.String("true")
		env["EXCLUDED"] = jsii.String(strings.Join(p.PublicBucketExclusions, ","))
	}
	if mode == Quarantine && len(p.Watched) > 0 {
		env["QUARANTINE"] = jsii.String(*s.QuarantineBucket.BucketName() + "/" + qp)
	}
	fp := awslambda.FunctionProps{}
	if p.FunctionProps != nil {
		fp = *p.FunctionProps
	}
	if fp.Environment == nil {
		fp.Environment = &env
	} else {
		merged := map[string]*string{}
		for k, v := range *fp.Environment {
			merged[k] = v
		}
		for k, v := range env {
			merged[k] = v
		}
		fp.Environment = &merged
	}
	if fp.Timeout == nil {
		fp.Timeout = awscdk.Duration_Minutes(jsii.Number(1))
	}
	if fp.Description == nil {
		fp.Description = jsii.String("Tags, quarantines and reports objects with Macie sensitive-data findings for " + *c.Node().Path())
	}

	sev := p.Severities
	if sev == nil {
		sev = []string{Medium, High}
	}
	pattern := &awsevents.EventPattern{
		Source:     jsii.Strings("aws.macie"),
		DetailType: jsii.Strings("Macie Finding"),
		Detail: &map[string]any{
			"type":     []any{map[string]any{"prefix": "SensitiveData:"}},
			"severity": map[string]any{"description": sev},
		},
	}
	desc := "Macie sensitive-data findings of " + *c.Node().Path() + " to its gate function"
	if len(p.Watched) == 0 { // remediation only
		pattern, desc = publicPattern(), publicDescription(c)
	}
	rf := rulefunction.New(c, "Gate", &rulefunction.Props{
		EventPattern:  pattern,
		Description:   jsii.String(desc),
		Code:          golambda.Code("functions/macieguard"),
		FunctionProps: &fp,
		LogRetention:  p.LogRetention,
		Reaches:       macieguardReaches,
		EncryptionKey: s.key(c, p),
		CreateAlarms:  p.CreateAlarms,
		AlarmTopic:    p.AlarmTopic,
	})
	s.Function, s.Role, s.FailureQueue, s.AlarmTopic = rf.Function, rf.Role, rf.FailureQueue, rf.AlarmTopic
	if len(p.Watched) > 0 {
		s.Rule = rf.Rule
		s.grants(p, mode, qp)
	} else {
		s.PublicBucketRule = rf.Rule
	}
	if remediate {
		s.remediation(c, p)
	}
	if p.Approval != nil {
		s.approval(c, p, qp)
		fn := s.Function.(awslambda.Function)
		fn.AddEnvironment(jsii.String("STATE_MACHINE_ARN"), s.ApprovalStateMachine.StateMachineArn(), nil)
		fn.AddEnvironment(jsii.String("RELEASE_PREFIX"), jsii.String(releasePrefix(p.Approval)), nil)
		s.ApprovalStateMachine.GrantStartExecution(s.Role)
	}
	s.Topic.GrantPublish(s.Role)
	if nag.DefaultPolicy(s.Role) == nil {
		return
	}

	nag.Suppress(nag.DefaultPolicy(s.Role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		AppliesTo: []string{`/^Resource::<.*\.Arn>\/.*\*$/`, `/^Resource::arn:.*:s3:::.*\/.*\*$/`, "/^Resource::arn:" + nag.Partition + `:s3:::\*$/`,
			"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
		Reason: "The object actions are limited to the watched prefixes and the quarantine prefix (\"<prefix>*\"), whose objects are not known in advance; the wildcard KMS actions come from CDK's grants on the buckets' and topic's keys; " +
			"with RemediatePublicBuckets the two bucket-level Block Public Access actions apply to any bucket of this account (aws:ResourceAccount), because Macie reports public buckets that nobody listed in advance.",
	})
}

// grants gives the function exactly the object actions it needs: read and
// tag under the watched prefixes, delete under the gated prefixes, write
// and tag under the quarantine prefix, list the buckets (so that a missing
// object answers 404, not 403), and the buckets' keys.
func (s *SensitiveData) grants(p *Props, mode, qp string) {
	add := func(actions []string, resources ...*string) {
		s.Role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings(actions...), Resources: &resources,
		}))
	}
	read := []string{"s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
		"s3:PutObjectTagging", "s3:PutObjectVersionTagging"}
	for _, w := range p.Watched {
		prefixes := w.Prefixes
		if len(prefixes) == 0 {
			prefixes = []string{""}
		}
		var objs, gated []*string
		for _, px := range prefixes {
			objs = append(objs, w.Bucket.ArnForObjects(jsii.String(px+"*")))
		}
		for _, g := range w.GatePrefixes {
			gated = append(gated, w.Bucket.ArnForObjects(jsii.String(g+"*")))
		}
		add(read, objs...)
		add([]string{"s3:ListBucket"}, w.Bucket.BucketArn())
		if mode == Quarantine && len(gated) > 0 {
			add([]string{"s3:DeleteObject"}, gated...)
		}
		if k := w.Bucket.EncryptionKey(); k != nil {
			k.GrantDecrypt(s.Role)
		}
	}
	if mode == Quarantine {
		q := s.QuarantineBucket
		add([]string{"s3:PutObject", "s3:GetObjectTagging", "s3:PutObjectTagging"}, q.ArnForObjects(jsii.String(qp+"*")))
		add([]string{"s3:ListBucket"}, q.BucketArn())
		if k := q.EncryptionKey(); k != nil {
			k.GrantEncryptDecrypt(s.Role)
		}
	}
}
