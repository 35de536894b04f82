// Package streaming_test checks the templates of the streaming constructs (streamtos3, streamlambda, shardscaler, firehosetos3): every default,
// every option and every rejected prop, each construct's tests in files named
// after it (<construct>_*_test.go, identifiers prefixed with the construct).
//
// Every configuration is declared at package level with testkit.Register and
// synthesized with all the others in one app, so the package pays once for
// starting jsii, loading aws-cdk-lib, the CloudFormation validation and
// cfn-guard; TestEveryConfiguration runs cdk-nag, Control Tower and the
// partition check over each of them.
package streaming_test

import (
	"testing"

	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestMain(m *testing.M) { testkit.Main(m) }

func TestEveryConfiguration(t *testing.T) { testkit.CheckEveryConfiguration(t) }
