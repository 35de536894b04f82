package findmatches

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
)

// Props configures a FindMatches transform. DatabaseName, TableName and
// PrimaryKey are required.
type Props struct {
	// DatabaseName and TableName name the unified catalog table.
	DatabaseName *string
	TableName    string
	// DataBucket holds the table's objects (the role reads DataPrefix of it).
	DataBucket awss3.IBucket
	DataPrefix string
	// PrimaryKey is a column that uniquely identifies each record.
	PrimaryKey string
	// PrecisionRecallTradeoff, 0 to 1: higher favours precision (fewer
	// false matches).
	// @default 0.9
	PrecisionRecallTradeoff *float64
	// AccuracyCostTradeoff, 0 to 1: higher favours accuracy over cost.
	// @default 0.5
	AccuracyCostTradeoff *float64
	// EnforceProvidedLabels makes the output follow your labels even where
	// the model disagrees.
	// @default false
	EnforceProvidedLabels *bool
	// WorkerType and Workers of the transform's task runs.
	// @default G.2X, 10
	WorkerType *string
	Workers    *float64
	// EncryptionKey encrypts labels and training data, and task-run logs.
	// @default a new key
	EncryptionKey awskms.IKey
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}
