package findmatches

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
)

// FindMatches is the transform with its role and security configuration.
type FindMatches struct {
	constructs.Construct
	// Transform is the FindMatches ML transform; jobs apply it by its id
	// (Transform.Ref()).
	Transform awsglue.CfnMLTransform
	// Role runs the transform's task runs.
	Role awsiam.IRole
	// Key encrypts labels, training data and task-run logs (the given
	// EncryptionKey or a new one).
	Key awskms.IKey
	// SecurityConfiguration of the task runs.
	SecurityConfiguration awsglue.ISecurityConfiguration
}

// New creates the transform. Invalid props fail synthesis.
func New(scope constructs.Construct, id string, props *Props) *FindMatches {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	f := &FindMatches{Construct: c, Key: p.EncryptionKey}
	if f.Key == nil {
		f.Key = keys.NewForLogs(c, "Key", "Encrypts the labels, training data and logs of the FindMatches transform "+*c.Node().Path())
	}
	f.SecurityConfiguration = gluebase.SecurityConfiguration(c, f.Key, true)
	role := gluebase.NewRole(c, "Runs the task runs of the FindMatches transform "+*c.Node().Path())
	f.Role = role
	tableArns := gluebase.CatalogArns(c, p.DatabaseName, p.TableName)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"),
		Resources: &tableArns,
	}))
	if p.DataBucket != nil {
		gluebase.GrantReadPrefix(role, p.DataBucket, p.DataPrefix)
	}
	gluebase.GrantKey(role, f.Key)
	gluebase.GrantLogs(role)
	nag.Suppress(nag.DefaultPolicy(role), gluebase.LogsSuppression, nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "The transform reads every object of its table, under the table's data prefix only.",
		AppliesTo: []string{`/^Resource::.*\/\*$/`},
	})

	workerType := p.WorkerType
	if workerType == nil {
		workerType = jsii.String("G.2X")
	}
	workers := p.Workers
	if workers == nil {
		workers = jsii.Number(10)
	}
	f.Transform = awsglue.NewCfnMLTransform(c, jsii.String("Transform"), &awsglue.CfnMLTransformProps{
		Description: jsii.String("FindMatches over " + p.TableName + " (" + *c.Node().Path() + ")"),
		Role:        role.RoleArn(),
		InputRecordTables: &awsglue.CfnMLTransform_InputRecordTablesProperty{GlueTables: []any{
			&awsglue.CfnMLTransform_GlueTablesProperty{DatabaseName: p.DatabaseName, TableName: jsii.String(p.TableName)},
		}},
		TransformParameters: &awsglue.CfnMLTransform_TransformParametersProperty{
			TransformType: jsii.String("FIND_MATCHES"),
			FindMatchesParameters: &awsglue.CfnMLTransform_FindMatchesParametersProperty{
				PrimaryKeyColumnName:    jsii.String(p.PrimaryKey),
				PrecisionRecallTradeoff: orNumber(p.PrecisionRecallTradeoff, 0.9),
				AccuracyCostTradeoff:    orNumber(p.AccuracyCostTradeoff, 0.5),
				EnforceProvidedLabels:   p.EnforceProvidedLabels != nil && *p.EnforceProvidedLabels,
			},
		},
		WorkerType:      workerType,
		NumberOfWorkers: workers,
		Timeout:         jsii.Number(120),
		MaxRetries:      jsii.Number(0),
		TransformEncryption: &awsglue.CfnMLTransform_TransformEncryptionProperty{
			MlUserDataEncryption:             &awsglue.CfnMLTransform_MLUserDataEncryptionProperty{MlUserDataEncryptionMode: jsii.String("SSE-KMS"), KmsKeyId: f.Key.KeyArn()},
			TaskRunSecurityConfigurationName: f.SecurityConfiguration.SecurityConfigurationName(),
		},
	})
	if policy := role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		f.Transform.Node().AddDependency(policy)
	}
	return f
}

// GrantApply lets grantee apply the transform from a job
// (FindMatches.apply reads it with glue:GetMLTransform).
func (f *FindMatches) GrantApply(grantee awsiam.IGrantable) awsiam.Grant {
	arn := awscdk.Stack_Of(f.Transform).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("glue"), Resource: jsii.String("mlTransform"), ResourceName: f.Transform.Ref(),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: grantee, Actions: jsii.Strings("glue:GetMLTransform"), ResourceArns: &[]*string{arn},
	})
}
