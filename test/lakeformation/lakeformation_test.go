package lakeformation_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const lakeStack = "LakeStack"

var lake struct {
	settings     *lakeformation.Settings
	location     *lakeformation.Location
	readOnly     *lakeformation.Location
	domain, pii  *lakeformation.Tag
	filter       *lakeformation.DataCellsFilter
	columnFilter *lakeformation.DataCellsFilter
	grants       map[string]*lakeformation.Grant
	iam          *lakeformation.IamTableAccess
}

// The notes' bootstrap: an admin, the lake's curated prefix registered,
// lake_curated.orders governed by grants, LF-tags and a filter; and the
// IAM-only alternative for a second table.
var lakeConfig = testkit.Register("lakeformation", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(lakeStack), nil)
	bucket := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	results := securebucket.New(stack, "Results", &securebucket.Props{Encryption: securebucket.SSEKMS})
	analyst := awsiam.NewRole(stack, jsii.String("Analyst"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	engineer := awsiam.NewRole(stack, jsii.String("Engineer"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	l := &lake
	l.grants = map[string]*lakeformation.Grant{}
	l.settings = lakeformation.NewSettings(stack, "Settings", &lakeformation.SettingsProps{
		Admins: []string{*engineer.RoleArn()},
	})
	l.location = lakeformation.NewLocation(stack, "Curated", &lakeformation.LocationProps{
		Bucket: bucket.Bucket, Prefix: "curated/", Settings: l.settings,
	})
	l.readOnly = lakeformation.NewLocation(stack, "Raw", &lakeformation.LocationProps{
		Bucket: bucket.Bucket, Prefix: "raw/", ReadOnly: jsii.Bool(true), HybridAccess: jsii.Bool(true),
	})
	l.domain = lakeformation.NewTag(stack, "Domain", &lakeformation.TagProps{Key: "domain", Values: []string{"sales", "finance"}, Settings: l.settings})
	l.pii = lakeformation.NewTag(stack, "Sensitivity", &lakeformation.TagProps{Key: "sensitivity", Values: []string{"public", "pii"}, Settings: l.settings})
	lakeformation.NewTagAssociation(stack, "DatabaseTags", &lakeformation.TagAssociationProps{
		Resource: lakeformation.Database{Name: "lake_curated"},
		Tags:     []lakeformation.TagCondition{{Tag: l.domain, Values: []string{"sales"}}, {Tag: l.pii, Values: []string{"public"}}},
		Settings: l.settings,
	})
	lakeformation.NewTagAssociation(stack, "OrdersTags", &lakeformation.TagAssociationProps{
		Resource: lakeformation.Table{Database: "lake_curated", Name: "orders"},
		Tags:     []lakeformation.TagCondition{{Tag: l.domain, Values: []string{"sales"}}},
	})
	lakeformation.NewTagAssociation(stack, "PiiColumns", &lakeformation.TagAssociationProps{
		Resource: lakeformation.Columns{Database: "lake_curated", Table: "orders", Include: []string{"email", "phone"}},
		Tags:     []lakeformation.TagCondition{{Tag: l.pii, Values: []string{"pii"}}},
	})
	l.filter = lakeformation.NewDataCellsFilter(stack, "GermanOrders", &lakeformation.FilterProps{
		Database: "lake_curated", Table: "orders", RowFilter: "country = 'DE'", ExcludedColumns: []string{"email"}, Settings: l.settings,
	})
	l.columnFilter = lakeformation.NewDataCellsFilter(stack, "Amounts", &lakeformation.FilterProps{
		Database: "lake_curated", Table: "orders", Name: "amounts_only", Columns: []string{"order_id", "amount"},
	})
	a := *analyst.RoleArn()
	grant := func(id string, p lakeformation.GrantProps) {
		p.Settings = l.settings
		l.grants[id] = lakeformation.NewGrant(stack, id, &p)
	}
	grant("DescribeDb", lakeformation.GrantProps{Principal: a, Resource: lakeformation.Database{Name: "lake_curated"}, Permissions: []lakeformation.Permission{lakeformation.Describe}})
	grant("SelectOrders", lakeformation.GrantProps{Principal: a, Resource: lakeformation.Table{Database: "lake_curated", Name: "orders"}, Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}})
	grant("DescribeAll", lakeformation.GrantProps{Principal: a, Resource: lakeformation.AllTables{Database: "lake_curated"}, Permissions: []lakeformation.Permission{lakeformation.Describe}})
	grant("SomeColumns", lakeformation.GrantProps{Principal: a, Resource: lakeformation.Columns{Database: "lake_curated", Table: "orders", Include: []string{"order_id", "amount"}}, Permissions: []lakeformation.Permission{lakeformation.Select}})
	grant("NotEmail", lakeformation.GrantProps{Principal: a, Resource: lakeformation.Columns{Database: "lake_curated", Table: "orders", Exclude: []string{"email"}}, Permissions: []lakeformation.Permission{lakeformation.Select}})
	grant("Filtered", lakeformation.GrantProps{Principal: a, Resource: lakeformation.Filtered{Filter: l.filter}, Permissions: []lakeformation.Permission{lakeformation.Select}})
	grant("ByTag", lakeformation.GrantProps{Principal: a, Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagTables,
		Conditions: []lakeformation.TagCondition{{Tag: l.domain, Values: []string{"sales"}}, {Tag: l.pii, Values: []string{"public"}}}},
		Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}})
	grant("DbByTag", lakeformation.GrantProps{Principal: a, Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagDatabases,
		Conditions: []lakeformation.TagCondition{{Tag: l.domain, Values: []string{"sales", "finance"}}}},
		Permissions: []lakeformation.Permission{lakeformation.Describe}})
	grant("Location", lakeformation.GrantProps{Principal: *engineer.RoleArn(), Resource: lakeformation.DataLocation{Location: l.location}, Permissions: []lakeformation.Permission{lakeformation.DataLocationAccess}})
	grant("Steward", lakeformation.GrantProps{Principal: *engineer.RoleArn(), Resource: lakeformation.TagValues{Condition: lakeformation.TagCondition{Tag: l.pii, Values: []string{"pii", "public"}}},
		Permissions: []lakeformation.Permission{lakeformation.Associate, lakeformation.Describe}, Grantable: []lakeformation.Permission{lakeformation.Describe}})
	grant("External", lakeformation.GrantProps{Principal: "arn:aws:iam::333333333333:role/Partner", Resource: lakeformation.Table{Database: "lake_curated", Name: "orders"}, Permissions: []lakeformation.Permission{lakeformation.Select}})

	l.iam = lakeformation.NewIamTableAccess(stack, "IamReaders", &lakeformation.IamTableAccessProps{
		Database:  "lake_raw",
		Tables:    []lakeformation.IamTable{{Name: "clicks", Bucket: bucket.Bucket, Prefix: "raw/clicks/"}, {Name: "orders_raw", Bucket: bucket.Bucket, Prefix: "raw/orders"}},
		Roles:     []awsiam.IRole{analyst},
		Workgroup: "analysts", ResultsBucket: results.Bucket, ResultsPrefix: "athena/",
	})
	lakeformation.NewIamTableAccess(stack, "IamWriters", &lakeformation.IamTableAccessProps{
		Database: "lake_raw",
		Tables:   []lakeformation.IamTable{{Name: "clicks", Bucket: bucket.Bucket, Prefix: "raw/clicks/"}},
		Roles:    []awsiam.IRole{engineer},
		Write:    jsii.Bool(true), DenyDrop: jsii.Bool(false),
	})
})

func TestLakeformationSettingsDefaults(t *testing.T) {
	st := lakeConfig().Stack(t, lakeStack)
	_, s := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", lakeStack+"/Settings/Resource")
	p := testkit.Props(s)
	js := testkit.JSON(p)
	for _, want := range []string{
		`"CreateDatabaseDefaultPermissions":[]`, `"CreateTableDefaultPermissions":[]`,
		`"MutationType":"REPLACE"`, `"Parameters":{"CROSS_ACCOUNT_VERSION":"4"}`, `"AllowExternalDataFiltering":false`,
		`cdk-hnb659fds-cfn-exec-role-${AWS::AccountId}-${AWS::Region}`, `"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/`,
		`"Fn::GetAtt":["Engineer`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("settings lack %s:\n%s", want, js)
		}
	}
	if strings.Contains(js, "IAM_ALLOWED_PRINCIPALS") || strings.Contains(js, "ReadOnlyAdmins") || strings.Contains(js, "TrustedResourceOwners") {
		t.Errorf("settings = %s", js)
	}
	if lake.settings.DeployRole == nil || len(lake.settings.Admins) != 2 {
		t.Errorf("admins = %v", lake.settings.Admins)
	}
}

func TestLakeformationLocation(t *testing.T) {
	st := lakeConfig().Stack(t, lakeStack)
	_, r := st.ByPath(t, "AWS::LakeFormation::Resource", lakeStack+"/Curated/Resource")
	js := testkit.JSON(r)
	for _, want := range []string{`"UseServiceLinkedRole":false`, `"HybridAccessEnabled":false`, `/curated"]]}`, `"RoleArn":{"Fn::GetAtt":["CuratedRole`, `"Settings`} {
		if !strings.Contains(js, want) {
			t.Errorf("location lacks %s: %s", want, js)
		}
	}
	_, role := st.ByPath(t, "AWS::IAM::Role", lakeStack+"/Curated/Role/Resource")
	if !strings.Contains(testkit.JSON(role), `"Service":"lakeformation.amazonaws.com"`) || strings.Contains(testkit.JSON(role), "ManagedPolicyArns") {
		t.Errorf("role = %s", testkit.JSON(role))
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", lakeStack+"/Curated/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{`"s3:prefix":["curated","curated/*"]`, `"s3:AbortMultipartUpload","s3:DeleteObject","s3:GetObject","s3:PutObject"`, `/curated/*"]]}`,
		`"kms:Decrypt","kms:DescribeKey","kms:Encrypt","kms:GenerateDataKey"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("location role lacks %s: %s", want, doc)
		}
	}
	if strings.Contains(doc, `"s3:*"`) || strings.Contains(doc, `"kms:*"`) {
		t.Errorf("location role too broad: %s", doc)
	}
	// Read-only, hybrid, no settings.
	_, raw := st.ByPath(t, "AWS::LakeFormation::Resource", lakeStack+"/Raw/Resource")
	if js := testkit.JSON(raw); !strings.Contains(js, `"HybridAccessEnabled":true`) || strings.Contains(js, "Settings") {
		t.Errorf("raw = %s", js)
	}
	_, rpol := st.ByPath(t, "AWS::IAM::Policy", lakeStack+"/Raw/Role/DefaultPolicy/Resource")
	if doc := testkit.JSON(rpol); strings.Contains(doc, "s3:PutObject") || strings.Contains(doc, "kms:Encrypt") || !strings.Contains(doc, `"kms:Decrypt","kms:DescribeKey"`) {
		t.Errorf("read-only role = %s", doc)
	}
}

func TestLakeformationGrants(t *testing.T) {
	st := lakeConfig().Stack(t, lakeStack)
	want := map[string][]string{
		"DescribeDb":   {`"Permissions":["DESCRIBE"]`, `"Database":{"CatalogId":{"Ref":"AWS::AccountId"},"Name":"lake_curated"}`, `"PermissionsWithGrantOption":[]`},
		"SelectOrders": {`"Permissions":["SELECT","DESCRIBE"]`, `"Table":{"CatalogId":{"Ref":"AWS::AccountId"},"DatabaseName":"lake_curated","Name":"orders"}`},
		"DescribeAll":  {`"TableWildcard":{}`},
		"SomeColumns":  {`"TableWithColumns":{"CatalogId":{"Ref":"AWS::AccountId"},"ColumnNames":["order_id","amount"]`},
		"NotEmail":     {`"ColumnWildcard":{"ExcludedColumnNames":["email"]}`},
		"Filtered":     {`"DataCellsFilter":{"DatabaseName":"lake_curated","Name":`, `"TableName":"orders"`, `GermanOrders`},
		"ByTag":        {`"LFTagPolicy":{"CatalogId":{"Ref":"AWS::AccountId"},"Expression":[{"TagKey":"domain","TagValues":["sales"]},{"TagKey":"sensitivity","TagValues":["public"]}],"ResourceType":"TABLE"}`, `"Domain`, `"Sensitivity`},
		"DbByTag":      {`"ResourceType":"DATABASE"`, `"TagValues":["sales","finance"]`},
		"Location":     {`"DataLocation":{"CatalogId":{"Ref":"AWS::AccountId"},"ResourceArn":`, `"Permissions":["DATA_LOCATION_ACCESS"]`, `"Curated`},
		"Steward":      {`"LFTag":{"CatalogId":{"Ref":"AWS::AccountId"},"TagKey":"sensitivity","TagValues":["pii","public"]}`, `"PermissionsWithGrantOption":["DESCRIBE"]`},
		"External":     {`"DataLakePrincipalIdentifier":"arn:aws:iam::333333333333:role/Partner"`},
	}
	for id, wants := range want {
		_, g := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", lakeStack+"/"+id+"/Resource")
		js := testkit.JSON(g)
		for _, w := range append(wants, `"Settings`) {
			if !strings.Contains(js, w) {
				t.Errorf("grant %s lacks %s:\n%s", id, w, js)
			}
		}
	}
	if lake.grants["SelectOrders"].External {
		t.Error("a same-account grant is not external")
	}
}

func TestLakeformationTagsAndFilters(t *testing.T) {
	st := lakeConfig().Stack(t, lakeStack)
	st.Has(t, "AWS::LakeFormation::Tag", map[string]any{"TagKey": "domain", "TagValues": []any{"sales", "finance"}})
	st.Count(t, "AWS::LakeFormation::TagAssociation", 3)
	_, cols := st.ByPath(t, "AWS::LakeFormation::TagAssociation", lakeStack+"/PiiColumns/Resource")
	if js := testkit.JSON(cols); !strings.Contains(js, `"TableWithColumns":{"CatalogId":{"Ref":"AWS::AccountId"},"ColumnNames":["email","phone"],"DatabaseName":"lake_curated","Name":"orders"}`) ||
		!strings.Contains(js, `"LFTags":[{"CatalogId":{"Ref":"AWS::AccountId"},"TagKey":"sensitivity","TagValues":["pii"]}]`) || !strings.Contains(js, `"Sensitivity`) {
		t.Errorf("column association = %s", js)
	}
	_, db := st.ByPath(t, "AWS::LakeFormation::TagAssociation", lakeStack+"/DatabaseTags/Resource")
	if js := testkit.JSON(db); !strings.Contains(js, `"Database":{"CatalogId":{"Ref":"AWS::AccountId"},"Name":"lake_curated"}`) {
		t.Errorf("database association = %s", js)
	}
	_, f := st.ByPath(t, "AWS::LakeFormation::DataCellsFilter", lakeStack+"/GermanOrders/Resource")
	if js := testkit.JSON(testkit.Props(f)); !strings.Contains(js, `"RowFilter":{"FilterExpression":"country = 'DE'"}`) || !strings.Contains(js, `"ColumnWildcard":{"ExcludedColumnNames":["email"]}`) ||
		!strings.Contains(js, `"TableCatalogId":{"Ref":"AWS::AccountId"}`) {
		t.Errorf("filter = %s", js)
	}
	_, f2 := st.ByPath(t, "AWS::LakeFormation::DataCellsFilter", lakeStack+"/Amounts/Resource")
	if js := testkit.JSON(testkit.Props(f2)); !strings.Contains(js, `"RowFilter":{"AllRowsWildcard":{}}`) || !strings.Contains(js, `"ColumnNames":["order_id","amount"]`) || !strings.Contains(js, `"Name":"amounts_only"`) {
		t.Errorf("column filter = %s", js)
	}
}

func TestLakeformationIamTableAccess(t *testing.T) {
	st := lakeConfig().Stack(t, lakeStack)
	_, pol := st.ByPath(t, "AWS::IAM::ManagedPolicy", lakeStack+"/IamReaders/Policy/Resource")
	doc := testkit.JSON(pol)
	for _, want := range []string{
		`":glue:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},":catalog"`,
		`":database/lake_raw"`, `":table/lake_raw/clicks"`, `":table/lake_raw/orders_raw"`,
		`"glue:BatchGetPartition","glue:GetPartition","glue:GetPartitions","glue:GetTable"`,
		`"Effect":"Deny"`, `"glue:BatchDeleteTable","glue:DeleteDatabase","glue:DeleteTable"`,
		`"s3:prefix":["raw/clicks/*"]`, `"s3:prefix":["raw/orders/*"]`, `/raw/clicks/*"]]}`,
		`"kms:Decrypt","kms:DescribeKey"`,
		`"athena:StartQueryExecution"`, `":workgroup/analysts"`, `"s3:prefix":["athena/*"]`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("IAM policy lacks %s:\n%s", want, doc)
		}
	}
	if strings.Contains(doc, "glue:BatchCreatePartition") || strings.Contains(doc, `"glue:*"`) || strings.Contains(doc, "table/lake_raw/*") || strings.Contains(doc, "lakeformation:") {
		t.Errorf("reader policy too broad: %s", doc)
	}
	_, w := st.ByPath(t, "AWS::IAM::ManagedPolicy", lakeStack+"/IamWriters/Policy/Resource")
	wdoc := testkit.JSON(w)
	if !strings.Contains(wdoc, "glue:BatchCreatePartition") || !strings.Contains(wdoc, "s3:PutObject") || strings.Contains(wdoc, "Deny") || strings.Contains(wdoc, "athena:") {
		t.Errorf("writer policy = %s", wdoc)
	}
}
