package scheduledindex

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
)

// ColumnType is the type the function parses a column's values to.
type ColumnType string

const (
	String    ColumnType = "string"    // trimmed text (every column not named)
	Integer   ColumnType = "int"       // 64-bit integer; "1,234" accepted
	Float     ColumnType = "float"     // finite number
	Boolean   ColumnType = "bool"      // true/false, yes/no, y/n, 1/0
	Timestamp ColumnType = "timestamp" // RFC 3339, "2006-01-02 15:04:05", "2006-01-02", "01/02/2006"; indexed as RFC 3339 UTC
)

// Rotation is how index names follow the objects' dates.
type Rotation string

const (
	NoRotation Rotation = "none"    // every document in IndexName (the default)
	Daily      Rotation = "daily"   // IndexName-YYYY.MM.DD of the object's LastModified
	Monthly    Rotation = "monthly" // IndexName-YYYY.MM
)

// RoleMapper maps a writer role in a domain's fine-grained access control
// (*streamtoopensearch.StreamToOpenSearch is one).
type RoleMapper interface {
	MapWriter(scope constructs.Construct, id string, writer awsiam.IRole, indexPatterns ...string) awscdk.CustomResource
}

// Props configures a ScheduledIndex. Bucket, Prefix and a domain (Search,
// or Domain) are required.
type Props struct {
	// Bucket holds the CSV objects (required).
	Bucket awss3.IBucket
	// Prefix the objects are listed under (required), e.g. "exports/".
	Prefix *string
	// Suffix of the object keys read.
	// @default ".csv"
	Suffix *string
	// CheckpointKey is the object in Bucket where the function keeps its
	// state (watermark, objects done, where a stopped run resumes); the
	// function may write this key and no other.
	// @default "_index-checkpoints/<construct address>.json"
	CheckpointKey *string

	// Search is a streamtoopensearch construct whose domain receives the
	// documents: its Domain, Vpc, DomainSecurityGroup and MapWriter (the
	// role mapping through its access function) are used. Give Search or
	// Domain, not both.
	Search *streamtoopensearch.StreamToOpenSearch
	// Domain receives the documents when Search is not given.
	Domain awsopensearchservice.IDomain
	// Vpc of a VPC domain (with Domain); the function runs in it.
	Vpc awsec2.IVpc
	// VpcSubnets for the function.
	// @default the VPC's isolated subnets, else its private subnets
	VpcSubnets *awsec2.SubnetSelection
	// DomainSecurityGroup of a VPC domain: it is opened to the function on
	// port 443. Required with Vpc.
	DomainSecurityGroup awsec2.ISecurityGroup
	// RoleMapper maps the function's role as a writer of its indices in the
	// domain's fine-grained access control (with Domain; Search maps
	// itself). nil: map it yourself, or the domain has no fine-grained
	// access control.
	RoleMapper RoleMapper
	// S3GatewayEndpoint adds an S3 gateway endpoint (its policy limited to
	// Bucket) to the function's subnets, which in an isolated VPC have no
	// other way to S3. Set false when they already route to S3 (a second
	// gateway endpoint on the same route tables fails to deploy).
	// @default true in a VPC
	S3GatewayEndpoint *bool

	// IndexName, or with IndexRotation the prefix of the index names
	// (OpenSearch rules: lower case, not starting with _ - +, none of
	// \ / * ? " < > | space , # :).
	// @default "csv-data"
	IndexName *string
	// IndexRotation. A rotated index follows the object's LastModified, so
	// a replaced object's new version lands in its new date's index.
	// @default NoRotation
	IndexRotation Rotation
	// Columns to parse, by normalised (snake_case) header; others stay
	// strings.
	// @default none
	Columns map[string]ColumnType

	// Schedule of the runs (EventBridge Scheduler, UTC).
	// @default "rate(8 hours)"
	Schedule *string
	// Timeout of one run, 2 to 15 minutes; a run stops a minute before it
	// and the next run continues.
	// @default 15 minutes
	Timeout awscdk.Duration
	// Memory of the function, 128 to 10,240 MB.
	// @default 512
	Memory *float64

	// EncryptionKey encrypts the function's log group and the dead-letter
	// queue; its policy must let CloudWatch Logs use it.
	// @default a new rotating key
	EncryptionKey awskms.IKey
	// LogRetention of the function's log group.
	// @default one year
	LogRetention awslogs.RetentionDays

	// CreateAlarms creates the errors and dead-letter alarms.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives ALARM and OK notifications.
	// @default a new topic encrypted with its own key
	AlarmTopic awssns.ITopic
}
