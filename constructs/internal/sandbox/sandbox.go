// Package sandbox reads the project's single switch between keeping data and
// deleting it.
//
// Every construct in this library retains what holds data (buckets, keys,
// queues, streams, tables) when its stack is deleted. Only when the CDK context
// value "sandbox" is true (in cdk.json, or `cdk synth -c sandbox=true`) do they
// become DESTROY, buckets also empty themselves on deletion, and every stack
// that uses the switch carries a warning annotation saying so.
package sandbox

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// ContextKey is the cdk.json context key of the switch.
const ContextKey = "sandbox"

// WarningID is the acknowledgeable id of the warning a sandbox stack carries.
const WarningID = "cdk-data-patterns:sandbox"

const warningText = "sandbox=true: buckets, keys, queues and other data stores of this stack are DESTROYed (buckets emptied) when the stack is deleted. Never deploy this to an account holding real data."

// Enabled reports whether the sandbox switch is on for scope. It accepts a JSON
// boolean or the strings "true"/"false" (what `-c sandbox=true` passes). Any
// other value panics with a message naming the key, because a typo must never
// silently decide whether data is deleted.
func Enabled(scope constructs.Construct) bool {
	v := scope.Node().TryGetContext(jsii.String(ContextKey))
	switch t := v.(type) {
	case nil:
		return false
	case bool:
		return t
	case string:
		switch strings.ToLower(strings.TrimSpace(t)) {
		case "true":
			return true
		case "false", "":
			return false
		}
	}
	panic(fmt.Sprintf("context %q = %v: must be true or false", ContextKey, v))
}

// RemovalPolicy is RETAIN, or DESTROY when the sandbox switch is on. The first
// call in a stack with the switch on adds the warning annotation to that stack.
func RemovalPolicy(scope constructs.Construct) awscdk.RemovalPolicy {
	if !Enabled(scope) {
		return awscdk.RemovalPolicy_RETAIN
	}
	warn(scope)
	return awscdk.RemovalPolicy_DESTROY
}

func warn(scope constructs.Construct) {
	stack := awscdk.Stack_Of(scope)
	for _, m := range *stack.Node().Metadata() {
		if data, ok := m.Data.(string); ok && strings.HasPrefix(data, warningText) {
			return
		}
	}
	awscdk.Annotations_Of(stack).AddWarningV2(jsii.String(WarningID), jsii.String(warningText))
}

// CheckOverride records in pr what an override props struct asks for that
// only the sandbox switch may allow: a DESTROY removal policy, or a bucket
// that empties itself, on something that holds data. prop names the override
// (e.g. "BucketProps"); autoDelete is nil for resources without that option.
// Every construct that accepts a CDK props override of a data store calls it
// from its props check, so no override can delete data without sandbox=true.
func CheckOverride(pr *propcheck.Problems, scope constructs.Construct, prop string, policy awscdk.RemovalPolicy, autoDelete *bool) {
	if Enabled(scope) {
		return
	}
	if policy == awscdk.RemovalPolicy_DESTROY {
		pr.Add(prop+".RemovalPolicy", policy, overrideHelp)
	}
	if autoDelete != nil && *autoDelete {
		pr.Add(prop+".AutoDeleteObjects", true, overrideHelp)
	}
}

const overrideHelp = `data is retained when its stack is deleted unless the CDK context "sandbox" is true; remove the override (in a sandbox the construct chooses DESTROY, and empties buckets, itself) or deploy with -c sandbox=true to an account without real data`
