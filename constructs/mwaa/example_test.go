package mwaa_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/mwaa"
)

// A private Airflow environment for the lake's nightly DAG: the DAG may
// start the Glue workflow "lake-nightly", and reaches Glue and the Redshift
// Data API through endpoints of the environment's VPC. The stack uploads
// the repository's airflow/dags with a dag_config.json naming the workflow
// (DagsDirectory, DagConfig; left out here to keep the example
// self-contained).
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orchestration"), nil)
	airflow := mwaa.New(stack, "Airflow", &mwaa.Props{
		Name:           "lake-airflow",
		ExtraEndpoints: []awsec2.InterfaceVpcEndpointAwsService{awsec2.InterfaceVpcEndpointAwsService_GLUE(), awsec2.InterfaceVpcEndpointAwsService_REDSHIFT_DATA()},
	})
	airflow.GrantGlueWorkflowRuns(jsii.String("lake-nightly"))
	fmt.Println(airflow.Name)
	fmt.Println(*airflow.Environment.EnvironmentClass(), *airflow.Environment.WebserverAccessMode())
	fmt.Println(len(airflow.Endpoints), "interface endpoints")
	fmt.Println(*airflow.LogGroups["TaskLogs"].Node().Path())
	// Output:
	// lake-airflow
	// mw1.small PRIVATE_ONLY
	// 11 interface endpoints
	// Orchestration/Airflow/TaskLogs
}
