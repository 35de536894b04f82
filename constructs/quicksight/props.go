package quicksight

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

// Defaults of the dataset.
const (
	// DefaultPort is Redshift's port.
	DefaultPort = 5439
	// DefaultInterval refreshes SPICE once a day.
	DefaultInterval = "DAILY"
	// DefaultTimeOfDay of the daily refresh, after the nightly loads.
	DefaultTimeOfDay = "04:00"
	// DefaultTimeZone of the refresh schedule.
	DefaultTimeZone = "UTC"
)

// Redshift is the warehouse QuickSight reads through a VPC connection.
type Redshift struct {
	// Vpc of the warehouse. Required.
	Vpc awsec2.IVpc
	// Subnets where QuickSight places its network interfaces: at least two,
	// in different Availability Zones, that can reach the warehouse.
	// @default the VPC's private subnets
	Subnets *awsec2.SubnetSelection
	// Warehouse is what QuickSight connects to (the cluster, workgroup or
	// its security group): its security group admits the VPC connection's
	// on Port. Required.
	Warehouse awsec2.IConnectable
	// Host is the warehouse endpoint's host name (cluster or workgroup
	// endpoint, without port). Required.
	Host string
	// Port of the endpoint.
	// @default DefaultPort (5439)
	Port float64
	// Database name. Required.
	Database string
	// Secret holds the database user QuickSight logs in as: a JSON secret
	// with "username" and "password" (the format of a Redshift secret
	// attachment). QuickSight reads it with its own service role, which the
	// administrator allows once in QuickSight's Security & permissions
	// (Secrets Manager). Required.
	Secret awssecretsmanager.ISecret
}

// Athena is the alternative source: QuickSight queries the lake through an
// Athena workgroup; no VPC connection is needed.
type Athena struct {
	// WorkGroup name. Required.
	WorkGroup string
}

// Column is one input column of the dataset.
type Column struct {
	// Name as the source returns it.
	Name string
	// Type: STRING, INTEGER, DECIMAL, DATETIME, BIT, BOOLEAN or JSON.
	Type string
}

// Table selects what the dataset imports: a table (Schema, Name) or a
// query (Sql), with its columns.
type Table struct {
	// Schema and Name of a table or view. Not with Sql.
	Schema, Name string
	// Sql is a custom SQL query. Not with Schema/Name.
	Sql string
	// Columns the source returns. Required (QuickSight needs them to build
	// the dataset without querying the source at deploy time).
	Columns []Column
}

// Refresh is the SPICE refresh schedule (full refresh).
type Refresh struct {
	// Interval: HOURLY, DAILY, WEEKLY or MONTHLY. Hourly refreshes need the
	// Enterprise edition.
	// @default DefaultInterval (DAILY)
	Interval string
	// TimeOfDay HH:MM of DAILY, WEEKLY and MONTHLY refreshes.
	// @default DefaultTimeOfDay (04:00)
	TimeOfDay string
	// TimeZone of TimeOfDay, an IANA name such as Europe/Berlin.
	// @default DefaultTimeZone (UTC)
	TimeZone string
	// DayOfWeek of a WEEKLY refresh: SUNDAY to SATURDAY.
	DayOfWeek string
	// DayOfMonth of a MONTHLY refresh: 1 to 28 or LAST_DAY_OF_MONTH.
	DayOfMonth string
}

// Props configures a Dataset. One of Redshift or Athena, Table and
// OwnerArn are required.
type Props struct {
	// Redshift reads the warehouse through a VPC connection. Not with
	// Athena.
	Redshift *Redshift
	// Athena reads the lake through an Athena workgroup. Not with Redshift.
	Athena *Athena

	// OwnerArn is the QuickSight user or group that owns the data source and
	// the dataset: arn:<partition>:quicksight:<identity region>:<account>:user/<namespace>/<name>
	// (or group/...). Required: the QuickSight subscription and its users
	// are created outside CloudFormation, and a dataset nobody may see is
	// useless.
	OwnerArn string
	// ReaderArns are QuickSight users or groups that may use the dataset in
	// analyses (describe, pass, list ingestions) without changing it.
	ReaderArns []string

	// Table is what the dataset imports. Required.
	Table *Table
	// DirectQuery queries the source at every visual instead of importing
	// into SPICE. Not with Refresh.
	// @default false: SPICE
	DirectQuery *bool
	// Refresh schedules the SPICE refresh.
	// @default a daily full refresh at 04:00 UTC
	Refresh *Refresh
	// WaitForIngestion makes the deployment wait (up to 36 hours) for the
	// first SPICE import.
	// @default false: the import runs after the stack completes, and its
	// result is in the dataset's refresh history
	WaitForIngestion *bool
}
