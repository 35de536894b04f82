package statemachine

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/jsii-runtime-go"
)

// TransientErrors are the errors Backoff retries by default: throttling,
// concurrency limits and service-side faults of the integrations this
// package uses (the notes' "soft failures", catalogue ORC-04). A task's
// own failure (States.TaskFailed: bad data, a code error, a missing
// permission) is a hard failure: retrying cannot fix it, so it goes to the
// notice instead.
var TransientErrors = []string{
	"Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException", "Glue.InternalServiceException", "Glue.OperationTimeoutException",
	"EMR.AmazonElasticMapReduceException", "RedshiftData.ActiveStatementsExceededException", "RedshiftData.InternalServerException",
	"Lambda.TooManyRequestsException", "Lambda.ServiceException", "Lambda.SdkClientException",
	"SNS.ThrottledException", "States.Http.StatusCode.429",
}

// Backoff is a retry policy with an exponential backoff, full jitter and a
// bounded number of attempts and delay (catalogue ORC-04). The zero value
// is the notes' policy: first retry after 10 s, each wait 1.5 times the
// previous (10 s, 15 s, 22.5 s, ...) with full jitter, 3 retries, no
// wait above 5 minutes, on TransientErrors.
type Backoff struct {
	// Errors to retry. @default TransientErrors
	Errors []string
	// Interval before the first retry. @default 10 seconds
	Interval awscdk.Duration
	// Rate multiplies the interval at each retry. @default 1.5
	Rate float64
	// MaxAttempts is the number of retries. @default 3
	MaxAttempts float64
	// MaxDelay caps a wait. @default 5 minutes
	MaxDelay awscdk.Duration
	// NoJitter waits exactly the computed interval (jitter spreads the
	// retries of many executions hitting one throttled service).
	NoJitter bool
}

// Props is the RetryProps of b, for task.AddRetry.
func (b Backoff) Props() *awsstepfunctions.RetryProps {
	errs := b.Errors
	if errs == nil {
		errs = TransientErrors
	}
	r := &awsstepfunctions.RetryProps{
		Errors:         jsii.Strings(errs...),
		Interval:       b.Interval,
		BackoffRate:    jsii.Number(b.Rate),
		MaxAttempts:    jsii.Number(b.MaxAttempts),
		MaxDelay:       b.MaxDelay,
		JitterStrategy: awsstepfunctions.JitterType_FULL,
	}
	if r.Interval == nil {
		r.Interval = awscdk.Duration_Seconds(jsii.Number(10))
	}
	if b.Rate == 0 {
		r.BackoffRate = jsii.Number(1.5)
	}
	if b.MaxAttempts == 0 {
		r.MaxAttempts = jsii.Number(3)
	}
	if r.MaxDelay == nil {
		r.MaxDelay = awscdk.Duration_Minutes(jsii.Number(5))
	}
	if b.NoJitter {
		r.JitterStrategy = awsstepfunctions.JitterType_NONE
	}
	return r
}

// backoffOrDefault is *b, or the zero Backoff.
func backoffOrDefault(b *Backoff) Backoff {
	if b == nil {
		return Backoff{}
	}
	return *b
}

// ErrorPath is where a Catch of this package's parts puts the error
// ({"Error", "Cause"}); NewFailureNotice reads it from there.
const ErrorPath = "$.error"

// CatchAll is the CatchProps of a catch of every error into ErrorPath.
func CatchAll() *awsstepfunctions.CatchProps {
	return &awsstepfunctions.CatchProps{Errors: jsii.Strings("States.ALL"), ResultPath: jsii.String(ErrorPath)}
}
