package security_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/sensitivedata"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestSensitivedataRejectedProps(t *testing.T) {
	many := make([]string, 51)
	for i := range many {
		many[i] = "keyword"
	}
	cases := []struct {
		name  string
		props func(lake awss3.IBucket) *sensitivedata.Props
		wants []string
	}{
		{"invalid regex", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{CustomDataIdentifiers: []sensitivedata.CustomDataIdentifier{{Name: "Ids", Regex: `(?<=id:)\d+`}},
				AllowLists: []sensitivedata.AllowList{{Name: "A", Regex: `[a-`}}}
		}, []string{"sensitivedata Bad/Macie: invalid props", "CustomDataIdentifiers[0].Regex = (?<=id:)\\d+: a valid regular expression", "AllowLists[0].Regex = [a-: a valid regular expression"}},
		{"keywords too many and too long", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{CustomDataIdentifiers: []sensitivedata.CustomDataIdentifier{{Name: "Ids", Regex: `\d+`,
				Keywords: append(many, "id", strings.Repeat("k", 91)), IgnoreWords: []string{"abc"}, MaximumMatchDistance: 301}}}
		}, []string{"Keywords = 53 keywords: at most 50 keywords", "Keywords = id: 3 to 90 characters", "IgnoreWords = abc: 4 to 90 characters", "MaximumMatchDistance = 301: a whole number of characters from 1 to 300"}},
		{"regex too long", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{CustomDataIdentifiers: []sensitivedata.CustomDataIdentifier{{Name: "Ids", Regex: strings.Repeat("a", 513)}}}
		}, []string{"Regex = 513 characters: a regular expression of 1 to 512 characters"}},
		{"no buckets for the job", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Job: &sensitivedata.Job{Type: sensitivedata.OneTime}}
		}, []string{"Job = set: Watched buckets to scan: a classification job needs at least one bucket"}},
		{"quarantine inside a watched prefix", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"data/"}, GatePrefixes: []string{"data/staging/"}}},
				QuarantineBucket: lake, QuarantinePrefix: "data/quarantine/"}
		}, []string{"QuarantinePrefix = data/quarantine/: outside the watched prefixes of Watched[0] (data/)", "loops"}},
		{"quarantine in a wholly watched bucket", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake}}, QuarantineBucket: lake}
		}, []string{"QuarantinePrefix = quarantine/: outside the watched prefixes of Watched[0] (the whole bucket)"}},
		{"unknown severity and mode", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake, Prefixes: []string{"raw/"}, GatePrefixes: []string{"staging/"}}},
				Severities: []string{"Critical"}, Mode: "MOVE"}
		}, []string{"Severities = Critical: Low, Medium or High", "Mode = MOVE: QUARANTINE or TAG", "GatePrefixes = staging/: a prefix under one of Prefixes"}},
		{"session and schedule options", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{ExistingSession: jsii.Bool(true), FindingPublishingFrequency: "DAILY",
				FindingsFilters: []sensitivedata.FindingsFilter{{Name: "Al", Action: "DROP"}}}
		}, []string{"FindingPublishingFrequency = DAILY: not with ExistingSession", "FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS",
			"FindingsFilters[0].Name = Al: 3 to 64 characters", "FindingsFilters[0].Action = DROP: ARCHIVE or NOOP", "a filter without criteria would match"}},
		{"job options", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{Watched: []sensitivedata.Watched{{Bucket: lake}}, NoJob: jsii.Bool(true),
				Job: &sensitivedata.Job{Frequency: "MONTHLY", DayOfWeek: "FUNDAY", SamplingPercentage: 0.5}}
		}, []string{"Job = set: not with NoJob", "Job.Frequency = MONTHLY: DAILY or WEEKLY", "Job.DayOfWeek = FUNDAY", "Job.SamplingPercentage = 0.5"}},
		{"gate options without buckets", func(lake awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{QuarantineBucket: lake}
		}, []string{"configure the gate over Watched buckets"}},
		{"allow list without criteria", func(awss3.IBucket) *sensitivedata.Props {
			return &sensitivedata.Props{AllowLists: []sensitivedata.AllowList{{Name: "Empty"}}}
		}, []string{"AllowLists[0] = Empty: a Regex, or WordsBucket and WordsKey"}},
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
