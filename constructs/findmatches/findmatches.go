// Package findmatches links records that describe the same entity without a
// common key (catalogue ETL-04): a Glue FindMatches ML transform over one
// catalog table, with its labelling loop left to run time.
//
// Scenario: customer records from several RDS databases, with fields such as
// place_id and location_id and values such as "John Smith" / "J. Smith" or
// "555-1234" / "(555) 123-4567", must be deduplicated.
//
//	RDS → crawlers → catalog tables → gluejob (ApplyMapping to ONE schema)
//	    → unified table → FindMatches transform (trained with labels)
//	    → gluejob FindMatches script → matched records in S3
//
// Correction to the notes: FindMatches does not map differently named
// columns onto each other (place_id ↔ location_id); it compares records of
// one table. Map every source to a common schema first (the shipped
// find_matches.py applies a --mapping before the transform), then train.
//
// What stays at run time (no CloudFormation resource exists for it): the
// labelling loop — StartMLLabelingSetGenerationTaskRun, labelling the CSV,
// StartImportLabelsTaskRun, StartMLEvaluationTaskRun to read precision and
// recall — after which jobs call FindMatches.apply with the transform id.
//
// Defaults: precision over recall 0.9 (fewer false merges), accuracy over
// cost 0.5, G.2X × 10 workers (ML transforms need G.1X or larger), user data
// (labels, training sets) encrypted with a customer managed key, task runs
// with a security configuration that encrypts their logs.
package findmatches

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
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

// FindMatches is the transform with its role and security configuration.
type FindMatches struct {
	constructs.Construct
	Transform             awsglue.CfnMLTransform
	Role                  awsiam.IRole
	Key                   awskms.IKey
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

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("findmatches", scope, id)
	if p.DatabaseName == nil || p.TableName == "" {
		pr.Add("DatabaseName/TableName", "missing", "the unified catalog table to match records in")
	}
	if p.PrimaryKey == "" {
		pr.Add("PrimaryKey", `""`, "a column that uniquely identifies each record")
	}
	tradeoff := func(name string, v *float64) {
		if v != nil && (*v < 0 || *v > 1) {
			pr.Add(name, *v, "a number from 0 to 1")
		}
	}
	tradeoff("PrecisionRecallTradeoff", p.PrecisionRecallTradeoff)
	tradeoff("AccuracyCostTradeoff", p.AccuracyCostTradeoff)
	if w := p.WorkerType; w != nil && *w != "G.1X" && *w != "G.2X" {
		pr.Add("WorkerType", *w, "G.1X or G.2X (the worker types ML transforms run on)")
	}
	if n := p.Workers; n != nil && (*n < 2 || *n != float64(int(*n))) {
		pr.Add("Workers", *n, "a whole number of at least 2")
	}
	return pr
}
