package warehouse

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/cdcreplication"
	dw "github.com/cdk-data-patterns/patterns/constructs/warehouse"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse/sql"
)

// SchedulerUser runs the daily procedure (EventBridge Scheduler, temporary
// credentials); it can execute the procedure and nothing else.
const SchedulerUser = "etl_scheduler"

// applySQL applies the warehouse's SQL at deployment: the loader's audit
// table, the daily procedure with its grants, the table design, the
// Spectrum schema (re-runnable, "Schema"), and masking and column grants
// ("Governance", applied once when created: CREATE ROLE has no IF NOT
// EXISTS and a policy cannot be attached twice).
func (s *Stack) applySQL(cfg Config) {
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
	scheduler := awssecretsmanager.NewSecret(s.Stack, jsii.String("SchedulerUserSecret"), &awssecretsmanager.SecretProps{
		Description:   jsii.String("Password of the Redshift user " + SchedulerUser + ", which nobody uses: the schedule signs in with temporary credentials"),
		EncryptionKey: s.Staging.Key,
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			SecretStringTemplate: jsii.String(`{"username":"` + SchedulerUser + `"}`),
			GenerateStringKey:    jsii.String("password"), ExcludePunctuation: jsii.Bool(true), PasswordLength: jsii.Number(32),
		},
	})
	cdknag.NagSuppressions_AddResourceSuppressions(scheduler, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-SMG4"),
		Reason: jsii.String("Nobody signs in with this password (the schedule uses redshift:GetClusterCredentials); it exists because a Redshift user needs one, and redeploying with a new secret replaces it."),
	}}, jsii.Bool(true))
	users := []dw.PasswordUser{{Name: SchedulerUser, Secret: scheduler}}
	if s.Cdc != nil && s.Cdc.WarehouseSecret != nil {
		users = append(users, dw.PasswordUser{Name: cdcreplication.DMSUser, Secret: s.Cdc.WarehouseSecret})
		procedure = append(procedure, "GRANT CREATE ON DATABASE "+s.Warehouse.DatabaseName+" TO "+cdcreplication.DMSUser)
	}
	s.Schema = s.Warehouse.ApplySQL("Schema", [][]string{
		must(sql.ManifestLoads, schema),
		procedure,
		must(sql.TableDesign, schema),
		spectrum(must, cfg.SpectrumDatabase, *s.Warehouse.Role.RoleArn()),
	}, users...)
	s.Governance = s.Warehouse.ApplySQLOnce("Governance", [][]string{must(sql.Masking, schema), must(sql.ColumnGrants, schema)})
	s.Governance.Node().AddDependency(s.Schema)
}

// spectrumRoleStandIn renders the Spectrum statement with a valid ARN, which
// is then replaced by the role's ARN token (resolved by CloudFormation): the
// package's checks need a concrete value, the role's name is generated.
const spectrumRoleStandIn = "arn:aws:iam::000000000000:role/spectrum-stand-in"

func spectrum(must func(string, map[string]string) []string, database, roleArn string) []string {
	stmts := must(sql.SpectrumSchema, map[string]string{"glue_database": database, "spectrum_role_arn": spectrumRoleStandIn})
	for i := range stmts {
		stmts[i] = strings.ReplaceAll(stmts[i], spectrumRoleStandIn, roleArn)
	}
	return stmts
}
