package cdcreplication

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// DMSUser is the Redshift user of the default warehouse secret.
const DMSUser = "dms_user"

// warehouse is ING-06: the Redshift target endpoint and the full load +
// CDC task into it.
func (r *Replication) warehouse(c constructs.Construct, p *Props, settings string) {
	w := p.Warehouse
	secret := p.WarehouseSecret
	if secret == nil {
		// host, port and database come from the warehouse; the password
		// is generated and never appears in the template. engine and
		// dbname are what AWS's RedshiftSingleUser rotation function reads
		// besides them (package secretrotation attaches one).
		secret = awssecretsmanager.NewSecret(c, jsii.String("WarehouseSecret"), &awssecretsmanager.SecretProps{
			Description:   jsii.String("Redshift user " + DMSUser + " that DMS writes as (" + *c.Node().Path() + ")"),
			EncryptionKey: r.Key,
			GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
				SecretStringTemplate: awscdk.Fn_Join(jsii.String(""), &[]*string{
					jsii.String(`{"engine":"redshift","username":"` + DMSUser + `","dbname":"` + w.DatabaseName + `","host":"`), w.Endpoint,
					jsii.String(`","port":` + strconv.Itoa(int(w.PortNumber())) + `}`),
				}),
				GenerateStringKey:  jsii.String("password"),
				ExcludePunctuation: jsii.Bool(true),
				PasswordLength:     jsii.Number(32),
			},
		})
		nag.NoRotation(secret, "The user is created by the warehouse's SQL, outside this construct, so the construct cannot schedule its rotation: the secret holds engine, host, port and dbname for a RedshiftSingleUser rotation that the owner of that SQL attaches once the user exists (the Warehouse stack does, with secretrotation), or give WarehouseSecret with a rotation you own.")
	}
	r.WarehouseSecret = secret
	secret.GrantRead(r.SecretsRole, nil)
	r.WarehouseTarget = awsdms.NewCfnEndpoint(c, jsii.String("WarehouseTarget"), &awsdms.CfnEndpointProps{
		EndpointType: jsii.String("target"),
		EngineName:   jsii.String("redshift"),
		DatabaseName: jsii.String(w.DatabaseName),
		// "A Redshift endpoint already uses an SSL connection and does not
		// require one set up by DMS" (DMS guide, Using SSL): TLS with require_ssl.
		SslMode: jsii.String("none"),
		RedshiftSettings: &awsdms.CfnEndpoint_RedshiftSettingsProperty{
			SecretsManagerSecretId:       secret.SecretArn(),
			SecretsManagerAccessRoleArn:  r.SecretsRole.RoleArn(),
			EncryptionMode:               jsii.String("SSE_KMS"),
			ServerSideEncryptionKmsKeyId: r.Key.KeyArn(),
			ServiceAccessRoleArn:         r.serviceAccessRole(c).RoleArn(),
		},
		EndpointIdentifier: jsii.String(name(c, "warehouse")),
	})
	r.WarehouseTask = r.task(c, "WarehouseTask", r.WarehouseTarget, p, settings)
}

// serviceAccessRole is the role DMS and Redshift use for the intermediate
// S3 files of a Redshift target (encrypted with the construct's key).
func (r *Replication) serviceAccessRole(c constructs.Construct) awsiam.IRole {
	if r.AccountRoles != nil {
		gluebase.GrantKey(r.AccountRoles.AccessForEndpoint, r.Key)
		return r.AccountRoles.AccessForEndpoint
	}
	stack := awscdk.Stack_Of(c)
	return awsiam.Role_FromRoleArn(c, jsii.String("AccessForEndpoint"), stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("iam"), Region: jsii.String(""), Resource: jsii.String("role"), ResourceName: jsii.String("dms-access-for-endpoint"),
	}), nil)
}

// lake is ING-24: Parquet per table in S3, with the operation and commit
// timestamp of each change.
func (r *Replication) lake(c constructs.Construct, p *Props, settings string) {
	role := awsiam.NewRole(c, jsii.String("LakeRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("dms.amazonaws.com"), nil),
		Description: jsii.String("Lets DMS write the lake prefix of " + *c.Node().Path()),
	})
	gluebase.GrantWritePrefix(role, p.Lake, p.LakePrefix)
	gluebase.GrantKey(role, r.Key)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "DMS writes one object per table and batch under the lake prefix, named at run time; the grant covers that prefix only, and the keys' grants use CDK's encrypt action groups on exactly those keys.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	r.LakeTarget = awsdms.NewCfnEndpoint(c, jsii.String("LakeTarget"), &awsdms.CfnEndpointProps{
		EndpointType: jsii.String("target"),
		EngineName:   jsii.String("s3"),
		S3Settings: &awsdms.CfnEndpoint_S3SettingsProperty{
			BucketName:                    p.Lake.BucketName(),
			BucketFolder:                  jsii.String(trimSlash(p.LakePrefix)),
			ServiceAccessRoleArn:          role.RoleArn(),
			DataFormat:                    jsii.String("parquet"),
			ParquetVersion:                jsii.String("parquet-2-0"),
			CompressionType:               jsii.String("GZIP"),
			EncryptionMode:                jsii.String("SSE_KMS"),
			ServerSideEncryptionKmsKeyId:  r.Key.KeyArn(),
			TimestampColumnName:           jsii.String("cdc_timestamp"),
			IncludeOpForFullLoad:          true,
			CdcInsertsAndUpdates:          false,
			DatePartitionEnabled:          true,
			DatePartitionSequence:         jsii.String("YYYYMMDD"),
			DatePartitionDelimiter:        jsii.String("SLASH"),
			ParquetTimestampInMillisecond: true,
			CdcMaxBatchInterval:           jsii.Number(60),
		},
		EndpointIdentifier: jsii.String(name(c, "lake")),
	})
	if policy := role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		r.LakeTarget.Node().AddDependency(policy)
	}
	r.LakeTask = r.task(c, "LakeTask", r.LakeTarget, p, settings)
}

func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
