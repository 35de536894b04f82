// Package secretrotation rotates a database (or any) secret of Secrets
// Manager on a schedule, with AWS's hosted rotation function in the
// database's VPC or a function of yours, and offers the Parameter Store
// references to the secret (catalogue SEC-08,
// secrets-rotation-parameter-store).
//
// Scenario: the warehouse's users (the loader, the lake load jobs, the DMS
// writer) sign in with passwords kept in Secrets Manager. A password that
// never changes outlives the people and systems that have seen it; the
// exam's answer is "rotating DB credentials ⇒ Secrets Manager, not Parameter
// Store". Some consumers only speak Parameter Store, so they read the same
// secret through its Parameter Store reference.
//
//	Secrets Manager secret {"engine","host","port","username","password","dbname"} (CMK)
//	  │ RotationSchedule: rate(N days) (default 30, at most 365) or cron(...)
//	  ▼
//	hosted rotation function (RedshiftSingleUser, RedshiftMultiUser, PostgreSQL*, MySQL*;
//	  deployed by the AWS::SecretsManager-2024-09-16 transform) in the database's private subnets
//	  security group: egress to the database port (SG to SG) and HTTPS to the Secrets Manager
//	  endpoint only; the database's group admits it on its port
//	  │ createSecret → setSecret (ALTER USER ... PASSWORD) → testSecret → finishSecret
//	  ▼
//	database ◀── applications read AWSCURRENT: GetSecretValue, or Parameter Store
//	             GetParameter /aws/reference/secretsmanager/<name> (WithDecryption)
//	discovery: String parameters <path>/arn and <path>/name (no value)
//
// New needs the secret and either an Engine (then Vpc and Target, the
// database's connections, and Port unless Target has a default one) or a
// RotationFunction. By default it rotates every 30 days, immediately on
// creation, with a security group that allows nothing but the database port
// and HTTPS to the VPC's CIDR (where the Secrets Manager interface endpoint
// is; Endpoints narrows that to the endpoints' own groups). Multi-user
// engines sign in with MasterSecret and alternate between the user and
// <user>_clone, so the password in use is never the one being changed.
//
// Why this design: the CDK's HostedRotation creates a security group that
// allows all outbound traffic; here the group is the construct's, with two
// egress rules. A rotation function of a private database must reach the
// Secrets Manager API: the library's VPCs have no NAT, so through an
// interface endpoint. The construct takes any ISecret, so it attaches to
// secrets created by other constructs without changing them.
//
// Parameter Store (the catalogue's implementation note, and the notes'
// "reference them from Parameter Store"): CloudFormation cannot create a
// SecureString parameter (AWS::SSM::Parameter has Type String or
// StringList only), and a secret copied into Parameter Store would not
// rotate. So no SecureString is created. Two things are offered instead:
//
//   - the reference: ReferenceName(secret) is
//     /aws/reference/secretsmanager/<name>. Parameter Store forwards
//     GetParameter(s) on it, WithDecryption, to Secrets Manager and returns
//     the current value (the caller needs ssm:GetParameter and
//     secretsmanager:GetSecretValue). Nothing is stored under that name; it
//     cannot be created, listed or changed. SecureStringReference(secret) is
//     the CloudFormation dynamic reference {{resolve:ssm-secure:<that
//     name>}} for the properties that accept ssm-secure; everywhere else
//     secret.SecretValue() ({{resolve:secretsmanager:...}}) is the better
//     reference.
//   - discovery: with ParameterPath, plain String parameters <path>/arn and
//     <path>/name publish where the secret is (never its value), so other
//     stacks and scripts find it by a name they know.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): a rotation above 365 days or under one day, as
// AutomaticallyAfterDays or rate(N days) (the bad input), both of
// them, a schedule that is neither rate(N days) nor a valid six-field cron
// (rate(12 hours) included: hours are not offered), a multi-user engine
// without MasterSecret or a MasterSecret with a single-user one, an unknown
// engine, Engine with RotationFunction (or network props with a function),
// a hosted rotation without Vpc, Target or a port, subnets that do not
// exist, a secret of this app whose JSON lacks engine, host or username or
// names another engine, and malformed or reserved (/aws, /ssm) parameter
// paths.
//
// The project's secrets: the Redshift admin secrets (warehouse:
// ManageMasterPassword, ManageAdminPassword) and the MySQL master secret
// (mysqlsource) are managed by Redshift and RDS, which rotate them
// themselves (managed rotation: no schedule). The Warehouse stack rotates
// the others with this construct (stacks/warehouse rotation.go,
// warehouse.rotationDays): its users' secrets and the DMS writer's
// (cdcreplication WarehouseSecret) hold {"engine":"redshift","host",
// "port","dbname"} for RedshiftSingleUser, first rotated right after the
// SQL that creates the users; the DMS reader of the MySQL source
// (mysqlsource ReplicationSecret, completed by a SecretTargetAttachment)
// rotates with MysqlSingleUser and RotateImmediately false, because a
// person creates that user after the deployment.
//
// Retention: the construct holds no data; the secret's own removal policy
// applies. The CDK's rotation schedule adds a resource policy to a secret of
// this app denying secretsmanager:DeleteSecret to the account root.
//
// cdk-nag suppressions: AwsSolutions-IAM5 (Resource::*) on the default
// policy of a RotationFunction's role of this app, for
// secretsmanager:GetRandomPassword, which has no resource type. None for a
// hosted rotation (its function is created by the transform at deployment,
// outside the template cdk-nag sees). No Control Tower exemption.
package secretrotation
