package cdcreplication

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"

	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Props configures a Replication. SourceSecret, Schemas and a target
// (Warehouse, Lake or both) are required.
type Props struct {
	// SourceSecret holds the MySQL source's {"username", "password",
	// "host", "port"}; DMS reads it through an access role.
	SourceSecret awssecretsmanager.ISecret
	// SourceEngine: "mysql" (also RDS and Aurora MySQL) or "aurora".
	// @default "mysql"
	SourceEngine string
	// Schemas whose tables are replicated: a selection rule per schema,
	// table "%" (the notes: plm_db.%).
	Schemas []string

	// Warehouse is the Redshift target, in this stack's account and region
	// (DMS requires its Redshift target there).
	Warehouse *warehouse.Warehouse
	// WarehouseSecret holds {"username", "password", "host", "port"} of the
	// Redshift user DMS writes as.
	// @default a new secret for user "dms_user" with a generated password
	// and engine "redshift", host, port and dbname (what a
	// RedshiftSingleUser rotation reads: see package secretrotation); the
	// warehouse's SQL creates that user
	WarehouseSecret awssecretsmanager.ISecret

	// Lake is an S3 target (catalogue ING-24): Parquet per table under
	// LakePrefix, with the CDC operation (I, U, D) and commit timestamp
	// columns. Both targets run as two tasks on one instance.
	Lake       awss3.IBucket
	LakePrefix string

	// Vpc reaches the source and the warehouse.
	// @default the warehouse's VPC
	Vpc awsec2.IVpc
	// Subnets of the replication instance.
	// @default the VPC's isolated (else private) subnets
	Subnets *awsec2.SubnetSelection

	// InstanceClass of the replication instance.
	// @default dms.t3.medium (about US$0.08 an hour, single-AZ)
	InstanceClass *string
	// AllocatedStorage in GiB for cached changes and logs.
	// @default 50
	AllocatedStorage *float64
	// MultiAz adds a standby instance in another zone.
	// @default false
	MultiAz *bool

	// TaskSettings override the task settings, as DMS's JSON sections
	// ({"TargetMetadata": {...}, "Logging": {...}}); they are merged over
	// the defaults section by section and checked at synthesis.
	TaskSettings string

	// StartTask starts the full load + CDC task after it is created (a
	// custom resource calling StartReplicationTask).
	// @default true
	StartTask *bool

	// CreateAccountRoles creates dms-vpc-role, dms-cloudwatch-logs-role
	// and dms-access-for-endpoint (see AccountRoles). Turn it off when the
	// account already has them.
	// @default true
	CreateAccountRoles *bool

	// SecretsRoleName names the role DMS reads the secrets with, so that a
	// secret in another account can allow it by name (cross-account).
	// @default a generated name
	SecretsRoleName *string

	// EncryptionKey encrypts the replication instance's storage, the new
	// secret and the lake objects.
	// @default a new key
	EncryptionKey awskms.IKey
	// MaxLatency alarms on CDCLatencySource and CDCLatencyTarget above this
	// many seconds for 5 minutes.
	// @default 600
	MaxLatency *float64
	// CreateAlarms and AlarmTopic as everywhere in this library.
	CreateAlarms *bool
	AlarmTopic   awssns.ITopic
}
