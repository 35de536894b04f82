package lakeformation

import (
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

var (
	accountRE      = regexp.MustCompile(`^\d{12}$`)
	iamPrincipalRE = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:(role|user)/[\w+=,.@/-]+$`)
	orgRE          = regexp.MustCompile(`^arn:aws[a-z-]*:organizations::\d{12}:(organization/o-[a-z0-9]{10,32}|ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$`)
)

// principalHelp says what a data lake principal may be.
const principalHelp = "an IAM role or user ARN (arn:<partition>:iam::<account>:role/<name>), a 12-digit account id (cross-account), an organization or OU ARN, or a token resolving to one of them (role.RoleArn())"

// principalProblem says why p cannot be a Lake Formation principal, or ""
// when it can. IAMAllowedPrincipals is refused: granting to it hands the
// resource back to IAM-only access control, which is what the settings turn
// off.
func principalProblem(p string) string {
	switch {
	case p == "":
		return "missing: " + principalHelp
	case isToken(p):
		return ""
	case p == "IAM_ALLOWED_PRINCIPALS":
		return "IAM_ALLOWED_PRINCIPALS hands the resource back to IAM-only access control; grant to named roles instead"
	case accountRE.MatchString(p), iamPrincipalRE.MatchString(p), orgRE.MatchString(p):
		return ""
	}
	return "not a principal Lake Formation accepts: " + principalHelp
}

// isExternal reports whether principal p belongs to another account than
// account (a token is not known to be external).
func isExternal(p, account string) bool {
	if isToken(p) || isToken(account) {
		return false
	}
	if accountRE.MatchString(p) {
		return p != account
	}
	if m := regexp.MustCompile(`::(\d{12}):`).FindStringSubmatch(p); m != nil {
		return m[1] != account
	}
	return false
}

// glueNameRE is a Glue database or table name the way Athena can query it.
var glueNameRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)

// isToken reports whether s is (or holds) an unresolved CDK token.
func isToken(s string) bool { return *awscdk.Token_IsUnresolved(jsii.String(s)) }
