package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestLakehouseGovernance: the Lake Formation part of the Lakehouse stack
// over GlueEtl's lake: settings without IAMAllowedPrincipals defaults and
// with the stack's admin, the three registered prefixes (GlueEtl's in hybrid
// mode), the governed database created after the settings, tags, the data
// cells filter and who is granted what; the consumer account only when
// configured.
func TestLakehouseGovernance(t *testing.T) {
	const name = "Lakehouse"
	s := configured("cdk.json")
	st := s.Stack(t, name)
	lakeName := s.Stack(t, "GlueEtl").Name
	fromLake := func(v any) bool { return strings.Contains(testkit.JSON(v), `"StackName":"`+lakeName+`"`) }

	settingsID, settings := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", name+"/LakeSettings/Resource")
	sp := testkit.Props(settings)
	adminID, _ := st.ByPath(t, "AWS::IAM::Role", name+"/LakeAdmin/Resource")
	if testkit.JSON(sp["CreateDatabaseDefaultPermissions"]) != "[]" || testkit.JSON(sp["CreateTableDefaultPermissions"]) != "[]" ||
		!strings.Contains(testkit.JSON(sp["Admins"]), adminID) {
		t.Errorf("settings = %s", testkit.JSON(sp))
	}
	dbID, db := st.ByPath(t, "AWS::Glue::Database", name+"/Database/Resource")
	if testkit.JSON(db["DependsOn"]) == "null" || !strings.Contains(testkit.JSON(db["DependsOn"]), settingsID) || db["DeletionPolicy"] != "Retain" {
		t.Errorf("the database must be created after the settings and retained: %s", testkit.JSON(db))
	}
	if testkit.Props(db)["DatabaseInput"].(map[string]any)["Name"] != "lakehouse" {
		t.Errorf("database = %s", testkit.JSON(db))
	}
	locations := map[string]map[string]any{}
	for _, r := range st.Resources("AWS::LakeFormation::Resource") {
		p := testkit.Props(r)
		if !fromLake(p["ResourceArn"]) || p["UseServiceLinkedRole"] != false {
			t.Errorf("location not on GlueEtl's bucket or with the service-linked role: %s", testkit.JSON(p))
		}
		for _, prefix := range []string{"iceberg/orders", "raw/reviews", "curated/orders"} {
			if strings.Contains(testkit.JSON(p["ResourceArn"]), "/"+prefix) {
				locations[prefix] = p
			}
		}
	}
	if len(locations) != 3 || locations["curated/orders"]["HybridAccessEnabled"] != true || locations["iceberg/orders"]["HybridAccessEnabled"] == true {
		t.Errorf("registered locations = %s", testkit.JSON(locations))
	}
	st.Count(t, "AWS::LakeFormation::Tag", 2)
	_, filter := st.ByPath(t, "AWS::LakeFormation::DataCellsFilter", name+"/ShippedOrders/Resource")
	if f := testkit.JSON(testkit.Props(filter)); !strings.Contains(f, `"FilterExpression":"status = 'shipped'"`) || !strings.Contains(f, `"ExcludedColumnNames":["customer_id"]`) {
		t.Errorf("filter = %s", f)
	}
	grants := map[string]string{}
	for id, r := range st.Resources("AWS::LakeFormation::PrincipalPermissions") {
		grants[id] = testkit.JSON(testkit.Props(r))
	}
	has := func(principal, fragment string) bool {
		for _, g := range grants {
			if strings.Contains(g, principal) && strings.Contains(g, fragment) {
				return true
			}
		}
		return false
	}
	analyst, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Analyst/Resource")
	fulfilment, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Fulfilment/Resource")
	if !has(analyst, `"LFTagPolicy"`) || !has(analyst, `"TagValues":["public"]`) || has(analyst, `"DataCellsFilter"`) {
		t.Error("the analyst reads by LF-tag expression (domain=sales, sensitivity=public) only")
	}
	if !has(fulfilment, `"DataCellsFilter"`) || has(fulfilment, `"LFTagPolicy"`) {
		t.Error("fulfilment reads through the data cells filter only")
	}
	if has("333333333333", "") {
		t.Error("no consumer account without lakehouse.consumerAccount")
	}
	reviewsRole, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Reviews/Role/Resource")
	if !has(reviewsRole, `"CREATE_TABLE"`) || !has(reviewsRole, `"DATA_LOCATION_ACCESS"`) {
		t.Error("the reviews crawler may create its table and use its location")
	}
	_, classifier := st.ByPath(t, "AWS::Glue::Classifier", name+"/Reviews/Classifier")
	if testkit.Props(classifier)["CsvClassifier"].(map[string]any)["Delimiter"] != "\t" {
		t.Errorf("reviews classifier = %s", testkit.JSON(classifier))
	}
	for _, path := range []string{name + "/OrdersIceberg/Table", name + "/OrdersProjected/Table"} {
		_, tbl := st.ByPath(t, "AWS::Glue::Table", path)
		if !strings.Contains(testkit.JSON(tbl["DependsOn"]), dbID) {
			t.Errorf("%s is not created after the database", path)
		}
	}
	_, projected := st.ByPath(t, "AWS::Glue::Table", name+"/OrdersProjected/Table")
	if p := testkit.JSON(testkit.Props(projected)); !fromLake(testkit.Props(projected)) || !strings.Contains(p, `"projection.enabled":"true"`) || !strings.Contains(p, "curated/orders/") {
		t.Errorf("projected table = %s", p)
	}
	optimizers := 0
	for _, o := range st.Resources("AWS::Glue::TableOptimizer") {
		role := testkit.JSON(testkit.Props(o)["TableOptimizerConfiguration"].(map[string]any)["RoleArn"])
		for _, g := range grants {
			if strings.Contains(g, `"ALL"`) && strings.Contains(g, strings.TrimSuffix(strings.TrimPrefix(role, `{"Fn::GetAtt":["`), `","Arn"]}`)) {
				optimizers++
				break
			}
		}
	}
	if optimizers != 3 {
		t.Errorf("%d of 3 optimizers hold ALL on the Iceberg table", optimizers)
	}
	_, raw := st.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/RawReaderAccess/Policy/Resource")
	if r := testkit.JSON(testkit.Props(raw)); !strings.Contains(r, "table/lake_curated/orders") || strings.Contains(r, "table/lake_curated/*") {
		t.Errorf("RawReader's IAM access must name the table: %s", r)
	}

	t.Run("all-options: consumer account, extra admin, own database", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		cross := 0
		for _, r := range st.Resources("AWS::LakeFormation::PrincipalPermissions") {
			if p := testkit.JSON(testkit.Props(r)); strings.Contains(p, `"DataLakePrincipalIdentifier":"333333333333"`) {
				cross++
				if !strings.Contains(p, "LFTag") {
					t.Errorf("the consumer receives tag-based grants: %s", p)
				}
			}
		}
		if cross != 2 {
			t.Errorf("%d grants to the consumer account, want 2 (databases, tables)", cross)
		}
		_, settings := st.ByPath(t, "AWS::LakeFormation::DataLakeSettings", name+"/LakeSettings/Resource")
		if !strings.Contains(testkit.JSON(settings), "role/data-platform-admins") {
			t.Errorf("settings = %s", testkit.JSON(settings))
		}
		_, db := st.ByPath(t, "AWS::Glue::Database", name+"/Database/Resource")
		if !strings.Contains(testkit.JSON(db), `"Name":"shop_lakehouse"`) {
			t.Errorf("database = %s", testkit.JSON(db))
		}
	})
}
