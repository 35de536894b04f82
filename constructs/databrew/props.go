package databrew

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
)

// Props configures a RecipeJob. Input, Output and Steps are required.
type Props struct {
	// InputBucket and InputKey locate the raw data: a key, or a folder
	// ending in "/" (every object under it).
	InputBucket awss3.IBucket
	InputKey    string
	// InputFormat: CSV, JSON, PARQUET, ORC or EXCEL.
	// @default CSV
	InputFormat string

	// OutputBucket and OutputPrefix receive the prepared data as
	// Snappy-compressed Parquet, encrypted with SSE-KMS (EncryptionKey).
	OutputBucket awss3.IBucket
	OutputPrefix string
	// PartitionColumns of the output.
	PartitionColumns []string

	// Steps of the recipe, applied in order.
	Steps []Step

	// Schedule runs the job, a DataBrew cron expression ("cron(0 4 * * ? *)").
	// @default none (start it from a workflow or by hand)
	Schedule *string
	// MaxCapacity is the number of nodes, 1 to 149.
	// @default 5
	MaxCapacity *float64
	// Timeout of a run, 1 minute to 48 hours.
	// @default 2 hours
	Timeout awscdk.Duration

	// EncryptionKey encrypts the output (SSE-KMS) and the construct's logs.
	// The output bucket must accept SSE-KMS uploads with it.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// LogRetention of the recipe publisher's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}
