package serving_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/quicksight"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

// quicksightStandIn is a VPC with one zone and one with two, a warehouse
// security group and a secret.
func quicksightStandIn(s awscdk.Stack, zones float64) *quicksight.Redshift {
	vpc := awsec2.NewVpc(s, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(zones), NatGateways: jsii.Number(0),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("Data"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
	sg := awsec2.NewSecurityGroup(s, jsii.String("Wh"), &awsec2.SecurityGroupProps{Vpc: vpc})
	return &quicksight.Redshift{Vpc: vpc, Warehouse: sg, Host: "wh.example.internal", Database: "dev",
		Secret: awssecretsmanager.Secret_FromSecretNameV2(s, jsii.String("S"), jsii.String("qs"))}
}

var quicksightTable = &quicksight.Table{Schema: "mart", Name: "sales", Columns: []quicksight.Column{{Name: "id", Type: "STRING"}}}

func TestQuicksightRejectedProps(t *testing.T) {
	cases := []struct {
		name  string
		props func(stack awscdk.Stack) *quicksight.Props
		wants []string
	}{
		{"nothing", func(awscdk.Stack) *quicksight.Props { return nil }, []string{
			"quicksight Bad/Sales: invalid props",
			"Redshift = nil: the warehouse to read (Redshift), or Athena",
			`OwnerArn = "": the QuickSight user or group that owns the data source and dataset`, "aws quicksight create-account-subscription",
			"Table = nil: the table (Schema, Name) or query (Sql) to import"}},
		{"IAM ARN as owner", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Redshift: quicksightStandIn(s, 2), Table: quicksightTable,
				OwnerArn: "arn:aws:iam::111122223333:role/Analyst", ReaderArns: []string{"finance"}}
		}, []string{"OwnerArn = arn:aws:iam::111122223333:role/Analyst: a QuickSight user or group ARN", "an IAM ARN is not a QuickSight principal",
			"ReaderArns[0] = finance: a QuickSight user or group ARN"}},
		{"owner as reader", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Redshift: quicksightStandIn(s, 2), Table: quicksightTable, OwnerArn: quicksightOwnerArn, ReaderArns: []string{quicksightOwnerArn}}
		}, []string{"ReaderArns[0] = " + quicksightOwnerArn + ": a principal other than the owner"}},
		{"both sources", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Redshift: quicksightStandIn(s, 2), Athena: &quicksight.Athena{WorkGroup: "bad group"}, Table: quicksightTable, OwnerArn: quicksightOwnerArn}
		}, []string{"Athena = bad group: not with Redshift", "Athena.WorkGroup = bad group: an Athena workgroup name"}},
		{"one zone", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Redshift: quicksightStandIn(s, 1), Table: quicksightTable, OwnerArn: quicksightOwnerArn}
		}, []string{"Redshift.Subnets = 1 subnets in 1 zones: at least two subnets in different Availability Zones"}},
		{"incomplete warehouse", func(s awscdk.Stack) *quicksight.Props {
			r := quicksightStandIn(s, 2)
			r.Warehouse, r.Secret, r.Host, r.Database, r.Port = nil, nil, "wh.example.internal:5439", "", 70000
			return &quicksight.Props{Redshift: r, Table: quicksightTable, OwnerArn: quicksightOwnerArn}
		}, []string{"Redshift.Warehouse = nil", "Redshift.Secret = nil: the Secrets Manager secret",
			"Redshift.Host = wh.example.internal:5439: the endpoint's host name without port", `Redshift.Database = "": the database name`,
			"Redshift.Port = 70000: a TCP port"}},
		{"table", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn,
				Table: &quicksight.Table{Name: "sales", Sql: "select 1", Columns: []quicksight.Column{{Name: "a", Type: "TEXT"}, {Name: "a", Type: "STRING"}}}}
		}, []string{"Table.Sql = set: not with Table.Schema/Name", "Table.Columns[0].Type = TEXT: one of STRING", "Table.Columns[1].Name = a: a column not listed twice"}},
		{"no columns", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: &quicksight.Table{Schema: "mart"}}
		}, []string{"Table = mart.: both Schema and Name", "Table.Columns = []: the columns the source returns"}},
		{"refresh with direct query", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: quicksightTable,
				DirectQuery: jsii.Bool(true), Refresh: &quicksight.Refresh{}, WaitForIngestion: jsii.Bool(true)}
		}, []string{"Refresh = set: only with SPICE (DirectQuery false): a direct-query dataset reads the source at every visual and has nothing to refresh",
			"WaitForIngestion = true: only with SPICE"}},
		{"refresh schedule", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: quicksightTable,
				Refresh: &quicksight.Refresh{Interval: "MINUTE15", TimeOfDay: "25:00", TimeZone: "CEST", DayOfWeek: "MONDAY"}}
		}, []string{"Refresh.Interval = MINUTE15: one of HOURLY, DAILY, WEEKLY, MONTHLY (MINUTE15 and MINUTE30 exist only for incremental refresh",
			"Refresh.TimeOfDay = 25:00: HH:MM", "Refresh.TimeZone = CEST: an IANA time zone", "Refresh.DayOfWeek = MONDAY: only with a WEEKLY refresh"}},
		{"weekly and monthly days", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: quicksightTable,
				Refresh: &quicksight.Refresh{Interval: "WEEKLY", DayOfMonth: "31"}}
		}, []string{"Refresh.DayOfWeek = : the day of a WEEKLY refresh", "Refresh.DayOfMonth = 31: only with a MONTHLY refresh"}},
		{"monthly day and hourly time", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: quicksightTable,
				Refresh: &quicksight.Refresh{Interval: "MONTHLY", DayOfMonth: "31"}}
		}, []string{"Refresh.DayOfMonth = 31: the day of a MONTHLY refresh, 1 to 28 or LAST_DAY_OF_MONTH"}},
		{"hourly with a time", func(s awscdk.Stack) *quicksight.Props {
			return &quicksight.Props{Athena: &quicksight.Athena{WorkGroup: "primary"}, OwnerArn: quicksightOwnerArn, Table: quicksightTable,
				Refresh: &quicksight.Refresh{Interval: "HOURLY", TimeOfDay: "04:00"}}
		}, []string{"Refresh.TimeOfDay = 04:00: not with an HOURLY refresh"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
				quicksight.New(stack, "Sales", c.props(stack))
			}, c.wants...)
		})
	}
}
