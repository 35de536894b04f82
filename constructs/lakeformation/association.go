package lakeformation

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// TagAssociation attaches LF-tags to a database, a table, every table of a
// database, or columns of a table (AWS::LakeFormation::TagAssociation).
type TagAssociation struct {
	constructs.Construct
	Resource awslakeformation.CfnTagAssociation
}

// NewTagAssociation attaches props.Tags (one value each) to props.Resource:
// a Database, Table or Columns (Include only); tables inherit their
// database's LF-tags.
func NewTagAssociation(scope constructs.Construct, id string, props *TagAssociationProps) *TagAssociation {
	p := TagAssociationProps{}
	if props != nil {
		p = *props
	}
	pr := propcheck.For("lakeformation.TagAssociation", scope, id)
	switch r := p.Resource.(type) {
	case nil:
		pr.Add("Resource", "nil", "a Database, Table or Columns (with Include) to tag")
	case Database, Table:
		r.check(pr, "Resource")
	case AllTables:
		pr.Add("Resource", "AllTables", "the Database: its tables inherit the database's LF-tags (CloudFormation deprecated the table wildcard of tag associations)")
	case Columns:
		checkName(pr, "Resource.Database", r.Database, "a database name")
		checkName(pr, "Resource.Table", r.Table, "a table name")
		checkCatalog(pr, "Resource", r.CatalogId)
		if len(r.Include) == 0 || len(r.Exclude) > 0 {
			pr.Add("Resource.Include/Exclude", r, "the columns to tag in Include (an association names its columns)")
		}
		checkColumns(pr, "Resource.Include", r.Include)
	default:
		pr.Add("Resource", r, "a Database, Table or Columns: LF-tags attach to catalog resources only")
	}
	checkConditions(pr, "Tags", p.Tags)
	for i, c := range p.Tags {
		if len(c.Values) > 1 {
			pr.Add("Tags["+strconv.Itoa(i)+"].Values", c.Values, "one value: a resource carries one value of each LF-tag")
		}
	}
	pr.Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	cat := awscdk.Stack_Of(c).Account()
	pairs := make([]any, len(p.Tags))
	for i, t := range p.Tags {
		pairs[i] = &awslakeformation.CfnTagAssociation_LFTagPairProperty{CatalogId: catalogOr(p.TagCatalogId, cat), TagKey: jsii.String(t.Tag.Key), TagValues: jsii.Strings(t.Values...)}
	}
	res := &awslakeformation.CfnTagAssociation_ResourceProperty{}
	switch r := p.Resource.(type) {
	case Database:
		res.Database = &awslakeformation.CfnTagAssociation_DatabaseResourceProperty{CatalogId: catalogOr(r.CatalogId, cat), Name: jsii.String(r.Name)}
	case Table:
		res.Table = &awslakeformation.CfnTagAssociation_TableResourceProperty{CatalogId: catalogOr(r.CatalogId, cat), DatabaseName: jsii.String(r.Database), Name: jsii.String(r.Name)}
	case Columns:
		res.TableWithColumns = &awslakeformation.CfnTagAssociation_TableWithColumnsResourceProperty{CatalogId: catalogOr(r.CatalogId, cat), DatabaseName: jsii.String(r.Database), Name: jsii.String(r.Table), ColumnNames: jsii.Strings(r.Include...)}
	}
	a := &TagAssociation{Construct: c}
	a.Resource = awslakeformation.NewCfnTagAssociation(c, jsii.String("Resource"), &awslakeformation.CfnTagAssociationProps{LfTags: &pairs, Resource: res})
	for _, t := range p.Tags {
		for _, d := range t.dependency() {
			a.Resource.Node().AddDependency(d)
		}
	}
	for _, d := range p.DependsOn {
		a.Resource.Node().AddDependency(d)
	}
	dependOn(a.Resource, p.Settings)
	return a
}
