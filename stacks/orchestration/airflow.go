package orchestration

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/airflow"
	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
)

// dagSettings maps the Data API target's keys to the DAG's settings.
var dagSettings = map[string]string{
	"Database": "redshift_database", "ClusterIdentifier": "redshift_cluster",
	"WorkgroupName": "redshift_workgroup", "DbUser": "redshift_db_user",
}

// airflow is ORC-09: a private MWAA environment in its own VPC whose DAG
// (airflow/dags/lake_nightly.py) starts GlueEtl's workflow, waits for it,
// then runs the daily procedure on the warehouse as its scheduler user.
func (s *Stack) airflow(cfg Config, lake *Lake, wh *Warehouse) {
	settings := map[string]*string{
		"glue_workflow": lake.Workflow,
		"redshift_sql":  jsii.String(wh.Procedure),
	}
	for k, v := range wh.Target {
		switch v := v.(type) {
		case string:
			settings[dagSettings[k]] = jsii.String(v)
		case *string:
			settings[dagSettings[k]] = v
		}
	}
	s.Airflow = mwaa.New(s.Stack, "Airflow", &mwaa.Props{
		EnvironmentClass: cfg.Mwaa.EnvironmentClass,
		MaxWorkers:       jsii.Number(float64(cfg.Mwaa.MaxWorkers)),
		DagsDirectory:    airflow.DagsDir(),
		DagConfig:        settings,
		ExtraEndpoints: []awsec2.InterfaceVpcEndpointAwsService{
			awsec2.InterfaceVpcEndpointAwsService_GLUE(), awsec2.InterfaceVpcEndpointAwsService_REDSHIFT_DATA(),
		},
	})
	s.Airflow.GrantGlueWorkflowRuns(lake.Workflow)
	wh.Grant(s.Airflow.Role)
}
