package warehouse

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshiftserverless"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

func serverless(c constructs.Construct, w *Warehouse, p *Props) {
	admin := defaultAdmin
	if p.AdminUsername != nil {
		admin = *p.AdminUsername
	}
	ns := awsredshiftserverless.NewCfnNamespace(c, jsii.String("Namespace"), &awsredshiftserverless.CfnNamespaceProps{
		NamespaceName:               jsii.String(w.Name),
		DbName:                      jsii.String(w.DatabaseName),
		AdminUsername:               jsii.String(admin),
		ManageAdminPassword:         true,
		AdminPasswordSecretKmsKeyId: w.Key.KeyArn(),
		KmsKeyId:                    w.Key.KeyArn(),
		IamRoles:                    &[]any{w.Role.RoleArn()},
		DefaultIamRoleArn:           w.Role.RoleArn(),
		LogExports:                  jsii.Strings(AuditLogs...),
	})
	ns.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	base, max := 8.0, 64.0
	if p.BaseCapacity != nil {
		base = *p.BaseCapacity
	}
	if p.MaxCapacity != nil {
		max = *p.MaxCapacity
	}
	wg := awsredshiftserverless.NewCfnWorkgroup(c, jsii.String("Workgroup"), &awsredshiftserverless.CfnWorkgroupProps{
		WorkgroupName:      jsii.String(w.Name),
		NamespaceName:      ns.NamespaceName(),
		BaseCapacity:       jsii.Number(base),
		MaxCapacity:        jsii.Number(max),
		EnhancedVpcRouting: true,
		PubliclyAccessible: false,
		Port:               jsii.Number(w.port),
		SubnetIds:          toAny(w.Vpc.SelectSubnets(p.Subnets).SubnetIds),
		SecurityGroupIds:   &[]any{w.SecurityGroup.SecurityGroupId()},
		ConfigParameters: []any{
			&awsredshiftserverless.CfnWorkgroup_ConfigParameterProperty{ParameterKey: jsii.String("require_ssl"), ParameterValue: jsii.String("true")},
			&awsredshiftserverless.CfnWorkgroup_ConfigParameterProperty{ParameterKey: jsii.String("enable_user_activity_logging"), ParameterValue: jsii.String("true")},
		},
	})
	wg.Node().AddDependency(ns)
	w.Namespace, w.Workgroup = ns, wg
	// CloudFormation does not return the managed admin secret of a namespace
	// (aws redshift-serverless get-namespace shows it); clients use IAM.
	w.AdminSecretArn = nil
	w.Endpoint = wg.AttrWorkgroupEndpointAddress()
}

func toAny(ids *[]*string) *[]any {
	out := make([]any, len(*ids))
	for i, id := range *ids {
		out[i] = id
	}
	return &out
}
