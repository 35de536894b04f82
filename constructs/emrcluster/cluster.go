package emrcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsemr"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emrcerts"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// Cluster is an EMR on EC2 cluster with its network, roles, key, log
// bucket, security configuration and alarms.
type Cluster struct {
	constructs.Construct
	Cluster awsemr.CfnCluster
	// ClusterId is the cluster's id (j-...), a token.
	ClusterId *string
	// Mode the cluster runs in.
	Mode Mode
	// ServiceRole is assumed by EMR; InstanceRole by the nodes (through
	// InstanceProfile): grant it what the steps need (e.g. a DynamoDB table).
	ServiceRole     awsiam.IRole
	InstanceRole    awsiam.IRole
	InstanceProfile awsiam.IInstanceProfile
	// SecurityConfiguration is the cluster's encryption and IMDS settings.
	SecurityConfiguration awsemr.CfnSecurityConfiguration
	// Certificates is the generated TLS bundle; nil when the props gave one
	// (CertificatesS3Url or SecurityConfiguration).
	Certificates *emrcerts.Bundle
	// CertificatesS3Url is the bundle's S3 URL; nil with SecurityConfiguration.
	CertificatesS3Url *string
	// Key encrypts S3 output, local disks, EBS volumes and logs.
	Key awskms.IKey
	// LogBucket receives the logs under LogPrefix, encrypted with LogKey.
	LogBucket awss3.IBucket
	LogKey    awskms.IKey
	LogPrefix string
	// Vpc and Subnets the cluster runs in (EMR picks one subnet).
	Vpc     awsec2.IVpc
	Subnets []awsec2.ISubnet
	// The three EMR-managed security groups of a private subnet.
	PrimarySecurityGroup, CoreSecurityGroup, ServiceAccessSecurityGroup awsec2.ISecurityGroup
	// Endpoints are the interface endpoints of the new VPC, by service
	// name; empty with an existing Vpc.
	Endpoints map[string]awsec2.InterfaceVpcEndpoint
	// EndpointSecurityGroup admits HTTPS to the endpoints from the
	// cluster's nodes; nil with an existing Vpc (see ShareEndpoints).
	EndpointSecurityGroup awsec2.SecurityGroup
	// AlarmTopic receives the alarms and notices; nil without alarms.
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
	// AppsFailedAlarm fires when a YARN application fails.
	AppsFailedAlarm awscloudwatch.Alarm
	// FailureRule sends cluster-ended-with-errors and step-failed events
	// to AlarmTopic.
	FailureRule awsevents.Rule
}

// New creates the cluster. Invalid props fail synthesis with every problem
// listed.
func New(scope constructs.Construct, id string, props *Props) *Cluster {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	cl := &Cluster{Construct: c, Mode: p.Mode}
	if cl.Mode == "" {
		cl.Mode = LongRunning
	}

	newKey(c, cl, &p)
	newNetwork(c, cl, &p)
	newLogBucket(c, cl, &p)
	newRoles(c, cl)
	newSecurityConfiguration(c, cl, &p)
	grantKeys(cl)
	grantData(c, cl, &p)

	name := p.Name
	if name == "" {
		name = *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(256), Separator: jsii.String("-")})
	}
	subnetIDs := make([]*string, len(cl.Subnets))
	for i, s := range cl.Subnets {
		subnetIDs[i] = s.SubnetId()
	}
	transient := cl.Mode == Transient
	instances := &awsemr.CfnCluster_JobFlowInstancesConfigProperty{
		Ec2SubnetIds:                  &subnetIDs,
		EmrManagedMasterSecurityGroup: cl.PrimarySecurityGroup.SecurityGroupId(),
		EmrManagedSlaveSecurityGroup:  cl.CoreSecurityGroup.SecurityGroupId(),
		ServiceAccessSecurityGroup:    cl.ServiceAccessSecurityGroup.SecurityGroupId(),
		KeepJobFlowAliveWhenNoSteps:   jsii.Bool(!transient),
		TerminationProtected:          jsii.Bool(false),
		MasterInstanceFleet:           fleet("Primary", orList(p.PrimaryInstanceTypes), 1, false),
		CoreInstanceFleet:             fleet("Core", orList(p.CoreInstanceTypes), *orNumber(p.CoreCapacity, 2), isTrue(p.CoreSpot)),
	}
	if task := *orNumber(p.TaskCapacity, 2); task > 0 {
		instances.TaskInstanceFleets = &[]*awsemr.CfnCluster_InstanceFleetConfigProperty{
			fleet("Task", orList(p.TaskInstanceTypes), task, !isTrue(p.TaskOnDemand)),
		}
	}
	if p.Ec2KeyName != "" {
		instances.Ec2KeyName = jsii.String(p.Ec2KeyName)
	}
	apps := p.Applications
	if apps == nil {
		apps = DefaultApplications
	}
	applications := make([]*awsemr.CfnCluster_ApplicationProperty, len(apps))
	for i, a := range apps {
		applications[i] = &awsemr.CfnCluster_ApplicationProperty{Name: jsii.String(a)}
	}
	cp := &awsemr.CfnClusterProps{
		Name:                  jsii.String(name),
		ReleaseLabel:          jsii.String(orString(p.ReleaseLabel, DefaultReleaseLabel)),
		Applications:          &applications,
		Instances:             instances,
		ServiceRole:           cl.ServiceRole.RoleArn(),
		JobFlowRole:           cl.InstanceProfile.InstanceProfileName(),
		SecurityConfiguration: cl.SecurityConfiguration.Ref(),
		LogUri:                jsii.String("s3://" + *cl.LogBucket.BucketName() + "/" + cl.LogPrefix),
		Configurations:        cfnConfigurations(configurations(&p)),
		VisibleToAllUsers:     jsii.Bool(true),
		StepConcurrencyLevel:  p.StepConcurrencyLevel,
		Tags:                  &[]*awscdk.CfnTag{{Key: jsii.String(ManagedPolicyTag), Value: jsii.String("true")}},
	}
	if cl.LogKey != nil {
		cp.LogEncryptionKmsKeyId = cl.LogKey.KeyArn()
	}
	if !transient {
		seconds := float64(DefaultIdleTimeoutSeconds)
		if p.IdleTimeout != nil {
			seconds = *p.IdleTimeout.ToSeconds(nil)
		}
		cp.AutoTerminationPolicy = &awsemr.CfnCluster_AutoTerminationPolicyProperty{IdleTimeout: jsii.Number(seconds)}
	}
	if !isTrue(p.DisableScaling) {
		s := scalingLimits(&p)
		cp.ManagedScalingPolicy = &awsemr.CfnCluster_ManagedScalingPolicyProperty{
			ComputeLimits: &awsemr.CfnCluster_ComputeLimitsProperty{
				UnitType:                     jsii.String("InstanceFleetUnits"),
				MinimumCapacityUnits:         s.Minimum,
				MaximumCapacityUnits:         s.Maximum,
				MaximumOnDemandCapacityUnits: s.MaximumOnDemand,
				MaximumCoreCapacityUnits:     s.MaximumCore,
			},
		}
	}
	if p.CustomAmiId != "" {
		cp.CustomAmiId = jsii.String(p.CustomAmiId)
	}
	if p.EbsRootVolumeSize != nil {
		cp.EbsRootVolumeSize = p.EbsRootVolumeSize
	}
	if len(p.Steps) > 0 {
		cp.Steps = steps(p.Steps, transient)
	}
	cl.Cluster = awsemr.NewCfnCluster(c, jsii.String("Cluster"), cp)
	cl.ClusterId = cl.Cluster.Ref()
	// EMR uses the roles' policies and the endpoints as soon as it starts
	// the nodes; the L1 only refers to the role ARN and profile name.
	for _, d := range []constructs.IConstruct{cl.ServiceRole, cl.InstanceRole, cl.InstanceProfile, cl.SecurityConfiguration} {
		cl.Cluster.Node().AddDependency(d)
	}
	for _, ep := range cl.Endpoints {
		cl.Cluster.Node().AddDependency(ep)
	}
	suppress(cl, &p)
	newAlarms(c, cl, &p)
	return cl
}

// fleet is one instance fleet: every type one unit, On-Demand capacity
// first by lowest price, Spot by price-capacity-optimized pools, falling
// back to On-Demand after 10 minutes without Spot capacity.
func fleet(name string, types []string, units float64, spot bool) *awsemr.CfnCluster_InstanceFleetConfigProperty {
	configs := make([]*awsemr.CfnCluster_InstanceTypeConfigProperty, len(types))
	for i, t := range types {
		configs[i] = &awsemr.CfnCluster_InstanceTypeConfigProperty{InstanceType: jsii.String(t), WeightedCapacity: jsii.Number(1)}
		if spot {
			configs[i].BidPriceAsPercentageOfOnDemandPrice = jsii.Number(100)
		}
	}
	f := &awsemr.CfnCluster_InstanceFleetConfigProperty{
		Name:                jsii.String(name),
		InstanceTypeConfigs: &configs,
	}
	launch := &awsemr.CfnCluster_InstanceFleetProvisioningSpecificationsProperty{}
	if spot {
		f.TargetSpotCapacity = jsii.Number(units)
		launch.SpotSpecification = &awsemr.CfnCluster_SpotProvisioningSpecificationProperty{
			AllocationStrategy:     jsii.String("price-capacity-optimized"),
			TimeoutAction:          jsii.String("SWITCH_TO_ON_DEMAND"),
			TimeoutDurationMinutes: jsii.Number(10),
		}
	} else {
		f.TargetOnDemandCapacity = jsii.Number(units)
	}
	launch.OnDemandSpecification = &awsemr.CfnCluster_OnDemandProvisioningSpecificationProperty{AllocationStrategy: jsii.String("lowest-price")}
	f.LaunchSpecifications = launch
	return f
}

func steps(list []Step, transient bool) *[]*awsemr.CfnCluster_StepConfigProperty {
	out := make([]*awsemr.CfnCluster_StepConfigProperty, len(list))
	for i, s := range list {
		action := s.ActionOnFailure
		if action == "" {
			action = "CONTINUE"
			if transient {
				action = "TERMINATE_CLUSTER"
			}
		}
		jar := &awsemr.CfnCluster_HadoopJarStepConfigProperty{Jar: jsii.String(orString(s.Jar, "command-runner.jar"))}
		if len(s.Args) > 0 {
			jar.Args = jsii.Strings(s.Args...)
		}
		if s.MainClass != "" {
			jar.MainClass = jsii.String(s.MainClass)
		}
		out[i] = &awsemr.CfnCluster_StepConfigProperty{Name: jsii.String(s.Name), ActionOnFailure: jsii.String(action), HadoopJarStep: jar}
	}
	return &out
}

// grantData lets the nodes read the scripts, read or write the data
// prefixes, write the logs and use the Glue catalog.
func grantData(c constructs.Construct, cl *Cluster, p *Props) {
	for _, a := range p.Data {
		var pattern *string
		if a.Prefix != "" {
			pattern = jsii.String(a.Prefix + "*")
		}
		if a.Write {
			a.Bucket.GrantReadWrite(cl.InstanceRole, pattern)
		} else {
			a.Bucket.GrantRead(cl.InstanceRole, pattern)
		}
	}
	for _, s := range p.Scripts {
		s.GrantRead(cl.InstanceRole)
	}
	cl.LogBucket.GrantReadWrite(cl.InstanceRole, jsii.String(cl.LogPrefix+"*"))
	if p.GlueCatalog == nil || *p.GlueCatalog {
		grantCatalog(c, cl, p.GlueDatabases)
	}
}

// suppress records the cdk-nag findings the design accepts, with reasons.
func suppress(cl *Cluster, p *Props) {
	reasons := []nag.Suppression{
		{Rule: "AwsSolutions-EMR4", Reason: "The security configuration encrypts local disks with the cluster's KMS key (EncryptionConfiguration.AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration, EnableEbsEncryption true), which Control Tower's CT.EMR.PR.3 verifies; cdk-nag 2.38 reads EnableAtRestEncryption at the top level of the document, where EMR does not accept it."},
		{Rule: "AwsSolutions-EMR5", Reason: "The security configuration turns on in-transit TLS with a PEM bundle (EncryptionConfiguration.InTransitEncryptionConfiguration), which Control Tower's CT.EMR.PR.4 verifies and the construct refuses to drop; cdk-nag 2.38 reads EnableInTransitEncryption at the top level of the document, where EMR does not accept it."},
	}
	if p.Ec2KeyName == "" {
		reasons = append(reasons, nag.Suppression{Rule: "AwsSolutions-EMR6", Reason: "Nobody logs in to the nodes: work arrives as steps through the EMR API (IAM-authorized and logged by CloudTrail) and the nodes sit in private subnets without inbound access; Ec2KeyName adds a key pair for SSH when someone needs a shell."})
	}
	reasons = append(reasons, nag.InPacks("EMRKerberosEnabled", "No user authenticates to the cluster's applications: work arrives as steps through the EMR API "+
		"(IAM-authorized, logged by CloudTrail), the nodes sit in private subnets that admit only the cluster's own groups and the EMR service, "+
		"and traffic between them is TLS; Kerberos would add a KDC and its admin password for principals this design does not have.", nag.HIPAA, nag.NIST, nag.PCI)...)
	nag.Suppress(cl.Cluster, reasons...)
	if pol := nag.DefaultPolicy(cl.InstanceRole); pol != nil {
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The instance role's grants come from CDK grant methods: objects under the data, script, log and certificate prefixes (s3:GetObject*, s3:List*, s3:DeleteObject* under the prefix), GenerateDataKey* and ReEncrypt* on the cluster key only, and Glue tables and functions of the named databases (table/<db>/*)."})
	}
	if pol := nag.DefaultPolicy(cl.ServiceRole); pol != nil {
		nag.Suppress(pol, nag.Suppression{Rule: "AwsSolutions-IAM5", Reason: "The service role uses the cluster key for the encrypted EBS volumes EC2 creates for the nodes: GenerateDataKey* and ReEncrypt* on that key only, and grants only for AWS resources."})
	}
}

// ShareEndpoints lets the nodes of other, a cluster created with this
// cluster's Vpc (Props.Vpc = cl.Vpc), reach this cluster's interface
// endpoints, so two clusters pay for one set of endpoints.
func (cl *Cluster) ShareEndpoints(other *Cluster) {
	if cl.EndpointSecurityGroup == nil {
		panic("emrcluster " + *cl.Node().Path() + ": ShareEndpoints needs a cluster that created its VPC (it has no endpoints)")
	}
	for _, sg := range []awsec2.ISecurityGroup{other.PrimarySecurityGroup, other.CoreSecurityGroup} {
		cl.EndpointSecurityGroup.AddIngressRule(sg, awsec2.Port_Tcp(jsii.Number(443)), jsii.String("HTTPS from the nodes of "+*other.Node().Path()), nil)
	}
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return num(d)
}

func num(v float64) *float64 { return &v }

func orList(v []string) []string {
	if v != nil {
		return v
	}
	return DefaultInstanceTypes
}

func isTrue(b *bool) bool { return b != nil && *b }
