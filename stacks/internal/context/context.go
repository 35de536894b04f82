// Package context reads a stack's object of cdk.json's "context" and collects
// what is wrong with it, so that every stack reports bad settings the same
// way: one panic naming each key, its value and what is allowed.
package context

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/regioninfo"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

var (
	accountRE = regexp.MustCompile(`^\d{12}$`)
	regionRE  = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$`)
	emailRE   = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Read decodes the context object named key into cfg (a pointer to a struct
// with json tags). An absent key leaves cfg as it is; a value of the wrong
// shape panics with the key.
func Read(scope constructs.Construct, key string, cfg any) {
	raw := scope.Node().TryGetContext(jsii.String(key))
	if raw == nil {
		return
	}
	b, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(b, cfg)
	}
	if err != nil {
		panic(fmt.Sprintf("context %s: %v", key, err))
	}
}

// Problems collects the bad values of one context object.
type Problems struct {
	key string
	bad []string
}

// Check starts the checks of the context object named key.
func Check(key string) *Problems { return &Problems{key: key} }

// Add records that field has value v, and says what is allowed.
func (p *Problems) Add(field string, v any, allowed string) {
	p.bad = append(p.bad, fmt.Sprintf("%s.%s = %q: %s", p.key, field, fmt.Sprint(v), allowed))
}

// Environment checks the optional account and region of a stack.
func (p *Problems) Environment(account, region string) {
	if account != "" && !accountRE.MatchString(account) {
		p.Add("account", account, "a 12-digit AWS account id, or empty")
	}
	if region != "" && !IsRegion(region) {
		p.Add("region", region, "an AWS region such as eu-west-1, or empty")
	}
}

// Email checks an optional e-mail address.
func (p *Problems) Email(field, v string) {
	if v != "" && !emailRE.MatchString(v) {
		p.Add(field, v, "an e-mail address, or empty")
	}
}

// IsRegion reports whether s looks like an AWS region name.
func IsRegion(s string) bool {
	if !regionRE.MatchString(s) {
		return false
	}
	for _, r := range *regioninfo.RegionInfo_Regions() {
		if *r.Name() == s {
			return true
		}
	}
	return false
}

// Fail panics with every problem when there is one.
func (p *Problems) Fail() {
	if len(p.bad) == 0 {
		return
	}
	msg := "invalid cdk.json context:"
	for _, b := range p.bad {
		msg += "\n  - " + b
	}
	panic(msg)
}

// StackProps are the props of a stack with a description, pinned to an
// environment when account or region is set (environment-agnostic
// otherwise: deployable wherever the CLI's credentials point).
func StackProps(description, account, region string) *awscdk.StackProps {
	props := &awscdk.StackProps{Description: jsii.String(description)}
	if account != "" || region != "" {
		props.Env = &awscdk.Environment{Account: str(account), Region: str(region)}
	}
	return props
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// RemovalPolicy of a data store a stack creates itself (not through a
// construct): RETAIN, or DESTROY when cdk.json's "sandbox" switch is on. It
// reads the switch as constructs/internal/sandbox does (a boolean or
// "true"/"false"; anything else panics), and the constructs of the same
// stack add the sandbox warning.
func RemovalPolicy(scope constructs.Construct) awscdk.RemovalPolicy {
	switch v := scope.Node().TryGetContext(jsii.String("sandbox")).(type) {
	case nil:
		return awscdk.RemovalPolicy_RETAIN
	case bool:
		if v {
			return awscdk.RemovalPolicy_DESTROY
		}
		return awscdk.RemovalPolicy_RETAIN
	case string:
		switch v {
		case "true":
			return awscdk.RemovalPolicy_DESTROY
		case "false", "":
			return awscdk.RemovalPolicy_RETAIN
		}
	}
	panic(fmt.Sprintf("context %q = %v: must be true or false", "sandbox", scope.Node().TryGetContext(jsii.String("sandbox"))))
}
