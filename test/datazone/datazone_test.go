package datazone_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datazone"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	datazoneDefaults = "DataZoneDefaults"
	datazoneOptions  = "DataZoneOptions"
)

var datazoneBuilt struct {
	defaults, options *datazone.Catalog
	job               awsiam.Role
}

var datazoneConfigs = testkit.Register("datazone", nil, func(app constructs.Construct) {
	b := &datazoneBuilt
	s1 := awscdk.NewStack(app, jsii.String(datazoneDefaults), nil)
	b.defaults = datazone.New(s1, "Lineage", &datazone.Props{Databases: []string{"lake_raw", "lake_curated"}})
	b.job = awsiam.NewRole(s1, jsii.String("JobRole"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("glue.amazonaws.com"), nil)})
	b.defaults.GrantPostLineage(b.job)

	s2 := awscdk.NewStack(app, jsii.String(datazoneOptions), &awscdk.StackProps{
		Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")},
	})
	key := securebucket.New(s2, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS}).Key
	b.options = datazone.New(s2, "Catalog", &datazone.Props{
		DomainName: "lake catalog", Description: "The lake", EncryptionKey: key,
		SingleSignOn: jsii.Bool(true), IdentityCenterInstanceArn: jsii.String("arn:aws:sso:::instance/ssoins-1111111111111111"),
		ProjectName: "orders_team",
		Members: []datazone.Member{
			{User: "arn:aws:iam::111111111111:role/Analyst", Designation: datazone.Contributor},
			{Group: "group-1", Designation: datazone.Owner},
		},
		Databases: []string{"lake_curated"}, Schedule: jsii.String("cron(30 5 ? * MON-FRI *)"), Timezone: "EUROPE_PARIS",
		ImportDataQuality: jsii.Bool(false), PublishOnImport: jsii.Bool(true), BusinessNames: jsii.Bool(true),
	})
})

func TestDatazoneDefaults(t *testing.T) {
	st := datazoneConfigs().Stack(t, datazoneDefaults)
	_, dom := st.ByPath(t, "AWS::DataZone::Domain", datazoneDefaults+"/Lineage/Domain")
	if dom["DeletionPolicy"] != "Retain" {
		t.Errorf("domain not retained: %s", testkit.JSON(dom))
	}
	dp := testkit.Props(dom)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", datazoneDefaults+"/Lineage/Key/Resource")
	roleID, role := st.ByPath(t, "AWS::IAM::Role", datazoneDefaults+"/Lineage/DomainExecutionRole/Resource")
	if testkit.JSON(dp["SingleSignOn"]) != `{"Type":"DISABLED"}` || !strings.Contains(testkit.JSON(dp["KmsKeyIdentifier"]), keyID) ||
		!strings.Contains(testkit.JSON(dp["DomainExecutionRole"]), roleID) || dp["Name"] == nil {
		t.Errorf("domain = %s", testkit.JSON(dp))
	}
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	for _, want := range []string{`"sts:AssumeRole","sts:TagSession"`, `"aws:SourceAccount":{"Ref":"AWS::AccountId"}`, `"ForAllValues:StringLike":{"aws:TagKeys":["datazone*"]}`, `"datazone.amazonaws.com"`} {
		if !strings.Contains(trust, want) {
			t.Errorf("execution role trust lacks %s: %s", want, trust)
		}
	}
	if mp := testkit.JSON(testkit.Props(role)["ManagedPolicyArns"]); !strings.Contains(mp, "policy/service-role/AmazonDataZoneDomainExecutionRolePolicy") {
		t.Errorf("execution role policies = %s", mp)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", datazoneDefaults+"/Lineage/DomainExecutionRole/DefaultPolicy/Resource")
	if doc := testkit.JSON(pol); !strings.Contains(doc, "kms:GenerateDataKey") || !strings.Contains(doc, keyID) {
		t.Errorf("execution role cannot use the key: %s", doc)
	}
	_, ma := st.ByPath(t, "AWS::IAM::Role", datazoneDefaults+"/Lineage/ManageAccessRole/Resource")
	if j := testkit.JSON(ma); !strings.Contains(j, `"aws:SourceArn":{"Fn::GetAtt":["LineageDomain`) || !strings.Contains(j, "service-role/AmazonDataZoneGlueManageAccessRolePolicy") {
		t.Errorf("manage access role = %s", j)
	}
	_, pr := st.ByPath(t, "AWS::IAM::Role", datazoneDefaults+"/Lineage/ProvisioningRole/Resource")
	if j := testkit.JSON(pr); !strings.Contains(j, "policy/AmazonDataZoneRedshiftGlueProvisioningPolicy") {
		t.Errorf("provisioning role = %s", j)
	}
	bp := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::EnvironmentBlueprintConfiguration")))
	for _, want := range []string{`"EnvironmentBlueprintIdentifier":"DefaultDataLake"`, `"EnabledRegions":[{"Ref":"AWS::Region"}]`, `"ManageAccessRoleArn"`, `"ProvisioningRoleArn"`} {
		if !strings.Contains(bp, want) {
			t.Errorf("blueprint lacks %s: %s", want, bp)
		}
	}
	if p := testkit.Props(st.Only(t, "AWS::DataZone::Project")); p["Name"] != "lake" {
		t.Errorf("project = %s", testkit.JSON(p))
	}
	if ep := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::EnvironmentProfile"))); !strings.Contains(ep, `"EnvironmentBlueprintIdentifier":{"Fn::GetAtt":["LineageDataLakeBlueprint`) {
		t.Errorf("environment profile = %s", ep)
	}
	st.Count(t, "AWS::DataZone::Environment", 1)
	st.Count(t, "AWS::DataZone::ProjectMembership", 0)
	ds := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::DataSource")))
	for _, want := range []string{
		`"Type":"GLUE"`, `"EnableSetting":"ENABLED"`, `"PublishOnImport":false`,
		`"RelationalFilterConfigurations":[{"DatabaseName":"lake_raw"},{"DatabaseName":"lake_curated"}]`,
		`"AutoImportDataQualityResult":true`, `"Schedule":{"Schedule":"cron(0 3 * * ? *)","Timezone":"UTC"}`,
		`"Recommendation":{"EnableBusinessNameGeneration":false}`, `"EnvironmentIdentifier":{"Fn::GetAtt":["LineageEnvironment`,
	} {
		if !strings.Contains(ds, want) {
			t.Errorf("data source lacks %s: %s", want, ds)
		}
	}
	_, jp := st.ByPath(t, "AWS::IAM::Policy", datazoneDefaults+"/JobRole/DefaultPolicy/Resource")
	if j := testkit.JSON(jp); !strings.Contains(j, `"Action":"datazone:PostLineageEvent","Effect":"Allow","Resource":{"Fn::GetAtt":["LineageDomain`) {
		t.Errorf("lineage grant = %s", j)
	}
	conf := testkit.JSON(awscdk.Stack_Of(datazoneBuilt.defaults.Domain).Resolve(datazoneBuilt.defaults.LineageSparkConf("orders-curate")))
	for _, want := range []string{"OpenLineageSparkListener", "transport.type=amazon_datazone_api", "transport.domainId=", `"Fn::GetAtt":["LineageDomain`, "spark.glue.JOB_NAME=orders-curate"} {
		if !strings.Contains(conf, want) {
			t.Errorf("spark conf lacks %s: %s", want, conf)
		}
	}
}

func TestDatazoneOptions(t *testing.T) {
	st := datazoneConfigs().Stack(t, datazoneOptions)
	st.Count(t, "AWS::KMS::Key", 1) // the lake's key, none of its own
	dp := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::Domain")))
	for _, want := range []string{`"Name":"lake catalog"`, `"Description":"The lake"`, `"SingleSignOn":{"IdcInstanceArn":"arn:aws:sso:::instance/ssoins-1111111111111111","Type":"IAM_IDC","UserAssignment":"MANUAL"}`} {
		if !strings.Contains(dp, want) {
			t.Errorf("domain lacks %s: %s", want, dp)
		}
	}
	if p := testkit.Props(st.Only(t, "AWS::DataZone::Project")); p["Name"] != "orders_team" {
		t.Errorf("project = %s", testkit.JSON(p))
	}
	ms := testkit.JSON(st.Resources("AWS::DataZone::ProjectMembership"))
	for _, want := range []string{`"Designation":"PROJECT_CONTRIBUTOR","DomainIdentifier"`, `"Member":{"UserIdentifier":"arn:aws:iam::111111111111:role/Analyst"}`, `"Member":{"GroupIdentifier":"group-1"}`, `"Designation":"PROJECT_OWNER"`} {
		if !strings.Contains(ms, want) {
			t.Errorf("memberships lack %s: %s", want, ms)
		}
	}
	ds := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::DataSource")))
	for _, want := range []string{`"PublishOnImport":true`, `"AutoImportDataQualityResult":false`, `"EnableBusinessNameGeneration":true`,
		`"Schedule":{"Schedule":"cron(30 5 ? * MON-FRI *)","Timezone":"EUROPE_PARIS"}`, `"RelationalFilterConfigurations":[{"DatabaseName":"lake_curated"}]`, `"EnabledRegions"`} {
		if want == `"EnabledRegions"` {
			if bp := testkit.JSON(testkit.Props(st.Only(t, "AWS::DataZone::EnvironmentBlueprintConfiguration"))); !strings.Contains(bp, `"EnabledRegions":["eu-west-1"]`) {
				t.Errorf("blueprint regions = %s", bp)
			}
			continue
		}
		if !strings.Contains(ds, want) {
			t.Errorf("data source lacks %s: %s", want, ds)
		}
	}
}

func TestDatazoneRejectedProps(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		datazone.New(stack, "Catalog", nil)
	}, "datazone Bad/Catalog: invalid props", "Databases = none")
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		datazone.New(stack, "Catalog", &datazone.Props{
			DomainName: "lake/catalog", ProjectName: "orders.team",
			IdentityCenterInstanceArn: jsii.String("arn:aws:sso:::instance/ssoins-1"),
			Databases:                 []string{"Lake-Raw", "lake_curated", "lake_curated"},
			Schedule:                  jsii.String("rate(1 day)"), Timezone: "Europe/Berlin",
			Members: []datazone.Member{{User: "u", Group: "g", Designation: datazone.Owner}, {User: "u", Designation: "VIEWER"}},
		})
	}, "DomainName = lake/catalog", "ProjectName = orders.team", "IdentityCenterInstanceArn = arn:aws:sso:::instance/ssoins-1: only with SingleSignOn",
		`Databases[0] = "Lake-Raw"`, "Databases[2] = lake_curated: each database once", "Schedule = rate(1 day)", "Timezone = Europe/Berlin",
		"Members[0] = ", "exactly one of User", `Members[1].Designation = "VIEWER"`)
}
