package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/databrew"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestDatabrewProfileJob: a PROFILE job over the raw customers with PII
// detection (ETL-10) and the ruleset validated with CHECK_ALL (ETL-11), on
// the whole dataset, writing its profile SSE-KMS under the output prefix.
func TestDatabrewProfileJob(t *testing.T) {
	st := databrewConfigs().Stack(t, databrewStackName)
	_, job := st.ByPath(t, "AWS::DataBrew::Job", databrewStackName+"/CustomerProfile/Job")
	jp := testkit.Props(job)
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", databrewStackName+"/Prepared/Key/Resource")
	if jp["Type"] != "PROFILE" || jp["EncryptionMode"] != "SSE-KMS" || !strings.Contains(testkit.JSON(jp["EncryptionKeyArn"]), keyID) {
		t.Errorf("job = %s", testkit.JSON(jp))
	}
	if got := testkit.JSON(jp["OutputLocation"]); !strings.Contains(got, `"Key":"profiles/customers/"`) {
		t.Errorf("OutputLocation = %s", got)
	}
	if got := testkit.JSON(jp["JobSample"]); got != `{"Mode":"FULL_DATASET"}` {
		t.Errorf("JobSample = %s, want the whole dataset", got)
	}
	want := `{"EntityDetectorConfiguration":{"AllowedStatistics":{"Statistics":["MISSING_VALUES_COUNT","DISTINCT_VALUES_COUNT","UNIQUE_VALUES_COUNT"]},"EntityTypes":["USA_SSN","EMAIL","PHONE_NUMBER"]}}`
	if got := testkit.JSON(jp["ProfileConfiguration"]); got != want {
		t.Errorf("ProfileConfiguration = %s\nwant %s", got, want)
	}
	rulesetID, ruleset := st.ByPath(t, "AWS::DataBrew::Ruleset", databrewStackName+"/CustomerProfile/Ruleset")
	rp := testkit.Props(ruleset)
	_, dataset := st.ByPath(t, "AWS::DataBrew::Dataset", databrewStackName+"/CustomerProfile/Dataset")
	dsName := testkit.Props(dataset)["Name"].(string)
	if got := testkit.JSON(rp["TargetArn"]); !strings.Contains(got, `:dataset/`+dsName) {
		t.Errorf("ruleset TargetArn = %s, want the profiled dataset %s", got, dsName)
	}
	vc := testkit.JSON(jp["ValidationConfigurations"])
	if !strings.Contains(vc, `"ValidationMode":"CHECK_ALL"`) || !strings.Contains(vc, `:ruleset/`+rp["Name"].(string)) {
		t.Errorf("ValidationConfigurations = %s", vc)
	}
	if !strings.Contains(testkit.JSON(job["DependsOn"]), rulesetID) {
		t.Errorf("the job must be created after its ruleset: %v", job["DependsOn"])
	}
	rules := testkit.JSON(rp["Rules"])
	for _, want := range []string{
		`{"CheckExpression":"AGG(ROWS_COUNT) >= :min","Name":"at least 1 rows","SubstitutionMap":[{"Value":"1","ValueReference":":min"}]}`,
		`{"CheckExpression":"AGG(MISSING_VALUES_PERCENTAGE) <= :max","ColumnSelectors":[{"Name":"customer_id"}],"Name":"customer_id is complete","SubstitutionMap":[{"Value":"0","ValueReference":":max"}]}`,
		`{"CheckExpression":"AGG(DUPLICATE_VALUES_COUNT) == :dups","ColumnSelectors":[{"Name":"customer_id"}],"Name":"customer_id is unique","SubstitutionMap":[{"Value":"0","ValueReference":":dups"}]}`,
		`{"CheckExpression":":col contains :text","Name":"email contains @","SubstitutionMap":[{"Value":"` + "`email`" + `","ValueReference":":col"},{"Value":"@","ValueReference":":text"}],"Threshold":{"Type":"GREATER_THAN_OR_EQUAL","Unit":"PERCENTAGE","Value":95}}`,
		`{"CheckExpression":":col IS_BETWEEN :lo and :hi","Name":"age is between 0 and 120","SubstitutionMap":[{"Value":"` + "`age`" + `","ValueReference":":col"},{"Value":"120","ValueReference":":hi"},{"Value":"0","ValueReference":":lo"}],"Threshold":{"Type":"GREATER_THAN_OR_EQUAL","Unit":"PERCENTAGE","Value":99}}`,
		`"CheckExpression":":col IN :list","Name":"country is one of 2 values","SubstitutionMap":[{"Value":"` + "`country`" + `","ValueReference":":col"},{"Value":"[\"DE\",\"FR\"]","ValueReference":":list"}]`,
		`"CheckExpression":"length(:col) IS_BETWEEN :lo and :hi"`,
		`{"CheckExpression":"IS_BETWEEN :lo and :hi","ColumnSelectors":[{"Regex":"^age_.*"}],"Disabled":true,"Name":"ages in range","SubstitutionMap":[{"Value":"120","ValueReference":":hi"},{"Value":"0","ValueReference":":lo"}],"Threshold":{"Type":"LESS_THAN_OR_EQUAL","Unit":"COUNT","Value":10}}`,
	} {
		// testkit.JSON escapes < and > as Go's encoding/json does.
		if want = strings.NewReplacer("<", `\u003c`, ">", `\u003e`).Replace(want); !strings.Contains(rules, want) {
			t.Errorf("ruleset lacks %s\nin %s", want, rules)
		}
	}
	_, sched := st.ByPath(t, "AWS::DataBrew::Schedule", databrewStackName+"/CustomerProfile/Schedule")
	if testkit.Props(sched)["CronExpression"] != "cron(0 3 * * ? *)" {
		t.Errorf("schedule = %s", testkit.JSON(sched))
	}
	// Alerts: failed runs, and failed validations of this ruleset.
	_, vrule := st.ByPath(t, "AWS::Events::Rule", databrewStackName+"/CustomerProfile/ValidationRule/Resource")
	pattern := testkit.JSON(testkit.Props(vrule)["EventPattern"])
	if !strings.Contains(pattern, `"detail-type":["DataBrew Ruleset Validation Result"]`) || !strings.Contains(pattern, `"validationState":["FAILED"]`) || !strings.Contains(pattern, `"rulesetName":["`+rp["Name"].(string)+`"]`) {
		t.Errorf("validation rule pattern = %s", pattern)
	}
	_, frule := st.ByPath(t, "AWS::Events::Rule", databrewStackName+"/CustomerProfile/FailureRule/Resource")
	if p := testkit.JSON(testkit.Props(frule)["EventPattern"]); !strings.Contains(p, `"state":["FAILED","TIMEOUT"]`) || !strings.Contains(p, `"jobName":["`+jp["Name"].(string)+`"]`) {
		t.Errorf("failure rule pattern = %s", p)
	}
	st.CheckAlarmTopic(t, databrewStackName+"/CustomerProfile", databrewBuilt.profile.AlarmTopic, databrewBuilt.profile.AlarmTopicKey)
	// The role reads the input and writes only the profile prefix.
	_, pol := st.ByPath(t, "AWS::IAM::Policy", databrewStackName+"/CustomerProfile/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `"s3:prefix":["customers/*"]`) || !strings.Contains(doc, `/profiles/customers/*"`) || strings.Contains(doc, "secretsmanager") {
		t.Errorf("profile role = %s", doc)
	}
}

// TestDatabrewProfileJobOptions: a sample instead of the whole dataset, no
// rules, no PII detection, no alarms, JSON input, its own key.
func TestDatabrewProfileJobOptions(t *testing.T) {
	st := databrewConfigs().Stack(t, databrewStackName)
	_, job := st.ByPath(t, "AWS::DataBrew::Job", databrewStackName+"/Sampled/Job")
	jp := testkit.Props(job)
	if got := testkit.JSON(jp["JobSample"]); got != `{"Mode":"CUSTOM_ROWS","Size":5000}` {
		t.Errorf("JobSample = %s", got)
	}
	if jp["ProfileConfiguration"] != nil || jp["ValidationConfigurations"] != nil {
		t.Errorf("no PII detection and no validation asked: %s", testkit.JSON(jp))
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", databrewStackName+"/Sampled/Key/Resource")
	if !strings.Contains(testkit.JSON(jp["EncryptionKeyArn"]), keyID) {
		t.Errorf("EncryptionKeyArn = %s", testkit.JSON(jp["EncryptionKeyArn"]))
	}
	_, ds := st.ByPath(t, "AWS::DataBrew::Dataset", databrewStackName+"/Sampled/Dataset")
	if testkit.Props(ds)["Format"] != "JSON" {
		t.Errorf("dataset = %s", testkit.JSON(ds))
	}
	m := databrewBuilt.minimal
	if m.Ruleset != nil || m.Schedule != nil || m.AlarmTopic != nil || m.FailureRule != nil || m.ValidationRule != nil {
		t.Errorf("ruleset %v, schedule %v, alarms %v/%v/%v: none was asked", m.Ruleset, m.Schedule, m.AlarmTopic, m.FailureRule, m.ValidationRule)
	}
	for id := range st.Resources("AWS::Events::Rule") {
		if strings.HasPrefix(id, "Sampled") {
			t.Errorf("rule %s without alarms", id)
		}
	}
}

// TestDatabrewRecipeJobSucceededPattern: the pattern that starts what reads
// the prepared data names this job's successful runs.
func TestDatabrewRecipeJobSucceededPattern(t *testing.T) {
	st := databrewConfigs().Stack(t, databrewStackName)
	_, job := st.ByPath(t, "AWS::DataBrew::Job", databrewStackName+"/Customers/Job")
	got := testkit.JSON(awscdk.Stack_Of(databrewBuilt.customers.Job).Resolve(databrewBuilt.customers.SucceededPattern()))
	want := `{"detail":{"jobName":["` + testkit.Props(job)["Name"].(string) + `"],"state":["SUCCEEDED"]},"detail-type":["DataBrew Job State Change"],"source":["aws.databrew"]}`
	// The configuration's scope prefixes names in the shared app: compare the tail.
	if !strings.HasSuffix(got, want[strings.Index(want, `"],"state"`):]) || !strings.Contains(got, "Customers") {
		t.Errorf("SucceededPattern = %s, want %s", got, want)
	}
}

// TestDatabrewRejectedRules: rules and profile settings DataBrew would refuse
// at deployment, or that would check nothing, fail synthesis.
func TestDatabrewRejectedRules(t *testing.T) {
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		b := awss3.NewBucket(stack, jsii.String("B"), nil)
		databrew.NewProfileJob(stack, "Profile", &databrew.ProfileProps{
			InputBucket: b, InputKey: "in/", OutputBucket: b, OutputPrefix: "profile/",
			Rules: []databrew.Rule{
				{},
				{Name: "undefined", Check: ":col > :val", Values: map[string]string{":col": "`a`"}},
				{Name: "unused", Check: "AGG(ROWS_COUNT) > :val", Values: map[string]string{":val": "1", ":extra": "2"}},
				{Name: "quotes", Check: `:col == "x"`, Values: map[string]string{":col": "`a`"}},
				{Name: "agg with threshold", Check: "AGG(ROWS_COUNT) > :val", Values: map[string]string{":val": "1"}, Threshold: &databrew.Threshold{Value: 5}},
				{Name: "bad threshold", Check: ":col > :val", Values: map[string]string{":col": "`a`", ":val": "1"}, Threshold: &databrew.Threshold{Value: 150, Type: "ABOVE", Unit: "ROWS"}},
				{Name: "column and selector", Check: ":col > :val", Values: map[string]string{":col": "`a`", ":val": "1"}, Columns: []databrew.Column{{Name: "b"}}},
				{Name: "no column", Check: "> :val", Values: map[string]string{":val": "1"}},
				{Name: "column statistic", Check: "AGG(MISSING_VALUES_COUNT) < :val", Values: map[string]string{":val": "1"}},
				{Name: "selectors", Check: "> :val", Values: map[string]string{":val": "1"}, Columns: []databrew.Column{{Name: "a", Regex: "a.*"}, {Regex: "(["}}},
				databrew.Unique("id"), databrew.Unique("id"),
				{Name: "unbalanced", Check: "(:col > :val", Values: map[string]string{":col": "`a`", ":val": "1"}},
				{Name: "count fraction", Check: ":col > :val", Values: map[string]string{":col": "`a`", ":val": "1"}, Threshold: &databrew.Threshold{Value: 2.5, Unit: databrew.Count}},
				{Name: "bad variable", Check: ":col > :val", Values: map[string]string{":col": "`a`", ":val": "1", "val": "1"}},
			},
			EntityTypes:       []string{"SSN"},
			AllowedStatistics: []string{"TOP_VALUES"},
			SampleRows:        jsii.Number(0),
			AlarmTopic:        awssns.NewTopic(stack, jsii.String("T"), nil), CreateAlarms: jsii.Bool(false),
		})
	}, "databrew.ProfileJob Bad/Profile: invalid props",
		"Rules[0] = empty",
		"Rules[1].Check = :col > :val: substitution variables that Values defines (:val has no value)",
		"Rules[2].Values[:extra] = 2: a variable the Check uses",
		`Rules[3].Check = :col == "x": 4 to 1024 characters`,
		"Rules[4].Threshold",
		"Rules[5].Threshold.Value = 150",
		"Rules[5].Threshold.Type = ABOVE",
		"Rules[5].Threshold.Unit = ROWS",
		"Rules[6].Check = :col > :val: no column on the left",
		"Rules[7].Check = > :val: a column to check",
		"Rules[8].Columns = none",
		"Rules[9].Columns[0]",
		"Rules[9].Columns[1].Regex = ([",
		"Rules[11].Name = id is unique: a name no other rule has (Rules[10] has it)",
		"Rules[12].Check = (:col > :val: balanced parentheses",
		"Rules[13].Threshold.Value = 2.5: a whole number of rows",
		"Rules[14].Values[val] = 1: a variable name",
		"EntityTypes = SSN",
		"AllowedStatistics = TOP_VALUES",
		"SampleRows = 0",
		"AlarmTopic",
	)
	testkit.MustPanic(t, func() {
		stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		databrew.NewProfileJob(stack, "Profile", &databrew.ProfileProps{
			InputFormat: "XML", AllowedStatistics: []string{"MAX"}, Schedule: jsii.String("rate(1 day)"), MaxCapacity: jsii.Number(150),
		})
	}, "InputBucket/InputKey = missing", "OutputBucket = nil", "InputFormat = XML",
		"AllowedStatistics = [MAX]: none without EntityTypes", "Schedule = rate(1 day)", "MaxCapacity = 150")
}
