package lakeformation_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// badStack is a stack of its own app for constructs expected to fail.
func badStack(t *testing.T) awscdk.Stack {
	return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}})
}

func TestLakeformationRejectedSettings(t *testing.T) {
	testkit.MustPanic(t, func() { lakeformation.NewSettings(badStack(t), "S", nil) },
		"lakeformation.Settings Bad/S: invalid props", "Admins = none")
	testkit.MustPanic(t, func() {
		lakeformation.NewSettings(badStack(t), "S", &lakeformation.SettingsProps{
			Admins:              []string{"LakeAdmin", "111111111111", "IAM_ALLOWED_PRINCIPALS", "arn:aws:iam::111111111111:group/admins"},
			ReadOnlyAdmins:      []string{"arn:aws:organizations::111111111111:organization/o-abcdefghij"},
			MutationType:        "MERGE",
			CrossAccountVersion: intp(2), TrustedResourceOwners: []string{"12345"},
		})
	}, `Admins[0] = "LakeAdmin": not a principal`, `Admins[1] = "111111111111": an IAM role or user ARN`, "Admins[2] = \"IAM_ALLOWED_PRINCIPALS\": IAM_ALLOWED_PRINCIPALS hands",
		`Admins[3] = "arn:aws:iam::111111111111:group/admins"`, "ReadOnlyAdmins[0]", "MutationType = MERGE", "CrossAccountVersion = 2", "TrustedResourceOwners[0] = 12345")
	testkit.MustPanic(t, func() {
		lakeformation.NewSettings(badStack(t), "S", &lakeformation.SettingsProps{Admins: []string{"arn:aws:iam::111111111111:role/A"}, CrossAccountVersion: intp(6)})
	}, "CrossAccountVersion = 6")
}

func TestLakeformationRejectedLocation(t *testing.T) {
	testkit.MustPanic(t, func() { lakeformation.NewLocation(badStack(t), "L", &lakeformation.LocationProps{Prefix: "/curated/"}) },
		"lakeformation.Location Bad/L: invalid props", "Bucket = nil", "Prefix = /curated/")
}

func TestLakeformationRejectedGrants(t *testing.T) {
	ok := "arn:aws:iam::111111111111:role/Analyst"
	cases := []struct {
		name  string
		props *lakeformation.GrantProps
		wants []string
	}{
		{"nil", nil, []string{`Principal = "": missing`, "Resource = nil"}},
		{"non-ARN principal", &lakeformation.GrantProps{Principal: "analyst", Resource: lakeformation.Database{Name: "db"}, Permissions: []lakeformation.Permission{lakeformation.Describe}},
			[]string{`Principal = "analyst": not a principal Lake Formation accepts`}},
		{"iam allowed principals", &lakeformation.GrantProps{Principal: "IAM_ALLOWED_PRINCIPALS", Resource: lakeformation.Database{Name: "db"}, Permissions: []lakeformation.Permission{lakeformation.Describe}},
			[]string{"IAM_ALLOWED_PRINCIPALS hands the resource back"}},
		{"database select", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.Database{Name: "db", CatalogId: "x"}, Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Select}},
			[]string{"Permissions = SELECT: Lake Formation allows on a database: ALL, ALTER, CREATE_TABLE, DESCRIBE, DROP", "each permission once", "Resource.CatalogId = x"}},
		{"table create", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.Table{}, Permissions: []lakeformation.Permission{lakeformation.CreateTable}, Grantable: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.Database", "Resource.Name", "Permissions = CREATE_TABLE", "Grantable = SELECT: a permission also in Permissions"}},
		{"all plus", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.AllTables{Database: "db"}, Permissions: []lakeformation.Permission{lakeformation.All, lakeformation.Select}},
			[]string{"ALL alone"}},
		{"columns both", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.Columns{Database: "db", Table: "t", Include: []string{"a", "a"}, Exclude: []string{"b"}}, Permissions: []lakeformation.Permission{lakeformation.Describe}},
			[]string{"Resource.Include/Exclude = both", "Resource.Include = a: each column once", "Permissions = DESCRIBE: Lake Formation allows on a table with a column filter: SELECT"}},
		{"columns none", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.Columns{Database: "db", Table: "t"}}, []string{"Resource.Include/Exclude = none", "Permissions = none"}},
		{"filter nil", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.Filtered{}, Permissions: []lakeformation.Permission{lakeformation.Insert}},
			[]string{"Resource.Filter = nil", "Permissions = INSERT: Lake Formation allows on a data cells filter: DESCRIBE, DROP, SELECT"}},
		{"location", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.DataLocation{}, Permissions: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.Location = nil", "Permissions = SELECT: Lake Formation allows on a data location: DATA_LOCATION_ACCESS"}},
		{"link", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.LinkTo{}, Permissions: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.Link = nil", "allows on a resource link: DESCRIBE, DROP"}},
		{"tag values", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.TagValues{Condition: lakeformation.TagCondition{Tag: lakeformation.ExistingTag("domain", "sales"), Values: []string{"hr"}}}, Permissions: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.Condition.Values = hr: a value LF-tag domain defines: sales", "allows on LF-tag values: ASSOCIATE, DESCRIBE"}},
		{"tag expression", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.TagExpression{ResourceType: "VIEW", Conditions: []lakeformation.TagCondition{
			{Tag: nil, Values: []string{"x"}}, {Tag: lakeformation.ExistingTag("domain", "sales"), Values: []string{"marketing"}}, {Tag: lakeformation.ExistingTag("Domain", "sales")}}},
			Permissions: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.ResourceType = VIEW", "Resource.Conditions[0].Tag = nil: an LF-tag defined", "Resource.Conditions[1].Values = marketing: a value LF-tag domain defines: sales",
				"Resource.Conditions[2].Values = none", "Resource.Conditions[2].Tag = Domain: each LF-tag once"}},
		{"tag expression empty", &lakeformation.GrantProps{Principal: ok, Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagDatabases}, Permissions: []lakeformation.Permission{lakeformation.Select}},
			[]string{"Resource.Conditions = none", "Permissions = SELECT: Lake Formation allows on an LF-tag expression on databases"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() { lakeformation.NewGrant(badStack(t), "G", c.props) }, append([]string{"lakeformation.Grant Bad/G: invalid props"}, c.wants...)...)
		})
	}
}

func TestLakeformationRejectedTags(t *testing.T) {
	testkit.MustPanic(t, func() {
		lakeformation.NewTag(badStack(t), "T", &lakeformation.TagProps{Key: "bad*key", Values: []string{"a", "A", ""}, CatalogId: "me"})
	}, "lakeformation.Tag Bad/T: invalid props", `Key = "bad*key"`, "Values = A: each value once", `Values = "": 1 to 256`, "Tag.CatalogId = me")
	testkit.MustPanic(t, func() { lakeformation.NewTag(badStack(t), "T", nil) }, `Key = ""`, "Values = 0: 1 to 1000 values")
	tag := lakeformation.ExistingTag("domain", "sales", "finance")
	cases := []struct {
		name  string
		props *lakeformation.TagAssociationProps
		wants []string
	}{
		{"nil", nil, []string{"Resource = nil", "Tags.Conditions = none"}},
		{"all tables", &lakeformation.TagAssociationProps{Resource: lakeformation.AllTables{Database: "db"}, Tags: []lakeformation.TagCondition{{Tag: tag, Values: []string{"sales"}}}},
			[]string{"Resource = AllTables: the Database"}},
		{"two values", &lakeformation.TagAssociationProps{Resource: lakeformation.Table{Database: "db", Name: "t"}, Tags: []lakeformation.TagCondition{{Tag: tag, Values: []string{"sales", "finance"}}}},
			[]string{"Tags[0].Values = [sales finance]: one value"}},
		{"undefined value", &lakeformation.TagAssociationProps{Resource: lakeformation.Database{Name: "db"}, Tags: []lakeformation.TagCondition{{Tag: tag, Values: []string{"hr"}}}},
			[]string{"Tags.Conditions[0].Values = hr"}},
		{"columns exclude", &lakeformation.TagAssociationProps{Resource: lakeformation.Columns{Database: "db", Table: "t", Exclude: []string{"a"}}, Tags: []lakeformation.TagCondition{{Tag: tag, Values: []string{"sales"}}}},
			[]string{"Resource.Include/Exclude", "the columns to tag in Include"}},
		{"filter", &lakeformation.TagAssociationProps{Resource: lakeformation.Filtered{}, Tags: []lakeformation.TagCondition{{Tag: tag, Values: []string{"sales"}}}},
			[]string{"LF-tags attach to catalog resources only"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() { lakeformation.NewTagAssociation(badStack(t), "A", c.props) }, append([]string{"lakeformation.TagAssociation Bad/A: invalid props"}, c.wants...)...)
		})
	}
}

func TestLakeformationRejectedFilters(t *testing.T) {
	testkit.MustPanic(t, func() {
		lakeformation.NewDataCellsFilter(badStack(t), "F", &lakeformation.FilterProps{Database: "db", Table: "t"})
	},
		"lakeformation.DataCellsFilter Bad/F: invalid props", "RowFilter/Columns/ExcludedColumns = none")
	testkit.MustPanic(t, func() {
		lakeformation.NewDataCellsFilter(badStack(t), "F", &lakeformation.FilterProps{RowFilter: "country = 'DE", Columns: []string{"a"}, ExcludedColumns: []string{"b"}, Name: "two\nlines"})
	}, `Database = ""`, `Table = ""`, "Columns/ExcludedColumns = both", "RowFilter = country = 'DE: balanced single quotes", "Name = two")
	for expr, want := range map[string]string{
		"a = 1; DROP TABLE t":  "without ';'",
		"(a = 1":               "balanced parentheses",
		"a = 1)":               "balanced parentheses",
		"SELECT * FROM t":      "without SELECT or WHERE",
		"WHERE country = 'DE'": "without SELECT or WHERE",
	} {
		testkit.MustPanic(t, func() {
			lakeformation.NewDataCellsFilter(badStack(t), "F", &lakeformation.FilterProps{Database: "db", Table: "t", RowFilter: expr})
		}, "RowFilter = "+expr, want)
	}
}

func TestLakeformationRejectedLinks(t *testing.T) {
	testkit.MustPanic(t, func() { lakeformation.NewResourceLink(badStack(t), "R", nil) },
		"lakeformation.ResourceLink Bad/R: invalid props", `OwnerAccount = ""`, `SharedDatabase = ""`)
	testkit.MustPanic(t, func() {
		lakeformation.NewResourceLink(badStack(t), "R", &lakeformation.ResourceLinkProps{OwnerAccount: "111111111111", SharedDatabase: "db", SharedTable: "t", Name: "Bad-Name", Readers: []string{"bob"}})
	}, "OwnerAccount = 111111111111: another account", `LinkDatabase = ""`, "Name = Bad-Name", `Readers[0] = "bob"`)
	testkit.MustPanic(t, func() {
		lakeformation.NewResourceLink(badStack(t), "R", &lakeformation.ResourceLinkProps{OwnerAccount: "222222222222", SharedDatabase: "db", LinkDatabase: "local"})
	}, "LinkDatabase = local: only with SharedTable")
}

func TestLakeformationRejectedIamAccess(t *testing.T) {
	testkit.MustPanic(t, func() { lakeformation.NewIamTableAccess(badStack(t), "I", nil) },
		"lakeformation.IamTableAccess Bad/I: invalid props", `Database = ""`, "Tables = none", "Roles = none")
	testkit.MustPanic(t, func() {
		stack := badStack(t)
		role := awsiam.NewRole(stack, jsii.String("R"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
		lakeformation.NewIamTableAccess(stack, "I", &lakeformation.IamTableAccessProps{
			Database: "*", Tables: []lakeformation.IamTable{{Name: "orders*", Prefix: "/"}}, Roles: []awsiam.IRole{role}, Workgroup: "primary",
		})
	}, "Database = *", "Tables[0].Name = orders*", "Tables[0].Bucket = nil", `Tables[0].Prefix = "/"`, "Workgroup/ResultsBucket = primary: both or neither")
	testkit.MustPanic(t, func() {
		stack := badStack(t)
		b := awss3Bucket(stack)
		role := awsiam.NewRole(stack, jsii.String("R"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
		lakeformation.NewIamTableAccess(stack, "I", &lakeformation.IamTableAccessProps{
			Database: "db", Tables: []lakeformation.IamTable{{Name: "t", Bucket: b, Prefix: "t/"}}, Roles: []awsiam.IRole{role}, Workgroup: "primary", ResultsBucket: b,
		})
	}, `ResultsPrefix = ""`)
}

func awss3Bucket(stack awscdk.Stack) awss3.IBucket {
	return awss3.Bucket_FromBucketName(stack, jsii.String("B"), jsii.String("some-bucket"))
}
func intp(i int) *int { return &i }
