package warehouse

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse/sql"
)

// LoaderUser signs the manifest loader in: INSERT on the loader's table,
// owner of the audit table (its transaction LOCKs it).
const LoaderUser = "orders_loader"

// SchedulerUser runs the daily procedure (EventBridge Scheduler, temporary
// credentials); it can execute the procedure and nothing else.
const SchedulerUser = "etl_scheduler"

// UserSecretFormat names the JSON of the users' secrets (userSecret and
// the DMS writer's). Change it whenever that JSON changes.
const UserSecretFormat = "engine-username-dbname-host-port"

// applySQL applies the warehouse's SQL at deployment: the loader's audit
// table, the daily procedure with its grants, the table design, the
// Spectrum schema (re-runnable, "Schema"), and masking and column grants
// ("Governance", applied once when created: CREATE ROLE has no IF NOT
// EXISTS and a policy cannot be attached twice).
func (s *Stack) applySQL(cfg Config, lake *Lake) {
	must := func(name string, vars map[string]string) []string {
		stmts, err := sql.Statements(name, vars)
		if err != nil {
			panic(fmt.Sprintf("warehouse SQL %s: %v", name, err))
		}
		return stmts
	}
	schema := map[string]string{"schema": Schema}
	procedure := append(must(sql.DailyProcedure, schema),
		"GRANT USAGE ON SCHEMA "+Schema+" TO "+SchedulerUser,
		"GRANT EXECUTE ON PROCEDURE "+Schema+".process_daily_data() TO "+SchedulerUser)
	s.SchedulerSecret = userSecret(s, "SchedulerUserSecret", SchedulerUser, "Redshift user "+SchedulerUser+", whose password nobody uses: the schedule signs in with temporary credentials")
	users := []dw.PasswordUser{{Name: SchedulerUser, Secret: s.SchedulerSecret}, {Name: LoaderUser, Secret: s.LoaderSecret},
		{Name: LakeLoaderUser, Secret: s.LakeLoaderSecret}}
	if s.BiReader != nil {
		users = append(users, dw.PasswordUser{Name: BiReaderUser, Secret: s.BiReader.Secret})
	}
	var offload []string
	if s.Offload != nil {
		s.OffloadSecret = userSecret(s, "OffloadUserSecret", OffloadUser, "Redshift user "+OffloadUser+" of the Spark offload (ETL-22), whose password nobody uses: the job signs in with temporary credentials")
		users = append(users, dw.PasswordUser{Name: OffloadUser, Secret: s.OffloadSecret})
		offload = offloadSQL()
	}
	loads := append(must(sql.ManifestLoads, schema),
		"ALTER TABLE "+Schema+".manifest_loads OWNER TO "+LoaderUser)
	if s.Cdc != nil && s.Cdc.WarehouseSecret != nil {
		users = append(users, dw.PasswordUser{Name: cdcreplication.DMSUser, Secret: s.Cdc.WarehouseSecret})
		procedure = append(procedure, "GRANT CREATE ON DATABASE "+s.Warehouse.DatabaseName+" TO "+cdcreplication.DMSUser)
	}
	design := append(must(sql.TableDesign, schema),
		"GRANT USAGE ON SCHEMA "+Schema+" TO "+LoaderUser,
		"GRANT SELECT, INSERT ON "+cfg.Loader.Table+" TO "+LoaderUser)
	sets := [][]string{
		loads,
		procedure,
		design,
		lakeTablesSQL(lake),
		// The role's ARN is a token the sql package accepts; CloudFormation
		// resolves it. The lake's database exists: GlueEtl deploys first.
		must(sql.SpectrumSchema, map[string]string{"glue_database": lake.Database, "spectrum_role_arn": *s.Warehouse.Role.RoleArn()}),
	}
	if offload != nil {
		sets = append(sets, offload)
	}
	s.Schema = s.Warehouse.ApplySQL("Schema", sets, users...)
	// CloudFormation generates a new password when a secret's
	// GenerateSecretString changes (as it did when the users' secrets
	// gained engine, host, port and dbname for their rotation): the
	// format's name among the properties applies the SQL, which sets the
	// passwords from the secrets, again in that deployment.
	s.Schema.Node().DefaultChild().(awscdk.CfnResource).AddPropertyOverride(jsii.String("UserSecretFormat"), jsii.String(UserSecretFormat))
	s.Governance = s.Warehouse.ApplySQLOnce("Governance", [][]string{must(sql.Masking, schema), must(sql.ColumnGrants, schema)})
	s.Governance.Node().AddDependency(s.Schema)
	s.biReaderSQL()
}

// userSecret is a generated password for a Redshift user the stack's SQL
// creates (ApplySQL's password users). Beside username and password the
// JSON holds what AWS's RedshiftSingleUser rotation function reads to sign
// in as the user (engine, host, port, dbname): the warehouse's endpoint,
// provisioned cluster or serverless workgroup alike (rotation.go). The
// stack's SQL sets the user's password from the secret's AWSCURRENT value
// each time it runs, so a deployment after a rotation keeps the password a
// rotation set.
func userSecret(s *Stack, id, user, description string) awssecretsmanager.ISecret {
	return namedUserSecret(s, id, user, description, nil)
}

// namedUserSecret is userSecret with a name (nil: generated).
func namedUserSecret(s *Stack, id, user, description string, name *string) awssecretsmanager.ISecret {
	w := s.Warehouse
	return awssecretsmanager.NewSecret(s.Stack, jsii.String(id), &awssecretsmanager.SecretProps{
		Description:   jsii.String(description),
		SecretName:    name,
		EncryptionKey: s.Staging.Key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: awscdk.Fn_Join(jsii.String(""), &[]*string{
				jsii.String(`{"engine":"redshift","username":"` + user + `","dbname":"` + w.DatabaseName + `","host":"`), w.Endpoint,
				jsii.String(`","port":` + strconv.Itoa(int(w.PortNumber())) + `}`),
			}),
			GenerateStringKey: jsii.String("password"), ExcludePunctuation: jsii.Bool(true), PasswordLength: jsii.Number(32),
		},
	})
}
