package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Type is the kind of warehouse.
type Type string

const (
	// Provisioned is a Redshift cluster: fixed nodes, WLM queues,
	// concurrency scaling, the DMS target of the notes. The default.
	Provisioned Type = "provisioned"
	// Serverless is a Redshift Serverless namespace and workgroup, billed
	// per RPU-second while queries run.
	Serverless Type = "serverless"
)

// SingleNodeTypes can run as a single-node cluster; every other node type
// needs at least two nodes.
var SingleNodeTypes = []string{"ra3.large", "ra3.xlplus", "dc2.large"}

// BucketAccess is a bucket prefix the warehouse role may COPY from
// (and UNLOAD to, with Write).
type BucketAccess struct {
	Bucket awss3.IBucket
	Prefix string
	Write  bool
}

// Queue is a manual WLM queue of a provisioned cluster.
type Queue struct {
	// Name documents the queue; QueryGroups and UserGroups route to it.
	Name        string
	QueryGroups []string
	UserGroups  []string
	// Priority of an automatic WLM queue: lowest, low, normal, high, highest.
	Priority string
}

// Props configures a Warehouse. Every field is optional.
type Props struct {
	// Type of warehouse.
	// @default Provisioned
	Type Type

	// Vpc holds the warehouse in its private subnets.
	// @default a new VPC with isolated subnets (2 zones; 3 when the stack
	// has an environment), an S3 gateway endpoint and flow logs
	Vpc awsec2.IVpc
	// VpcCidr of the new VPC; choose one that does not overlap a network
	// you peer with (a replication source in another account).
	// @default 10.0.0.0/16
	VpcCidr *string
	// Subnets of Vpc.
	// @default the isolated subnets (else private with egress)
	Subnets *awsec2.SubnetSelection

	// DatabaseName of the first database (not "dev", Redshift's default:
	// Control Tower CT.REDSHIFT.PR.7).
	// @default "warehouse"
	DatabaseName *string
	// AdminUsername of the admin user, whose password Secrets Manager
	// generates, stores (encrypted with EncryptionKey) and rotates.
	// @default "dwadmin" (not Redshift's default "awsuser")
	AdminUsername *string
	// Port the warehouse listens on (not 5439, the default every scanner tries).
	// @default 5440
	Port *float64

	// NodeType and Nodes of a provisioned cluster.
	// @default ra3.large × 2
	NodeType *string
	Nodes    *float64
	// MultiAz runs a provisioned RA3 cluster in two zones.
	// @default false
	MultiAz *bool
	// Queues are automatic WLM queues before the default queue; a
	// short-query queue is always added.
	// @default one "etl" queue (query group etl, priority high)
	Queues []Queue
	// ConcurrencyScaling sends queued read queries of the default queue to
	// concurrency-scaling clusters (billed per second beyond the free credits).
	// @default false
	ConcurrencyScaling *bool
	// MaxConcurrencyScalingClusters, 1 to 10.
	// @default 1
	MaxConcurrencyScalingClusters *float64

	// BaseCapacity (RPUs, 8 to 1024 in steps of 8) and MaxCapacity of a
	// serverless workgroup.
	// @default 8, 64
	BaseCapacity *float64
	MaxCapacity  *float64

	// Buckets the warehouse role may COPY from and UNLOAD to.
	Buckets []BucketAccess
	// SpectrumDatabases are Glue databases the role may read for Spectrum
	// external schemas (DWH-04).
	SpectrumDatabases []string

	// PubliclyAccessible must stay false: it exists so that asking for a
	// public warehouse fails synthesis with a reason.
	PubliclyAccessible *bool

	// EncryptionKey encrypts the data, the admin secret and the audit logs.
	// @default a new key
	EncryptionKey awskms.IKey
	// LogRetention of the audit log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
	// SnapshotRetentionDays of automated snapshots, 1 to 35.
	// @default 7
	SnapshotRetentionDays *float64
	// MaintenanceWindow is the provisioned cluster's weekly 30-minute (or
	// longer, up to 24 hours) maintenance window in UTC, as
	// ddd:hh24:mi-ddd:hh24:mi. Set explicitly so that version upgrades and
	// patches land when the warehouse is idle, not when Redshift picks.
	// @default "sun:03:00-sun:03:30"
	MaintenanceWindow *string
}
