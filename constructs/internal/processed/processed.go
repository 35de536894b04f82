// Package processed builds what iotredact and logenrichment share: a
// firehosetos3 delivery stream whose Processor is one of this module's Go
// functions, with the function's logs under the delivery stream's key.
package processed

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// Spec is the processor function.
type Spec struct {
	Dir         string // Go main package, e.g. "functions/piiredact"
	ID          string // construct id of the function's scope, e.g. "Redactor"
	Description string
	Env         map[string]*string
	Memory      float64
	// BufferSize is the processor batch default when the delivery props
	// leave it unset (nil: firehosetos3's 1 MiB).
	BufferSize awscdk.Size
}

// New creates the key (unless the delivery props give one), the function
// under c/<ID>, and the delivery stream c/Delivery with it as Processor.
func New(c constructs.Construct, delivery *firehosetos3.Props, s Spec) (*firehosetos3.FirehoseToS3, awslambda.IFunction) {
	dp := firehosetos3.Props{}
	if delivery != nil {
		dp = *delivery
	}
	if dp.EncryptionKey == nil {
		dp.EncryptionKey = keys.NewForLogs(c, "Key", "Encrypts the delivery stream and the logs of "+*c.Node().Path())
	}
	if dp.ProcessorBufferSize == nil {
		dp.ProcessorBufferSize = s.BufferSize
	}
	env := s.Env
	fn := gofunction.New(constructs.NewConstruct(c, jsii.String(s.ID)), gofunction.Spec{
		Code:         golambda.Code(s.Dir),
		Key:          dp.EncryptionKey,
		LogRetention: dp.LogRetention,
		Memory:       s.Memory,
		Props:        &awslambda.FunctionProps{Description: jsii.String(s.Description), Environment: &env},
	})
	dp.Processor = fn.Function
	return firehosetos3.New(c, "Delivery", &dp), fn.Function
}
