package sensitivedata

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
)

// job creates the classification job at deployment (CloudFormation has no
// resource for it). A job cannot be changed after creation, only paused,
// resumed or cancelled, so:
//   - the physical id is the job id Macie returns;
//   - a changed definition (the call's parameters change) makes the
//     update create a NEW job; the physical id changes, and CloudFormation
//     then deletes the old one, which cancels it (UpdateClassificationJob
//     CANCELLED);
//   - the name carries a hash of the definition and the stack's UUID, so
//     two generations never share a name;
//   - cancelling a job that already finished (a ONE_TIME job that is
//     COMPLETE) is refused by Macie with a ValidationException, which the
//     delete ignores, as it ignores a job that no longer exists.
func (s *SensitiveData) job(c constructs.Construct, p *Props) {
	stack := awscdk.Stack_Of(c)
	j := Job{}
	if p.Job != nil {
		j = *p.Job
	}
	if j.Type == "" {
		j.Type = Scheduled
	}
	var buckets []*string
	prefixes := []string{}
	whole := false
	for _, w := range p.Watched {
		buckets = append(buckets, w.Bucket.BucketName())
		if len(w.Prefixes) == 0 {
			whole = true
		}
		prefixes = append(prefixes, w.Prefixes...)
	}
	sort.Strings(prefixes)
	def := map[string]any{
		"bucketDefinitions": []any{map[string]any{"accountId": stack.Account(), "buckets": buckets}},
	}
	// One job covers every watched bucket; Macie's scoping has no bucket
	// term, so the union of the prefixes applies to each bucket (documented).
	if !whole {
		def["scoping"] = map[string]any{"includes": map[string]any{"and": []any{map[string]any{
			"simpleScopeTerm": map[string]any{"comparator": "STARTS_WITH", "key": "OBJECT_KEY", "values": dedupe(prefixes)},
		}}}}
	}
	params := map[string]any{
		"jobType":                       j.Type,
		"managedDataIdentifierSelector": "RECOMMENDED",
		"s3JobDefinition":               def,
		"description":                   "Sensitive data discovery of " + *c.Node().Path(),
	}
	if j.SamplingPercentage != 0 {
		params["samplingPercentage"] = j.SamplingPercentage
	}
	if j.Type == Scheduled {
		if j.Frequency == Weekly {
			day := j.DayOfWeek
			if day == "" {
				day = "MONDAY"
			}
			params["scheduleFrequency"] = map[string]any{"weeklySchedule": map[string]any{"dayOfWeek": day}}
		} else {
			params["scheduleFrequency"] = map[string]any{"dailySchedule": map[string]any{}}
		}
		params["initialRun"] = j.InitialRun == nil || *j.InitialRun
	}
	var ids, allow []*string
	var idNames, allowNames []string
	for _, d := range p.CustomDataIdentifiers {
		ids = append(ids, s.CustomDataIdentifiers[d.Name].AttrId())
		idNames = append(idNames, d.Name+"="+d.Regex)
	}
	for _, a := range p.AllowLists {
		allow = append(allow, s.AllowLists[a.Name].AttrId())
		allowNames = append(allowNames, a.Name+"="+a.Regex+a.WordsKey)
	}
	if len(ids) > 0 {
		params["customDataIdentifierIds"] = ids
	}
	if len(allow) > 0 {
		params["allowListIds"] = allow
	}
	// The hash covers what the user wrote (token-free and stable between
	// synths): bucket construct paths, prefixes, schedule, identifiers.
	var paths []string
	for _, w := range p.Watched {
		paths = append(paths, *w.Bucket.Node().Path())
	}
	h, _ := json.Marshal([]any{paths, prefixes, whole, j, idNames, allowNames})
	sum := sha256.Sum256(h)
	uuid := awscdk.Fn_Select(jsii.Number(2), awscdk.Fn_Split(jsii.String("/"), stack.StackId(), nil))
	params["name"] = awscdk.Fn_Join(jsii.String("-"), &[]*string{stack.StackName(), jsii.String(*c.Node().Id() + "-" + hex.EncodeToString(sum[:4])), uuid})

	create := &customresources.AwsSdkCall{
		Service: jsii.String("Macie2"), Action: jsii.String("createClassificationJob"),
		Parameters:         params,
		PhysicalResourceId: customresources.PhysicalResourceId_FromResponse(jsii.String("jobId")),
	}
	jobs := stack.FormatArn(&awscdk.ArnComponents{Service: jsii.String("macie2"), Resource: jsii.String("classification-job"),
		ResourceName: jsii.String("*"), ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME})
	s.Job = sdkcall.New(c, "Job", sdkcall.Props{
		OnCreate: create, OnUpdate: create,
		OnDelete: &customresources.AwsSdkCall{
			Service: jsii.String("Macie2"), Action: jsii.String("updateClassificationJob"),
			Parameters:               map[string]any{"jobId": customresources.NewPhysicalResourceIdReference(), "jobStatus": "CANCELLED"},
			IgnoreErrorCodesMatching: jsii.String("ValidationException|ResourceNotFoundException"),
		},
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("macie2:CreateClassificationJob", "macie2:UpdateClassificationJob", "macie2:TagResource"),
			Resources: &[]*string{jobs},
		})},
		Key:         s.key(c, p),
		Retention:   p.LogRetention,
		Description: "Creates and cancels the Macie classification job of " + *c.Node().Path(),
	})
	nag.Suppress(s.Job.Node().FindChild(jsii.String("CustomResourcePolicy")), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		AppliesTo: []string{`/^Resource::arn:.*:macie2:.*:classification-job\/\*$/`},
		Reason:    "The job's id is only known once Macie creates it, so creating and cancelling it is allowed on the account's classification jobs in the region, and on nothing else.",
	})
	if s.Session != nil {
		s.Job.Node().AddDependency(s.Session)
	}
	for _, r := range s.CustomDataIdentifiers {
		s.Job.Node().AddDependency(r)
	}
	for _, r := range s.AllowLists {
		s.Job.Node().AddDependency(r)
	}
	s.JobId = s.Job.GetResponseField(jsii.String("jobId"))
}

func dedupe(l []string) []string {
	out := []string{}
	for i, x := range l {
		if i == 0 || l[i-1] != x {
			out = append(out, x)
		}
	}
	return out
}
