package lakeformation

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awslakeformation"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Resource is what a Grant is on: Database, Table, AllTables, Columns,
// Filtered, TagExpression, DataLocation, TagValues or LinkTo. Names may be
// tokens (a CfnDatabase's Ref).
type Resource interface {
	kind() resourceKind
	// check records what is wrong with the resource under prop.
	check(pr *propcheck.Problems, prop string)
	// property is the PrincipalPermissions resource; catalog is the
	// default catalog id (the stack's account).
	property(catalog *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty
	// dependencies are the constructs the grant must wait for.
	dependencies() []constructs.IDependable
}

// catalogOr is id, or the default catalog when id is "".
func catalogOr(id string, def *string) *string {
	if id == "" {
		return def
	}
	return jsii.String(id)
}

func checkCatalog(pr *propcheck.Problems, prop, id string) {
	if id != "" && !accountRE.MatchString(id) && !isToken(id) {
		pr.Add(prop+".CatalogId", id, "the 12-digit account id of the catalog that owns the resource (empty for this stack's account)")
	}
}

func checkName(pr *propcheck.Problems, prop, name, what string) {
	if name == "" {
		pr.Add(prop, `""`, what+" is required")
	} else if len(name) > 255 {
		pr.Add(prop, name, what+" of at most 255 characters")
	}
}

// Database is a Data Catalog database.
type Database struct {
	Name string
	// CatalogId owns the database. @default the stack's account
	CatalogId string
}

func (Database) kind() resourceKind { return kindDatabase }
func (d Database) check(pr *propcheck.Problems, prop string) {
	checkName(pr, prop+".Name", d.Name, "a database name")
	checkCatalog(pr, prop, d.CatalogId)
}
func (d Database) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{Database: &awslakeformation.CfnPrincipalPermissions_DatabaseResourceProperty{
		CatalogId: catalogOr(d.CatalogId, cat), Name: jsii.String(d.Name)}}
}
func (Database) dependencies() []constructs.IDependable { return nil }

// Table is one table of a database.
type Table struct {
	Database, Name string
	// CatalogId owns the table. @default the stack's account
	CatalogId string
}

func (Table) kind() resourceKind { return kindTable }
func (t Table) check(pr *propcheck.Problems, prop string) {
	checkName(pr, prop+".Database", t.Database, "a database name")
	checkName(pr, prop+".Name", t.Name, "a table name (AllTables for every table)")
	checkCatalog(pr, prop, t.CatalogId)
}
func (t Table) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{Table: &awslakeformation.CfnPrincipalPermissions_TableResourceProperty{
		CatalogId: catalogOr(t.CatalogId, cat), DatabaseName: jsii.String(t.Database), Name: jsii.String(t.Name)}}
}
func (Table) dependencies() []constructs.IDependable { return nil }

// AllTables is every table of a database, present and future (Lake
// Formation's table wildcard).
type AllTables struct {
	Database string
	// CatalogId owns the database. @default the stack's account
	CatalogId string
}

func (AllTables) kind() resourceKind { return kindTable }
func (t AllTables) check(pr *propcheck.Problems, prop string) {
	checkName(pr, prop+".Database", t.Database, "a database name")
	checkCatalog(pr, prop, t.CatalogId)
}
func (t AllTables) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{Table: &awslakeformation.CfnPrincipalPermissions_TableResourceProperty{
		CatalogId: catalogOr(t.CatalogId, cat), DatabaseName: jsii.String(t.Database), TableWildcard: map[string]any{}}}
}
func (AllTables) dependencies() []constructs.IDependable { return nil }

// Columns is a column grant on one table: SELECT on the Include columns, or
// on every column but the Exclude ones. Exactly one of them is given.
type Columns struct {
	Database, Table  string
	Include, Exclude []string
	// CatalogId owns the table. @default the stack's account
	CatalogId string
}

func (Columns) kind() resourceKind { return kindColumns }
func (c Columns) check(pr *propcheck.Problems, prop string) {
	checkName(pr, prop+".Database", c.Database, "a database name")
	checkName(pr, prop+".Table", c.Table, "a table name")
	checkCatalog(pr, prop, c.CatalogId)
	switch {
	case len(c.Include) > 0 && len(c.Exclude) > 0:
		pr.Add(prop+".Include/Exclude", "both", "either the columns to include or the columns to exclude, not both")
	case len(c.Include) == 0 && len(c.Exclude) == 0:
		pr.Add(prop+".Include/Exclude", "none", "the columns to include or to exclude (a grant on every column is a Table grant)")
	}
	checkColumns(pr, prop+".Include", c.Include)
	checkColumns(pr, prop+".Exclude", c.Exclude)
}
func (c Columns) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	t := &awslakeformation.CfnPrincipalPermissions_TableWithColumnsResourceProperty{
		CatalogId: catalogOr(c.CatalogId, cat), DatabaseName: jsii.String(c.Database), Name: jsii.String(c.Table)}
	if len(c.Include) > 0 {
		t.ColumnNames = jsii.Strings(c.Include...)
	} else {
		t.ColumnWildcard = &awslakeformation.CfnPrincipalPermissions_ColumnWildcardProperty{ExcludedColumnNames: jsii.Strings(c.Exclude...)}
	}
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{TableWithColumns: t}
}
func (Columns) dependencies() []constructs.IDependable { return nil }

func checkColumns(pr *propcheck.Problems, prop string, cols []string) {
	seen := map[string]bool{}
	for _, col := range cols {
		if col == "" || len(col) > 255 {
			pr.Add(prop, col, "column names of 1 to 255 characters")
		}
		if seen[col] {
			pr.Add(prop, col, "each column once")
		}
		seen[col] = true
	}
}

// Filtered is a grant through a data cells filter: the principal sees the
// filter's rows and columns of its table.
type Filtered struct{ Filter *DataCellsFilter }

func (Filtered) kind() resourceKind { return kindFilter }
func (f Filtered) check(pr *propcheck.Problems, prop string) {
	if f.Filter == nil {
		pr.Add(prop+".Filter", "nil", "a DataCellsFilter (NewDataCellsFilter)")
	}
}
func (f Filtered) property(*string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	r := f.Filter.Resource
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{DataCellsFilter: &awslakeformation.CfnPrincipalPermissions_DataCellsFilterResourceProperty{
		TableCatalogId: r.TableCatalogId(), DatabaseName: r.DatabaseName(), TableName: r.TableName(), Name: r.Name()}}
}
func (f Filtered) dependencies() []constructs.IDependable {
	return []constructs.IDependable{f.Filter.Resource}
}

// DataLocation lets a principal create tables pointing into a registered
// location (DATA_LOCATION_ACCESS).
type DataLocation struct{ Location *Location }

func (DataLocation) kind() resourceKind { return kindLocation }
func (d DataLocation) check(pr *propcheck.Problems, prop string) {
	if d.Location == nil {
		pr.Add(prop+".Location", "nil", "a registered Location (NewLocation)")
	}
}
func (d DataLocation) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	return &awslakeformation.CfnPrincipalPermissions_ResourceProperty{DataLocation: &awslakeformation.CfnPrincipalPermissions_DataLocationResourceProperty{
		CatalogId: cat, ResourceArn: d.Location.Arn}}
}
func (d DataLocation) dependencies() []constructs.IDependable {
	return []constructs.IDependable{d.Location.Resource}
}

// LinkTo is a resource link itself (DESCRIBE or DROP on the link; what the
// link points to is granted on the shared resource).
type LinkTo struct{ Link *ResourceLink }

func (LinkTo) kind() resourceKind { return kindLink }
func (l LinkTo) check(pr *propcheck.Problems, prop string) {
	if l.Link == nil {
		pr.Add(prop+".Link", "nil", "a ResourceLink (NewResourceLink)")
	}
}
func (l LinkTo) property(cat *string) *awslakeformation.CfnPrincipalPermissions_ResourceProperty {
	if l.Link.Table != nil {
		return Table{Database: *l.Link.LinkDatabase, Name: *l.Link.Name}.property(cat)
	}
	return Database{Name: *l.Link.Name}.property(cat)
}
func (l LinkTo) dependencies() []constructs.IDependable { return []constructs.IDependable{l.Link.link} }
