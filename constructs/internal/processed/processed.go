// Package processed builds what iotredact and logenrichment share: the
// processor of a Firehose delivery stream that is one of this module's Go
// functions, with its logs under the delivery stream's key. The constructs
// put the function into their firehosetos3 props themselves (an internal
// package does not import a pattern).
package processed

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

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
	// leave it unset (nil: the delivery construct's default).
	BufferSize awscdk.Size
}

// Processor is what New made.
type Processor struct {
	// Key is the delivery stream's key: the one given, or c/Key.
	Key awskms.IKey
	// Function is the processor, c/<ID>.
	Function awslambda.IFunction
	// BufferSize is the given batch size, or the Spec's default.
	BufferSize awscdk.Size
}

// New creates the key c/Key (unless the delivery props give key) and the
// function under c/<ID>, logging for logRetention ("": one year) under the
// key. The caller creates the delivery stream c/Delivery with Key, Function
// as Processor and BufferSize as ProcessorBufferSize.
func New(c constructs.Construct, key awskms.IKey, logRetention awslogs.RetentionDays, bufferSize awscdk.Size, s Spec) Processor {
	if key == nil {
		key = keys.NewForLogs(c, "Key", "Encrypts the delivery stream and the logs of "+*c.Node().Path())
	}
	if bufferSize == nil {
		bufferSize = s.BufferSize
	}
	env := s.Env
	fn := gofunction.New(constructs.NewConstruct(c, jsii.String(s.ID)), gofunction.Spec{
		Code:         golambda.Code(s.Dir),
		Key:          key,
		LogRetention: logRetention,
		Memory:       s.Memory,
		Props:        &awslambda.FunctionProps{Description: jsii.String(s.Description), Environment: &env},
		Invocation:   gofunction.FirehoseInvocation,
	})
	return Processor{Key: key, Function: fn.Function, BufferSize: bufferSize}
}
