package statemachine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Route sends files of some extensions to a chain.
type Route struct {
	// Extensions, with their dot, lower case: ".csv", ".json.gz". The
	// upper-case spelling matches too.
	Extensions []string
	// Then processes the file. Required.
	Then awsstepfunctions.IChainable
}

// FileTypeRouterProps configures NewFileTypeRouter.
type FileTypeRouterProps struct {
	// KeyPath is the JSONPath of the object key in the input.
	// @default "$.detail.object.key" (an S3 "Object Created" event)
	KeyPath string
	// Routes are tried in order. At least one.
	Routes []Route
	// Unsupported handles every other file: typically a NewFailureNotice
	// with a Message naming the key. Required (a Choice without a default
	// fails the execution with States.NoChoiceMatched).
	Unsupported awsstepfunctions.IChainable
}

var extensionRE = regexp.MustCompile(`^(\.[a-z0-9_-]+)+$`)

// NewFileTypeRouter routes an uploaded file by its extension (catalogue
// ORC-06): a Choice with StringMatches("*.csv") rules. The notes' first
// Lambda, which only looked at the extension, is not needed.
func NewFileTypeRouter(scope constructs.Construct, id string, p FileTypeRouterProps) awsstepfunctions.Choice {
	pr := propcheck.For("statemachine.FileTypeRouter", scope, id)
	keyPath := p.KeyPath
	if keyPath == "" {
		keyPath = "$.detail.object.key"
	}
	if !strings.HasPrefix(keyPath, "$.") {
		pr.Add("KeyPath", strconv.Quote(keyPath), `a JSONPath into the input, "$.detail.object.key"`)
	}
	if len(p.Routes) == 0 {
		pr.Add("Routes", "none", "at least one route")
	}
	seen := map[string]int{}
	for i, r := range p.Routes {
		at := "Routes[" + strconv.Itoa(i) + "]"
		if len(r.Extensions) == 0 {
			pr.Add(at+".Extensions", "none", `at least one extension, ".csv"`)
		}
		for _, e := range r.Extensions {
			if !extensionRE.MatchString(e) {
				pr.Add(at+".Extensions", strconv.Quote(e), `a lower-case extension with its dot: ".csv", ".json.gz"`)
			} else if j, dup := seen[e]; dup {
				pr.Add(at+".Extensions", strconv.Quote(e), "an extension no earlier route has (Routes["+strconv.Itoa(j)+"] takes it)")
			}
			seen[e] = i
		}
		if r.Then == nil {
			pr.Add(at+".Then", "nil", "the chain that processes these files")
		}
	}
	if p.Unsupported == nil {
		pr.Add("Unsupported", "nil", "the chain for every other file type (e.g. NewFailureNotice)")
	}
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	choice := awsstepfunctions.NewChoice(c, jsii.String("Type"), &awsstepfunctions.ChoiceProps{StateName: jsii.String(id)})
	for _, r := range p.Routes {
		var conds []awsstepfunctions.Condition
		for _, e := range r.Extensions {
			for _, spelling := range []string{e, strings.ToUpper(e)} {
				conds = append(conds, awsstepfunctions.Condition_StringMatches(jsii.String(keyPath), jsii.String("*"+spelling)))
			}
		}
		choice.When(awsstepfunctions.Condition_Or(conds...), r.Then, nil)
	}
	return choice.Otherwise(p.Unsupported)
}
