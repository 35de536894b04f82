package lakeformation

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// ResourceLink is the receiving side of a cross-account share: a database
// (AWS::Glue::Database with TargetDatabase) or table (AWS::Glue::Table with
// TargetTable) in this account's catalog pointing at the shared one, so
// Athena, Glue and Redshift Spectrum can name it; and the grants that let
// local Readers use it.
type ResourceLink struct {
	constructs.Construct
	// Database is the database link (nil for a table link).
	Database awsglue.CfnDatabase
	// Table is the table link (nil for a database link).
	Table awsglue.CfnTable
	// Name of the link; LinkDatabase holds a table link.
	Name, LinkDatabase *string
	// Grants are, per reader, DESCRIBE on the link and SELECT, DESCRIBE on
	// the shared table (or every table of the shared database).
	Grants []*Grant

	link awscdk.CfnResource
}

// NewResourceLink creates the link and the readers' grants.
func NewResourceLink(scope constructs.Construct, id string, props *ResourceLinkProps) *ResourceLink {
	p := ResourceLinkProps{}
	if props != nil {
		p = *props
	}
	checkLink(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	stack := awscdk.Stack_Of(c)
	l := &ResourceLink{Construct: c}
	name := p.Name
	if name == "" {
		name = strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(255), Separator: jsii.String("_")}))
	}
	l.Name = jsii.String(name)
	region := stack.Region()
	if p.Region != "" {
		region = jsii.String(p.Region)
	}
	if p.SharedTable == "" {
		l.Database = awsglue.NewCfnDatabase(c, jsii.String("Link"), &awsglue.CfnDatabaseProps{
			CatalogId: stack.Account(),
			DatabaseInput: &awsglue.CfnDatabase_DatabaseInputProperty{
				Name:        l.Name,
				Description: jsii.String("Resource link to " + p.OwnerAccount + ":" + p.SharedDatabase),
				TargetDatabase: &awsglue.CfnDatabase_DatabaseIdentifierProperty{
					CatalogId: jsii.String(p.OwnerAccount), DatabaseName: jsii.String(p.SharedDatabase), Region: region},
			},
		})
		l.Database.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
		l.link = l.Database
	} else {
		l.LinkDatabase = jsii.String(p.LinkDatabase)
		l.Table = awsglue.NewCfnTable(c, jsii.String("Link"), &awsglue.CfnTableProps{
			CatalogId:    stack.Account(),
			DatabaseName: l.LinkDatabase,
			TableInput: &awsglue.CfnTable_TableInputProperty{
				Name: l.Name,
				TargetTable: &awsglue.CfnTable_TableIdentifierProperty{
					CatalogId: jsii.String(p.OwnerAccount), DatabaseName: jsii.String(p.SharedDatabase), Name: jsii.String(p.SharedTable), Region: region},
			},
		})
		l.Table.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
		l.link = l.Table
	}
	dependOn(l.link, p.Settings)
	var shared Resource = AllTables{Database: p.SharedDatabase, CatalogId: p.OwnerAccount}
	if p.SharedTable != "" {
		shared = Table{Database: p.SharedDatabase, Name: p.SharedTable, CatalogId: p.OwnerAccount}
	}
	for i, r := range p.Readers {
		n := strconv.Itoa(i)
		l.Grants = append(l.Grants,
			NewGrant(c, "Reader"+n+"Link", &GrantProps{Principal: r, Resource: LinkTo{Link: l}, Permissions: []Permission{Describe}, Settings: p.Settings}),
			NewGrant(c, "Reader"+n+"Shared", &GrantProps{Principal: r, Resource: shared, Permissions: []Permission{Select, Describe}, Settings: p.Settings}))
	}
	return l
}

func checkLink(scope constructs.Construct, id string, p *ResourceLinkProps) *propcheck.Problems {
	pr := propcheck.For("lakeformation.ResourceLink", scope, id)
	if !accountRE.MatchString(p.OwnerAccount) && !isToken(p.OwnerAccount) {
		pr.Add("OwnerAccount", `"`+p.OwnerAccount+`"`, "the 12-digit id of the account that shared the database or table")
	} else if acct := *awscdk.Stack_Of(scope).Account(); acct == p.OwnerAccount {
		pr.Add("OwnerAccount", p.OwnerAccount, "another account than the stack's: a resource link points at a share from another account")
	}
	checkName(pr, "SharedDatabase", p.SharedDatabase, "the name of the shared database")
	if p.SharedTable != "" && p.LinkDatabase == "" {
		pr.Add("LinkDatabase", `""`, "the local database that holds the table link")
	}
	if p.SharedTable == "" && p.LinkDatabase != "" {
		pr.Add("LinkDatabase", p.LinkDatabase, "only with SharedTable (a database link is a database itself)")
	}
	if p.Name != "" && !glueNameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 255 lower-case letters, digits and underscores")
	}
	for i, r := range p.Readers {
		if msg := principalProblem(r); msg != "" {
			pr.Add("Readers["+strconv.Itoa(i)+"]", `"`+r+`"`, msg)
		}
	}
	return pr
}
