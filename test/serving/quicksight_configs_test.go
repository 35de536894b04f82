package serving_test

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/quicksight"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	quicksightRedshiftStack = "QuickSightRedshift"
	quicksightAthenaStack   = "QuickSightAthena"
	quicksightOwnerArn      = "arn:aws:quicksight:us-east-1:111122223333:user/default/analyst"
	quicksightReaderArn     = "arn:aws:quicksight:us-east-1:111122223333:group/default/finance"
	quicksightSecretArn     = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:warehouse/quicksight-AbCdEf"
)

var quicksightBuilt struct {
	sales, weekly, athena *quicksight.Dataset
	warehouseSG           awsec2.SecurityGroup
	net                   *datavpc.DataVpc
}

// quicksightColumns are the columns of the stand-in sales table.
var quicksightColumns = []quicksight.Column{
	{Name: "order_id", Type: "STRING"}, {Name: "amount", Type: "DECIMAL"}, {Name: "ordered_at", Type: "DATETIME"},
}

var quicksightConfigs = testkit.Register("quicksight", nil, func(app constructs.Construct) {
	// A stand-in warehouse: a VPC without NAT, the warehouse's security
	// group, the QuickSight user's secret. Two datasets in one stack.
	s1 := awscdk.NewStack(app, jsii.String(quicksightRedshiftStack), nil)
	quicksightBuilt.net = datavpc.New(s1, "Network", &datavpc.Props{Zones: jsii.Number(2), NatGateways: jsii.Number(0), Cidr: jsii.String("10.70.0.0/16")})
	quicksightBuilt.warehouseSG = awsec2.NewSecurityGroup(s1, jsii.String("WarehouseSG"), &awsec2.SecurityGroupProps{
		Vpc: quicksightBuilt.net.Vpc, Description: jsii.String("Stand-in warehouse"), AllowAllOutbound: jsii.Bool(false),
	})
	secret := awssecretsmanager.Secret_FromSecretCompleteArn(s1, jsii.String("QuickSightUser"), jsii.String(quicksightSecretArn))
	redshift := &quicksight.Redshift{
		Vpc: quicksightBuilt.net.Vpc, Warehouse: quicksightBuilt.warehouseSG,
		Host: "lake.abc123.eu-west-1.redshift.amazonaws.com", Database: "analytics", Secret: secret,
	}
	quicksightBuilt.sales = quicksight.New(s1, "Sales", &quicksight.Props{
		Redshift:   redshift,
		OwnerArn:   quicksightOwnerArn,
		ReaderArns: []string{quicksightReaderArn},
		Table:      &quicksight.Table{Schema: "mart", Name: "sales", Columns: quicksightColumns},
	})
	weekly := *redshift
	weekly.Port = 5440
	quicksightBuilt.weekly = quicksight.New(s1, "Weekly", &quicksight.Props{
		Redshift: &weekly,
		OwnerArn: quicksightOwnerArn,
		Table:    &quicksight.Table{Sql: "select order_id, amount, ordered_at from mart.sales where ordered_at > current_date - 90", Columns: quicksightColumns},
		Refresh:  &quicksight.Refresh{Interval: "WEEKLY", DayOfWeek: "MONDAY", TimeOfDay: "06:30", TimeZone: "Europe/Berlin"},
	})

	// The lake through Athena, direct query: no VPC connection, no refresh.
	s2 := awscdk.NewStack(app, jsii.String(quicksightAthenaStack), nil)
	quicksightBuilt.athena = quicksight.New(s2, "Lake", &quicksight.Props{
		Athena:      &quicksight.Athena{WorkGroup: "analysts"},
		OwnerArn:    quicksightOwnerArn,
		Table:       &quicksight.Table{Schema: "lake", Name: "orders", Columns: quicksightColumns},
		DirectQuery: jsii.Bool(true),
	})
})
