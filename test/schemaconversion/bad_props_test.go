package schemaconversion_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/schemaconversion"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// schemaconversionGood returns valid props (MySQL to PostgreSQL) in a fresh
// stack with an isolated VPC, for the cases to break.
func schemaconversionGood(stack awscdk.Stack) *schemaconversion.Props {
	return &schemaconversion.Props{
		Vpc: schemaconversionVpc(stack, 2, false),
		Source: schemaconversion.DataProvider{
			Engine: schemaconversion.MySQL, ServerName: jsii.String("src"), Port: 3306,
			Secret: schemaconversionSecret(stack, "S", schemaconversionMySQLSecret),
		},
		Target: schemaconversion.DataProvider{
			Engine: schemaconversion.PostgreSQL, ServerName: jsii.String("dst"), Port: 5432, DatabaseName: "orders",
			Secret: schemaconversionSecret(stack, "T", schemaconversionPostgresSecret),
		},
	}
}

func TestSchemaconversionRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *schemaconversion.Props
		wants []string
	}{
		{"nil props", func(awscdk.Stack) *schemaconversion.Props { return nil }, []string{
			"schemaconversion Bad/Sc: invalid props", "Vpc = nil", "Source.Engine = none", "Target.Engine = none",
			"Source.ServerName = none", "Source.Port = 0: a whole port number from 1 to 65535", "Source.Secret = nil", "Target.Secret = nil",
		}},
		{"subnets without a VPC", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Vpc, p.Subnets = nil, &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
			return p
		}, []string{"Vpc = nil", "Subnets = given without Vpc"}},
		{"a subnet group that does not exist", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Subnets = &awsec2.SubnetSelection{SubnetGroupName: jsii.String("nowhere")}
			return p
		}, []string{"Subnets = group nowhere: a selection that exists in Vpc"}},
		{"one subnet", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Vpc = awsec2.NewVpc(stack, jsii.String("OneZone"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("db"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
			return p
		}, []string{"Subnets = default (private) (1 subnets): private subnets in at least two Availability Zones"}},
		{"public subnets only", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Vpc = awsec2.NewVpc(stack, jsii.String("Public"), &awsec2.VpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(0),
				SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("web"), SubnetType: awsec2.SubnetType_PUBLIC}}})
			return p
		}, []string{"Subnets = default (private) (public): private subnets: the instance profile is not publicly accessible"}},
		{"ports out of range", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source.Port, p.Target.Port = 70000, 5432.5
			return p
		}, []string{"Source.Port = 70000: a whole port number from 1 to 65535", "Target.Port = 5432.5: a whole port number"}},
		{"unknown engine", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source.Engine = "db2-luw"
			return p
		}, []string{"Source.Engine = db2-luw: a known engine (mysql, aurora, postgres, aurora-postgresql, oracle, sqlserver, redshift)"}},
		{"Redshift as source, Oracle as target", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source.Engine, p.Source.DatabaseName = schemaconversion.Redshift, "dev"
			p.Target.Engine = schemaconversion.Oracle
			return p
		}, []string{"Source.Engine = redshift: a DMS Schema Conversion source: mysql, aurora, postgres, aurora-postgresql, oracle, sqlserver (Redshift is a target only)",
			"Target.Engine = oracle: a DMS Schema Conversion target: mysql, aurora, postgres, aurora-postgresql, redshift"}},
		{"MySQL to Redshift is not a conversion pair", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Target = schemaconversion.DataProvider{Engine: schemaconversion.Redshift, ServerName: jsii.String("wh"), Port: 5440, DatabaseName: "warehouse", Secret: p.Target.Secret}
			return p
		}, []string{"Target.Engine = redshift: postgres or aurora-postgresql for a mysql source: DMS Schema Conversion converts MySQL only to PostgreSQL"}},
		{"homogeneous pair", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source = schemaconversion.DataProvider{Engine: schemaconversion.PostgreSQL, ServerName: jsii.String("pg"), Port: 5432, DatabaseName: "a", Secret: p.Source.Secret}
			p.Target.Engine = schemaconversion.AuroraPostgreSQL
			return p
		}, []string{"Target.Engine = aurora-postgresql: an engine other than the source's (postgres)"}},
		{"database names", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source.DatabaseName, p.Target.DatabaseName = "orders", ""
			return p
		}, []string{"Source.DatabaseName = orders: empty: a MySQL data provider has no database name in CloudFormation",
			"Target.DatabaseName = none: the database to convert (required for postgres)"}},
		{"SSL modes", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source.SslMode, p.Target.SslMode = "prefer", schemaconversion.SSLVerifyCA
			return p
		}, []string{"Source.SslMode = prefer: none, require, verify-ca, verify-full", "Target.CertificateArn = nil: the DMS certificate that verify-ca checks"}},
		{"SSL on Redshift", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Source = schemaconversion.DataProvider{Engine: schemaconversion.SQLServer, ServerName: jsii.String("crm"), Port: 1433, DatabaseName: "crm", Secret: p.Source.Secret}
			p.Target = schemaconversion.DataProvider{Engine: schemaconversion.Redshift, ServerName: jsii.String("wh"), Port: 5440, DatabaseName: "warehouse",
				SslMode: schemaconversion.SSLRequire, CertificateArn: jsii.String(schemaconversionCertificate), Secret: p.Target.Secret}
			return p
		}, []string{"Target.SslMode = require: empty: Redshift data providers have no SslMode", "Target.CertificateArn = " + schemaconversionCertificate + ": nil"}},
		{"prefix and transformation rules", func(stack awscdk.Stack) *schemaconversion.Props {
			p := schemaconversionGood(stack)
			p.Prefix, p.TransformationRules = "/reports", jsii.String("{rules")
			return p
		}, []string{`Prefix = /reports: a key prefix without a leading "/" that ends in "/"`, "TransformationRules = {rules: a JSON document"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				schemaconversion.New(stack, "Sc", c.props(stack))
			}, c.wants...)
		})
	}
}
