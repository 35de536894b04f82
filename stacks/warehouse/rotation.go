package warehouse

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	"github.com/cdk-data-patterns/patterns/constructs/secretrotation"
	"github.com/cdk-data-patterns/patterns/stacks/checks"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// SEC-08: the passwords of the database users this stack creates rotate
// every warehouse.rotationDays (30 by default) with AWS's hosted rotation
// functions (secretrotation), in the warehouse VPC, reaching the database
// on its port and Secrets Manager through the VPC's interface endpoint (no
// NAT). The Redshift users (the loader, the lake loader, the scheduler, the
// BI reader, the offload user, the DMS writer) rotate with RedshiftSingleUser once the
// stack's SQL has created them, immediately on creation; the created MySQL
// source's DMS reader with MySQLSingleUser, first at the end of the first
// interval, because a person creates that user after the deployment
// (docs/patterns/mysqlsource.md). The Redshift admin and MySQL master
// secrets are Redshift's and RDS's, which rotate them themselves.
//
// Why rotation and the stack's SQL agree: the SQL (Schema, functions/
// redshiftsql) reads each user's secret (AWSCURRENT) when it runs and sets
// that password, so a deployment after a rotation sets the password the
// rotation left, not one fixed in the template.

// rotationDays is warehouse.rotationDays, or the default.
func (c Config) rotationDays() float64 {
	if c.RotationDays == nil {
		return secretrotation.DefaultRotationDays
	}
	return *c.RotationDays
}

// checkRotation: 0 (off) or a whole number of days up to a year.
func checkRotation(pr *context.Problems, c *Config) {
	if c.RotationDays == nil {
		return
	}
	if n := *c.RotationDays; n < 0 || n > secretrotation.MaxRotationDays || n != float64(int(n)) {
		pr.Add("rotationDays", fmt.Sprint(n), fmt.Sprintf("0 (no rotation) or a whole number of days from 1 to %d", secretrotation.MaxRotationDays))
	}
}

// rotatedUser is a database user's secret and the rotation it gets.
type rotatedUser struct {
	id, user string
	secret   awssecretsmanager.ISecret
}

// redshiftUsers are the Redshift users whose passwords the stack's SQL sets
// from their secrets.
func (s *Stack) redshiftUsers() []rotatedUser {
	users := []rotatedUser{
		{"OrdersLoader", LoaderUser, s.LoaderSecret},
		{"LakeLoader", LakeLoaderUser, s.LakeLoaderSecret},
		{"Scheduler", SchedulerUser, s.SchedulerSecret},
	}
	if s.BiReader != nil {
		users = append(users, rotatedUser{"BiReader", BiReaderUser, s.BiReader.Secret})
	}
	if s.OffloadSecret != nil {
		users = append(users, rotatedUser{"Offload", OffloadUser, s.OffloadSecret})
	}
	if s.Cdc != nil && s.Cdc.WarehouseSecret != nil {
		users = append(users, rotatedUser{"DmsWriter", cdcreplication.DMSUser, s.Cdc.WarehouseSecret})
	}
	return users
}

// rotation adds the schedules (rotationDays 0: none, and the users'
// secrets say why they do not rotate).
func (s *Stack) rotation(cfg Config) {
	days := cfg.rotationDays()
	s.Rotations = map[string]*secretrotation.Rotation{}
	if days == 0 {
		for _, u := range s.redshiftUsers() {
			if u.user == cdcreplication.DMSUser {
				continue // cdcreplication records its own reason
			}
			checks.Suppress(u.secret, "Rotation is turned off by warehouse.rotationDays 0. The stack's SQL sets this Redshift user's password from the secret's current value whenever it runs; set rotationDays to rotate it with the hosted RedshiftSingleUser function.",
				append(checks.PackRules("SecretsManagerRotationEnabled"), "AwsSolutions-SMG4")...)
		}
		return
	}
	scope := constructs.NewConstruct(s.Stack, jsii.String("SecretRotation"))
	w := s.Warehouse
	endpoints := []awsec2.IConnectable{s.EndpointSecurityGroup}
	for _, u := range s.redshiftUsers() {
		r := secretrotation.New(scope, u.id, &secretrotation.Props{
			Secret:                 u.secret,
			Engine:                 secretrotation.RedshiftSingleUser,
			Vpc:                    w.Vpc,
			Target:                 w.SecurityGroup,
			Port:                   jsii.Number(w.PortNumber()),
			Endpoints:              endpoints,
			AutomaticallyAfterDays: jsii.Number(days),
		})
		// The user exists (and has the secret's password) once the SQL ran.
		r.Schedule.Node().AddDependency(s.Schema)
		s.Rotations[u.user] = r
	}
	if db := s.SourceDatabase; db != nil {
		// The DMS reader is created by a person after the deployment: no
		// rotation before the first interval has passed.
		s.Rotations[SourceReaderUser] = secretrotation.New(scope, "DmsReader", &secretrotation.Props{
			Secret:                 db.ReplicationSecret,
			Engine:                 secretrotation.MysqlSingleUser,
			Vpc:                    w.Vpc,
			Target:                 db.SecurityGroup,
			Port:                   jsii.Number(db.Port),
			Endpoints:              endpoints,
			AutomaticallyAfterDays: jsii.Number(days),
			RotateImmediately:      jsii.Bool(false),
		})
	}
}
