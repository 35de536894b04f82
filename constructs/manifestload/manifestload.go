package manifestload

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Loader is the function and its schedule.
type Loader struct {
	constructs.Construct
	// Function is the loader (functions/manifestcopy).
	Function awslambda.IFunction
	// Role is the function's execution role.
	Role awsiam.IRole
	// Schedule invokes the function on Props.Schedule.
	Schedule awsscheduler.CfnSchedule
	// ArrivalRule is nil unless OnArrival.
	ArrivalRule awsevents.Rule
	// Splitter and SplitRule split large files (nil without SplitPrefix).
	Splitter  awslambda.IFunction
	SplitRule awsevents.Rule
	// DeadLetterQueue and SplitterDeadLetterQueue keep the invocations that
	// still failed after Lambda's retries (encrypted with the warehouse's
	// key, 14 days); the splitter's is nil without SplitPrefix.
	DeadLetterQueue, SplitterDeadLetterQueue awssqs.IQueue
}

// New creates the loader. Invalid props fail synthesis.
func New(scope constructs.Construct, id string, props *Props) *Loader {
	p := Props{}
	if props != nil {
		p = *props
	}
	p.fillDefaults(id)
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	w := p.Warehouse
	env := map[string]*string{
		"SOURCE_BUCKET": p.Bucket.BucketName(), "SOURCE_PREFIX": jsii.String(p.Prefix), "MANIFEST_PREFIX": jsii.String(p.ManifestPrefix),
		"TARGET_TABLE": jsii.String(p.Table), "IAM_ROLE_ARN": w.Role.RoleArn(), "FORMAT": jsii.String(p.Format),
		"DATABASE": jsii.String(w.DatabaseName),
	}
	if p.Compression != "" {
		env["COMPRESSION"] = jsii.String(p.Compression)
	}
	if p.MaxError != nil {
		env["MAX_ERROR"] = jsii.String(fmt.Sprint(*p.MaxError))
	}
	if p.Slices != nil {
		env["SLICES"] = jsii.String(fmt.Sprint(*p.Slices))
	}
	if w.Type == warehouse.Serverless {
		env["WORKGROUP_NAME"] = jsii.String(w.Name)
	} else {
		env["CLUSTER_IDENTIFIER"] = jsii.String(w.Name)
		env["SECRET_ARN"] = w.AdminSecretArn
		if p.UserSecret != nil {
			env["SECRET_ARN"] = p.UserSecret.SecretArn()
		}
	}
	fn := gofunction.New(c, gofunction.Spec{
		Code:    golambda.Code("functions/manifestcopy"),
		Key:     w.Key,
		Memory:  256,
		Timeout: awscdk.Duration_Minutes(jsii.Number(14)),
		Props: &awslambda.FunctionProps{
			Description: jsii.String("Loads new files under s3://…/" + p.Prefix + " into " + p.Table + " with manifest COPY"),
			Environment: &env,
			// Two runs at once could batch the same new files twice.
			ReservedConcurrentExecutions: jsii.Number(1),
		},
		Invocation: gofunction.Invocation{Reaches: "only the Redshift Data API and S3 (TLS, IAM authentication)"},
	})
	l := &Loader{Construct: c, Function: fn.Function, Role: fn.Role, DeadLetterQueue: fn.DeadLetterQueue}
	grant(c, &p, fn.Role)
	l.Schedule = schedule(c, &p, fn.Function)
	if p.SplitPrefix != "" {
		l.Splitter, l.SplitterDeadLetterQueue, l.SplitRule = splitter(c, &p)
	}
	if p.OnArrival {
		l.ArrivalRule = awsevents.NewRule(c, jsii.String("ArrivalRule"), &awsevents.RuleProps{
			Description: jsii.String("New files under " + p.Prefix + " start the loader " + *c.Node().Path()),
			EventPattern: &awsevents.EventPattern{
				Source:     jsii.Strings("aws.s3"),
				DetailType: jsii.Strings("Object Created"),
				Detail: &map[string]any{
					"bucket": map[string]any{"name": []*string{p.Bucket.BucketName()}},
					"object": map[string]any{"key": []any{map[string]any{"prefix": p.Prefix}}},
				},
			},
		})
		l.ArrivalRule.AddTarget(awseventstargets.NewLambdaFunction(fn.Function, &awseventstargets.LambdaFunctionProps{
			RetryAttempts: jsii.Number(2), MaxEventAge: awscdk.Duration_Hours(jsii.Number(1)),
		}))
	}
	return l
}
