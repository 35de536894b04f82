// Package propcheck collects what is wrong with a construct's props and fails
// synthesis once, with every problem listed.
//
// A message names the construct path, the property, the value given and what
// is allowed, for example:
//
//	durablequeue Stack/Orders: invalid props:
//	  - RetentionPeriod = 20 days: SQS keeps messages for 60 seconds to 14 days
//
// Constructs check all their props before creating anything, so a bad value
// never reaches CloudFormation (where it would fail only at deploy time).
package propcheck

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Problems gathers the problems of one construct's props.
type Problems struct {
	kind string
	path string
	list []string
}

// For starts the check of a construct of the given kind (its package name)
// about to be created as child id of scope.
func For(kind string, scope constructs.Construct, id string) *Problems {
	path := *scope.Node().Path()
	if path == "" {
		path = id
	} else {
		path += "/" + id
	}
	return &Problems{kind: kind, path: path}
}

// Add records that property prop has value value, and says what is allowed.
func (p *Problems) Add(prop string, value any, allowed string) {
	p.list = append(p.list, fmt.Sprintf("%s = %v: %s", prop, value, allowed))
}

// Addf records a problem that is about several properties together.
func (p *Problems) Addf(format string, args ...any) {
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// Empty reports whether no problem was found.
func (p *Problems) Empty() bool { return len(p.list) == 0 }

// Error is the message listing every problem, or "" when there is none.
func (p *Problems) Error() string {
	if p.Empty() {
		return ""
	}
	return fmt.Sprintf("%s %s: invalid props:\n  - %s", p.kind, p.path, strings.Join(p.list, "\n  - "))
}

// Fail panics with the message when any problem was found. Synthesis stops
// there, as it does for any construct error in the CDK.
func (p *Problems) Fail() {
	if !p.Empty() {
		panic(p.Error())
	}
}

// Seconds converts d to seconds without failing on fractions, so that a
// check can reject them with a message instead of a jsii error.
func Seconds(d awscdk.Duration) float64 {
	return *d.ToSeconds(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
}

// UnusedAlarmTopic records a topic given while CreateAlarms is false: nothing
// would ever notify it.
func (p *Problems) UnusedAlarmTopic(createAlarms *bool, topic constructs.IConstruct) {
	if createAlarms != nil && !*createAlarms && topic != nil {
		p.Add("AlarmTopic", *topic.Node().Path(), "CreateAlarms is false, so nothing would notify the topic; drop one of them")
	}
}

// FiniteRetention records a log retention of INFINITE (logs kept forever
// are a cost no one decided on).
func (p *Problems) FiniteRetention(r awslogs.RetentionDays) {
	if r == awslogs.RetentionDays_INFINITE {
		p.Add("LogRetention", "INFINITE", "a finite retention (one year by default)")
	}
}

var (
	// cron6RE is the cron(...) of EventBridge and Glue: six fields.
	cron6RE = regexp.MustCompile(`^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$`)
	// rateRE is EventBridge's rate(...): singular for 1, plural above.
	rateRE = regexp.MustCompile(`^rate\((1 (minute|hour|day)|([2-9]|[1-9]\d+) (minutes|hours|days))\)$`)
)

// Cron records prop unless v is a six-field cron(...) expression (Glue
// triggers and crawlers, EventBridge Scheduler, DataBrew).
func (p *Problems) Cron(prop, v string) {
	if !cron6RE.MatchString(v) {
		p.Add(prop, v, `a cron expression with six fields (minutes hours day-of-month month day-of-week year), e.g. "cron(0 2 * * ? *)"`)
	} else if msg := parseCron(v); msg != "" {
		p.Add(prop, v, "a cron expression AWS accepts, but "+msg)
	}
}

// Schedule records prop unless v is an EventBridge schedule: rate(1 hour),
// rate(15 minutes) or a six-field cron(...).
func (p *Problems) Schedule(prop, v string) {
	switch {
	case rateRE.MatchString(v):
	case cron6RE.MatchString(v):
		p.Cron(prop, v)
	default:
		p.Add(prop, v, `an EventBridge schedule: "rate(1 hour)", "rate(15 minutes)" or a six-field "cron(0 3 * * ? *)"`)
	}
}

// List is the problems, one per line, without the construct's kind and
// path: for a caller that reports them in its own words.
func (p *Problems) List() string { return strings.Join(p.list, "\n") }
