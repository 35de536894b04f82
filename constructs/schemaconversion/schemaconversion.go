package schemaconversion

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// DefaultPrefix is where DMS Schema Conversion writes in the bucket.
const DefaultPrefix = "schema-conversion/"

// SchemaConversion is a DMS Schema Conversion migration project with its
// instance profile, data providers, bucket and roles.
type SchemaConversion struct {
	constructs.Construct
	// SubnetGroup holds the private subnets the instance profile uses.
	SubnetGroup awsdms.CfnReplicationSubnetGroup
	// SecurityGroup is the instance profile's first security group (the
	// one the construct created, or Props.SecurityGroups[0]).
	SecurityGroup awsec2.ISecurityGroup
	// Key encrypts the instance profile's connection parameters (and the
	// bucket the construct creates).
	Key awskms.IKey
	// InstanceProfile is where the conversion runs (network, key).
	InstanceProfile awsdms.CfnInstanceProfile
	// Bucket and Prefix receive assessment reports and converted code.
	Bucket awss3.IBucket
	Prefix string
	// BucketRole is the role DMS Schema Conversion writes to Bucket with
	// (read/write under Prefix only).
	BucketRole awsiam.IRole
	// SecretsRole is the role DMS reads the data providers' secrets with
	// (exactly those secrets, and decrypt with their keys).
	SecretsRole awsiam.IRole
	// Source and Target are the data providers.
	Source, Target awsdms.CfnDataProvider
	// Project ties them together.
	Project awsdms.CfnMigrationProject
}

// New creates the setup. props is required (Vpc, Source, Target): invalid
// or missing props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *SchemaConversion {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	if p.Prefix == "" {
		p.Prefix = DefaultPrefix
	}
	c := constructs.NewConstruct(scope, jsii.String(id))
	s := &SchemaConversion{Construct: c, Prefix: p.Prefix}
	s.network(c, &p)
	s.storage(c, &p)
	s.Source = provider(c, "Source", "source", p.Source)
	s.Target = provider(c, "Target", "target", p.Target)
	s.secretsRole(c, &p)
	s.project(c, &p)
	return s
}

func (s *SchemaConversion) network(c constructs.Construct, p *Props) {
	path := *c.Node().Path()
	groups := p.SecurityGroups
	if len(groups) == 0 {
		groups = []awsec2.ISecurityGroup{awsec2.NewSecurityGroup(c, jsii.String("SecurityGroup"), &awsec2.SecurityGroupProps{
			Vpc:              p.Vpc,
			Description:      jsii.String("DMS Schema Conversion instance profile of " + path),
			AllowAllOutbound: jsii.Bool(true),
		})}
	}
	s.SecurityGroup = groups[0]
	ids := make([]*string, len(groups))
	for i, g := range groups {
		ids[i] = g.SecurityGroupId()
	}
	for _, d := range []DataProvider{p.Source, p.Target} {
		if d.Connections != nil {
			d.Connections.Connections().AllowFrom(s.SecurityGroup, awsec2.Port_Tcp(jsii.Number(d.Port)), jsii.String("DMS Schema Conversion of "+path))
		}
	}
	s.SubnetGroup = awsdms.NewCfnReplicationSubnetGroup(c, jsii.String("SubnetGroup"), &awsdms.CfnReplicationSubnetGroupProps{
		ReplicationSubnetGroupDescription: jsii.String("Private subnets of " + path),
		SubnetIds:                         p.Vpc.SelectSubnets(p.Subnets).SubnetIds,
	})
	s.Key = p.EncryptionKey
	if s.Key == nil {
		s.Key = keys.New(c, "Key", "DMS Schema Conversion of "+path+": instance profile connection parameters and reports", nil)
	}
	s.InstanceProfile = awsdms.NewCfnInstanceProfile(c, jsii.String("InstanceProfile"), &awsdms.CfnInstanceProfileProps{
		Description:           jsii.String("schema-conversion"),
		SubnetGroupIdentifier: s.SubnetGroup.Ref(),
		VpcSecurityGroups:     &ids,
		PubliclyAccessible:    false,
		KmsKeyArn:             s.Key.KeyArn(),
		NetworkType:           jsii.String("IPV4"),
	})
}

// dmsPrincipal is DMS, global and regional service names (the DMS guide
// uses both for the roles DMS assumes).
func dmsPrincipal(c constructs.Construct) awsiam.IPrincipal {
	region := awscdk.Stack_Of(c).Region()
	return awsiam.NewCompositePrincipal(
		awsiam.NewServicePrincipal(jsii.String("dms.amazonaws.com"), nil),
		awsiam.NewServicePrincipal(jsii.String("dms."+*region+".amazonaws.com"), nil),
	)
}

func (s *SchemaConversion) storage(c constructs.Construct, p *Props) {
	s.Bucket = p.Bucket
	if s.Bucket == nil {
		s.Bucket = securebucket.New(c, "Bucket", &securebucket.Props{Encryption: securebucket.SSEKMS, EncryptionKey: s.Key}).Bucket
	}
	role := awsiam.NewRole(c, jsii.String("BucketRole"), &awsiam.RoleProps{
		AssumedBy:   dmsPrincipal(c),
		Description: jsii.String("DMS Schema Conversion of " + *c.Node().Path() + ": assessment reports and converted code under " + s.Prefix),
	})
	s.Bucket.GrantReadWrite(role, jsii.String(s.Prefix+"*"))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetBucketVersioning", "s3:GetBucketLocation"),
		Resources: &[]*string{s.Bucket.BucketArn()},
	}))
	s.BucketRole = role
	suppressBucketRole(role, s.Prefix)
}

func (s *SchemaConversion) secretsRole(c constructs.Construct, p *Props) {
	role := awsiam.NewRole(c, jsii.String("SecretsRole"), &awsiam.RoleProps{
		AssumedBy:   dmsPrincipal(c),
		Description: jsii.String("DMS Schema Conversion of " + *c.Node().Path() + ": reads the source and target secrets"),
	})
	p.Source.Secret.GrantRead(role, nil)
	if p.Target.Secret != p.Source.Secret {
		p.Target.Secret.GrantRead(role, nil)
	}
	s.SecretsRole = role
}

func (s *SchemaConversion) project(c constructs.Construct, p *Props) {
	descriptor := func(dp awsdms.CfnDataProvider, d DataProvider) any {
		return &awsdms.CfnMigrationProject_DataProviderDescriptorProperty{
			DataProviderArn:             dp.AttrDataProviderArn(),
			SecretsManagerSecretId:      d.Secret.SecretArn(),
			SecretsManagerAccessRoleArn: s.SecretsRole.RoleArn(),
		}
	}
	s.Project = awsdms.NewCfnMigrationProject(c, jsii.String("Project"), &awsdms.CfnMigrationProjectProps{
		Description:                   jsii.String("Schema conversion " + string(p.Source.Engine) + " to " + string(p.Target.Engine) + " (" + *c.Node().Path() + ")"),
		InstanceProfileArn:            s.InstanceProfile.AttrInstanceProfileArn(),
		SourceDataProviderDescriptors: &[]any{descriptor(s.Source, p.Source)},
		TargetDataProviderDescriptors: &[]any{descriptor(s.Target, p.Target)},
		SchemaConversionApplicationAttributes: &awsdms.CfnMigrationProject_SchemaConversionApplicationAttributesProperty{
			S3BucketPath:    jsii.String("s3://" + *s.Bucket.BucketName() + "/" + strings.TrimSuffix(s.Prefix, "/")),
			S3BucketRoleArn: s.BucketRole.RoleArn(),
		},
		TransformationRules: p.TransformationRules,
	})
	// The roles' policies exist before DMS checks them.
	s.Project.Node().AddDependency(s.SecretsRole, s.BucketRole)
}
