package lakeformation_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	producerStack = "Producer"
	consumerStack = "Consumer"
	producerAcct  = "111111111111"
	consumerAcct  = "222222222222"
)

var share struct {
	settings        *lakeformation.Settings
	named, byTag    *lakeformation.Grant
	dbLink, tblLink *lakeformation.ResourceLink
}

// CAT-07: the producer shares lake_curated.orders (by name and by LF-tag
// expression) with the consumer account; the consumer links it and lets
// its analysts read it.
var shareConfig = testkit.Register("lakeformation-share", nil, func(app constructs.Construct) {
	prod := awscdk.NewStack(app, jsii.String(producerStack), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(producerAcct), Region: jsii.String("eu-west-1")}})
	s := &share
	s.settings = lakeformation.NewSettings(prod, "Settings", &lakeformation.SettingsProps{
		Admins:                []string{"arn:aws:iam::111111111111:role/LakeAdmin"},
		ReadOnlyAdmins:        []string{"arn:aws:iam::111111111111:user/auditor"},
		DeployRoleAdmin:       jsii.Bool(false),
		MutationType:          lakeformation.Append,
		CrossAccountVersion:   intp(5),
		TrustedResourceOwners: []string{consumerAcct},
	})
	domain := lakeformation.ExistingTag("domain", "sales", "finance")
	s.named = lakeformation.NewGrant(prod, "ShareOrders", &lakeformation.GrantProps{
		Principal: consumerAcct, Resource: lakeformation.Table{Database: "lake_curated", Name: "orders"},
		Permissions: []lakeformation.Permission{lakeformation.Select, lakeformation.Describe},
		Grantable:   []lakeformation.Permission{lakeformation.Select, lakeformation.Describe}, Settings: s.settings,
	})
	s.byTag = lakeformation.NewGrant(prod, "ShareSales", &lakeformation.GrantProps{
		Principal: consumerAcct, Resource: lakeformation.TagExpression{ResourceType: lakeformation.TagTables, Conditions: []lakeformation.TagCondition{{Tag: domain, Values: []string{"sales"}}}},
		Permissions: []lakeformation.Permission{lakeformation.Select}, Grantable: []lakeformation.Permission{lakeformation.Select},
	})
	lakeformation.NewGrant(prod, "ShareTagValues", &lakeformation.GrantProps{
		Principal: consumerAcct, Resource: lakeformation.TagValues{Condition: lakeformation.TagCondition{Tag: domain, Values: []string{"sales"}}},
		Permissions: []lakeformation.Permission{lakeformation.Describe}, Grantable: []lakeformation.Permission{lakeformation.Describe},
	})

	cons := awscdk.NewStack(app, jsii.String(consumerStack), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String(consumerAcct), Region: jsii.String("eu-west-1")}})
	analyst := awsiam.NewRole(cons, jsii.String("Analyst"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	cs := lakeformation.NewSettings(cons, "Settings", &lakeformation.SettingsProps{Admins: []string{"arn:aws:iam::222222222222:role/LakeAdmin"}})
	s.dbLink = lakeformation.NewResourceLink(cons, "SharedCurated", &lakeformation.ResourceLinkProps{
		OwnerAccount: producerAcct, SharedDatabase: "lake_curated", Readers: []string{*analyst.RoleArn()}, Settings: cs,
	})
	s.tblLink = lakeformation.NewResourceLink(cons, "SharedOrders", &lakeformation.ResourceLinkProps{
		OwnerAccount: producerAcct, SharedDatabase: "lake_curated", SharedTable: "orders", LinkDatabase: "consumer_db",
		Name: "orders_link", Region: "eu-central-1", Readers: []string{*analyst.RoleArn()}, Settings: cs,
	})
})

func TestLakeformationShareProducer(t *testing.T) {
	st := shareConfig().Stack(t, producerStack)
	_, s := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", producerStack+"/Settings/Resource")
	js := testkit.JSON(testkit.Props(s))
	for _, want := range []string{`"MutationType":"APPEND"`, `"CROSS_ACCOUNT_VERSION":"5"`, `"ReadOnlyAdmins":[{"DataLakePrincipalIdentifier":"arn:aws:iam::111111111111:user/auditor"}]`,
		`"TrustedResourceOwners":["222222222222"]`, `"Admins":[{"DataLakePrincipalIdentifier":"arn:aws:iam::111111111111:role/LakeAdmin"}]`} {
		if !strings.Contains(js, want) {
			t.Errorf("settings lack %s: %s", want, js)
		}
	}
	if share.settings.DeployRole != nil {
		t.Error("DeployRoleAdmin false still made the deploy role an admin")
	}
	if !share.named.External || !share.byTag.External {
		t.Error("grants to another account are external")
	}
	_, g := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", producerStack+"/ShareOrders/Resource")
	if js := testkit.JSON(g); !strings.Contains(js, `"DataLakePrincipalIdentifier":"222222222222"`) || !strings.Contains(js, `"PermissionsWithGrantOption":["SELECT","DESCRIBE"]`) || !strings.Contains(js, `"CatalogId":"111111111111"`) {
		t.Errorf("named share = %s", js)
	}
	_, tg := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", producerStack+"/ShareSales/Resource")
	if js := testkit.JSON(tg); !strings.Contains(js, `"Expression":[{"TagKey":"domain","TagValues":["sales"]}]`) || strings.Contains(js, "DependsOn") {
		t.Errorf("tag share (an existing tag, no settings: no dependency) = %s", js)
	}
	st.Count(t, "AWS::LakeFormation::Tag", 0)
	st.Count(t, "AWS::RAM::ResourceShare", 0)
}

func TestLakeformationShareConsumer(t *testing.T) {
	st := shareConfig().Stack(t, consumerStack)
	_, db := st.ByPath(t, "AWS::Glue::Database", consumerStack+"/SharedCurated/Link")
	if js := testkit.JSON(db); !strings.Contains(js, `"TargetDatabase":{"CatalogId":"111111111111","DatabaseName":"lake_curated","Region":"eu-west-1"}`) ||
		!strings.Contains(js, `"DeletionPolicy":"Retain"`) || !strings.Contains(js, `"CatalogId":"222222222222"`) {
		t.Errorf("database link = %s", js)
	}
	if n := *share.dbLink.Name; n != strings.ToLower(n) || n == "" {
		t.Errorf("link name = %q", n)
	}
	_, tbl := st.ByPath(t, "AWS::Glue::Table", consumerStack+"/SharedOrders/Link")
	if js := testkit.JSON(tbl); !strings.Contains(js, `"TargetTable":{"CatalogId":"111111111111","DatabaseName":"lake_curated","Name":"orders","Region":"eu-central-1"}`) ||
		!strings.Contains(js, `"DatabaseName":"consumer_db"`) || !strings.Contains(js, `"Name":"orders_link"`) {
		t.Errorf("table link = %s", js)
	}
	_, rl := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", consumerStack+"/SharedCurated/Reader0Link/Resource")
	if js := testkit.JSON(rl); !strings.Contains(js, `"Database":{"CatalogId":"222222222222","Name":"`+*share.dbLink.Name+`"}`) || !strings.Contains(js, `"Permissions":["DESCRIBE"]`) || !strings.Contains(js, "SharedCuratedLink") {
		t.Errorf("link grant = %s", js)
	}
	_, rs := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", consumerStack+"/SharedCurated/Reader0Shared/Resource")
	if js := testkit.JSON(rs); !strings.Contains(js, `"Table":{"CatalogId":"111111111111","DatabaseName":"lake_curated","TableWildcard":{}}`) || !strings.Contains(js, `"Permissions":["SELECT","DESCRIBE"]`) {
		t.Errorf("shared grant = %s", js)
	}
	_, tl := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", consumerStack+"/SharedOrders/Reader0Link/Resource")
	if js := testkit.JSON(tl); !strings.Contains(js, `"Table":{"CatalogId":"222222222222","DatabaseName":"consumer_db","Name":"orders_link"}`) {
		t.Errorf("table link grant = %s", js)
	}
	_, ts := st.ByPath(t, "AWS::LakeFormation::PrincipalPermissions", consumerStack+"/SharedOrders/Reader0Shared/Resource")
	if js := testkit.JSON(ts); !strings.Contains(js, `"Table":{"CatalogId":"111111111111","DatabaseName":"lake_curated","Name":"orders"}`) {
		t.Errorf("shared table grant = %s", js)
	}
	// The consumer's settings: the deploy role with the account and region filled in.
	_, s := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", consumerStack+"/Settings/Resource")
	if js := testkit.JSON(s); !strings.Contains(js, "cfn-exec-role-222222222222-eu-west-1") {
		t.Errorf("consumer settings = %s", js)
	}
}
