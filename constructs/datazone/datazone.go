package datazone

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatazone"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// DataLakeBlueprint is the identifier of DataZone's built-in data lake
// blueprint (Glue, Lake Formation, Athena).
const DataLakeBlueprint = "DefaultDataLake"

// Catalog is a DataZone domain with a project, the data lake blueprint
// enabled in the stack's account and region, a data lake environment and
// a scheduled Glue data source over existing Glue databases.
type Catalog struct {
	constructs.Construct
	Domain awsdatazone.CfnDomain
	// DomainExecutionRole is the role the data portal acts with.
	DomainExecutionRole awsiam.IRole
	// Key encrypts the domain's metadata.
	Key awskms.IKey
	// Blueprint enables DefaultDataLake in this account and region.
	Blueprint        awsdatazone.CfnEnvironmentBlueprintConfiguration
	ManageAccessRole awsiam.IRole
	ProvisioningRole awsiam.IRole
	Project          awsdatazone.CfnProject
	// EnvironmentProfile and Environment are the project's data lake
	// environment, which the data source publishes into.
	EnvironmentProfile awsdatazone.CfnEnvironmentProfile
	Environment        awsdatazone.CfnEnvironment
	DataSource         awsdatazone.CfnDataSource
	// Memberships are the project's members, in Props.Members order.
	Memberships []awsdatazone.CfnProjectMembership
}

// New creates the catalog. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *Catalog {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	k := &Catalog{Construct: c}
	stack := awscdk.Stack_Of(c)
	base := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(64), Separator: jsii.String("-")})

	k.Key = p.EncryptionKey
	if k.Key == nil {
		k.Key = keys.New(c, "Key", "Encrypts the DataZone domain "+*c.Node().Path(), nil)
	}
	exec := domainExecutionRole(c)
	k.DomainExecutionRole = exec
	// DataZone reads and writes the domain's metadata with the execution
	// role's credentials.
	k.Key.Grant(exec, jsii.String("kms:Decrypt"), jsii.String("kms:Encrypt"), jsii.String("kms:GenerateDataKey"),
		jsii.String("kms:ReEncryptFrom"), jsii.String("kms:ReEncryptTo"), jsii.String("kms:DescribeKey"))

	name := p.DomainName
	if name == "" {
		name = base
	}
	description := p.Description
	if description == "" {
		description = "Data catalog and lineage of " + *c.Node().Path()
	}
	sso := &awsdatazone.CfnDomain_SingleSignOnProperty{Type: jsii.String("DISABLED")}
	if p.SingleSignOn != nil && *p.SingleSignOn {
		sso = &awsdatazone.CfnDomain_SingleSignOnProperty{Type: jsii.String("IAM_IDC"), UserAssignment: jsii.String("MANUAL"), IdcInstanceArn: p.IdentityCenterInstanceArn}
	}
	k.Domain = awsdatazone.NewCfnDomain(c, jsii.String("Domain"), &awsdatazone.CfnDomainProps{
		Name:                jsii.String(name),
		Description:         jsii.String(description),
		DomainExecutionRole: exec.RoleArn(),
		KmsKeyIdentifier:    k.Key.KeyArn(),
		SingleSignOn:        sso,
	})
	// The catalog's business metadata (glossaries, descriptions, forms,
	// subscriptions) lives only in the domain.
	k.Domain.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	if policy := exec.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		k.Domain.Node().AddDependency(policy)
	}

	k.ManageAccessRole = p.ManageAccessRole
	if k.ManageAccessRole == nil {
		k.ManageAccessRole = newServiceRole(c, "ManageAccessRole", "DataZone publishes and grants Glue tables of "+*c.Node().Path(),
			datazonePrincipal(c, map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": k.Domain.AttrArn()}}),
			manageAccessPolicy,
			"DataZone documents AmazonDataZoneGlueManageAccessRolePolicy for the data lake blueprint's manage-access role: the Glue, Lake Formation and RAM calls that publish tables and grant subscriptions, kept current by AWS.")
	}
	k.ProvisioningRole = p.ProvisioningRole
	if k.ProvisioningRole == nil {
		k.ProvisioningRole = newServiceRole(c, "ProvisioningRole", "DataZone provisions the data lake environments of "+*c.Node().Path(),
			datazonePrincipal(c, nil), provisioningPolicy,
			"DataZone documents AmazonDataZoneRedshiftGlueProvisioningPolicy for the blueprints' provisioning role: it creates environment roles only under the DataZone permissions boundary, kept current by AWS.")
	}
	k.Blueprint = awsdatazone.NewCfnEnvironmentBlueprintConfiguration(c, jsii.String("DataLakeBlueprint"), &awsdatazone.CfnEnvironmentBlueprintConfigurationProps{
		DomainIdentifier:               k.Domain.AttrId(),
		EnvironmentBlueprintIdentifier: jsii.String(DataLakeBlueprint),
		EnabledRegions:                 &[]*string{stack.Region()},
		ManageAccessRoleArn:            k.ManageAccessRole.RoleArn(),
		ProvisioningRoleArn:            k.ProvisioningRole.RoleArn(),
	})

	projectName := p.ProjectName
	if projectName == "" {
		projectName = "lake"
	}
	k.Project = awsdatazone.NewCfnProject(c, jsii.String("Project"), &awsdatazone.CfnProjectProps{
		DomainIdentifier: k.Domain.AttrId(),
		Name:             jsii.String(projectName),
		Description:      jsii.String("Owns the Glue data source of " + *c.Node().Path()),
	})
	for i, m := range p.Members {
		member := &awsdatazone.CfnProjectMembership_MemberProperty{}
		if m.User != "" {
			member.UserIdentifier = jsii.String(m.User)
		} else {
			member.GroupIdentifier = jsii.String(m.Group)
		}
		ms := awsdatazone.NewCfnProjectMembership(c, jsii.String("Member"+strconv.Itoa(i)), &awsdatazone.CfnProjectMembershipProps{
			DomainIdentifier:  k.Domain.AttrId(),
			ProjectIdentifier: k.Project.AttrId(),
			Designation:       jsii.String(string(m.Designation)),
			Member:            member,
		})
		// The offline validator takes domain and project for the whole
		// primary identifier of a membership; CloudFormation's includes the
		// member, so several members of one project are distinct resources.
		awscdk.Validations_Of(ms).Acknowledge(&awscdk.Acknowledgment{
			Id:     jsii.String("CloudFormation-Validate::E3019"),
			Reason: jsii.String("A membership is identified by domain, project and member; members of one project differ by member."),
		})
		k.Memberships = append(k.Memberships, ms)
	}

	k.EnvironmentProfile = awsdatazone.NewCfnEnvironmentProfile(c, jsii.String("EnvironmentProfile"), &awsdatazone.CfnEnvironmentProfileProps{
		DomainIdentifier:               k.Domain.AttrId(),
		ProjectIdentifier:              k.Project.AttrId(),
		EnvironmentBlueprintIdentifier: k.Blueprint.AttrEnvironmentBlueprintId(),
		AwsAccountId:                   stack.Account(),
		AwsAccountRegion:               stack.Region(),
		Name:                           jsii.String("data-lake"),
		Description:                    jsii.String("Data lake (Glue, Lake Formation, Athena) in this account and region"),
	})
	k.Environment = awsdatazone.NewCfnEnvironment(c, jsii.String("Environment"), &awsdatazone.CfnEnvironmentProps{
		DomainIdentifier:             k.Domain.AttrId(),
		ProjectIdentifier:            k.Project.AttrId(),
		EnvironmentProfileIdentifier: k.EnvironmentProfile.AttrId(),
		Name:                         jsii.String("data-lake"),
		Description:                  jsii.String("The data lake environment the Glue data source publishes into"),
	})

	k.DataSource = newGlueSource(c, k, &p)
	return k
}

func newGlueSource(c constructs.Construct, k *Catalog, p *Props) awsdatazone.CfnDataSource {
	filters := make([]any, len(p.Databases))
	for i, d := range p.Databases {
		filters[i] = &awsdatazone.CfnDataSource_RelationalFilterConfigurationProperty{DatabaseName: jsii.String(d)}
	}
	schedule := p.Schedule
	if schedule == nil {
		schedule = jsii.String("cron(0 3 * * ? *)")
	}
	tz := p.Timezone
	if tz == "" {
		tz = "UTC"
	}
	return awsdatazone.NewCfnDataSource(c, jsii.String("GlueSource"), &awsdatazone.CfnDataSourceProps{
		DomainIdentifier:      k.Domain.AttrId(),
		ProjectIdentifier:     k.Project.AttrId(),
		EnvironmentIdentifier: k.Environment.AttrId(),
		Name:                  jsii.String("glue-lake"),
		Description:           jsii.String("Imports the tables of the lake's Glue databases"),
		Type:                  jsii.String("GLUE"),
		EnableSetting:         jsii.String("ENABLED"),
		Configuration: &awsdatazone.CfnDataSource_DataSourceConfigurationInputProperty{
			GlueRunConfiguration: &awsdatazone.CfnDataSource_GlueRunConfigurationInputProperty{
				RelationalFilterConfigurations: filters,
				AutoImportDataQualityResult:    jsii.Bool(p.ImportDataQuality == nil || *p.ImportDataQuality),
			},
		},
		PublishOnImport: jsii.Bool(p.PublishOnImport != nil && *p.PublishOnImport),
		Recommendation:  &awsdatazone.CfnDataSource_RecommendationConfigurationProperty{EnableBusinessNameGeneration: jsii.Bool(p.BusinessNames != nil && *p.BusinessNames)},
		Schedule:        &awsdatazone.CfnDataSource_ScheduleConfigurationProperty{Schedule: schedule, Timezone: jsii.String(tz)},
	})
}

// DomainID is the domain's identifier (dzd_...), which lineage producers
// name: the Spark conf spark.openlineage.transport.domainId, and the
// PostLineageEvent API's domainIdentifier.
func (k *Catalog) DomainID() *string { return k.Domain.AttrId() }

// LineageSparkConf is the Glue job argument "--conf" value that sends
// OpenLineage events of a Glue 5.0+ Spark job to this domain (as SageMaker
// Unified Studio's Visual ETL sets it); pass it with GrantPostLineage on the
// job's role. Glue 6.1+ jobs also send lineage to the Glue Data Catalog by
// default; this is what makes it appear in DataZone.
func (k *Catalog) LineageSparkConf(jobName string) *string {
	stack := awscdk.Stack_Of(k.Domain)
	return awscdk.Fn_Join(jsii.String(""), &[]*string{
		jsii.String("spark.extraListeners=io.openlineage.spark.agent.OpenLineageSparkListener" +
			" --conf spark.openlineage.transport.type=amazon_datazone_api" +
			" --conf spark.openlineage.transport.domainId="),
		k.Domain.AttrId(),
		jsii.String(" --conf spark.glue.accountId="), stack.Account(),
		jsii.String(" --conf spark.openlineage.facets.custom_environment_variables=[AWS_DEFAULT_REGION;GLUE_VERSION;GLUE_COMMAND_CRITERIA;GLUE_PYTHON_VERSION;]" +
			" --conf spark.glue.JOB_NAME=" + jobName),
	})
}

// GrantPostLineage lets grantee post OpenLineage run events to this domain
// (datazone:PostLineageEvent on the domain only): a Glue job with
// LineageSparkConf, or any producer calling the API.
func (k *Catalog) GrantPostLineage(grantee awsiam.IGrantable) awsiam.Grant {
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("datazone:PostLineageEvent"),
		ResourceArns: jsii.Strings(*k.Domain.AttrArn()),
	})
}
