package security_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/constructs/accessroles"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// accessrolesDoc is a policy document of the resource at path, resolved for
// the evaluator's environment.
func accessrolesDoc(t *testing.T, st *testkit.Stack, typ, path, prop string) map[string]any {
	t.Helper()
	_, r := st.ByPath(t, typ, path)
	doc, ok := accessrolesEnv(testkit.Props(r)[prop]).(map[string]any)
	if !ok {
		t.Fatalf("%s of %s: %v", prop, path, testkit.Props(r)[prop])
	}
	return doc
}

type accessrolesCase struct {
	name string
	r    accessrolesRequest
	want string
}

func accessrolesTable(t *testing.T, what string, doc map[string]any, cases []accessrolesCase) {
	t.Helper()
	for _, c := range cases {
		got, err := accessrolesDecide(doc, c.r)
		if err != nil || got != c.want {
			t.Errorf("%s: %s: got %s (%v), want %s", what, c.name, got, err, c.want)
		}
	}
}

func TestAccessrolesDefaults(t *testing.T) {
	st := accessrolesConfigs().Stack(t, accessrolesDefaultsStack)
	// Two instances: 2 × (Analyst, Engineer, Admin) roles and 3 level
	// policies; one analyzer (the second instance was told it exists).
	st.Count(t, "AWS::IAM::Role", 6)
	st.Count(t, "AWS::IAM::ManagedPolicy", 6)
	st.Count(t, "AWS::IAM::Policy", 0)
	_, analyzer := st.ByPath(t, "AWS::AccessAnalyzer::Analyzer", accessrolesDefaultsStack+"/Access/Analyzer")
	if got := testkit.JSON(testkit.Props(analyzer)); got != `{"Type":"ACCOUNT"}` {
		t.Errorf("analyzer = %s", got)
	}
	if accessrolesBuilt.second.Analyzer != nil || accessrolesBuilt.defaults.UnusedAccessAnalyzer != nil {
		t.Errorf("analyzers: %+v", accessrolesBuilt.second)
	}
	policyID, role := st.ByPath(t, "AWS::IAM::Role", accessrolesDefaultsStack+"/Access/Roles/Analyst/Resource")
	_ = policyID
	rp := testkit.JSON(testkit.Props(role))
	for _, w := range []string{`"MaxSessionDuration":3600`, `{"Key":"job-function","Value":"Analyst"}`, `"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`} {
		if !strings.Contains(rp, w) {
			t.Errorf("Analyst role lacks %s: %s", w, rp)
		}
	}
	if strings.Contains(rp, "PermissionsBoundary") || strings.Contains(rp, "sts:TagSession") {
		t.Errorf("Analyst role: %s", rp)
	}

	// Trust: this account's principals with MFA only.
	trust := accessrolesDoc(t, st, "AWS::IAM::Role", accessrolesDefaultsStack+"/Access/Roles/Analyst/Resource", "AssumeRolePolicyDocument")
	self := "arn:aws:iam::999988887777:root"
	mfa := map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}
	accessrolesTable(t, "Analyst trust", trust, []accessrolesCase{
		{"own account with MFA", accessrolesRequest{Principal: self, Action: "sts:AssumeRole", Context: mfa}, accessrolesAllow},
		{"own account without MFA", accessrolesRequest{Principal: self, Action: "sts:AssumeRole", Context: map[string][]string{"aws:MultiFactorAuthPresent": {"false"}}}, accessrolesImplicit},
		{"another account", accessrolesRequest{Principal: "arn:aws:iam::444455556666:root", Action: "sts:AssumeRole", Context: mfa}, accessrolesImplicit},
		{"session tags refused", accessrolesRequest{Principal: self, Action: "sts:TagSession", Context: mfa}, accessrolesImplicit},
	})

	// RBAC levels, evaluated: analysts read and query, engineers change
	// tables, only admins change databases and Lake Formation grants.
	table := "arn:aws:glue:eu-west-1:999988887777:table/sales/orders"
	db := "arn:aws:glue:eu-west-1:999988887777:database/sales"
	wg := "arn:aws:athena:eu-west-1:999988887777:workgroup/primary"
	levels := map[string][]accessrolesCase{
		"Analyst": {
			{"read a table", accessrolesRequest{Action: "glue:GetTable", Resource: table}, accessrolesAllow},
			{"query", accessrolesRequest{Action: "athena:StartQueryExecution", Resource: wg}, accessrolesAllow},
			{"query in another workgroup", accessrolesRequest{Action: "athena:StartQueryExecution", Resource: "arn:aws:athena:eu-west-1:999988887777:workgroup/admin"}, accessrolesImplicit},
			{"LF credentials", accessrolesRequest{Action: "lakeformation:GetDataAccess", Resource: "*"}, accessrolesAllow},
			{"drop a table", accessrolesRequest{Action: "glue:DeleteTable", Resource: table}, accessrolesImplicit},
			{"read another account's catalog", accessrolesRequest{Action: "glue:GetTable", Resource: "arn:aws:glue:eu-west-1:444455556666:table/sales/orders"}, accessrolesImplicit},
		},
		"Engineer": {
			{"drop a table", accessrolesRequest{Action: "glue:DeleteTable", Resource: table}, accessrolesAllow},
			{"drop a database", accessrolesRequest{Action: "glue:DeleteDatabase", Resource: db}, accessrolesImplicit},
			{"grant LF permissions", accessrolesRequest{Action: "lakeformation:GrantPermissions", Resource: "*"}, accessrolesImplicit},
		},
		"Admin": {
			{"drop a database", accessrolesRequest{Action: "glue:DeleteDatabase", Resource: db}, accessrolesAllow},
			{"grant LF permissions", accessrolesRequest{Action: "lakeformation:GrantPermissions", Resource: "*"}, accessrolesAllow},
			{"change LF settings", accessrolesRequest{Action: "lakeformation:PutDataLakeSettings", Resource: "*"}, accessrolesImplicit},
		},
	}
	for level, cases := range levels {
		doc := accessrolesDoc(t, st, "AWS::IAM::ManagedPolicy", accessrolesDefaultsStack+"/Access/Levels/"+level+"/Resource", "PolicyDocument")
		accessrolesTable(t, level+" policy", doc, cases)
	}
}

func TestAccessrolesOptions(t *testing.T) {
	st := accessrolesConfigs().Stack(t, accessrolesOptionsStack)
	// Analyst, Steward, Auditor + Heart, Star, Bolt.
	st.Count(t, "AWS::IAM::Role", 6)
	// Analyst and Admin levels, the ABAC policy, the caller's Audit policy.
	st.Count(t, "AWS::IAM::ManagedPolicy", 4)
	if len(accessrolesBuilt.options.LevelPolicies) != 2 || len(accessrolesBuilt.options.AbacRoles) != 3 {
		t.Errorf("exposed: %+v", accessrolesBuilt.options)
	}
	an := testkit.JSON(st.Resources("AWS::AccessAnalyzer::Analyzer"))
	for _, w := range []string{`"Properties":{"Type":"ORGANIZATION"}`, `"Properties":{"AnalyzerConfiguration":{"UnusedAccessConfiguration":{"UnusedAccessAge":30}},"Type":"ORGANIZATION_UNUSED_ACCESS"}`} {
		if !strings.Contains(an, w) {
			t.Errorf("analyzers lack %s: %s", w, an)
		}
	}
	_, analyst := st.ByPath(t, "AWS::IAM::Role", accessrolesOptionsStack+"/Access/Roles/Analyst/Resource")
	ap := testkit.JSON(testkit.Props(analyst))
	for _, w := range []string{`"MaxSessionDuration":14400`, `":iam::",{"Ref":"AWS::AccountId"},":policy/lake-boundary"]]}`} {
		if !strings.Contains(ap, w) {
			t.Errorf("Analyst role lacks %s: %s", w, ap)
		}
	}
	// Grants land in the role's own policy, scoped to the bucket and its key.
	_, grants := st.ByPath(t, "AWS::IAM::Policy", accessrolesOptionsStack+"/Access/Roles/Analyst/DefaultPolicy/Resource")
	if g := testkit.JSON(grants); !strings.Contains(g, `"s3:GetObject*"`) || !strings.Contains(g, `"kms:Decrypt"`) {
		t.Errorf("grants = %s", g)
	}
	auditID, _ := st.ByPath(t, "AWS::IAM::ManagedPolicy", accessrolesOptionsStack+"/Audit/Resource")
	_, auditor := st.ByPath(t, "AWS::IAM::Role", accessrolesOptionsStack+"/Access/Roles/Auditor/Resource")
	if got := testkit.JSON(testkit.Props(auditor)["ManagedPolicyArns"]); got != `[{"Ref":"`+auditID+`"}]` {
		t.Errorf("Auditor policies = %s", got)
	}

	// The Analyst level covers the listed databases and workgroup only.
	level := accessrolesDoc(t, st, "AWS::IAM::ManagedPolicy", accessrolesOptionsStack+"/Access/Levels/Analyst/Resource", "PolicyDocument")
	accessrolesTable(t, "Analyst level", level, []accessrolesCase{
		{"listed database", accessrolesRequest{Action: "glue:GetTables", Resource: "arn:aws:glue:eu-west-1:999988887777:table/marketing/leads"}, accessrolesAllow},
		{"other database", accessrolesRequest{Action: "glue:GetTables", Resource: "arn:aws:glue:eu-west-1:999988887777:table/hr/salaries"}, accessrolesImplicit},
		{"listed workgroup", accessrolesRequest{Action: "athena:GetQueryResults", Resource: "arn:aws:athena:eu-west-1:999988887777:workgroup/analysts"}, accessrolesAllow},
		{"primary workgroup", accessrolesRequest{Action: "athena:GetQueryResults", Resource: "arn:aws:athena:eu-west-1:999988887777:workgroup/primary"}, accessrolesImplicit},
	})

	// SAML trust of the Heart role: the IdP's sign-ins, a session tag only
	// Heart (a session tag overrides the role's tag).
	trust := accessrolesDoc(t, st, "AWS::IAM::Role", accessrolesOptionsStack+"/Access/Abac/ProjectHeart/Resource", "AssumeRolePolicyDocument")
	aud := func(extra map[string][]string) map[string][]string {
		m := map[string][]string{"SAML:aud": {accessroles.SamlAudience}}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	keys := []string{accessroles.DefaultTagKey}
	accessrolesTable(t, "Heart trust", trust, []accessrolesCase{
		{"SAML sign-in", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:AssumeRoleWithSAML", Context: aud(nil)}, accessrolesAllow},
		{"SAML sign-in for another audience", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:AssumeRoleWithSAML", Context: map[string][]string{"SAML:aud": {"https://example.com/saml"}}}, accessrolesImplicit},
		{"another IdP", accessrolesRequest{Principal: "arn:aws:iam::111122223333:saml-provider/Other", Action: "sts:AssumeRoleWithSAML", Context: aud(nil)}, accessrolesImplicit},
		{"account principal", accessrolesRequest{Principal: "arn:aws:iam::999988887777:root", Action: "sts:AssumeRole", Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}}, accessrolesImplicit},
		{"session tag Heart", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:TagSession", Context: aud(map[string][]string{"aws:RequestTag/access-project": {"Heart"}, "aws:TagKeys": keys})}, accessrolesAllow},
		{"session tag Star on the Heart role", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:TagSession", Context: aud(map[string][]string{"aws:RequestTag/access-project": {"Star"}, "aws:TagKeys": keys})}, accessrolesImplicit},
		{"another session tag besides", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:TagSession", Context: aud(map[string][]string{"aws:RequestTag/access-project": {"Heart"}, "aws:RequestTag/cost-center": {"1"}, "aws:TagKeys": {"access-project", "cost-center"}})}, accessrolesImplicit},
		{"only another session tag", accessrolesRequest{Principal: accessrolesSamlArn, Action: "sts:TagSession", Context: aud(map[string][]string{"aws:RequestTag/cost-center": {"1"}, "aws:TagKeys": {"cost-center"}})}, accessrolesImplicit},
	})
	_, heart := st.ByPath(t, "AWS::IAM::Role", accessrolesOptionsStack+"/Access/Abac/ProjectHeart/Resource")
	if got := testkit.JSON(testkit.Props(heart)["Tags"]); got != `[{"Key":"access-project","Value":"Heart"}]` {
		t.Errorf("Heart role tags = %s", got)
	}
}

// TestAccessrolesAbacPolicy evaluates the one ABAC policy against the
// requests of the notes' three projects and of principals trying to move
// resources between them.
func TestAccessrolesAbacPolicy(t *testing.T) {
	st := accessrolesConfigs().Stack(t, accessrolesOptionsStack)
	bucketID, _ := st.ByPath(t, "AWS::S3::Bucket", accessrolesOptionsStack+"/Curated/Bucket/Resource")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", accessrolesOptionsStack+"/Curated/Key/Resource")
	doc := accessrolesDoc(t, st, "AWS::IAM::ManagedPolicy", accessrolesOptionsStack+"/Access/Abac/Policy/Resource", "PolicyDocument")
	secret := "arn:aws:secretsmanager:eu-west-1:999988887777:secret:orders-db-AbCdEf"
	object := "arn:aws:getatt:::" + bucketID + "/heart/2026/orders.parquet"
	tags := func(kv ...string) map[string][]string {
		m := map[string][]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		return m
	}
	const p, r = "aws:PrincipalTag/access-project", "aws:ResourceTag/access-project"
	accessrolesTable(t, "ABAC policy", doc, []accessrolesCase{
		{"Heart on Heart", accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: tags(p, "Heart", r, "Heart")}, accessrolesAllow},
		{"Heart on Star", accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: tags(p, "Heart", r, "Star")}, accessrolesImplicit},
		{"untagged principal on Heart", accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: tags(r, "Heart")}, accessrolesImplicit},
		{"Heart on an untagged resource", accessrolesRequest{Action: "secretsmanager:GetSecretValue", Resource: secret, Context: tags(p, "Heart")}, accessrolesImplicit},
		{"nobody tagged", accessrolesRequest{Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:999988887777:key/1"}, accessrolesImplicit},
		{"action not in the list", accessrolesRequest{Action: "secretsmanager:PutSecretValue", Resource: secret, Context: tags(p, "Heart", r, "Heart")}, accessrolesImplicit},
		{"case matters", accessrolesRequest{Action: "kinesis:GetRecords", Resource: "arn:aws:kinesis:eu-west-1:999988887777:stream/s", Context: tags(p, "Heart", r, "heart")}, accessrolesImplicit},
		// Moving a resource into one's own project.
		{"retag a secret", accessrolesRequest{Action: "secretsmanager:TagResource", Resource: secret, Context: tags(p, "Heart", r, "Star", "aws:TagKeys", "access-project", "aws:RequestTag/access-project", "Heart")}, accessrolesDeny},
		{"untag a key", accessrolesRequest{Action: "kms:UntagResource", Resource: "arn:aws:kms:eu-west-1:999988887777:key/1", Context: tags(p, "Heart", "aws:TagKeys", "access-project")}, accessrolesDeny},
		{"tag a stream with another key", accessrolesRequest{Action: "kinesis:AddTagsToStream", Resource: "arn:aws:kinesis:eu-west-1:999988887777:stream/s", Context: tags(p, "Heart", "aws:TagKeys", "owner")}, accessrolesImplicit},
		{"retag one's own role", accessrolesRequest{Action: "iam:TagRole", Resource: "arn:aws:iam::999988887777:role/heart", Context: tags(p, "Heart", "aws:TagKeys", "access-project")}, accessrolesDeny},
		// Objects: the object tag decides.
		{"read a Heart object", accessrolesRequest{Action: "s3:GetObject", Resource: object, Context: tags(p, "Heart", "s3:ExistingObjectTag/access-project", "Heart")}, accessrolesAllow},
		{"read a Star object", accessrolesRequest{Action: "s3:GetObject", Resource: object, Context: tags(p, "Heart", "s3:ExistingObjectTag/access-project", "Star")}, accessrolesImplicit},
		{"read an untagged object", accessrolesRequest{Action: "s3:GetObject", Resource: object, Context: tags(p, "Heart")}, accessrolesImplicit},
		{"read an object of another bucket", accessrolesRequest{Action: "s3:GetObject", Resource: "arn:aws:s3:::other/x", Context: tags(p, "Heart", "s3:ExistingObjectTag/access-project", "Heart")}, accessrolesImplicit},
		{"write tagged Heart", accessrolesRequest{Action: "s3:PutObject", Resource: object, Context: tags(p, "Heart", "s3:RequestObjectTag/access-project", "Heart")}, accessrolesAllow},
		{"write tagged Star", accessrolesRequest{Action: "s3:PutObject", Resource: object, Context: tags(p, "Heart", "s3:RequestObjectTag/access-project", "Star")}, accessrolesImplicit},
		{"write untagged", accessrolesRequest{Action: "s3:PutObject", Resource: object, Context: tags(p, "Heart")}, accessrolesImplicit},
		{"retag a Star object", accessrolesRequest{Action: "s3:PutObjectTagging", Resource: object, Context: tags(p, "Heart", "s3:ExistingObjectTag/access-project", "Star", "s3:RequestObjectTagKeys", "access-project")}, accessrolesDeny},
		{"strip the tag of an object", accessrolesRequest{Action: "s3:DeleteObjectTagging", Resource: object, Context: tags(p, "Heart", "s3:ExistingObjectTag/access-project", "Star")}, accessrolesDeny},
		{"tag an untagged object", accessrolesRequest{Action: "s3:PutObjectTagging", Resource: object, Context: tags(p, "Heart", "s3:RequestObjectTagKeys", "access-project")}, accessrolesDeny},
		{"other tags of an untagged object", accessrolesRequest{Action: "s3:PutObjectTagging", Resource: object, Context: tags(p, "Heart", "s3:RequestObjectTagKeys", "owner")}, accessrolesImplicit},
		// The bucket's key, through S3 only.
		{"bucket key through S3", accessrolesRequest{Action: "kms:Decrypt", Resource: "arn:aws:getatt:::" + keyID, Context: tags(p, "Heart", "kms:ViaService", "s3.eu-west-1.amazonaws.com")}, accessrolesAllow},
		{"bucket key directly", accessrolesRequest{Action: "kms:Decrypt", Resource: "arn:aws:getatt:::" + keyID, Context: tags(p, "Heart")}, accessrolesImplicit},
	})
}

// TestAccessrolesSessionTags: one role, the project from the session tag,
// another account's principals with MFA.
func TestAccessrolesSessionTags(t *testing.T) {
	st := accessrolesConfigs().Stack(t, accessrolesSessionStack)
	st.Count(t, "AWS::IAM::Role", 1)
	st.Count(t, "AWS::AccessAnalyzer::Analyzer", 0)
	_, role := st.ByPath(t, "AWS::IAM::Role", accessrolesSessionStack+"/Access/Abac/Session/Resource")
	if _, tagged := testkit.Props(role)["Tags"]; tagged {
		t.Errorf("the session role carries a tag: %s", testkit.JSON(role))
	}
	trust := accessrolesDoc(t, st, "AWS::IAM::Role", accessrolesSessionStack+"/Access/Abac/Session/Resource", "AssumeRolePolicyDocument")
	them := "arn:aws:iam::" + accessrolesAccount + ":root"
	ctx := func(kv ...string) map[string][]string {
		m := map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = append(m[kv[i]], kv[i+1])
		}
		return m
	}
	accessrolesTable(t, "session trust", trust, []accessrolesCase{
		{"assume with MFA", accessrolesRequest{Principal: them, Action: "sts:AssumeRole", Context: ctx()}, accessrolesAllow},
		{"assume without MFA", accessrolesRequest{Principal: them, Action: "sts:AssumeRole"}, accessrolesImplicit},
		{"this account", accessrolesRequest{Principal: "arn:aws:iam::999988887777:root", Action: "sts:AssumeRole", Context: ctx()}, accessrolesImplicit},
		{"tag Star", accessrolesRequest{Principal: them, Action: "sts:TagSession", Context: ctx("aws:RequestTag/access-project", "Star", "aws:TagKeys", "access-project")}, accessrolesAllow},
		{"tag Bolt", accessrolesRequest{Principal: them, Action: "sts:TagSession", Context: ctx("aws:RequestTag/access-project", "Bolt", "aws:TagKeys", "access-project")}, accessrolesAllow},
		{"tag a value not allowed", accessrolesRequest{Principal: them, Action: "sts:TagSession", Context: ctx("aws:RequestTag/access-project", "Moon", "aws:TagKeys", "access-project")}, accessrolesImplicit},
		{"tag without MFA", accessrolesRequest{Principal: them, Action: "sts:TagSession", Context: map[string][]string{"aws:RequestTag/access-project": {"Star"}, "aws:TagKeys": {"access-project"}}}, accessrolesImplicit},
		{"another key only", accessrolesRequest{Principal: them, Action: "sts:TagSession", Context: ctx("aws:RequestTag/team", "x", "aws:TagKeys", "team")}, accessrolesImplicit},
	})
	doc := accessrolesDoc(t, st, "AWS::IAM::ManagedPolicy", accessrolesSessionStack+"/Access/Abac/Policy/Resource", "PolicyDocument")
	accessrolesTable(t, "session ABAC policy", doc, []accessrolesCase{
		{"Star session on Star key", accessrolesRequest{Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:999988887777:key/1", Context: map[string][]string{"aws:PrincipalTag/access-project": {"Star"}, "aws:ResourceTag/access-project": {"Star"}}}, accessrolesAllow},
		{"untagged session on Star key", accessrolesRequest{Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:999988887777:key/1", Context: map[string][]string{"aws:ResourceTag/access-project": {"Star"}}}, accessrolesImplicit},
		{"not a listed action", accessrolesRequest{Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:999988887777:table/t", Context: map[string][]string{"aws:PrincipalTag/access-project": {"Star"}, "aws:ResourceTag/access-project": {"Star"}}}, accessrolesImplicit},
	})
}
