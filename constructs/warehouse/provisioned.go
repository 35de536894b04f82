package warehouse

import (
	"encoding/json"
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsredshift"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// AuditLogs are the audit logs a warehouse exports.
var AuditLogs = []string{"connectionlog", "userlog", "useractivitylog"}

func provisioned(c constructs.Construct, w *Warehouse, p *Props) {
	nodeType := "ra3.large"
	if p.NodeType != nil {
		nodeType = *p.NodeType
	}
	nodes := 2.0
	if p.Nodes != nil {
		nodes = *p.Nodes
	}
	w.nodeType, w.nodes = nodeType, nodes
	subnets := w.Vpc.SelectSubnets(p.Subnets).SubnetIds
	group := awsredshift.NewCfnClusterSubnetGroup(c, jsii.String("SubnetGroup"), &awsredshift.CfnClusterSubnetGroupProps{
		Description: jsii.String("Private subnets of " + *c.Node().Path()),
		SubnetIds:   toAny(subnets),
	})
	params := awsredshift.NewCfnClusterParameterGroup(c, jsii.String("Parameters"), &awsredshift.CfnClusterParameterGroupProps{
		Description:          jsii.String("TLS only, user activity logging, WLM of " + *c.Node().Path()),
		ParameterGroupFamily: jsii.String("redshift-1.0"),
		Parameters:           parameters(p),
	})
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	var groups []awscdk.CfnResource
	for _, kind := range AuditLogs {
		lg := awslogs.NewLogGroup(c, jsii.String("AuditLog-"+kind), &awslogs.LogGroupProps{
			LogGroupName:  jsii.String("/aws/redshift/cluster/" + w.Name + "/" + kind),
			EncryptionKey: w.Key,
			Retention:     retention,
			RemovalPolicy: sandbox.RemovalPolicy(c),
		})
		w.LogGroups = append(w.LogGroups, lg)
		groups = append(groups, lg.Node().DefaultChild().(awscdk.CfnResource))
	}
	clusterType := "multi-node"
	var numberOfNodes *float64 = jsii.Number(nodes)
	if nodes == 1 {
		clusterType, numberOfNodes = "single-node", nil
	}
	admin := defaultAdmin
	if p.AdminUsername != nil {
		admin = *p.AdminUsername
	}
	snapshots := 7.0
	if p.SnapshotRetentionDays != nil {
		snapshots = *p.SnapshotRetentionDays
	}
	window := DefaultMaintenanceWindow
	if p.MaintenanceWindow != nil {
		window = *p.MaintenanceWindow
	}
	cluster := awsredshift.NewCfnCluster(c, jsii.String("Cluster"), &awsredshift.CfnClusterProps{
		ClusterIdentifier:                jsii.String(w.Name),
		ClusterType:                      jsii.String(clusterType),
		NodeType:                         jsii.String(nodeType),
		NumberOfNodes:                    numberOfNodes,
		MultiAz:                          p.MultiAz != nil && *p.MultiAz,
		DbName:                           jsii.String(w.DatabaseName),
		MasterUsername:                   jsii.String(admin),
		ManageMasterPassword:             true,
		MasterPasswordSecretKmsKeyId:     w.Key.KeyArn(),
		Encrypted:                        true,
		KmsKeyId:                         w.Key.KeyArn(),
		EnhancedVpcRouting:               true,
		PubliclyAccessible:               false,
		Port:                             jsii.Number(w.port),
		ClusterSubnetGroupName:           group.Ref(),
		VpcSecurityGroupIds:              &[]any{w.SecurityGroup.SecurityGroupId()},
		ClusterParameterGroupName:        params.Ref(),
		IamRoles:                         &[]any{w.Role.RoleArn()},
		AutomatedSnapshotRetentionPeriod: jsii.Number(snapshots),
		AllowVersionUpgrade:              true,
		PreferredMaintenanceWindow:       jsii.String(window),
		LoggingProperties: &awsredshift.CfnCluster_LoggingPropertiesProperty{
			LogDestinationType: jsii.String("cloudwatch"),
			LogExports:         jsii.Strings(AuditLogs...),
		},
	})
	for _, g := range groups {
		cluster.Node().AddDependency(g)
	}
	// Deleting the stack keeps a final snapshot; a sandbox deletes it all.
	if sandbox.Enabled(c) {
		cluster.ApplyRemovalPolicy(sandbox.RemovalPolicy(c), nil)
	} else {
		cluster.ApplyRemovalPolicy(awscdk.RemovalPolicy_SNAPSHOT, nil)
	}
	w.Cluster = cluster
	w.AdminSecretArn = cluster.AttrMasterPasswordSecretArn()
	w.Endpoint = cluster.AttrEndpointAddress()
}

// parameters are the cluster parameter group's: TLS only, user activity
// logging (audit), and automatic WLM with the given queues, a default
// queue and short query acceleration.
func parameters(p *Props) []any {
	queues := p.Queues
	if queues == nil {
		queues = []Queue{{Name: "etl", QueryGroups: []string{"etl"}, Priority: "high"}}
	}
	scaling := "off"
	if p.ConcurrencyScaling != nil && *p.ConcurrencyScaling {
		scaling = "auto"
	}
	var wlm []map[string]any
	for _, q := range queues {
		priority := q.Priority
		if priority == "" {
			priority = "normal"
		}
		entry := map[string]any{"name": q.Name, "auto_wlm": true, "priority": priority, "concurrency_scaling": "off"}
		if len(q.QueryGroups) > 0 {
			entry["query_group"] = q.QueryGroups
		}
		if len(q.UserGroups) > 0 {
			entry["user_group"] = q.UserGroups
		}
		wlm = append(wlm, entry)
	}
	wlm = append(wlm, map[string]any{"name": "default", "auto_wlm": true, "priority": "normal", "concurrency_scaling": scaling},
		map[string]any{"short_query_queue": true})
	b, _ := json.Marshal(wlm)
	out := []any{
		&awsredshift.CfnClusterParameterGroup_ParameterProperty{ParameterName: jsii.String("require_ssl"), ParameterValue: jsii.String("true")},
		&awsredshift.CfnClusterParameterGroup_ParameterProperty{ParameterName: jsii.String("enable_user_activity_logging"), ParameterValue: jsii.String("true")},
		&awsredshift.CfnClusterParameterGroup_ParameterProperty{ParameterName: jsii.String("wlm_json_configuration"), ParameterValue: jsii.String(string(b))},
	}
	if scaling == "auto" {
		n := 1.0
		if p.MaxConcurrencyScalingClusters != nil {
			n = *p.MaxConcurrencyScalingClusters
		}
		out = append(out, &awsredshift.CfnClusterParameterGroup_ParameterProperty{ParameterName: jsii.String("max_concurrency_scaling_clusters"), ParameterValue: jsii.String(strconv.Itoa(int(n)))})
	}
	return out
}
