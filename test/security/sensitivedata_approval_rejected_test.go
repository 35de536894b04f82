package security_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSensitivedataApprovalRejectedProps(t *testing.T) {
	steward := []string{"steward@example.com"}
	gated := func(lake awss3.IBucket) []sensitivedata.Watched {
		return []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/", "staging/"}, GatePrefixes: []string{"staging/"}}}
	}
	cases := []struct {
		name  string
		props func(lake awss3.IBucket) *sensitivedata.Props
		wants []string
	}{
		{"no approvers", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{}}
		}, []string{"sensitivedata Bad/Macie: invalid props", "Approval.ApproverEmails = none: at least one approver's e-mail address"}},
		{"bad e-mail", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: []string{"steward", "a@b.com,c@d.com"}}}
		}, []string{"Approval.ApproverEmails = steward: an e-mail address (name@domain)", "Approval.ApproverEmails = a@b.com,c@d.com: an e-mail address"}},
		{"timeout zero", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, TimeoutHours: jsii.Number(0)}}
		}, []string{"Approval.TimeoutHours = 0: a whole number of hours from 1 to 8759"}},
		{"timeout over a year", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, TimeoutHours: jsii.Number(8760)}}
		}, []string{"Approval.TimeoutHours = 8760: a whole number of hours from 1 to 8759 (a Standard workflow lasts at most a year"}},
		{"timeout not whole", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, TimeoutHours: jsii.Number(1.5)}}
		}, []string{"Approval.TimeoutHours = 1.5: a whole number of hours"}},
		{"unknown OnDeny", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, OnDeny: "ARCHIVE"}}
		}, []string{"Approval.OnDeny = ARCHIVE: KEEP or DELETE"}},
		{"release prefix inside a watched prefix", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, ReleasePrefix: "staging/released/"}}
		}, []string{"Approval.ReleasePrefix = staging/released/: outside the watched prefixes of Watched[0] (raw/, staging/): a released object would be scanned and quarantined again (a loop)"}},
		{"release prefix around a watched prefix", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"staging/", "out/new/"}, GatePrefixes: []string{"staging/"}}},
				Approval: &sensitivedata.Approval{ApproverEmails: steward, ReleasePrefix: "out/"}}
		}, []string{"Approval.ReleasePrefix = out/: outside the watched prefixes of Watched[0] (staging/, out/new/)"}},
		{"release prefix in a wholly watched bucket", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{
				{Bucket: lake, Prefixes: []string{"staging/"}, GatePrefixes: []string{"staging/"}},
				{Bucket: lake}}, Approval: &sensitivedata.Approval{ApproverEmails: steward}}
		}, []string{"Approval.ReleasePrefix = released/: outside the watched prefixes of Watched[1] (the whole bucket)"}},
		{"release prefix overlapping the quarantine", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), QuarantineBucket: lake, QuarantinePrefix: "hold/",
				Approval: &sensitivedata.Approval{ApproverEmails: steward, ReleasePrefix: "hold/ok/"}}
		}, []string{"Approval.ReleasePrefix = hold/ok/: outside the quarantine prefix hold/ of the same bucket"}},
		{"release prefix malformed", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: gated(lake), Approval: &sensitivedata.Approval{ApproverEmails: steward, ReleasePrefix: "/released"}}
		}, []string{`Approval.ReleasePrefix = /released: a key prefix ending with "/", not starting with one`}},
		{"TAG mode", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/"}}}, Mode: sensitivedata.TagOnly,
				Approval: &sensitivedata.Approval{ApproverEmails: steward}}
		}, []string{"Approval = set: QUARANTINE mode: in TAG mode nothing waits for a decision"}},
		{"no gate prefixes", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/"}}},
				Approval: &sensitivedata.Approval{ApproverEmails: steward}}
		}, []string{"Approval = set: GatePrefixes in Watched: only quarantined objects are reviewed"}},
		{"no watched buckets", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{RemediatePublicBuckets: jsii.Bool(true), Approval: &sensitivedata.Approval{ApproverEmails: steward}}
		}, []string{"Approval = set: GatePrefixes in Watched"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				lake := awss3.Bucket_FromBucketName(stack, jsii.String("Lake"), jsii.String("example-lake"))
				sensitivedata.New(stack, "Macie", c.props(lake))
			}, c.wants...)
		})
	}
}
