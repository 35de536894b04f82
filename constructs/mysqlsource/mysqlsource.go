package mysqlsource

import (
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// Database is an RDS for MySQL instance ready to be a DMS change data
// capture source, Multi-AZ, backed up and audited.
type Database struct {
	constructs.Construct
	// Instance is the DB instance (L1: RDS-managed master password and
	// the master secret's key have no L2 form).
	Instance awsrds.CfnDBInstance
	// Identifier is the instance's DB identifier, derived from the
	// construct's path (the log groups are named after it).
	Identifier string
	// Port the database listens on.
	Port float64
	// SecurityGroup of the instance: no rule until AllowFrom.
	SecurityGroup awsec2.ISecurityGroup
	// Key encrypts storage, backups, secrets and log groups.
	Key awskms.IKey
	// MasterSecret is the RDS-managed secret of the administrator
	// ({"username", "password"}), rotated by RDS.
	MasterSecret awssecretsmanager.ISecret
	// ReplicationSecret holds {"username", "password", "host", "port",
	// "engine", "dbInstanceIdentifier"} of the DMS user: what a DMS source
	// endpoint reads. The user itself is created with the SQL of doc.go.
	ReplicationSecret awssecretsmanager.ISecret
	// ParameterGroup has cdcreplication.SourceParameters and the log
	// settings; OptionGroup the MariaDB audit plugin.
	ParameterGroup awsrds.CfnDBParameterGroup
	OptionGroup    awsrds.CfnOptionGroup
	// LogGroups are the exported logs by type: audit, error, general,
	// slowquery.
	LogGroups map[string]awslogs.ILogGroup
	// MonitoringRole lets RDS publish enhanced monitoring metrics.
	MonitoringRole awsiam.IRole
}

// LogTypes are the MySQL logs RDS exports to CloudWatch Logs: all of them,
// as Control Tower's CT.RDS.PR.14 and the notes (DWH-12) ask.
var LogTypes = []string{"audit", "error", "general", "slowquery"}

// AuditEvents are what the MariaDB audit plugin records: connections
// (who signed in, from where, failures) and statements that change schema
// or privileges. Data reads and writes are in the general log.
const AuditEvents = "CONNECT,QUERY_DDL,QUERY_DCL"

const (
	defaultEngineVersion       = "8.0.46"
	defaultInstanceClass       = "db.t4g.small"
	defaultStorage             = 20
	defaultPort                = 3307
	defaultDatabaseName        = "plm_db"
	defaultMasterUsername      = "cdp_admin"
	defaultReplicationUsername = "dms_reader"
	defaultBackupDays          = 7
	defaultMonitoringSeconds   = 60
)

// LogParameters turn on the general and slow-query logs as files, which
// RDS then exports (log_output TABLE would export nothing).
var LogParameters = map[string]string{
	"general_log":     "1",
	"slow_query_log":  "1",
	"long_query_time": "2",
	"log_output":      "FILE",
}

// New creates the database. Invalid props fail synthesis with every
// problem listed.
func New(scope constructs.Construct, id string, props *Props) *Database {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	p.fillDefaults()
	c := constructs.NewConstruct(scope, jsii.String(id))
	d := &Database{Construct: c, Key: p.EncryptionKey, Port: *p.Port, LogGroups: map[string]awslogs.ILogGroup{}}
	if d.Key == nil {
		d.Key = keys.NewForLogs(c, "Key", "Encrypts the MySQL source database, its secrets and logs of "+*c.Node().Path())
	}
	d.Identifier = identifier(c)
	removal := sandbox.RemovalPolicy(c)

	for _, t := range LogTypes {
		lg := awslogs.NewLogGroup(c, jsii.String("Log-"+t), &awslogs.LogGroupProps{
			LogGroupName:  jsii.String("/aws/rds/instance/" + d.Identifier + "/" + t),
			Retention:     p.LogRetention,
			EncryptionKey: d.Key,
			RemovalPolicy: removal,
		})
		d.LogGroups[t] = lg
	}

	major := p.EngineVersion[:3]
	d.ParameterGroup = cdcreplication.NewSourceParameterGroup(c, "Parameters", "mysql"+major)
	params := map[string]any{}
	for k, v := range cdcreplication.SourceParameters {
		params[k] = v
	}
	for k, v := range LogParameters {
		params[k] = v
	}
	d.ParameterGroup.SetParameters(params)
	d.ParameterGroup.SetDescription(jsii.String("MySQL source of DMS change data capture (binlog ROW, FULL images, no checksum, TLS only) with general and slow-query logs as files"))

	d.OptionGroup = awsrds.NewCfnOptionGroup(c, jsii.String("AuditPlugin"), &awsrds.CfnOptionGroupProps{
		EngineName:             jsii.String("mysql"),
		MajorEngineVersion:     jsii.String(major),
		OptionGroupDescription: jsii.String("MariaDB audit plugin of " + *c.Node().Path()),
		OptionConfigurations: &[]any{&awsrds.CfnOptionGroup_OptionConfigurationProperty{
			OptionName: jsii.String("MARIADB_AUDIT_PLUGIN"),
			OptionSettings: &[]any{
				&awsrds.CfnOptionGroup_OptionSettingProperty{Name: jsii.String("SERVER_AUDIT_EVENTS"), Value: jsii.String(AuditEvents)},
				&awsrds.CfnOptionGroup_OptionSettingProperty{Name: jsii.String("SERVER_AUDIT_EXCL_USERS"), Value: jsii.String("rdsadmin")},
			},
		}},
	})

	subnets := p.Subnets
	if subnets == nil {
		subnets = network.PrivateSubnets(p.Vpc)
	}
	subnetIDs := []any{}
	for _, id := range *p.Vpc.SelectSubnets(subnets).SubnetIds {
		subnetIDs = append(subnetIDs, id)
	}
	subnetGroup := awsrds.NewCfnDBSubnetGroup(c, jsii.String("Subnets"), &awsrds.CfnDBSubnetGroupProps{
		DbSubnetGroupDescription: jsii.String("Subnets of " + *c.Node().Path()),
		SubnetIds:                &subnetIDs,
	})
	d.SecurityGroup = awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
		Vpc:              p.Vpc,
		Description:      jsii.String("MySQL source database of " + *c.Node().Path()),
		AllowAllOutbound: jsii.Bool(false),
	})
	d.MonitoringRole = monitoringRole(c)

	d.Instance = awsrds.NewCfnDBInstance(c, jsii.String("Instance"), &awsrds.CfnDBInstanceProps{
		DbInstanceIdentifier:            jsii.String(d.Identifier),
		Engine:                          jsii.String("mysql"),
		EngineVersion:                   jsii.String(p.EngineVersion),
		DbInstanceClass:                 jsii.String(p.InstanceClass),
		AllocatedStorage:                jsii.String(strconv.FormatFloat(*p.AllocatedStorage, 'f', 0, 64)),
		StorageType:                     jsii.String("gp3"),
		StorageEncrypted:                jsii.Bool(true),
		KmsKeyId:                        d.Key.KeyArn(),
		MultiAz:                         jsii.Bool(true),
		BackupRetentionPeriod:           p.BackupRetentionDays,
		DeleteAutomatedBackups:          jsii.Bool(false),
		DeletionProtection:              jsii.Bool(true),
		CopyTagsToSnapshot:              jsii.Bool(true),
		AutoMinorVersionUpgrade:         jsii.Bool(true),
		PubliclyAccessible:              jsii.Bool(false),
		EnableIamDatabaseAuthentication: jsii.Bool(true),
		EnableCloudwatchLogsExports:     jsii.Strings(LogTypes...),
		MonitoringInterval:              p.MonitoringIntervalSeconds,
		MonitoringRoleArn:               d.MonitoringRole.RoleArn(),
		Port:                            jsii.String(strconv.FormatFloat(*p.Port, 'f', 0, 64)),
		DbName:                          jsii.String(p.DatabaseName),
		MasterUsername:                  jsii.String(p.MasterUsername),
		ManageMasterUserPassword:        jsii.Bool(true),
		MasterUserSecret:                &awsrds.CfnDBInstance_MasterUserSecretProperty{KmsKeyId: d.Key.KeyArn()},
		DbParameterGroupName:            d.ParameterGroup.Ref(),
		OptionGroupName:                 d.OptionGroup.Ref(),
		DbSubnetGroupName:               subnetGroup.Ref(),
		VpcSecurityGroups:               &[]any{d.SecurityGroup.SecurityGroupId()},
	})
	// A final snapshot when the stack is deleted (the instance also has
	// deletion protection); no snapshot in a sandbox.
	if removal == awscdk.RemovalPolicy_RETAIN {
		removal = awscdk.RemovalPolicy_SNAPSHOT
	}
	d.Instance.ApplyRemovalPolicy(removal, nil)
	nag.Suppress(d.Instance, nag.InPacks("RDSInBackupPlan", "The instance keeps automated backups with point-in-time restore for BackupRetentionDays (kept after deletion, "+
		"and a final snapshot), which is the recovery a CDC source needs: the replicated copy lives in the warehouse; "+
		"for long-term recovery points, a backupplan selects the instance by ARN (ResourceArns).", nag.HIPAA, nag.NIST)...)
	// RDS writes into the log groups above (with their key and retention)
	// instead of creating its own.
	for _, t := range LogTypes {
		d.Instance.Node().AddDependency(d.LogGroups[t])
	}
	d.MasterSecret = awssecretsmanager.Secret_FromSecretAttributes(c, jsii.String("MasterSecret"), &awssecretsmanager.SecretAttributes{
		SecretCompleteArn: d.Instance.AttrMasterUserSecretSecretArn(),
		EncryptionKey:     d.Key,
	})
	d.ReplicationSecret = replicationSecret(c, d, p.ReplicationUsername)
	return d
}

func (p *Props) fillDefaults() {
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&p.EngineVersion, defaultEngineVersion)
	def(&p.InstanceClass, defaultInstanceClass)
	def(&p.DatabaseName, defaultDatabaseName)
	def(&p.MasterUsername, defaultMasterUsername)
	def(&p.ReplicationUsername, defaultReplicationUsername)
	num := func(v **float64, d float64) {
		if *v == nil {
			*v = jsii.Number(d)
		}
	}
	num(&p.AllocatedStorage, defaultStorage)
	num(&p.Port, defaultPort)
	num(&p.BackupRetentionDays, defaultBackupDays)
	num(&p.MonitoringIntervalSeconds, defaultMonitoringSeconds)
	if p.LogRetention == "" {
		p.LogRetention = awslogs.RetentionDays_ONE_YEAR
	}
}

// identifier is a DB instance identifier unique to the construct's path:
// lowercase letters, digits and single hyphens, a letter first, at most 63.
func identifier(c constructs.Construct) string {
	n := strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(60), Separator: jsii.String("-")}))
	for strings.Contains(n, "--") {
		n = strings.ReplaceAll(n, "--", "-")
	}
	if n == "" || n[0] < 'a' || n[0] > 'z' {
		n = "db-" + n
	}
	return strings.Trim(n, "-")
}

// monitoringRole is what enhanced monitoring assumes to publish OS metrics
// into the RDSOSMetrics log group.
func monitoringRole(c constructs.Construct) awsiam.Role {
	role := awsiam.NewRole(c, jsii.String("MonitoringRole"), &awsiam.RoleProps{
		AssumedBy:       awsiam.NewServicePrincipal(jsii.String("monitoring.rds.amazonaws.com"), nil),
		Description:     jsii.String("RDS enhanced monitoring of " + *c.Node().Path()),
		ManagedPolicies: &[]awsiam.IManagedPolicy{awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String("service-role/AmazonRDSEnhancedMonitoringRole"))},
	})
	nag.Suppress(role, nag.Suppression{
		Rule:      "AwsSolutions-IAM4",
		Reason:    "AmazonRDSEnhancedMonitoringRole is the policy RDS documents for enhanced monitoring; it only creates and writes the RDSOSMetrics log group, and AWS keeps it in step with the service.",
		AppliesTo: []string{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"},
	})
	return role
}

// replicationSecret is the DMS user's secret: a generated password, the
// user name, and host, port, engine and identifier added by the attachment
// to the instance (DMS needs host and port, which RDS-managed master
// secrets do not hold).
func replicationSecret(c constructs.Construct, d *Database, user string) awssecretsmanager.ISecret {
	secret := awssecretsmanager.NewSecret(c, jsii.String("ReplicationSecret"), &awssecretsmanager.SecretProps{
		Description:   jsii.String("MySQL user " + user + " that DMS reads the binary log of " + d.Identifier + " as (host and port added by the attachment)"),
		EncryptionKey: d.Key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(`{"username":"` + user + `"}`),
			GenerateStringKey:    jsii.String("password"),
			ExcludePunctuation:   jsii.Bool(true),
			PasswordLength:       jsii.Number(32),
		},
	})
	nag.NoRotation(secret, "The DMS user is created in MySQL after deployment with this secret's password (see the construct's doc); a rotation schedule before that user exists would fail, so rotation is added by the operator (aws secretsmanager rotate-secret with the MySQL single-user rotation function) once the user exists.")
	attachment := awssecretsmanager.NewCfnSecretTargetAttachment(c, jsii.String("ReplicationSecretAttachment"), &awssecretsmanager.CfnSecretTargetAttachmentProps{
		SecretId:   secret.SecretArn(),
		TargetId:   d.Instance.Ref(),
		TargetType: jsii.String("AWS::RDS::DBInstance"),
	})
	// The attachment's reference is the secret's ARN once host and port
	// are in it: readers depend on the complete secret.
	return awssecretsmanager.Secret_FromSecretAttributes(c, jsii.String("ReplicationSecretAttached"), &awssecretsmanager.SecretAttributes{
		SecretCompleteArn: attachment.Ref(),
		EncryptionKey:     d.Key,
	})
}

// AllowFrom lets peer connect to the database port.
func (d *Database) AllowFrom(peer awsec2.IConnectable, description string) {
	d.SecurityGroup.Connections().AllowFrom(peer, awsec2.Port_Tcp(jsii.Number(d.Port)), jsii.String(description))
}

// GrantConnect lets grantee sign in as the MySQL user dbUser with an IAM
// authentication token (rds-db:connect on that user of this instance). The
// user must exist with IDENTIFIED WITH AWSAuthenticationPlugin AS 'RDS'.
func (d *Database) GrantConnect(grantee awsiam.IGrantable, dbUser string) awsiam.Grant {
	stack := awscdk.Stack_Of(d.Instance)
	arn := stack.FormatArn(&awscdk.ArnComponents{
		Service:      jsii.String("rds-db"),
		Resource:     jsii.String("dbuser"),
		ResourceName: jsii.String(*d.Instance.AttrDbiResourceId() + "/" + dbUser),
		ArnFormat:    awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("rds-db:connect"),
		ResourceArns: jsii.Strings(*arn),
	})
}
