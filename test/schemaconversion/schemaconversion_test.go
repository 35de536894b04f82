package schemaconversion_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/cdk-data-patterns/patterns/constructs/schemaconversion"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	schemaconversionStack   = "SchemaConversion"
	schemaconversionOptions = "SchemaConversionOptions"
	// Secrets the test gives (partition-check inputs).
	schemaconversionMySQLSecret    = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-mysql-AbCdEf"
	schemaconversionPostgresSecret = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:orders-postgres-AbCdEf"
	schemaconversionSQLSecret      = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:crm-sqlserver-AbCdEf"
	schemaconversionRedshiftSecret = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:warehouse-admin-AbCdEf"
	schemaconversionOracleSecret   = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:erp-oracle-AbCdEf"
	schemaconversionCertificate    = "arn:aws:dms:eu-west-1:111111111111:cert:CRMCA"
	schemaconversionRules          = `{"rules":[{"rule-type":"transformation","rule-action":"convert-lowercase","rule-target":"schema","object-locator":{"schema-name":"%"}}]}`
)

// schemaconversionVpc has isolated subnets (group "db") and, with
// second, another isolated group "app".
func schemaconversionVpc(stack awscdk.Stack, azs float64, second bool) awsec2.Vpc {
	subnets := []*awsec2.SubnetConfiguration{{Name: jsii.String("db"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}
	if second {
		subnets = append(subnets, &awsec2.SubnetConfiguration{Name: jsii.String("app"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED})
	}
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		MaxAzs: jsii.Number(azs), NatGateways: jsii.Number(0), SubnetConfiguration: &subnets, RestrictDefaultSecurityGroup: jsii.Bool(false),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(vpc, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-VPC7"), Reason: jsii.String("A test VPC standing for the caller's network; flow logs are the network owner's (the warehouse VPC has them)."),
	}}, jsii.Bool(false))
	testkit.AcceptNag(vpc, "VPCFlowLogsEnabled", "A VPC standing for the caller's network; flow logs are the network owner's (the warehouse VPC has them).")
	testkit.AcceptNag(vpc, "VPCDefaultSecurityGroupClosed", "A VPC standing for the caller's network; closing its default security group is the network owner's (datavpc does it).")
	return vpc
}

func schemaconversionSecret(scope constructs.Construct, id, arn string) awssecretsmanager.ISecret {
	return awssecretsmanager.Secret_FromSecretCompleteArn(scope, jsii.String(id), jsii.String(arn))
}

var schemaconversionBuilt struct {
	defaults, redshift, oracle *schemaconversion.SchemaConversion
	sourceSG, targetSG         awsec2.SecurityGroup
	ownSG                      awsec2.SecurityGroup
}

var schemaconversionConfigs = testkit.Register("schemaconversion", nil, func(app constructs.Construct) {
	b := &schemaconversionBuilt
	// Defaults: MySQL source, PostgreSQL target, everything else created.
	stack := awscdk.NewStack(app, jsii.String(schemaconversionStack), nil)
	vpc := schemaconversionVpc(stack, 2, false)
	b.sourceSG = awsec2.NewSecurityGroup(stack, jsii.String("MySQLGroup"), &awsec2.SecurityGroupProps{Vpc: vpc, Description: jsii.String("MySQL source")})
	b.targetSG = awsec2.NewSecurityGroup(stack, jsii.String("PostgresGroup"), &awsec2.SecurityGroupProps{Vpc: vpc, Description: jsii.String("PostgreSQL target")})
	b.defaults = schemaconversion.New(stack, "Orders", &schemaconversion.Props{
		Vpc: vpc,
		Source: schemaconversion.DataProvider{
			Engine: schemaconversion.MySQL, ServerName: jsii.String("orders.db.internal"), Port: 3306,
			Secret: schemaconversionSecret(stack, "MySQLSecret", schemaconversionMySQLSecret), Connections: b.sourceSG,
		},
		Target: schemaconversion.DataProvider{
			Engine: schemaconversion.PostgreSQL, ServerName: jsii.String("orders.pg.internal"), Port: 5432, DatabaseName: "orders",
			Secret: schemaconversionSecret(stack, "PostgresSecret", schemaconversionPostgresSecret), Connections: b.targetSG,
		},
	})

	// Options: existing bucket, key, security group, subnet group; SQL
	// Server (verify-full) to Redshift, and Oracle to Aurora MySQL.
	opt := awscdk.NewStack(app, jsii.String(schemaconversionOptions), nil)
	ovpc := schemaconversionVpc(opt, 3, true)
	shared := securebucket.New(opt, "Shared", &securebucket.Props{Encryption: securebucket.SSEKMS})
	b.ownSG = awsec2.NewSecurityGroup(opt, jsii.String("Own"), &awsec2.SecurityGroupProps{Vpc: ovpc, Description: jsii.String("migration team")})
	b.redshift = schemaconversion.New(opt, "CrmToRedshift", &schemaconversion.Props{
		Vpc: ovpc, Subnets: &awsec2.SubnetSelection{SubnetGroupName: jsii.String("db")},
		SecurityGroups: []awsec2.ISecurityGroup{b.ownSG},
		EncryptionKey:  shared.Key, Bucket: shared.Bucket, Prefix: "sct/crm/",
		Source: schemaconversion.DataProvider{
			Engine: schemaconversion.SQLServer, ServerName: jsii.String("crm.corp.internal"), Port: 1433, DatabaseName: "crm",
			SslMode: schemaconversion.SSLVerifyFull, CertificateArn: jsii.String(schemaconversionCertificate),
			Secret: schemaconversionSecret(opt, "SQLSecret", schemaconversionSQLSecret),
		},
		Target: schemaconversion.DataProvider{
			Engine: schemaconversion.Redshift, ServerName: jsii.String("warehouse.abc.eu-west-1.redshift.amazonaws.com"), Port: 5440, DatabaseName: "warehouse",
			// A secret encrypted with a customer managed key: the role may decrypt with it.
			Secret: awssecretsmanager.Secret_FromSecretAttributes(opt, jsii.String("RedshiftSecret"), &awssecretsmanager.SecretAttributes{
				SecretCompleteArn: jsii.String(schemaconversionRedshiftSecret), EncryptionKey: shared.Key,
			}),
		},
		TransformationRules: jsii.String(schemaconversionRules),
	})
	b.oracle = schemaconversion.New(opt, "ErpToAurora", &schemaconversion.Props{
		Vpc: ovpc, Subnets: &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED},
		EncryptionKey: awskms.Key_FromKeyArn(opt, jsii.String("ImportedKey"), shared.Key.KeyArn()),
		Source: schemaconversion.DataProvider{
			Engine: schemaconversion.Oracle, ServerName: jsii.String("erp.corp.internal"), Port: 1521, DatabaseName: "ERP",
			SslMode: schemaconversion.SSLNone, Secret: schemaconversionSecret(opt, "OracleSecret", schemaconversionOracleSecret),
		},
		Target: schemaconversion.DataProvider{
			Engine: schemaconversion.AuroraMySQL, ServerName: jsii.String("erp.cluster.internal"), Port: 3306,
			Secret: schemaconversionSecret(opt, "AuroraSecret", schemaconversionMySQLSecret),
		},
	})
})

func schemaconversionStackOf(t *testing.T, name string) *testkit.Stack {
	return schemaconversionConfigs().Stack(t, name)
}

func TestSchemaconversionDataProviders(t *testing.T) {
	st := schemaconversionStackOf(t, schemaconversionStack)
	_, src := st.ByPath(t, "AWS::DMS::DataProvider", schemaconversionStack+"/Orders/Source")
	if got, want := testkit.JSON(testkit.Props(src)), `{"Description":"source-mysql","Engine":"mysql","Settings":{"MySqlSettings":{"Port":3306,"ServerName":"orders.db.internal","SslMode":"require"}}}`; got != want {
		t.Errorf("source provider:\n got %s\nwant %s", got, want)
	}
	_, dst := st.ByPath(t, "AWS::DMS::DataProvider", schemaconversionStack+"/Orders/Target")
	if got, want := testkit.JSON(testkit.Props(dst)), `{"Description":"target-postgres","Engine":"postgres","Settings":{"PostgreSqlSettings":{"DatabaseName":"orders","Port":5432,"ServerName":"orders.pg.internal","SslMode":"require"}}}`; got != want {
		t.Errorf("target provider:\n got %s\nwant %s", got, want)
	}
	opt := schemaconversionStackOf(t, schemaconversionOptions)
	for path, want := range map[string]string{
		"CrmToRedshift/Source": `{"Description":"source-sqlserver","Engine":"sqlserver","Settings":{"MicrosoftSqlServerSettings":{"CertificateArn":"` + schemaconversionCertificate + `","DatabaseName":"crm","Port":1433,"ServerName":"crm.corp.internal","SslMode":"verify-full"}}}`,
		"CrmToRedshift/Target": `{"Description":"target-redshift","Engine":"redshift","Settings":{"RedshiftSettings":{"DatabaseName":"warehouse","Port":5440,"ServerName":"warehouse.abc.eu-west-1.redshift.amazonaws.com"}}}`,
		"ErpToAurora/Source":   `{"Description":"source-oracle","Engine":"oracle","Settings":{"OracleSettings":{"DatabaseName":"ERP","Port":1521,"ServerName":"erp.corp.internal","SslMode":"none"}}}`,
		"ErpToAurora/Target":   `{"Description":"target-aurora","Engine":"aurora","Settings":{"MySqlSettings":{"Port":3306,"ServerName":"erp.cluster.internal","SslMode":"require"}}}`,
	} {
		_, r := opt.ByPath(t, "AWS::DMS::DataProvider", schemaconversionOptions+"/"+path)
		if got := testkit.JSON(testkit.Props(r)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", path, got, want)
		}
	}
}

func TestSchemaconversionInstanceProfile(t *testing.T) {
	st := schemaconversionStackOf(t, schemaconversionStack)
	_, group := st.ByPath(t, "AWS::DMS::ReplicationSubnetGroup", schemaconversionStack+"/Orders/SubnetGroup")
	ids := testkit.JSON(testkit.Props(group)["SubnetIds"])
	if strings.Count(ids, "dbSubnet") != 2 {
		t.Errorf("subnet group should hold the two isolated subnets, got %s", ids)
	}
	groupID, _ := st.ByPath(t, "AWS::DMS::ReplicationSubnetGroup", schemaconversionStack+"/Orders/SubnetGroup")
	keyID, _ := st.ByPath(t, "AWS::KMS::Key", schemaconversionStack+"/Orders/Key/Resource")
	sgID, _ := st.ByPath(t, "AWS::EC2::SecurityGroup", schemaconversionStack+"/Orders/SecurityGroup/Resource")
	_, profile := st.ByPath(t, "AWS::DMS::InstanceProfile", schemaconversionStack+"/Orders/InstanceProfile")
	want := `{"Description":"schema-conversion","KmsKeyArn":{"Fn::GetAtt":["` + keyID + `","Arn"]},"NetworkType":"IPV4","PubliclyAccessible":false,` +
		`"SubnetGroupIdentifier":{"Ref":"` + groupID + `"},"VpcSecurityGroups":[{"Fn::GetAtt":["` + sgID + `","GroupId"]}]}`
	if got := testkit.JSON(testkit.Props(profile)); got != want {
		t.Errorf("instance profile:\n got %s\nwant %s", got, want)
	}
	// The databases' groups let the profile in on their ports.
	for port, group := range map[float64]awsec2.SecurityGroup{3306: schemaconversionBuilt.sourceSG, 5432: schemaconversionBuilt.targetSG} {
		st.Has(t, "AWS::EC2::SecurityGroupIngress", map[string]any{
			"FromPort": port, "ToPort": port, "IpProtocol": "tcp",
			"SourceSecurityGroupId": map[string]any{"Fn::GetAtt": []any{sgID, "GroupId"}},
		})
		_ = group
	}
	// Options: the given security group, the "db" group's subnets (two
	// zones in an environment-agnostic stack), the shared key.
	opt := schemaconversionStackOf(t, schemaconversionOptions)
	ownID, _ := opt.ByPath(t, "AWS::EC2::SecurityGroup", schemaconversionOptions+"/Own/Resource")
	sharedKey, _ := opt.ByPath(t, "AWS::KMS::Key", schemaconversionOptions+"/Shared/Key/Resource")
	_, p := opt.ByPath(t, "AWS::DMS::InstanceProfile", schemaconversionOptions+"/CrmToRedshift/InstanceProfile")
	props := testkit.Props(p)
	if got := testkit.JSON(props["VpcSecurityGroups"]); got != `[{"Fn::GetAtt":["`+ownID+`","GroupId"]}]` {
		t.Errorf("security groups: %s", got)
	}
	if got := testkit.JSON(props["KmsKeyArn"]); got != `{"Fn::GetAtt":["`+sharedKey+`","Arn"]}` {
		t.Errorf("key: %s", got)
	}
	_, og := opt.ByPath(t, "AWS::DMS::ReplicationSubnetGroup", schemaconversionOptions+"/CrmToRedshift/SubnetGroup")
	if ids := testkit.JSON(testkit.Props(og)["SubnetIds"]); strings.Count(ids, "dbSubnet") != 2 || strings.Contains(ids, "app") {
		t.Errorf("subnet group should hold the two db subnets only, got %s", ids)
	}
	// The shared bucket and its log bucket, ErpToAurora's own pair; none for CrmToRedshift.
	if n := len(opt.Resources("AWS::S3::Bucket")); n != 4 {
		t.Errorf("an existing bucket must not create another: %d buckets", n)
	}
}

func TestSchemaconversionProject(t *testing.T) {
	st := schemaconversionStackOf(t, schemaconversionStack)
	profileID, _ := st.ByPath(t, "AWS::DMS::InstanceProfile", schemaconversionStack+"/Orders/InstanceProfile")
	srcID, _ := st.ByPath(t, "AWS::DMS::DataProvider", schemaconversionStack+"/Orders/Source")
	dstID, _ := st.ByPath(t, "AWS::DMS::DataProvider", schemaconversionStack+"/Orders/Target")
	secretsRole, _ := st.ByPath(t, "AWS::IAM::Role", schemaconversionStack+"/Orders/SecretsRole/Resource")
	bucketRole, _ := st.ByPath(t, "AWS::IAM::Role", schemaconversionStack+"/Orders/BucketRole/Resource")
	bucket, _ := st.ByPath(t, "AWS::S3::Bucket", schemaconversionStack+"/Orders/Bucket/Bucket/Resource")
	_, project := st.ByPath(t, "AWS::DMS::MigrationProject", schemaconversionStack+"/Orders/Project")
	props := testkit.Props(project)
	descriptor := func(provider, secret string) string {
		return `[{"DataProviderArn":{"Fn::GetAtt":["` + provider + `","DataProviderArn"]},"SecretsManagerAccessRoleArn":{"Fn::GetAtt":["` + secretsRole + `","Arn"]},"SecretsManagerSecretId":"` + secret + `"}]`
	}
	for field, want := range map[string]string{
		"InstanceProfileArn":            `{"Fn::GetAtt":["` + profileID + `","InstanceProfileArn"]}`,
		"SourceDataProviderDescriptors": descriptor(srcID, schemaconversionMySQLSecret),
		"TargetDataProviderDescriptors": descriptor(dstID, schemaconversionPostgresSecret),
		"SchemaConversionApplicationAttributes": `{"S3BucketPath":{"Fn::Join":["",["s3://",{"Ref":"` + bucket + `"},"/schema-conversion"]]},` +
			`"S3BucketRoleArn":{"Fn::GetAtt":["` + bucketRole + `","Arn"]}}`,
	} {
		if got := testkit.JSON(props[field]); got != want {
			t.Errorf("%s:\n got %s\nwant %s", field, got, want)
		}
	}
	if props["TransformationRules"] != nil {
		t.Errorf("no transformation rules by default, got %v", props["TransformationRules"])
	}
	deps := testkit.JSON(project["DependsOn"])
	for _, id := range []string{secretsRole, bucketRole} {
		if !strings.Contains(deps, id) {
			t.Errorf("the project should wait for role %s (and its policy): DependsOn %s", id, deps)
		}
	}
	opt := schemaconversionStackOf(t, schemaconversionOptions)
	_, op := opt.ByPath(t, "AWS::DMS::MigrationProject", schemaconversionOptions+"/CrmToRedshift/Project")
	if got := testkit.Props(op)["TransformationRules"]; got != schemaconversionRules {
		t.Errorf("transformation rules: %v", got)
	}
	if got := testkit.JSON(testkit.Props(op)["SchemaConversionApplicationAttributes"]); !strings.Contains(got, `"/sct/crm"`) {
		t.Errorf("prefix sct/crm/ should be the bucket path: %s", got)
	}
}

// The secrets role reads exactly the two secrets; the bucket role writes
// under the prefix only. Both trust DMS.
func TestSchemaconversionRoles(t *testing.T) {
	st := schemaconversionStackOf(t, schemaconversionStack)
	_, role := st.ByPath(t, "AWS::IAM::Role", schemaconversionStack+"/Orders/SecretsRole/Resource")
	trust := testkit.JSON(testkit.Props(role)["AssumeRolePolicyDocument"])
	if !strings.Contains(trust, `"dms.amazonaws.com"`) || !strings.Contains(trust, `"dms.`) {
		t.Errorf("secrets role should trust DMS: %s", trust)
	}
	_, policy := st.ByPath(t, "AWS::IAM::Policy", schemaconversionStack+"/Orders/SecretsRole/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
	want := `{"Statement":[{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":["` +
		schemaconversionMySQLSecret + `","` + schemaconversionPostgresSecret + `"]}],"Version":"2012-10-17"}`
	if doc != want {
		t.Errorf("secrets policy should allow reading the two secrets only:\n got %s\nwant %s", doc, want)
	}
	_, bp := st.ByPath(t, "AWS::IAM::Policy", schemaconversionStack+"/Orders/BucketRole/DefaultPolicy/Resource")
	bdoc := testkit.JSON(testkit.Props(bp)["PolicyDocument"])
	if !strings.Contains(bdoc, `"/schema-conversion/*"`) || !strings.Contains(bdoc, `"s3:GetBucketVersioning"`) {
		t.Errorf("bucket policy should be scoped to schema-conversion/*:\n%s", bdoc)
	}
	if strings.Contains(bdoc, `"Resource":"*"`) {
		t.Errorf("bucket policy must not name every resource:\n%s", bdoc)
	}
}

func TestSchemaconversionSecretKeys(t *testing.T) {
	opt := schemaconversionStackOf(t, schemaconversionOptions)
	role, _ := opt.ByPath(t, "AWS::IAM::Role", schemaconversionOptions+"/CrmToRedshift/SecretsRole/Resource")
	_, policy := opt.ByPath(t, "AWS::IAM::Policy", schemaconversionOptions+"/CrmToRedshift/SecretsRole/DefaultPolicy/Resource")
	doc := testkit.JSON(testkit.Props(policy)["PolicyDocument"])
	want := `{"Statement":[{"Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Effect":"Allow","Resource":["` +
		schemaconversionSQLSecret + `","` + schemaconversionRedshiftSecret + `"]}],"Version":"2012-10-17"}`
	if doc != want {
		t.Errorf("secrets policy:\n got %s\nwant %s", doc, want)
	}
	// The Redshift secret's key (same stack) lets the role decrypt through
	// Secrets Manager only, in its key policy.
	_, key := opt.ByPath(t, "AWS::KMS::Key", schemaconversionOptions+"/Shared/Key/Resource")
	kp := testkit.JSON(testkit.Props(key)["KeyPolicy"])
	stmt := `{"Action":"kms:Decrypt","Condition":{"StringEquals":{"kms:ViaService":{"Fn::Join":["",["secretsmanager.",{"Ref":"AWS::Region"},".amazonaws.com"]]}}},"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["` + role + `","Arn"]}},"Resource":"*"}`
	if !strings.Contains(kp, stmt) {
		t.Errorf("key policy lacks the secrets role's decrypt via Secrets Manager:\n%s", kp)
	}
}
