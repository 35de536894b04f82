package cdcreplication

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
)

// task is a full load + CDC task to target, started after creation unless
// StartTask is false: CloudFormation creates a DMS task stopped, and
// nothing else starts it.
func (r *Replication) task(c constructs.Construct, id string, target awsdms.CfnEndpoint, p *Props, settings string) awsdms.CfnReplicationTask {
	t := awsdms.NewCfnReplicationTask(c, jsii.String(id), &awsdms.CfnReplicationTaskProps{
		MigrationType:             jsii.String("full-load-and-cdc"),
		ReplicationInstanceArn:    r.Instance.Ref(),
		SourceEndpointArn:         r.Source.Ref(),
		TargetEndpointArn:         target.Ref(),
		TableMappings:             jsii.String(TableMappings(p.Schemas)),
		ReplicationTaskSettings:   jsii.String(settings),
		ReplicationTaskIdentifier: jsii.String(name(c, id[:len(id)-len("Task")]+"-task")),
		// The task ARN ends with this id, and CloudWatch's
		// ReplicationTaskIdentifier dimension is it: alarms can name it.
		ResourceIdentifier: jsii.String(resourceID(c, id)),
	})
	if p.StartTask != nil && !*p.StartTask {
		return t
	}
	call := func(action string, params map[string]any) *customresources.AwsSdkCall {
		return &customresources.AwsSdkCall{
			Service:                  jsii.String("DatabaseMigrationService"),
			Action:                   jsii.String(action),
			Parameters:               params,
			PhysicalResourceId:       customresources.PhysicalResourceId_Of(t.Ref()),
			IgnoreErrorCodesMatching: jsii.String("InvalidResourceStateFault"),
		}
	}
	start := sdkcall.New(c, id+"Start", sdkcall.Props{
		OnCreate: call("startReplicationTask", map[string]any{"ReplicationTaskArn": t.Ref(), "StartReplicationTaskType": "start-replication"}),
		// A running task cannot be deleted: stop it first.
		OnDelete: call("stopReplicationTask", map[string]any{"ReplicationTaskArn": t.Ref()}),
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("dms:StartReplicationTask", "dms:StopReplicationTask"),
			Resources: &[]*string{t.Ref()},
		})},
		Key:         r.Key,
		Description: "Starts and stops the DMS task " + id + " of " + *c.Node().Path(),
	})
	start.Node().AddDependency(t)
	return t
}

// resourceID is a task's resource identifier: at most 31 lowercase letters,
// digits and hyphens, unique to the construct path.
func resourceID(c constructs.Construct, id string) string {
	sum := sha256.Sum256([]byte(*c.Node().Path() + "/" + id))
	return strings.ToLower(id[:min(len(id), 12)]) + "-" + hex.EncodeToString(sum[:6])
}
