package tokenvault

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
)

// PartitionKey is the vault table's partition key (a string attribute):
// the token. An existing table given as Props.Table must have it.
const PartitionKey = "token"

// EncryptionContextKey is the KMS encryption context key of every data key
// the function generates or decrypts; its value is the vault table's name.
// The key's policy and the roles' statements require it.
const EncryptionContextKey = "tokenvault:table"

// Data-key cache bounds (see functions/tokenize): a plaintext data key is
// reused for at most DataKeyMaxUses values and DataKeyMaxAge.
const (
	DefaultDataKeyMaxUses = 1000
	MaxDataKeyMaxUses     = 1_000_000
)

// Props configures a Vault. nil props: a new table and keys, random
// tokens, both functions outside any VPC.
type Props struct {
	// Table is an existing vault table (partition key "token", string). Its
	// encryption, backups and retention are the caller's.
	// @default a new table: on-demand, point-in-time recovery, encrypted
	// with StorageKey, deletion protection, retained
	Table awsdynamodb.ITable
	// TableProps override the defaults of the new table (not with Table).
	// The partition key must stay "token", the encryption customer managed,
	// and RemovalPolicy DESTROY needs the sandbox switch.
	TableProps *awsdynamodb.TableProps

	// EncryptionKey is the key of the envelope encryption (the function's
	// data keys). It must be customer managed. The construct adds to the
	// roles the statements that use it with the encryption context; on a
	// key of this app it also adds the key-policy statements that deny
	// every other principal its data-key operations. For an imported key,
	// write those into its policy yourself.
	// @default a new key: rotating, retained, used by nothing else
	EncryptionKey awskms.IKey
	// StorageKey encrypts the new table, the log groups and the
	// deterministic-token secret (its policy must let CloudWatch Logs use
	// it).
	// @default a new key: rotating, retained
	StorageKey awskms.IKey

	// Deterministic makes equal values (under the same context) give equal
	// tokens: the token is an HMAC of the value under a generated secret
	// key kept in Secrets Manager. Random tokens reveal nothing, not even
	// equality; deterministic ones allow joins and counts on tokens.
	// @default false (random tokens)
	Deterministic *bool

	// DataKeyMaxAge is the longest a plaintext data key is cached (1 second
	// to 1 hour, whole seconds).
	// @default 5 minutes
	DataKeyMaxAge awscdk.Duration
	// DataKeyMaxUses is the number of values one data key encrypts (1 to
	// 1,000,000; 1 means a KMS call per value).
	// @default DefaultDataKeyMaxUses (1,000)
	DataKeyMaxUses float64

	// Vpc runs both functions in this VPC, in VpcSubnets, behind a security
	// group that allows only HTTPS out. The subnets must reach DynamoDB
	// (gateway endpoint), KMS and, with Deterministic, Secrets Manager
	// (interface endpoints): Endpoints creates them, or the VPC has them.
	// @default no VPC
	Vpc awsec2.IVpc
	// VpcSubnets select the functions' subnets in Vpc.
	// @default the isolated subnets, else the private ones with egress
	VpcSubnets *awsec2.SubnetSelection
	// Endpoints creates in Vpc a DynamoDB gateway endpoint and KMS (and,
	// with Deterministic, Secrets Manager) interface endpoints whose
	// policies allow only the vault's table, key and secret, reachable on
	// HTTPS from the functions' security group only.
	// @default false
	Endpoints *bool

	// LogRetention of the functions' log groups.
	// @default one year
	LogRetention awslogs.RetentionDays
	// MemorySize of each function in MB (128 to 10240).
	// @default 256 (AES-GCM and TLS to KMS and DynamoDB are CPU-bound; more
	// memory is more CPU)
	MemorySize float64
	// ReservedConcurrency of each function; 0 leaves them unreserved.
	// @default 0
	ReservedConcurrency float64
}
