package statemachine

import (
	"regexp"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// CrawlerRunProps configures NewCrawlerRun.
type CrawlerRunProps struct {
	// CrawlerName is the Glue crawler to run. Required.
	CrawlerName *string
	// PollInterval between two looks at the crawler's state.
	// @default 30 seconds
	PollInterval awscdk.Duration
	// Retry of the start and of each look, on transient errors.
	// @default Backoff{}
	Retry *Backoff
	// OnError is where any error of the run goes (caught into ErrorPath),
	// e.g. NewFailureNotice.
	// @default none: the error fails the execution
	OnError awsstepfunctions.IChainable
}

var crawlerNameRE = regexp.MustCompile(`^[\x{0020}-\x{D7FF}\x{E000}-\x{FFFD}\t]{1,255}$`)

// NewCrawlerRun runs a Glue crawler to its end (catalogue ORC-03): start it
// (a crawler already running is joined, not an error), then wait and look
// at it until it is READY again; its last crawl SUCCEEDED continues the
// chain, FAILED or CANCELLED fails the execution with CrawlerFailed. Step
// Functions has no .sync integration for crawlers, hence the Wait/Choice
// loop; the state machine's Timeout bounds it. The crawler's last state is
// left at $.crawler.
func NewCrawlerRun(scope constructs.Construct, id string, p CrawlerRunProps) awsstepfunctions.Chain {
	pr := propcheck.For("statemachine.CrawlerRun", scope, id)
	if !name(p.CrawlerName, crawlerNameRE) {
		pr.Add("CrawlerName", show(p.CrawlerName), "the name of a Glue crawler (1 to 255 characters)")
	}
	checkPoll(pr, p.PollInterval)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	retry := backoffOrDefault(p.Retry).Props()
	interval := p.PollInterval
	if interval == nil {
		interval = awscdk.Duration_Seconds(jsii.Number(30))
	}
	stack := awscdk.Stack_Of(c)
	crawlerArn := stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("glue"), Resource: jsii.String("crawler"), ResourceName: p.CrawlerName, ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})

	start := awsstepfunctionstasks.NewGlueStartCrawlerRun(c, jsii.String("Start"), &awsstepfunctionstasks.GlueStartCrawlerRunProps{
		StateName: jsii.String(id + ": start crawler"), CrawlerName: p.CrawlerName, ResultPath: awsstepfunctions.JsonPath_DISCARD(),
	})
	wait := awsstepfunctions.NewWait(c, jsii.String("Wait"), &awsstepfunctions.WaitProps{
		StateName: jsii.String(id + ": wait"), Time: awsstepfunctions.WaitTime_Duration(interval),
	})
	get := awsstepfunctionstasks.NewCallAwsService(c, jsii.String("Get"), &awsstepfunctionstasks.CallAwsServiceProps{
		StateName: jsii.String(id + ": get crawler"), Service: jsii.String("glue"), Action: jsii.String("getCrawler"),
		IamAction: jsii.String("glue:GetCrawler"), IamResources: &[]*string{crawlerArn},
		Parameters:     &map[string]any{"Name": p.CrawlerName},
		ResultSelector: &map[string]any{"State": awsstepfunctions.JsonPath_StringAt(jsii.String("$.Crawler.State")), "Crawler": awsstepfunctions.JsonPath_ObjectAt(jsii.String("$.Crawler"))},
		ResultPath:     jsii.String("$.crawler"),
	})
	done := awsstepfunctions.NewPass(c, jsii.String("Done"), &awsstepfunctions.PassProps{StateName: jsii.String(id + ": crawled")})
	failed := awsstepfunctions.NewFail(c, jsii.String("Failed"), &awsstepfunctions.FailProps{
		StateName: jsii.String(id + ": crawl failed"), Error: jsii.String("CrawlerFailed"),
		Cause: jsii.String("The last crawl of the crawler did not succeed (see the crawler's CloudWatch logs)."),
	})
	ready := awsstepfunctions.Condition_StringEquals(jsii.String("$.crawler.State"), jsii.String("READY"))
	status := jsii.String("$.crawler.Crawler.LastCrawl.Status")
	choice := awsstepfunctions.NewChoice(c, jsii.String("Finished"), &awsstepfunctions.ChoiceProps{StateName: jsii.String(id + ": finished?")}).
		When(awsstepfunctions.Condition_And(ready, awsstepfunctions.Condition_StringEquals(status, jsii.String("SUCCEEDED"))), done, nil).
		When(awsstepfunctions.Condition_And(ready, awsstepfunctions.Condition_IsPresent(status)), failed, nil).
		Otherwise(wait)

	start.AddRetry(retry)
	// A crawler already running (a schedule, another execution) is joined.
	start.AddCatch(wait, &awsstepfunctions.CatchProps{Errors: jsii.Strings("Glue.CrawlerRunningException"), ResultPath: awsstepfunctions.JsonPath_DISCARD()})
	get.AddRetry(retry)
	if p.OnError != nil {
		start.AddCatch(p.OnError, CatchAll())
		get.AddCatch(p.OnError, CatchAll())
	}
	start.Next(wait)
	wait.Next(get)
	get.Next(choice)
	return awsstepfunctions.Chain_Custom(start, &[]awsstepfunctions.INextable{done}, done)
}

// checkPoll records a poll interval outside 1 second to 1 hour.
func checkPoll(pr *propcheck.Problems, d awscdk.Duration) {
	if d == nil {
		return
	}
	if s := propcheck.Seconds(d); s < 1 || s > 3600 {
		pr.Add("PollInterval", *d.ToHumanString(), "1 second to 1 hour")
	}
}

// name reports whether v is given and, unless it is a token resolved at
// deployment (a cross-stack reference), matches re.
func name(v *string, re *regexp.Regexp) bool {
	if v == nil {
		return false
	}
	return *awscdk.Token_IsUnresolved(v) || re.MatchString(*v)
}

// show is v for a problem message: quoted, or "nil".
func show(v *string) string {
	if v == nil {
		return "nil"
	}
	return strconv.Quote(*v)
}
