package stacks_test

import (
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestServingGlueDev: as committed, the sessions read GlueEtl's raw and
// curated prefixes (cross-stack), write only under dev/, and the session
// role may drive its own sessions (notebooks); all-options attaches the
// developers' policy to the given role and turns notebooks off.
func TestServingGlueDev(t *testing.T) {
	const name = "Serving"
	st := configured("cdk.json").Stack(t, name)
	_, pol := st.ByPath(t, "AWS::IAM::Policy", name+"/GlueDev/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"])
	for _, want := range []string{`"s3:prefix":["raw/orders/*"]`, `"s3:prefix":["curated/`, `/dev/*"]]}`, `"OutputName":"PublishOutputFnGetAttLakeBucket`, `"glue:CreateSession"`, ":table/lake_raw/*"} {
		if !strings.Contains(doc, want) {
			t.Errorf("session role policy lacks %s: %s", want, doc)
		}
	}
	_, dp := st.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/GlueDev/DeveloperPolicy/Resource")
	if roles := testkit.Props(dp)["Roles"]; roles != nil {
		t.Errorf("the developer policy is attached by default: %v", roles)
	}

	all := configured("all-options").Stack(t, name)
	_, dp = all.ByPath(t, "AWS::IAM::ManagedPolicy", name+"/GlueDev/DeveloperPolicy/Resource")
	if roles := testkit.JSON(testkit.Props(dp)["Roles"]); roles != `["data-engineers"]` {
		t.Errorf("developer policy roles = %s", roles)
	}
	_, pol = all.ByPath(t, "AWS::IAM::Policy", name+"/GlueDev/Role/DefaultPolicy/Resource")
	if doc := testkit.JSON(testkit.Props(pol)); strings.Contains(doc, "glue:CreateSession") || !strings.Contains(doc, "landing/sales/") {
		t.Errorf("all-options session role = %s", doc)
	}
}
