package databrew

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatabrew"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sdkcall"
)

// access is what a job's role reads and writes.
type access struct {
	inBucket  awss3.IBucket
	inKey     string
	outBucket awss3.IBucket
	outPrefix string
	steps     []Step
}

// newRole is the job's role: DataBrew reads the input objects, writes the
// output prefix, uses the key (and the secrets and keys of the steps) and
// writes its logs; no managed policy.
func newRole(c constructs.Construct, a access, key awskms.IKey) awsiam.IRole {
	role := awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("databrew.amazonaws.com"), nil),
		Description: jsii.String("Runs the DataBrew job " + *c.Node().Path()),
	})
	gluebase.GrantReadPrefix(role, a.inBucket, a.inKey)
	gluebase.GrantWritePrefix(role, a.outBucket, a.outPrefix)
	gluebase.GrantKey(role, key)
	grantSteps(role, a.steps)
	stack := awscdk.Stack_Of(c)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("logs"), Resource: jsii.String("log-group"),
			ResourceName: jsii.String("/aws-glue-databrew/*"), ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
		})},
	}))
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "DataBrew reads every object under the input key and writes objects it names at run time under the output prefix; " +
			"it logs to log groups it creates under /aws-glue-databrew/; the output bucket's own encrypt grant uses CDK's action groups on exactly that key.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})
	return role
}

// grantSteps lets role read the secrets and use the keys the steps name
// (HashPII, DeterministicEncrypt, Encrypt, ...), and nothing else of them.
func grantSteps(role awsiam.IRole, steps []Step) {
	for _, s := range steps {
		if s.secret != nil {
			s.secret.GrantRead(role, nil)
		}
		switch {
		case s.key == nil:
		case s.keyUse == "decrypt":
			s.key.GrantDecrypt(role)
		default:
			s.key.GrantEncrypt(role)
		}
	}
}

// publisher publishes a new recipe version whenever the steps change (the
// physical id is their hash), through one DataBrew API call.
func publisher(c constructs.Construct, p *Props, recipe awsdatabrew.CfnRecipe) customresources.AwsCustomResource {
	arn := awscdk.Stack_Of(c).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("databrew"), Resource: jsii.String("recipe"), ResourceName: recipe.Name(),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
	hash := stepsHash(c, p.Steps)
	call := &customresources.AwsSdkCall{
		Service:            jsii.String("DataBrew"),
		Action:             jsii.String("publishRecipe"),
		Parameters:         map[string]any{"Name": recipe.Name(), "Description": "steps " + hash},
		PhysicalResourceId: customresources.PhysicalResourceId_Of(jsii.String(*recipe.Name() + "@" + hash)),
	}
	cr := sdkcall.New(c, "Publisher", sdkcall.Props{
		OnCreate: call,
		OnUpdate: call,
		Statements: []awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("databrew:PublishRecipe"), Resources: &[]*string{arn},
		})},
		Key:         keyOf(c, p),
		Retention:   p.LogRetention,
		Description: "Publishes the recipe of " + *c.Node().Path(),
	})
	cr.Node().AddDependency(recipe)
	return cr
}

// keyOf is the construct's key (created in New before the publisher).
func keyOf(c constructs.Construct, p *Props) awskms.IKey {
	if p.EncryptionKey != nil {
		return p.EncryptionKey
	}
	return c.Node().FindChild(jsii.String("Key")).(awskms.IKey)
}
