package lakeformation

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// tagTextRE is what Lake Formation accepts in LF-tag keys and values
// (letters, digits, spaces, _ . : / = + - @ %).
var tagTextRE = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@%]+$`)

// Tag is an LF-tag: a key and the values it may take (AWS::LakeFormation::Tag).
// ExistingTag stands for one defined elsewhere.
type Tag struct {
	constructs.Construct
	// Resource is nil for an ExistingTag.
	Resource awslakeformation.CfnTag
	Key      string
	Values   []string
}

// NewTag creates the LF-tag Key with its Values.
func NewTag(scope constructs.Construct, id string, props *TagProps) *Tag {
	p := TagProps{}
	if props != nil {
		p = *props
	}
	pr := propcheck.For("lakeformation.Tag", scope, id)
	checkTagText(pr, "Key", p.Key, 128)
	if len(p.Values) == 0 || len(p.Values) > 1000 {
		pr.Add("Values", len(p.Values), "1 to 1000 values")
	}
	seen := map[string]bool{}
	for _, v := range p.Values {
		checkTagText(pr, "Values", v, 256)
		if seen[strings.ToLower(v)] {
			pr.Add("Values", v, "each value once (Lake Formation compares them without case)")
		}
		seen[strings.ToLower(v)] = true
	}
	checkCatalog(pr, "Tag", p.CatalogId)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	t := &Tag{Construct: c, Key: p.Key, Values: slices.Clone(p.Values)}
	cp := &awslakeformation.CfnTagProps{TagKey: jsii.String(p.Key), TagValues: jsii.Strings(p.Values...)}
	if p.CatalogId != "" {
		cp.CatalogId = jsii.String(p.CatalogId)
	}
	t.Resource = awslakeformation.NewCfnTag(c, jsii.String("Resource"), cp)
	dependOn(t.Resource, p.Settings)
	return t
}

// ExistingTag is an LF-tag created elsewhere (another stack, the console),
// with the values it is known to have: expressions and associations are
// checked against them.
func ExistingTag(key string, values ...string) *Tag {
	return &Tag{Key: key, Values: values}
}

func checkTagText(pr *propcheck.Problems, prop, v string, max int) {
	if v == "" || len(v) > max || !tagTextRE.MatchString(v) {
		pr.Add(prop, strconv.Quote(v), "1 to "+strconv.Itoa(max)+" letters, digits, spaces and _ . : / = + - @ %")
	}
}

// TagCondition is one LF-tag of an expression or an association: the tag
// and the values named (an expression matches any of them; an association
// gives exactly one).
type TagCondition struct {
	Tag    *Tag
	Values []string
}

func (c TagCondition) check(pr *propcheck.Problems, prop string) {
	if c.Tag == nil {
		pr.Add(prop+".Tag", "nil", "an LF-tag defined by NewTag or ExistingTag")
		return
	}
	if len(c.Values) == 0 {
		pr.Add(prop+".Values", "none", "at least one value of LF-tag "+c.Tag.Key)
	}
	for _, v := range c.Values {
		if !slices.ContainsFunc(c.Tag.Values, func(d string) bool { return strings.EqualFold(d, v) }) {
			pr.Add(prop+".Values", v, "a value LF-tag "+c.Tag.Key+" defines: "+strings.Join(c.Tag.Values, ", "))
		}
	}
}

func (c TagCondition) dependency() []constructs.IDependable {
	if c.Tag == nil || c.Tag.Resource == nil {
		return nil
	}
	return []constructs.IDependable{c.Tag.Resource}
}

// TagResourceType says whether a tag expression grants on databases or on
// tables.
type TagResourceType string

const (
	TagDatabases TagResourceType = "DATABASE"
	TagTables    TagResourceType = "TABLE"
)

// TagExpression grants on every database or table (per ResourceType) whose
// LF-tags match all the conditions: the way to govern many tables with a
// few grants.
type TagExpression struct {
	ResourceType TagResourceType
	Conditions   []TagCondition
	// CatalogId owns the tags and resources. @default the stack's account
	CatalogId string
}

func (e TagExpression) kind() resourceKind {
	if e.ResourceType == TagDatabases {
		return kindTagDatabases
	}
	return kindTagTables
}
func (e TagExpression) check(pr *propcheck.Problems, prop string) {
	if e.ResourceType != TagDatabases && e.ResourceType != TagTables {
		pr.Add(prop+".ResourceType", e.ResourceType, "TagDatabases or TagTables")
	}
	checkConditions(pr, prop, e.Conditions)
	checkCatalog(pr, prop, e.CatalogId)
}

func checkConditions(pr *propcheck.Problems, prop string, cs []TagCondition) {
	if len(cs) == 0 {
		pr.Add(prop+".Conditions", "none", "at least one LF-tag condition")
	}
	keys := map[string]bool{}
	for i, c := range cs {
		at := prop + ".Conditions[" + strconv.Itoa(i) + "]"
		c.check(pr, at)
		if c.Tag != nil {
			k := strings.ToLower(c.Tag.Key)
			if keys[k] {
				pr.Add(at+".Tag", c.Tag.Key, "each LF-tag once")
			}
			keys[k] = true
		}
	}
}

func (e TagExpression) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	exp := make([]any, len(e.Conditions))
	for i, c := range e.Conditions {
		exp[i] = &awslakeformation.CfnPrincipalPermissions_LFTagProperty{TagKey: jsii.String(c.Tag.Key), TagValues: jsii.Strings(c.Values...)}
	}
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{LfTagPolicy: &awslakeformation.CfnPrincipalPermissions_LFTagPolicyResourceProperty{
		CatalogId: catalogOr(e.CatalogId, cat), ResourceType: jsii.String(string(e.ResourceType)), Expression: &exp}}
}
func (e TagExpression) dependencies() []constructs.IDependable {
	var out []constructs.IDependable
	for _, c := range e.Conditions {
		out = append(out, c.dependency()...)
	}
	return out
}

// TagValues lets a principal see (DESCRIBE) or attach (ASSOCIATE) values of
// an LF-tag: what data stewards need, and what a consumer account needs to
// see the tags of what was shared with it.
type TagValues struct {
	Condition TagCondition
	// CatalogId owns the tag. @default the stack's account
	CatalogId string
}

func (TagValues) kind() resourceKind { return kindTagValues }
func (v TagValues) check(pr *propcheck.Problems, prop string) {
	v.Condition.check(pr, prop+".Condition")
	checkCatalog(pr, prop, v.CatalogId)
}
func (v TagValues) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{LfTag: &awslakeformation.CfnPrincipalPermissions_LFTagKeyResourceProperty{
		CatalogId: catalogOr(v.CatalogId, cat), TagKey: jsii.String(v.Condition.Tag.Key), TagValues: jsii.Strings(v.Condition.Values...)}}
}
func (v TagValues) dependencies() []constructs.IDependable { return v.Condition.dependency() }
