package stacks_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/stacks/lakehouse"
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
	st.Count(t, "AWS::Glue::Crawler", 1) // no other regions in cdk.json
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
		dbID, db := st.ByPath(t, "AWS::Glue::Database", name+"/Database/Resource")
		if !strings.Contains(testkit.JSON(db), `"Name":"shop_lakehouse"`) {
			t.Errorf("database = %s", testkit.JSON(db))
		}
		// CAT-13: the us-east-1 bucket crawled from eu-west-1 into the
		// governed database; the analyst reads it through IAM.
		_, crawler := st.ByPath(t, "AWS::Glue::Crawler", name+"/OtherRegions/Crawler")
		if c := testkit.JSON(testkit.Props(crawler)); !strings.Contains(c, `"Path":"s3://sales-us-east-1/orders/"`) || !strings.Contains(c, `"DatabaseName":{"Ref":"`+dbID+`"}`) {
			t.Errorf("other-region crawler = %s", c)
		}
		analyst, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Analyst/Resource")
		var policy string
		for _, p := range st.Resources("AWS::IAM::Policy") {
			if strings.Contains(testkit.JSON(testkit.Props(p)["Roles"]), analyst) {
				policy += testkit.JSON(p)
			}
		}
		if !strings.Contains(policy, ":s3:::sales-us-east-1/orders/*") || !strings.Contains(policy, "arn:aws:kms:us-east-1:111111111111:key/") {
			t.Errorf("analyst policy lacks the other region's prefix or key: %s", policy)
		}
	})
}

// TestLakehouseAnalytics: the Athena part: one enforced workgroup with the
// configured cutoff and data usage alarm, granted to the three roles; every
// query file saved as a named query, each one SELECT of the lakehouse
// tables; the prepared statement; the daily Iceberg MERGE of GlueEtl's
// published orders; the one-time CTAS of the reviews; the Spark workgroup
// and the CloudWatch Logs catalog, and neither when turned off.
func TestLakehouseAnalytics(t *testing.T) {
	const name = "Lakehouse"
	st := configured("cdk.json").Stack(t, name)
	wgID, wg := st.ByPath(t, "AWS::Athena::WorkGroup", name+"/WorkGroup/WorkGroup")
	conf := testkit.Props(wg)["WorkGroupConfiguration"].(map[string]any)
	if conf["BytesScannedCutoffPerQuery"] != 1024e6 || conf["EnforceWorkGroupConfiguration"] != true ||
		!strings.Contains(testkit.JSON(conf["EngineVersion"]), "Athena engine version 3") || !strings.Contains(testkit.JSON(conf["ResultConfiguration"]), "SSE_KMS") {
		t.Errorf("workgroup = %s", testkit.JSON(conf))
	}
	daily := false
	for _, a := range st.Resources("AWS::CloudWatch::Alarm") {
		p := testkit.Props(a)
		if p["MetricName"] == "ProcessedBytes" && p["Threshold"] == 100e9 && p["Period"] == 86400.0 {
			daily = true
		}
	}
	if !daily {
		t.Error("no daily ProcessedBytes alarm at dailyScanAlarmGB")
	}

	queries := lakehouse.NamedQueries()
	if len(queries) < 6 {
		t.Fatalf("%d named queries, want the six of ANA-08/09/10", len(queries))
	}
	saved := map[string]map[string]any{}
	for _, q := range st.Resources("AWS::Athena::NamedQuery") {
		p := testkit.Props(q)
		saved[p["Name"].(string)] = p
	}
	lakehouseTables := regexp.MustCompile(`(?i)\bFROM\s+([a-z_.]+)`)
	for n, text := range queries {
		p, ok := saved[n]
		switch {
		case !ok:
			t.Errorf("query %s is not saved in the workgroup", n)
			continue
		case p["QueryString"] != text || p["Database"] != "lakehouse" || testkit.JSON(p["WorkGroup"]) != `{"Ref":"`+wgID+`"}`:
			t.Errorf("saved query %s = %s", n, testkit.JSON(p))
		}
		body := stripComments(text)
		if strings.Contains(body, ";") || !strings.HasPrefix(strings.ToUpper(body), "SELECT") {
			t.Errorf("%s: one SELECT statement without ';' expected:\n%s", n, body)
		}
		for _, m := range lakehouseTables.FindAllStringSubmatch(body, -1) {
			if m[1] != "orders_projected" && m[1] != "reviews" && m[1] != "(" {
				t.Errorf("%s reads %s, not a lakehouse table", n, m[1])
			}
		}
	}
	_, ps := st.ByPath(t, "AWS::Athena::PreparedStatement", name+"/WorkGroup/Statement-orders_by_status")
	if p := testkit.Props(ps); strings.Count(p["QueryStatement"].(string), "?") != 2 {
		t.Errorf("prepared statement = %s", testkit.JSON(p))
	}

	_, merge := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/MergeOrders/StateMachine/Resource")
	def := testkit.JSON(testkit.Props(merge)["DefinitionString"])
	for _, want := range []string{"MERGE INTO lakehouse.orders_iceberg AS t", "FROM lake_curated.orders", "WHEN NOT MATCHED THEN INSERT"} {
		if !strings.Contains(def, want) {
			t.Errorf("merge state machine lacks %q: %s", want, def)
		}
	}
	if !strings.Contains(testkit.JSON(st.Resources("AWS::Events::Rule")), "cron(0 7 * * ? *)") {
		t.Error("the merge runs daily at 07:00 UTC")
	}
	_, convert := st.ByPath(t, "AWS::StepFunctions::StateMachine", name+"/ConvertReviews/StateMachine/Resource")
	if d := testkit.JSON(testkit.Props(convert)["DefinitionString"]); !strings.Contains(d, "CREATE TABLE lakehouse.reviews_parquet") || !strings.Contains(d, "partitioned_by = ARRAY['review_year']") {
		t.Errorf("convert state machine = %s", d)
	}
	outputs := testkit.JSON(st.Template["Outputs"])
	for _, o := range []string{"WorkGroupName", "AnalystRoleArn", "FulfilmentRoleArn", "RawReaderRoleArn", "LakeAdminRoleArn", "MergeOrdersStateMachine", "ConvertReviewsStateMachine", "ReviewsCrawler"} {
		if !strings.Contains(outputs, `"`+o+`"`) {
			t.Errorf("no output %s (the README's steps use it)", o)
		}
	}
	st.Count(t, "AWS::Athena::WorkGroup", 2)
	st.Count(t, "AWS::Athena::DataCatalog", 1)
	// CAT-14: the DataZone project imports the curated and lakehouse
	// databases; its manage-access role may re-grant read on both.
	_, source := st.ByPath(t, "AWS::DataZone::DataSource", name+"/Lineage/GlueSource")
	if d := testkit.JSON(testkit.Props(source)); !strings.Contains(d, `"lake_curated"`) || !strings.Contains(d, `"lakehouse"`) {
		t.Errorf("data source = %s", d)
	}
	manage, _ := st.ByPath(t, "AWS::IAM::Role", name+"/Lineage/ManageAccessRole/Resource")
	grantable := 0
	for _, r := range st.Resources("AWS::LakeFormation::PrincipalPermissions") {
		if p := testkit.JSON(testkit.Props(r)); strings.Contains(p, manage) && strings.Contains(p, `"PermissionsWithGrantOption":["`) {
			grantable++
		}
	}
	if grantable != 4 {
		t.Errorf("%d grantable grants to DataZone's manage-access role, want 4", grantable)
	}
	st.Count(t, "AWS::Serverless::Application", 1)

	t.Run("all-options: smaller cutoff and alarm, no Spark, no federated logs", func(t *testing.T) {
		st := configured("all-options").Stack(t, name)
		_, wg := st.ByPath(t, "AWS::Athena::WorkGroup", name+"/WorkGroup/WorkGroup")
		if c := testkit.Props(wg)["WorkGroupConfiguration"].(map[string]any); c["BytesScannedCutoffPerQuery"] != 200e6 {
			t.Errorf("cutoff = %v", c["BytesScannedCutoffPerQuery"])
		}
		st.Count(t, "AWS::Athena::WorkGroup", 1)
		st.Count(t, "AWS::Athena::DataCatalog", 0)
		st.Count(t, "AWS::Serverless::Application", 0)
		st.Count(t, "AWS::DataZone::Domain", 0)
	})
}

// stripComments drops the -- comment lines of a query.
func stripComments(sql string) string {
	var keep []string
	for _, l := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "--") {
			keep = append(keep, l)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}
