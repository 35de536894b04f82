package mskcluster

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapplicationautoscaling"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// newStorageScaling registers the brokers' volume size with Application
// Auto Scaling (its service-linked role for Kafka, which it creates when
// the first target is registered) and tracks KafkaBrokerStorageUtilization;
// MSK storage only grows, so scale-in is off.
func newStorageScaling(c constructs.Construct, cl *Cluster, p *Props, size float64) {
	maxSize := orNumber(p.MaxVolumeSize, 1000)
	if maxSize <= size {
		return
	}
	role := awsiam.Role_FromRoleArn(c, jsii.String("StorageScalingRole"), awscdk.Stack_Of(c).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("iam"), Region: jsii.String(""), Resource: jsii.String("role"),
		ResourceName: jsii.String("aws-service-role/kafka.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_KafkaCluster"),
		ArnFormat:    awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	}), nil)
	cl.ScalableTarget = awsapplicationautoscaling.NewScalableTarget(c, jsii.String("StorageScaling"), &awsapplicationautoscaling.ScalableTargetProps{
		ServiceNamespace:  awsapplicationautoscaling.ServiceNamespace_KAFKA,
		ResourceId:        cl.Cluster.AttrArn(),
		ScalableDimension: jsii.String("kafka:broker-storage:VolumeSize"),
		MinCapacity:       jsii.Number(size),
		MaxCapacity:       jsii.Number(maxSize),
		Role:              role,
	})
	cl.ScalableTarget.ScaleToTrackMetric(jsii.String("StorageUtilization"), &awsapplicationautoscaling.BasicTargetTrackingScalingPolicyProps{
		PredefinedMetric: awsapplicationautoscaling.PredefinedMetric_KAFKA_BROKER_STORAGE_UTILIZATION,
		TargetValue:      jsii.Number(orNumber(p.StorageTargetUtilization, 60)),
		DisableScaleIn:   jsii.Bool(true),
	})
}
