package warehouse_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/manifestload"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestManifestloadSplitter: large files under the split prefix start the
// splitter, which reads that prefix only and writes the loader's.
func TestManifestloadSplitter(t *testing.T) {
	st := warehouseConfigs().Stack(t, warehouseStackName)
	_, fn := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Big/Function/Resource")
	if env := testkit.JSON(testkit.Props(fn)["Environment"]); !strings.Contains(env, `"SLICES":"4"`) {
		t.Errorf("loader env = %s", env)
	}
	splitterID, sp := st.ByPath(t, "AWS::Lambda::Function", warehouseStackName+"/Big/Splitter/Function/Resource")
	env := testkit.JSON(testkit.Props(sp)["Environment"])
	for _, w := range []string{`"SOURCE_PREFIX":"landing/big/"`, `"TARGET_PREFIX":"curated/big/"`, `"SLICES":"4"`, `"FORMAT":"CSV"`} {
		if !strings.Contains(env, w) {
			t.Errorf("splitter env lacks %s: %s", w, env)
		}
	}
	if testkit.Props(sp)["Timeout"] != 900.0 || testkit.Props(sp)["MemorySize"] != 1024.0 {
		t.Errorf("splitter = %s", testkit.JSON(testkit.Props(sp)))
	}
	_, rule := st.ByPath(t, "AWS::Events::Rule", warehouseStackName+"/Big/SplitRule/Resource")
	rp := testkit.JSON(testkit.Props(rule))
	if !strings.Contains(rp, `"key":[{"prefix":"landing/big/"}]`) || !strings.Contains(rp, splitterID) {
		t.Errorf("split rule = %s", rp)
	}
	_, pol := st.ByPath(t, "AWS::IAM::Policy", warehouseStackName+"/Big/Splitter/Role/DefaultPolicy/Resource")
	doc := testkit.JSON(pol)
	if !strings.Contains(doc, `/landing/big/*"`) || !strings.Contains(doc, `/curated/big/*"`) || strings.Contains(doc, "redshift") {
		t.Errorf("splitter role = %s", doc)
	}
}

func TestManifestloadRejectedSplit(t *testing.T) {
	testkit.MustPanic(t, func() {
		s := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		w := warehouse.New(s, "W", nil)
		b := awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("landing-bucket"))
		manifestload.New(s, "L", &manifestload.Props{Warehouse: w, Bucket: b, Prefix: "in/", Table: "s.t", Format: "PARQUET", SplitPrefix: "in/large/"})
		manifestload.New(s, "M", &manifestload.Props{Warehouse: w, Bucket: b, Prefix: "in2/", Table: "s.t", Slices: jsii.Number(2.5), SplitPrefix: "large"})
	}, "manifestload Bad/L: invalid props", "SplitPrefix = in/large/: a prefix outside Prefix", "SplitPrefix = in/large/: given with Slices",
		"SplitPrefix = in/large/: only for Format CSV or JSON")
	testkit.MustPanic(t, func() {
		s := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
		w := warehouse.New(s, "W", nil)
		b := awss3.Bucket_FromBucketName(s, jsii.String("B"), jsii.String("landing-bucket"))
		manifestload.New(s, "M", &manifestload.Props{Warehouse: w, Bucket: b, Prefix: "in2/", Table: "s.t", Slices: jsii.Number(2.5), SplitPrefix: "large"})
	}, "manifestload Bad/M: invalid props", `SplitPrefix = large: a key prefix ending in "/"`, "Slices = 2.5")
}
