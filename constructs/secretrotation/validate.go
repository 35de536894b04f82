package secretrotation

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	rateDaysRE = regexp.MustCompile(`^rate\((\d+) days?\)$`)
	pathRE     = regexp.MustCompile(`^(/[a-zA-Z0-9_.-]+)+$`)
	engineRE   = regexp.MustCompile(`\\"engine\\"\s*:\s*\\"([^"\\]*)\\"`)
)

// engineValue is the "engine" each hosted function accepts in the secret.
var engineValue = map[Engine][]string{
	RedshiftSingleUser: {"redshift"}, RedshiftMultiUser: {"redshift"},
	PostgresSingleUser: {"postgres"}, PostgresMultiUser: {"postgres"},
	MysqlSingleUser: {"mysql", "mariadb"}, MysqlMultiUser: {"mysql", "mariadb"},
}

func (e Engine) multiUser() bool { return strings.HasSuffix(string(e), "MultiUser") }

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("secretrotation", scope, id)
	if p.Secret == nil {
		pr.Add("Secret", "nil", "the secret to rotate (required)")
	}
	checkFunction(pr, p)
	checkSchedule(pr, p)
	if p.Engine != "" && slices.Contains(Engines, p.Engine) {
		checkNetwork(pr, p)
		if p.Secret != nil {
			checkSecretJSON(pr, p)
		}
	}
	if p.ParameterPath != "" {
		checkPath(pr, p.ParameterPath)
	}
	return pr
}

func checkFunction(pr *propcheck.Problems, p *Props) {
	switch {
	case p.Engine == "" && p.RotationFunction == nil:
		pr.Add("Engine", `""`, "a hosted rotation ("+engineList()+") or a RotationFunction: a schedule needs something to rotate the secret")
	case p.Engine != "" && p.RotationFunction != nil:
		pr.Add("Engine", p.Engine, "not with RotationFunction: one rotates the secret, either AWS's hosted function or yours")
	case p.Engine != "" && !slices.Contains(Engines, p.Engine):
		pr.Add("Engine", p.Engine, "one of "+engineList())
	}
	if p.Engine.multiUser() && p.MasterSecret == nil {
		pr.Add("MasterSecret", "nil", "the administrator secret that signs the "+string(p.Engine)+" rotation in (required: the alternating-users strategy creates and changes the clone user as the administrator)")
	}
	if p.MasterSecret != nil && !p.Engine.multiUser() {
		pr.Add("MasterSecret", "set", "only with a *MultiUser engine: a single-user rotation signs in as the user itself")
	}
	if p.RotationFunction != nil {
		for prop, set := range map[string]bool{"Vpc": p.Vpc != nil, "Target": p.Target != nil, "Subnets": p.Subnets != nil, "Endpoints": len(p.Endpoints) > 0, "Port": p.Port != nil} {
			if set {
				pr.Add(prop, "set", "only with a hosted rotation (Engine): a RotationFunction has its own network settings")
			}
		}
	}
}

func engineList() string {
	s := make([]string, len(Engines))
	for i, e := range Engines {
		s[i] = string(e)
	}
	return strings.Join(s, ", ")
}

func checkSchedule(pr *propcheck.Problems, p *Props) {
	if p.AutomaticallyAfterDays != nil && p.ScheduleExpression != "" {
		pr.Add("AutomaticallyAfterDays", *p.AutomaticallyAfterDays, "not with ScheduleExpression ("+p.ScheduleExpression+"): give one of them")
	}
	if p.AutomaticallyAfterDays != nil {
		checkDays(pr, "AutomaticallyAfterDays", *p.AutomaticallyAfterDays, strconv.FormatFloat(*p.AutomaticallyAfterDays, 'f', -1, 64))
	}
	e := p.ScheduleExpression
	switch {
	case e == "":
	case rateDaysRE.MatchString(e):
		n, _ := strconv.Atoi(rateDaysRE.FindStringSubmatch(e)[1])
		if (n == 1) != strings.HasSuffix(e, " day)") {
			pr.Add("ScheduleExpression", e, `"rate(1 day)" for one day, "rate(N days)" above`)
		}
		checkDays(pr, "ScheduleExpression", float64(n), e)
	case strings.HasPrefix(e, "cron("):
		pr.Cron("ScheduleExpression", e)
	default:
		pr.Add("ScheduleExpression", e, `"rate(N days)" with N from 1 to 365, or a six-field cron in UTC such as "cron(0 4 1 * ? *)"`)
	}
}

func checkDays(pr *propcheck.Problems, prop string, n float64, shown string) {
	if n < 1 || n > MaxRotationDays || n != float64(int(n)) {
		pr.Add(prop, shown, "a whole number of days from 1 to 365: this library rotates credentials at least once a year (Secrets Manager itself would accept up to 1000 days)")
	}
}

// rateDays is N of "rate(N days)".
func rateDays(e string) (float64, bool) {
	m := rateDaysRE.FindStringSubmatch(e)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return float64(n), true
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		pr.Add("Vpc", "nil", "the database's VPC (required with Engine): the hosted function must reach the private database")
	} else if _, err := network.TrySelect(p.Vpc, network.PrivateOr(p.Vpc, p.Subnets)); err != nil {
		pr.Add("Subnets", "selection", "subnets that exist in Vpc: "+err.Error())
	}
	if p.Target == nil {
		pr.Add("Target", "nil", "the database (its connections) the function may reach (required with Engine)")
	}
	port := dbPort(p)
	if p.Port != nil && (port < 1 || port > 65535 || port != float64(int(port))) {
		pr.Add("Port", port, "a TCP port from 1 to 65535")
	} else if p.Target != nil && port == 0 {
		pr.Add("Port", "nil", "the database port: Target has no default port, so give Port")
	}
}

// checkSecretJSON reads the JSON of a secret generated by this app and
// checks that the hosted function will find "host" and the right "engine".
func checkSecretJSON(pr *propcheck.Problems, p *Props) {
	raw, known := secretJSON(p.Secret)
	if !known {
		return
	}
	missing := []string{}
	for _, k := range []string{"engine", "host", "username"} {
		if !strings.Contains(raw, `\"`+k+`\"`) {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		pr.Add("Secret", *p.Secret.Node().Path(), "a secret whose JSON has "+strings.Join(missing, ", ")+" for the "+string(p.Engine)+" function, which reads engine, host, username and password (add them to SecretStringTemplate, or attach the secret to its database with a SecretTargetAttachment)")
	}
	if m := engineRE.FindStringSubmatch(raw); m != nil && !slices.Contains(engineValue[p.Engine], m[1]) {
		pr.Add("Secret", `engine "`+m[1]+`"`, `"engine": "`+strings.Join(engineValue[p.Engine], `" or "`)+`" for the `+string(p.Engine)+" function, which refuses other engines")
	}
}

// secretJSON is the resolved template or value of a secret defined in this
// app (known), as JSON.
func secretJSON(s awssecretsmanager.ISecret) (string, bool) {
	child := s.Node().DefaultChild()
	if child == nil || !*awssecretsmanager.CfnSecret_IsCfnSecret(child) {
		return "", false
	}
	cfn := child.(awssecretsmanager.CfnSecret)
	stack := awscdk.Stack_Of(cfn)
	raw, _ := json.Marshal([]any{stack.Resolve(cfn.GenerateSecretString()), stack.Resolve(cfn.SecretString())})
	return string(raw), true
}

func checkPath(pr *propcheck.Problems, path string) {
	lower := strings.ToLower(path)
	switch {
	case !pathRE.MatchString(path):
		pr.Add("ParameterPath", path, `a path such as "/lake/warehouse/loader": starts with "/", letters, digits and _.- between slashes, no trailing slash`)
	case strings.HasPrefix(lower, "/aws") || strings.HasPrefix(lower, "/ssm"):
		pr.Add("ParameterPath", path, `a path not starting with /aws or /ssm (reserved by Parameter Store; /aws/reference/secretsmanager/... is the read-only reference, see ReferenceName)`)
	case len(path)+len("/name") > 1011 || strings.Count(path, "/")+1 > 15:
		pr.Add("ParameterPath", path, "at most 1006 characters and 14 levels (Parameter Store allows 1011 characters and 15 levels, and the construct adds /arn and /name)")
	}
}
