package lakeformation

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// DataCellsFilter limits a table to some rows (a PartiQL row filter), some
// columns, or both (cells) (AWS::LakeFormation::DataCellsFilter). Grant
// SELECT on it with Filtered{Filter}.
type DataCellsFilter struct {
	constructs.Construct
	Resource awslakeformation.CfnDataCellsFilter
}

// NewDataCellsFilter creates the filter. A filter restricting neither rows
// nor columns is refused (it would be a plain table grant).
func NewDataCellsFilter(scope constructs.Construct, id string, props *FilterProps) *DataCellsFilter {
	p := FilterProps{}
	if props != nil {
		p = *props
	}
	checkFilter(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	name := p.Name
	if name == "" {
		name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(255), Separator: jsii.String("_")})
	}
	row := &awslakeformation.CfnDataCellsFilter_RowFilterProperty{}
	if p.RowFilter != "" {
		row.FilterExpression = jsii.String(p.RowFilter)
	} else {
		row.AllRowsWildcard = map[string]any{}
	}
	cp := &awslakeformation.CfnDataCellsFilterProps{
		TableCatalogId: catalogOr(p.CatalogId, awscdk.Stack_Of(c).Account()),
		DatabaseName:   jsii.String(p.Database),
		TableName:      jsii.String(p.Table),
		Name:           jsii.String(name),
		RowFilter:      row,
	}
	switch {
	case len(p.Columns) > 0:
		cp.ColumnNames = jsii.Strings(p.Columns...)
	case len(p.ExcludedColumns) > 0:
		cp.ColumnWildcard = &awslakeformation.CfnDataCellsFilter_ColumnWildcardProperty{ExcludedColumnNames: jsii.Strings(p.ExcludedColumns...)}
	default:
		cp.ColumnWildcard = &awslakeformation.CfnDataCellsFilter_ColumnWildcardProperty{}
	}
	f := &DataCellsFilter{Construct: c}
	f.Resource = awslakeformation.NewCfnDataCellsFilter(c, jsii.String("Resource"), cp)
	for _, d := range p.DependsOn {
		f.Resource.Node().AddDependency(d)
	}
	dependOn(f.Resource, p.Settings)
	return f
}

func checkFilter(scope constructs.Construct, id string, p *FilterProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.DataCellsFilter", scope, id)
	checkName(pr, "Database", p.Database, "a database name")
	checkName(pr, "Table", p.Table, "a table name")
	checkCatalog(pr, "Filter", p.CatalogId)
	if p.Name != "" && (len(p.Name) > 255 || strings.ContainsAny(p.Name, "\n\r\t")) {
		pr.Add("Name", p.Name, "1 to 255 characters on one line")
	}
	if p.RowFilter == "" && len(p.Columns) == 0 && len(p.ExcludedColumns) == 0 {
		pr.Add("RowFilter/Columns/ExcludedColumns", "none", "a row filter, columns, or both: a filter of every row and column is a table grant")
	}
	if len(p.Columns) > 0 && len(p.ExcludedColumns) > 0 {
		pr.Add("Columns/ExcludedColumns", "both", "either the columns to show or the columns to hide, not both")
	}
	checkColumns(pr, "Columns", p.Columns)
	checkColumns(pr, "ExcludedColumns", p.ExcludedColumns)
	if e := p.RowFilter; e != "" {
		if msg := rowFilterProblem(e); msg != "" {
			pr.Add("RowFilter", e, msg)
		}
	}
	return pr
}

// rowFilterProblem finds what is certainly wrong with a PartiQL row filter
// (the WHERE clause of the rows shown): more than one statement, an
// unbalanced quote or parenthesis, or a whole query instead of a predicate.
func rowFilterProblem(e string) string {
	if len(e) > 2048 {
		return "a predicate of at most 2048 characters"
	}
	depth, quote := 0, false
	for _, r := range e {
		switch {
		case r == '\'':
			quote = !quote
		case quote:
		case r == '(':
			depth++
		case r == ')':
			depth--
			if depth < 0 {
				return "balanced parentheses"
			}
		case r == ';':
			return "one predicate without ';' (e.g. country = 'DE')"
		}
	}
	if quote {
		return "balanced single quotes around string literals"
	}
	if depth != 0 {
		return "balanced parentheses"
	}
	up := strings.ToUpper(strings.TrimSpace(e))
	if strings.HasPrefix(up, "SELECT ") || strings.HasPrefix(up, "WHERE ") {
		return "the predicate alone, without SELECT or WHERE (e.g. country = 'DE')"
	}
	return ""
}
