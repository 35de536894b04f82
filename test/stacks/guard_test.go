package stacks_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// TestEveryExemptionIsNeeded: every exemption of test/guard-exemptions.json
// still excuses a Control Tower finding of some configuration of the app
// (TestEveryConfiguration checks that nothing else fails). Its file sorts
// after context_test.go: cfn-guard starts in the background when the app is
// synthesized, and the jsii-only tests before this one run meanwhile.
func TestEveryExemptionIsNeeded(t *testing.T) {
	usedExemptions := map[string]bool{}
	for _, c := range configurations {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range usedBy(t, app(c.name)) {
				usedExemptions[e.Control+" "+e.Path] = true
			}
		})
	}
	t.Run("every exemption is still needed", func(t *testing.T) {
		ex, err := testkit.LoadExemptions()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ex {
			if !usedExemptions[e.Control+" "+e.Path] {
				t.Errorf("%s: exemption %s for %q matches no finding of any stack configuration; remove it", testkit.ExemptionsFile, e.Control, e.Path)
			}
		}
	})
}
