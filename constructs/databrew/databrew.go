package databrew

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatabrew"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/customresources"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// RecipeJob is a DataBrew dataset, recipe and recipe job (with its
// schedule) that turns raw S3 data into clean, partitioned Parquet.
type RecipeJob struct {
	constructs.Construct
	Dataset awsdatabrew.CfnDataset
	Recipe  awsdatabrew.CfnRecipe
	Job     awsdatabrew.CfnJob
	// Schedule is nil without Props.Schedule.
	Schedule awsdatabrew.CfnSchedule
	Role     awsiam.IRole
	Key      awskms.IKey
	// Publisher publishes a recipe version whenever the steps change: recipe
	// jobs run published versions, and CloudFormation only creates the
	// working version.
	Publisher customresources.AwsCustomResource
}

// New creates the dataset, recipe, publisher, job and schedule. Invalid
// props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *RecipeJob {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &RecipeJob{Construct: c}
	// DataBrew names allow letters, digits, hyphen, period and space.
	base := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(200), Separator: jsii.String("-")})

	r.Key = p.EncryptionKey
	if r.Key == nil {
		r.Key = keys.NewForLogs(c, "Key", "Encrypts the output and logs of the DataBrew job "+*c.Node().Path())
	}
	r.Role = newRole(c, access{p.InputBucket, p.InputKey, p.OutputBucket, p.OutputPrefix, p.Steps}, r.Key)

	format := p.InputFormat
	if format == "" {
		format = "CSV"
	}
	r.Dataset = awsdatabrew.NewCfnDataset(c, jsii.String("Dataset"), &awsdatabrew.CfnDatasetProps{
		Name:   jsii.String(base + "-dataset"),
		Format: jsii.String(format),
		Input: &awsdatabrew.CfnDataset_InputProperty{S3InputDefinition: &awsdatabrew.CfnDataset_S3LocationProperty{
			Bucket: p.InputBucket.BucketName(),
			Key:    jsii.String(p.InputKey),
		}},
	})
	r.Recipe = awsdatabrew.NewCfnRecipe(c, jsii.String("Recipe"), &awsdatabrew.CfnRecipeProps{
		Name:        jsii.String(base + "-recipe"),
		Description: jsii.String("Recipe of " + *c.Node().Path()),
		Steps:       recipeSteps(p.Steps),
	})
	r.Publisher = publisher(c, &p, r.Recipe)

	r.Job = awsdatabrew.NewCfnJob(c, jsii.String("Job"), &awsdatabrew.CfnJobProps{
		Name:             jsii.String(base + "-job"),
		Type:             jsii.String("RECIPE"),
		RoleArn:          r.Role.RoleArn(),
		DatasetName:      r.Dataset.Name(),
		Recipe:           &awsdatabrew.CfnJob_RecipeProperty{Name: r.Recipe.Name()},
		EncryptionMode:   jsii.String("SSE-KMS"),
		EncryptionKeyArn: r.Key.KeyArn(),
		LogSubscription:  jsii.String("ENABLE"),
		MaxCapacity:      orNumber(p.MaxCapacity, 5),
		Timeout:          jsii.Number(minutes(p.Timeout)),
		Outputs: []any{&awsdatabrew.CfnJob_OutputProperty{
			Location:          &awsdatabrew.CfnJob_S3LocationProperty{Bucket: p.OutputBucket.BucketName(), Key: jsii.String(p.OutputPrefix)},
			Format:            jsii.String("PARQUET"),
			CompressionFormat: jsii.String("SNAPPY"),
			PartitionColumns:  jsii.Strings(p.PartitionColumns...),
			Overwrite:         jsii.Bool(p.KeepEarlierOutputs == nil || !*p.KeepEarlierOutputs),
		}},
	})
	r.Job.Node().AddDependency(r.Dataset)
	r.Job.Node().AddDependency(r.Publisher)
	if policy := r.Role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		r.Job.Node().AddDependency(policy)
	}
	if p.Schedule != nil {
		r.Schedule = awsdatabrew.NewCfnSchedule(c, jsii.String("Schedule"), &awsdatabrew.CfnScheduleProps{
			Name:           jsii.String(base + "-schedule"),
			CronExpression: p.Schedule,
			JobNames:       &[]*string{r.Job.Name()},
		})
		r.Schedule.Node().AddDependency(r.Job)
	}
	return r
}

func recipeSteps(steps []Step) []any {
	out := make([]any, len(steps))
	for i, s := range steps {
		step := &awsdatabrew.CfnRecipe_RecipeStepProperty{
			Action: &awsdatabrew.CfnRecipe_ActionProperty{Operation: jsii.String(s.Operation), Parameters: s.Parameters},
		}
		if len(s.Conditions) > 0 {
			conds := make([]any, len(s.Conditions))
			for j, c := range s.Conditions {
				cond := &awsdatabrew.CfnRecipe_ConditionExpressionProperty{Condition: jsii.String(c.Condition), TargetColumn: jsii.String(c.TargetColumn)}
				if c.Value != "" {
					cond.Value = jsii.String(c.Value)
				}
				conds[j] = cond
			}
			step.ConditionExpressions = conds
		}
		out[i] = step
	}
	return out
}

// stepsHash names the recipe's content, so a change of steps publishes a
// new version. It hashes the steps as CloudFormation will see them (a
// secret's ARN is a reference to the secret, not a token string that
// changes from one synthesis to the next).
func stepsHash(c constructs.Construct, steps []Step) string {
	b, _ := json.Marshal(awscdk.Stack_Of(c).Resolve(recipeSteps(steps)))
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// SucceededPattern is the EventBridge event pattern of a successful run of
// the job ("DataBrew Job State Change", state SUCCEEDED): start what reads
// the prepared data with it (findmatches.UnifyProps.StartPattern).
func (r *RecipeJob) SucceededPattern() map[string]any {
	return map[string]any{
		"source":      []string{"aws.databrew"},
		"detail-type": []string{"DataBrew Job State Change"},
		"detail":      map[string]any{"jobName": []*string{r.Job.Name()}, "state": []string{"SUCCEEDED"}},
	}
}

func orNumber(v *float64, d float64) *float64 {
	if v != nil {
		return v
	}
	return jsii.Number(d)
}
