package rulefunction

import (
	"math"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("rulefunction", scope, id)
	switch {
	case p.Schedule == nil && p.EventPattern == nil:
		pr.Add("Schedule/EventPattern", "neither given", "give a Schedule or an EventPattern")
	case p.Schedule != nil && p.EventPattern != nil:
		pr.Add("Schedule and EventPattern", "both given", "a rule here has one trigger; create two constructs for two triggers")
	}
	if p.Schedule != nil && p.EventBus != nil {
		pr.Add("EventBus", *p.EventBus.Node().Path(), "scheduled rules run on the default event bus only")
	}

	switch {
	case p.Code == nil && p.ExistingFunction == nil:
		pr.Add("Code/ExistingFunction", "neither given", "give the Code of a new function or an ExistingFunction")
	case p.Code != nil && p.ExistingFunction != nil:
		pr.Add("Code and ExistingFunction", "both given", "give the Code of a new function or an ExistingFunction, not both")
	}
	if p.ExistingFunction != nil && (p.FunctionProps != nil || p.LogRetention != "") {
		pr.Add("ExistingFunction and FunctionProps/LogRetention", "both given", "the settings of an existing function are its owner's")
	}
	if p.LogRetention == awslogs.RetentionDays_INFINITE {
		pr.Add("LogRetention", "INFINITE", "a finite retention (one year by default); logs kept forever are a cost and a liability")
	}
	checkFunctionProps(pr, p)

	if n := p.TargetRetryAttempts; n != nil && (*n < 0 || *n > 185 || *n != math.Trunc(*n)) {
		pr.Add("TargetRetryAttempts", *n, "EventBridge retries a target 0 to 185 times")
	}
	checkDuration(pr, "TargetMaxEventAge", p.TargetMaxEventAge, 60, 86400, "EventBridge keeps retrying for 60 seconds to 24 hours")

	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkFunctionProps(pr *propcheck.Problems, p *Props) {
	fp := p.FunctionProps
	if fp == nil {
		return
	}
	if fp.Code != nil || fp.Role != nil || fp.LogGroup != nil {
		pr.Add("FunctionProps.Code/Role/LogGroup", "set", "use Props.Code; the role and log group are the construct's, so their grants stay least-privilege")
	}
	if fp.OnFailure != nil || fp.DeadLetterQueue != nil || fp.DeadLetterQueueEnabled != nil {
		pr.Add("FunctionProps.OnFailure/DeadLetterQueue", "set", "failed invocations go to the construct's FailureQueue")
	}
	if fp.LogRetention != "" {
		pr.Add("FunctionProps.LogRetention", fp.LogRetention, "use Props.LogRetention (the construct owns the log group)")
	}
	if n := fp.RetryAttempts; n != nil && (*n < 0 || *n > 2 || *n != math.Trunc(*n)) {
		pr.Add("FunctionProps.RetryAttempts", *n, "Lambda retries an asynchronous invocation 0 to 2 times")
	}
	checkDuration(pr, "FunctionProps.MaxEventAge", fp.MaxEventAge, 60, 6*3600, "Lambda keeps an asynchronous event 60 seconds to 6 hours")
}

func checkDuration(pr *propcheck.Problems, prop string, d awscdk.Duration, min, max float64, allowed string) {
	if d == nil {
		return
	}
	s := *d.ToSeconds(&awscdk.TimeConversionOptions{Integral: jsii.Bool(false)})
	if s < min || s > max || s != math.Trunc(s) {
		pr.Add(prop, *d.ToHumanString(), allowed)
	}
}
