package emreks_test

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/emreks"
)

// Spark jobs on an existing EKS cluster: the virtual cluster on namespace
// spark-jobs and the job execution role trusted through the cluster's OIDC
// provider. EMR on EKS sets up its own access to the namespace (access
// entries); the namespace itself is created with kubectl beforehand.
func ExampleNew() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("SparkCompute"), nil)
	spark := emreks.New(stack, "SparkOnEks", &emreks.Props{
		ClusterName:     "analytics",
		OidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B7",
		JobRoleName:     "analytics-spark-jobs",
	})
	fmt.Println(spark.Namespace, spark.JobRoleName)
	// The base-36 part is what the AWS CLI's update-role-trust-policy computes.
	fmt.Println(emreks.ServiceAccountPattern(spark.Namespace, "123456789012", spark.JobRoleName))
	// Output:
	// spark-jobs analytics-spark-jobs
	// system:serviceaccount:spark-jobs:emr-containers-sa-*-*-123456789012-bdpu69l8fmiwip0vgaignxwo5ce510z
}
