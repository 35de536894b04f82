// Package serving is the Serving stack: how data enters the lake from
// outside and how it is served back (issue 20).
//
//	engineers ─▶ Glue interactive sessions and notebooks over GlueEtl's
//	   raw and curated prefixes, writing only under dev/ (ETL-09)
//	web app ─▶ DynamoDB sessions table (TTL expiresAt, PITR, CMK) ─▶
//	   Kinesis ─▶ Firehose ─▶ lake dynamodb-changes/ (STO-02)
//	on-premises NFS ─▶ DataSync agent ─▶ task (verified, bandwidth cap,
//	   nightly) ─▶ lake raw/datasync/ (ING-23, with dataSync.agentArns)
//	applications ─IAM─▶ REST API GET /orders ─▶ Go function ─▶ Athena over
//	   the curated orders, typed parameters, signed page tokens (ANA-07)
//	partners ─SFTP (VPC endpoint, current policy)─▶ Transfer Family ─▶
//	   lake sftp/<user>/ ─workflow─▶ incoming/ (ING-08, with sftp.enabled)
//	Salesforce ─AppFlow, hourly, incremental─▶ Parquet in S3 (ING-22, with
//	   appFlow.connectorProfileName)
//	curated orders ─Athena (the API's workgroup)─▶ QuickSight SPICE
//	   dataset, refreshed daily (ANA-04, with quickSight.ownerArn)
//	Warehouse stack's orders ─VPC connection, user bi_reader─▶ QuickSight
//	   SPICE dataset, refreshed daily (ANA-05, with quickSight.warehouse)
package serving

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/dataapi"
	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
	"github.com/cdk-data-patterns/patterns/constructs/datavpc"
	"github.com/cdk-data-patterns/patterns/constructs/gluedev"
	"github.com/cdk-data-patterns/patterns/constructs/quicksight"
	"github.com/cdk-data-patterns/patterns/constructs/saasflow"
	"github.com/cdk-data-patterns/patterns/constructs/sftpingest"
	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Lake is what the stack uses of GlueEtl.
type Lake struct {
	Bucket awss3.IBucket
	// RawPrefix and CuratedPrefix are read by the sessions; Databases are
	// the catalog they read.
	RawPrefix, CuratedPrefix string
	Databases                []string
	// CuratedDatabase and Table name the curated orders the data API
	// serves.
	CuratedDatabase, Table string
}

// Stack is the Serving stack. Parts that are off are nil.
type Stack struct {
	awscdk.Stack
	GlueDev  *gluedev.DevLoop
	Sessions *ttltable.TTLTable
	DataSync *datasynctask.Task
	// Api and ApiWorkGroup are the data API and the Athena workgroup it
	// queries with.
	Api          *dataapi.DataAPI
	ApiWorkGroup *athena.WorkGroup
	// Network and Sftp are the SFTP server and its VPC (with sftp.enabled).
	Network *datavpc.DataVpc
	Sftp    *sftpingest.Ingest
	// AppFlow (with appFlow.connectorProfileName) and QuickSight (with
	// quickSight.ownerArn and the API).
	AppFlow    *saasflow.Flow
	QuickSight *quicksight.Dataset
	// WarehouseDataset reads the Warehouse stack through a VPC connection
	// (with quickSight.warehouse).
	WarehouseDataset *quicksight.Dataset
}

// New creates the stack from cfg. wh is the Warehouse stack's BI user and
// network, required with quickSight.warehouse (nil otherwise).
func New(scope constructs.Construct, id string, cfg Config, lake *Lake, wh *Warehouse) *Stack {
	if cfg.QuickSight.Warehouse && wh == nil {
		panic("context serving: quickSight.warehouse = true needs the warehouse's read-only user: set warehouse.biReader to true")
	}
	stack := awscdk.NewStack(scope, jsii.String(id), context.StackProps(
		"cdk-data-patterns: transfer and serving (Glue development loop, TTL table streamed to the lake, DataSync, data API, SFTP)",
		cfg.Account, cfg.Region))
	s := &Stack{Stack: stack}
	if cfg.GlueDev.On() {
		s.glueDev(cfg.GlueDev, lake)
	}
	if cfg.Sessions.On() {
		s.sessions(cfg.Sessions, lake)
	}
	if cfg.DataSync.On() {
		s.dataSync(cfg.DataSync, lake)
	}
	if cfg.Api.On() {
		s.api(lake)
	}
	if cfg.Sftp.Enabled {
		s.sftp(cfg.Sftp, lake)
	}
	if cfg.AppFlow.ConnectorProfileName != "" {
		s.appFlow(cfg.AppFlow)
	}
	if cfg.QuickSight.OwnerArn != "" && s.ApiWorkGroup != nil {
		s.quickSight(cfg.QuickSight, lake)
	}
	if cfg.QuickSight.Warehouse {
		s.warehouseDataset(cfg.QuickSight, wh)
	}
	return s
}

func (s *Stack) glueDev(cfg GlueDevConfig, lake *Lake) {
	var devs []awsiam.IGrantable
	for i, arn := range cfg.DeveloperRoleArns {
		devs = append(devs, awsiam.Role_FromRoleArn(s.Stack, jsii.Sprintf("Developer%d", i), jsii.String(arn), nil))
	}
	s.GlueDev = gluedev.New(s.Stack, "GlueDev", &gluedev.Props{
		Bucket:       lake.Bucket,
		ReadPrefixes: []string{lake.RawPrefix, lake.CuratedPrefix},
		Databases:    lake.Databases,
		Developers:   devs,
		Notebooks:    jsii.Bool(cfg.Notebooks == nil || *cfg.Notebooks),
	})
	out := func(id string, v *string, d string) {
		awscdk.NewCfnOutput(s.Stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(d)})
	}
	out("GlueSessionRole", s.GlueDev.SessionRole.RoleArn(), "%iam_role <this> in the notebook's first cell")
	out("GlueSecurityConfiguration", s.GlueDev.SecurityConfiguration.SecurityConfigurationName(), "%security_config <this>")
	out("GlueDeveloperPolicy", s.GlueDev.DeveloperPolicy.ManagedPolicyArn(), "attach to the engineers' role (or set serving.glueDev.developerRoleArns)")
}
