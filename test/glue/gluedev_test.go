package glue_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluedev"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const gluedevStackName = "GlueDevStack"

// gluedevConfigs: the defaults with one developer role, and a second loop
// in the same stack with notebooks, an own scratch prefix and no
// developer (GrantDevelop afterwards).
var gluedevConfigs = testkit.Register("gluedev", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(gluedevStackName), nil)
	lake := securebucket.New(stack, "Lake", &securebucket.Props{Encryption: securebucket.SSEKMS})
	dev := awsiam.NewRole(stack, jsii.String("Engineer"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	gluedev.New(stack, "Dev", &gluedev.Props{
		Bucket: lake.Bucket, ReadPrefixes: []string{"raw/orders/"}, Databases: []string{"lake_raw"}, Developers: []awsiam.IGrantable{dev},
	})
	notebooks := gluedev.New(stack, "Notebooks", &gluedev.Props{
		Bucket: lake.Bucket, ReadPrefixes: []string{"raw/orders/", "curated/orders/"}, ScratchPrefix: "sandbox/notebooks/", Notebooks: jsii.Bool(true),
	})
	notebooks.GrantDevelop(awsiam.NewRole(stack, jsii.String("Scientist"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()}))
})

func gluedevPolicy(t *testing.T, st *testkit.Stack, path string) string {
	t.Helper()
	_, p := st.ByPath(t, "AWS::IAM::Policy", path)
	return testkit.JSON(testkit.Props(p)["PolicyDocument"])
}

// TestGluedevDefaults: the session role reads only the read prefix,
// writes only the scratch prefix, reads the catalog of its database and
// writes its logs; the developer may start sessions and pass exactly that
// role, only to Glue; the security configuration encrypts logs, bookmarks
// and S3 writes with the loop's key.
func TestGluedevDefaults(t *testing.T) {
	st := gluedevConfigs().Stack(t, gluedevStackName)
	roleID, role := st.ByPath(t, "AWS::IAM::Role", gluedevStackName+"/Dev/Role/Resource")
	if trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"]); !strings.Contains(trust, `"Service":"glue.amazonaws.com"`) {
		t.Errorf("trust = %s", trust)
	}
	if mp := testkit.Props(role)["ManagedPolicyArns"]; mp != nil {
		t.Errorf("the session role has managed policies: %v", mp)
	}
	pol := gluedevPolicy(t, st, gluedevStackName+"/Dev/Role/DefaultPolicy/Resource")
	for _, want := range []string{`"s3:prefix":["raw/orders/*"]`, `/raw/orders/*"]]}`, `/dev/*"]]}`, `"s3:PutObject"`,
		`:table/lake_raw/*"`, `"glue:GetPartitions"`, `log-group:/aws-glue/*`} {
		if !strings.Contains(pol, want) {
			t.Errorf("session role policy lacks %s: %s", want, pol)
		}
	}
	if strings.Contains(pol, "glue:CreateSession") {
		t.Errorf("without notebooks the session role starts no sessions: %s", pol)
	}
	_, dp := st.ByPath(t, "AWS::IAM::ManagedPolicy", gluedevStackName+"/Dev/DeveloperPolicy/Resource")
	doc := testkit.JSON(testkit.Props(dp))
	for _, want := range []string{`"glue:CreateSession"`, `"glue:RunStatement"`, `:session/*"`, `"iam:PassRole"`,
		`"iam:PassedToService":"glue.amazonaws.com"`, `{"Fn::GetAtt":["` + roleID + `","Arn"]}`} {
		if !strings.Contains(doc, want) {
			t.Errorf("developer policy lacks %s: %s", want, doc)
		}
	}
	engineerID, _ := st.ByPath(t, "AWS::IAM::Role", gluedevStackName+"/Engineer/Resource")
	if roles := testkit.JSON(testkit.Props(dp)["Roles"]); !strings.Contains(roles, engineerID) {
		t.Errorf("developer policy roles = %s", roles)
	}
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", gluedevStackName+"/Dev/Key/Resource")
	_, sc := st.ByPath(t, "AWS::Glue::SecurityConfiguration", gluedevStackName+"/Dev/SecurityConfiguration/Resource")
	conf := testkit.JSON(testkit.Props(sc))
	for _, want := range []string{`"CloudWatchEncryptionMode":"SSE-KMS"`, `"JobBookmarksEncryptionMode":"CSE-KMS"`, `"S3EncryptionMode":"SSE-KMS"`, keyID} {
		if !strings.Contains(conf, want) {
			t.Errorf("security configuration lacks %s: %s", want, conf)
		}
	}
}

// TestGluedevNotebooks: with notebooks the session role may drive its own
// sessions and pass itself to Glue; the scratch prefix is its own; a
// developer added with GrantDevelop gets the policy; two loops in one
// stack do not collide.
func TestGluedevNotebooks(t *testing.T) {
	st := gluedevConfigs().Stack(t, gluedevStackName)
	pol := gluedevPolicy(t, st, gluedevStackName+"/Notebooks/Role/DefaultPolicy/Resource")
	for _, want := range []string{`"glue:CreateSession"`, `"iam:PassRole"`, `/sandbox/notebooks/*"]]}`, `"s3:prefix":["curated/orders/*"]`} {
		if !strings.Contains(pol, want) {
			t.Errorf("notebook role policy lacks %s: %s", want, pol)
		}
	}
	if strings.Contains(pol, `/dev/*"`) {
		t.Errorf("the default scratch prefix leaked into the second loop: %s", pol)
	}
	scientistID, _ := st.ByPath(t, "AWS::IAM::Role", gluedevStackName+"/Scientist/Resource")
	_, dp := st.ByPath(t, "AWS::IAM::ManagedPolicy", gluedevStackName+"/Notebooks/DeveloperPolicy/Resource")
	if roles := testkit.JSON(testkit.Props(dp)["Roles"]); !strings.Contains(roles, scientistID) {
		t.Errorf("GrantDevelop did not attach the policy: %s", roles)
	}
	st.Count(t, "AWS::Glue::SecurityConfiguration", 2)
}

func TestGluedevRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *gluedev.Props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *gluedev.Props { return nil },
			[]string{"gluedev Bad/Dev: invalid props", "Bucket = nil: the lake bucket", "ReadPrefixes = []: at least one prefix"}},
		{"prefixes", func(stack awscdk.Stack) *gluedev.Props {
			return &gluedev.Props{Bucket: securebucket.New(stack, "L", nil).Bucket, ReadPrefixes: []string{"/raw/", "raw"}, ScratchPrefix: "tmp", Databases: []string{"Lake-Raw"}}
		}, []string{"ReadPrefixes = /raw/: a key prefix without a leading /", "ReadPrefixes = raw: a key prefix", "ScratchPrefix = tmp: a key prefix",
			"Databases = Lake-Raw: Glue database names"}},
		{"scratch inside a read prefix", func(stack awscdk.Stack) *gluedev.Props {
			return &gluedev.Props{Bucket: securebucket.New(stack, "L", nil).Bucket, ReadPrefixes: []string{"raw/"}, ScratchPrefix: "raw/dev/"}
		}, []string{"ScratchPrefix = raw/dev/: a prefix apart from ReadPrefixes (raw/)"}},
		{"read prefix inside the scratch prefix", func(stack awscdk.Stack) *gluedev.Props {
			return &gluedev.Props{Bucket: securebucket.New(stack, "L", nil).Bucket, ReadPrefixes: []string{"dev/samples/"}}
		}, []string{"ScratchPrefix = dev/: a prefix apart from ReadPrefixes (dev/samples/)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				gluedev.New(stack, "Dev", c.props(stack))
			}, c.wants...)
		})
	}
}
