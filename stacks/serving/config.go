package serving

import (
	"regexp"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

var roleArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)

// ContextKey is the cdk.json context object that configures this stack.
const ContextKey = "serving"

// Config is the "serving" object of cdk.json's context. Every field is
// optional; the zero value is the documented default.
type Config struct {
	// Account and Region pin the stack to an environment. It reads and
	// writes GlueEtl's lake, so it shares that stack's environment.
	Account string `json:"account"`
	Region  string `json:"region"`
	// GlueDev is the Glue development loop over the lake (ETL-09).
	GlueDev GlueDevConfig `json:"glueDev"`
	// Sessions is the web sessions table: TTL, PITR, changes streamed to
	// the lake (STO-02).
	Sessions SessionsConfig `json:"sessions"`
	// DataSync copies an on-premises NFS export into the lake through an
	// agent (ING-23); off until agentArns and nfsServer are set.
	DataSync DataSyncConfig `json:"dataSync"`
	// Api is the data API over the curated orders (ANA-07).
	Api ApiConfig `json:"api"`
	// Sftp is the partners' SFTP server into the lake (ING-08).
	Sftp SftpConfig `json:"sftp"`
	// AppFlow pulls a Salesforce object into S3 as Parquet, hourly and
	// incrementally (ING-22); off until connectorProfileName is set.
	AppFlow AppFlowConfig `json:"appFlow"`
	// QuickSight is a SPICE dataset of the curated orders through the data
	// API's Athena workgroup, refreshed daily (ANA-04); off until ownerArn
	// is set.
	QuickSight QuickSightConfig `json:"quickSight"`
}

// AppFlowConfig configures the Salesforce flow.
type AppFlowConfig struct {
	// ConnectorProfileName is the AppFlow connection to Salesforce made
	// once in the console with the OAuth login (docs/patterns/saasflow.md).
	ConnectorProfileName string `json:"connectorProfileName"`
	// Object is the Salesforce object pulled.
	// @default "Account"
	Object string `json:"object"`
}

// QuickSightConfig configures the SPICE dataset.
type QuickSightConfig struct {
	// OwnerArn is the QuickSight user or group owning the dataset
	// (arn:aws:quicksight:<region>:<account>:user/default/<name>); the
	// account's QuickSight subscription comes first.
	OwnerArn string `json:"ownerArn"`
	// ReaderArns may use the dataset.
	ReaderArns []string `json:"readerArns"`
	// Warehouse adds a second SPICE dataset read from the Warehouse stack
	// through a QuickSight VPC connection as its read-only user (ANA-05);
	// it needs warehouse.biReader and ownerArn.
	// @default false
	Warehouse bool `json:"warehouse"`
}

// ApiConfig configures the data API.
type ApiConfig struct {
	// Enabled adds the API (IAM auth; callers need execute-api:Invoke).
	// @default true
	Enabled *bool `json:"enabled"`
}

// On reports whether the API is added.
func (c ApiConfig) On() bool { return c.Enabled == nil || *c.Enabled }

// SftpConfig configures the Transfer Family server.
type SftpConfig struct {
	// Enabled adds the server (about US$0.30 an hour while it exists).
	// @default false
	Enabled bool `json:"enabled"`
	// IdentityProvider: "SERVICE_MANAGED" (Users below) or "AWS_LAMBDA"
	// (records in Secrets Manager read by functions/sftpauth).
	// @default "SERVICE_MANAGED"
	IdentityProvider string `json:"identityProvider"`
	// Users of a service-managed server: name and SSH public keys.
	Users []SftpUser `json:"users"`
	// AllowedCidrs may reach port 22 (the partners' networks, through the
	// VPN or Direct Connect into the VPC).
	// @default the VPC's CIDR
	AllowedCidrs []string `json:"allowedCidrs"`
}

// SftpUser is a service-managed SFTP user.
type SftpUser struct {
	Name          string   `json:"name"`
	SshPublicKeys []string `json:"sshPublicKeys"`
}

// SessionsConfig configures the TTL table.
type SessionsConfig struct {
	// Enabled adds the table.
	// @default true
	Enabled *bool `json:"enabled"`
	// MaxReadCapacity and MaxWriteCapacity > 0 switch to provisioned
	// capacity with auto scaling from 1 (70 % target utilisation).
	// @default 0: on demand
	MaxReadCapacity  float64 `json:"maxReadCapacity"`
	MaxWriteCapacity float64 `json:"maxWriteCapacity"`
}

// On reports whether the table is added.
func (c SessionsConfig) On() bool { return c.Enabled == nil || *c.Enabled }

// DataSyncConfig configures the DataSync task.
type DataSyncConfig struct {
	// AgentArns of the activated agents that reach the NFS server.
	AgentArns []string `json:"agentArns"`
	// NfsServer and Subdirectory of the export.
	NfsServer    string `json:"nfsServer"`
	Subdirectory string `json:"subdirectory"`
	// BytesPerSecond caps the task's bandwidth (at least 1 MiB/s).
	// @default 104857600 (100 MiB/s)
	BytesPerSecond float64 `json:"bytesPerSecond"`
}

// On reports whether the task is added.
func (c DataSyncConfig) On() bool { return len(c.AgentArns) > 0 }

// GlueDevConfig configures the interactive sessions.
type GlueDevConfig struct {
	// Enabled adds the sessions' role, security configuration and the
	// developers' policy.
	// @default true
	Enabled *bool `json:"enabled"`
	// DeveloperRoleArns get the developers' policy (roles of this account).
	// @default none (attach the DeveloperPolicy output yourself)
	DeveloperRoleArns []string `json:"developerRoleArns"`
	// Notebooks lets the session role drive its own sessions (Glue Studio
	// notebooks).
	// @default true
	Notebooks *bool `json:"notebooks"`
}

// On reports whether the development loop is added.
func (g GlueDevConfig) On() bool { return g.Enabled == nil || *g.Enabled }

// ConfigFrom reads and checks the context of scope.
func ConfigFrom(scope constructs.Construct) Config {
	var c Config
	context.Read(scope, ContextKey, &c)
	if c.DataSync.BytesPerSecond == 0 {
		c.DataSync.BytesPerSecond = 100 << 20
	}
	if c.DataSync.Subdirectory == "" {
		c.DataSync.Subdirectory = "/"
	}
	if c.Sftp.IdentityProvider == "" {
		c.Sftp.IdentityProvider = "SERVICE_MANAGED"
	}
	pr := context.Check(ContextKey)
	if c.AppFlow.Object == "" {
		c.AppFlow.Object = "Account"
	}
	if p := c.Sftp.IdentityProvider; p != "SERVICE_MANAGED" && p != "AWS_LAMBDA" {
		pr.Add("sftp.identityProvider", p, `"SERVICE_MANAGED" or "AWS_LAMBDA"`)
	}
	if (len(c.DataSync.AgentArns) == 0) != (c.DataSync.NfsServer == "") {
		pr.Add("dataSync.agentArns/nfsServer", c.DataSync.NfsServer, "both set (the task) or both empty: the NFS export is read through the agents")
	}
	if (c.Sessions.MaxReadCapacity == 0) != (c.Sessions.MaxWriteCapacity == 0) {
		pr.Add("sessions.maxReadCapacity/maxWriteCapacity", c.Sessions.MaxReadCapacity, "both above 0 (provisioned with auto scaling) or both 0 (on demand)")
	}
	pr.Environment(c.Account, c.Region)
	for _, arn := range c.GlueDev.DeveloperRoleArns {
		if !roleArnRE.MatchString(arn) {
			pr.Add("glueDev.developerRoleArns", arn, "IAM role ARNs such as arn:aws:iam::111122223333:role/data-engineers")
		}
	}
	if c.QuickSight.OwnerArn != "" && c.Api.Enabled != nil && !*c.Api.Enabled && !c.QuickSight.Warehouse {
		pr.Add("quickSight.ownerArn", c.QuickSight.OwnerArn, "empty unless api.enabled (the Athena dataset imports through the API's workgroup) or quickSight.warehouse")
	}
	if c.QuickSight.Warehouse && c.QuickSight.OwnerArn == "" {
		pr.Add("quickSight.warehouse", true, "false unless quickSight.ownerArn names the QuickSight user or group that owns the dataset")
	}
	pr.Fail()
	return c
}
