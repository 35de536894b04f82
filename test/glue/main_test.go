// Package glue_test checks the templates of the Glue constructs (gluejob, gluequality, gluecatalog, databrew, findmatches): every default,
// every option and every rejected prop, each construct's tests in files named
// after it (<construct>_*_test.go, identifiers prefixed with the construct).
//
// Every configuration is declared at package level with testkit.Register and
// synthesized with all the others in one app, so the package pays once for
// starting jsii, loading aws-cdk-lib, the CloudFormation validation and
// cfn-guard; TestEveryConfiguration runs cdk-nag, Control Tower and the
// partition check over each of them.
package glue_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// gluejobScripts holds the broken variants of the bookmark check's good
// script, written once into a temporary folder.
var gluejobScripts string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gluejob-scripts")
	if err != nil {
		panic(err)
	}
	gluejobScripts = dir
	good, err := os.ReadFile(filepath.Join(testkit.RepoRoot(), "constructs", "internal", "gluescript", "testdata", "good.py"))
	if err != nil {
		panic(err)
	}
	variants := map[string]string{
		"bookmarked.py": string(good),
		"no_commit.py":  strings.Replace(string(good), "job.commit()", "", 1),
		"no_ctx.py":     strings.Replace(string(good), `    transformation_ctx="orders_source",`, "", 1),
	}
	for name, src := range variants {
		if src == string(good) && name != "bookmarked.py" {
			panic("the good script changed: " + name + " is not broken any more")
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			panic(err)
		}
	}
	code := testkit.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
