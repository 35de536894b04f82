package mysqlsource

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
)

// Props configures a Database. Vpc is required; every other nil field
// means the default written next to it.
type Props struct {
	// Vpc holds the database: the DMS replication instance's VPC, so that
	// its security group can be named in the database's rule.
	Vpc awsec2.IVpc
	// Subnets of the database, in at least two zones (Multi-AZ).
	// @default the VPC's isolated (else private) subnets
	Subnets *awsec2.SubnetSelection

	// EngineVersion of RDS for MySQL 8.0: "8.0.x", 8.0.28 or later (the
	// MariaDB audit plugin's minimum). The parameter and option groups are
	// of its major version; automatic minor version upgrades keep it current.
	// @default "8.0.46"
	EngineVersion string
	// InstanceClass of the primary and its Multi-AZ standby.
	// @default "db.t4g.small" (2 vCPU burstable, 2 GiB)
	InstanceClass string
	// AllocatedStorage in GiB (gp3, 20 to 65,536).
	// @default 20
	AllocatedStorage *float64
	// Port the database listens on: any but MySQL's 3306 (Control Tower
	// CT.RDS.PR.20, cdk-nag RDS11), 1150 to 65535.
	// @default 3307
	Port *float64
	// DatabaseName is the schema RDS creates at launch (what DMS
	// replicates: cdcreplication's Schemas).
	// @default "plm_db" (the notes' schema)
	DatabaseName string
	// MasterUsername of the administrator; RDS keeps its password in
	// Secrets Manager and rotates it. Not "admin" or "root" (CT.RDS.PR.22).
	// @default "cdp_admin"
	MasterUsername string
	// ReplicationUsername is the MySQL user DMS reads the binary log as;
	// its secret (ReplicationSecret) holds host, port, username and password.
	// @default "dms_reader"
	ReplicationUsername string

	// BackupRetentionDays of the automated backups (7 to 35; RDS writes
	// binary logs only while automated backups are on).
	// @default 7
	BackupRetentionDays *float64
	// MonitoringIntervalSeconds of enhanced monitoring: 1, 5, 10, 15, 30
	// or 60.
	// @default 60
	MonitoringIntervalSeconds *float64
	// LogRetention of the exported log groups (audit, error, general,
	// slowquery). Control Tower's CT.CLOUDWATCH.PR.2 asks for a year or more.
	// @default one year
	LogRetention awslogs.RetentionDays

	// EncryptionKey encrypts the storage, the backups, the secrets and the
	// log groups. It must let CloudWatch Logs use it (keys.AllowLogs).
	// @default a new rotating key
	EncryptionKey awskms.IKey
}
