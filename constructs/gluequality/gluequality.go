package gluequality

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsglue"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/gluejob"
	"github.com/cdk-data-patterns/patterns/constructs/gluequality/dqdl"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// Quality is a data quality ruleset on a catalog table, and optionally the
// job that evaluates it in-line and gates the data.
type Quality struct {
	constructs.Construct
	// Ruleset is the AWS::Glue::DataQualityRuleset.
	Ruleset awsglue.CfnDataQualityRuleset
	// Parsed is the checked ruleset.
	Parsed *dqdl.Ruleset
	// Job evaluates and gates; nil without Props.Job.
	Job *gluejob.GlueJob
}

// New checks the ruleset and creates the resources. Invalid props, and any
// DQDL error, fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Quality {
	p := Props{}
	if props != nil {
		p = *props
	}
	pr, parsed := check(scope, id, &p)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	q := &Quality{Construct: c, Parsed: parsed}
	q.Ruleset = awsglue.NewCfnDataQualityRuleset(c, jsii.String("Ruleset"), &awsglue.CfnDataQualityRulesetProps{
		Name:        awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(255), Separator: jsii.String("-")}),
		Description: jsii.String(fmt.Sprintf("Rules of %s.%s (%s)", *p.DatabaseName, p.TableName, *c.Node().Path())),
		Ruleset:     jsii.String(parsed.String()),
		TargetTable: &awsglue.CfnDataQualityRuleset_DataQualityTargetTableProperty{DatabaseName: p.DatabaseName, TableName: jsii.String(p.TableName)},
	})
	if p.Job != nil {
		q.Job = evaluationJob(c, id, &p, parsed)
	}
	return q
}

func evaluationJob(c constructs.Construct, id string, p *Props, parsed *dqdl.Ruleset) *gluejob.GlueJob {
	jp := p.Job
	gate := jp.Gate
	if gate == "" {
		gate = GateFail
	}
	context := jp.EvaluationContext
	if context == "" {
		context = id
	}
	gp := gluejob.Props{}
	if jp.GlueJob != nil {
		gp = *jp.GlueJob
	}
	gp.Script = gluejob.ShippedScript(gluejob.QualityGate)
	gp.Arguments = map[string]string{
		"--database":           *p.DatabaseName,
		"--table":              p.TableName,
		"--ruleset":            parsed.String(),
		"--evaluation_context": context,
		"--gate":               string(gate),
		"--target_path":        *jp.TargetBucket.S3UrlForObject(jsii.String(jp.TargetPrefix)),
	}
	if pub := jp.Publish; pub != nil {
		gp.Arguments["--target_database"] = pub.DatabaseName
		gp.Arguments["--target_table"] = pub.TableName
		gp.Arguments["--partition_keys"] = strings.Join(pub.PartitionKeys, ",")
	}
	job := gluejob.New(c, "Job", &gp)
	job.GrantCatalogRead(*p.DatabaseName, p.TableName)
	if pub := jp.Publish; pub != nil {
		job.GrantCatalogWrite(pub.DatabaseName, pub.TableName)
	}
	job.GrantRead(jp.SourceBucket, jp.SourcePrefix)
	job.GrantWrite(jp.TargetBucket, jp.TargetPrefix)
	role := job.Role
	// EvaluateDataQuality publishes results to Glue and metrics to the
	// "Glue Data Quality" namespace.
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:PublishDataQuality"),
		Resources: jsii.Strings("*"),
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("cloudwatch:PutMetricData"),
		Resources:  jsii.Strings("*"),
		Conditions: &map[string]any{"StringEquals": map[string]any{"cloudwatch:namespace": "Glue Data Quality"}},
	}))
	if policy := nag.DefaultPolicy(role); policy != nil {
		nag.Suppress(policy, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			Reason:    "glue:PublishDataQuality and cloudwatch:PutMetricData have no resource type; the metrics are limited to the Glue Data Quality namespace by a condition.",
			AppliesTo: []string{"Resource::*"},
		})
	}
	return job
}

func check(scope constructs.Construct, id string, p *Props) (*propcheck.Problems, *dqdl.Ruleset) {
	pr := propcheck.For("gluequality", scope, id)
	if p.DatabaseName == nil || p.TableName == "" {
		pr.Add("DatabaseName/TableName", "missing", "the catalog table the ruleset checks")
	}
	parsed, err := dqdl.Parse(p.Ruleset)
	var list dqdl.Errors
	switch {
	case err == nil:
	case errors.As(err, &list):
		lines := strings.Split(p.Ruleset, "\n")
		for _, e := range list {
			src := ""
			if e.Line >= 1 && e.Line <= len(lines) {
				src = strings.TrimSpace(lines[e.Line-1])
			}
			pr.Addf("Ruleset line %d, column %d (%q): %s", e.Line, e.Column, src, e.Message)
		}
	default:
		pr.Addf("Ruleset: %v", err)
	}
	if j := p.Job; j != nil {
		switch j.Gate {
		case "", GateFail, GateReport:
		default:
			pr.Add("Job.Gate", j.Gate, "fail or report")
		}
		if j.TargetBucket == nil || j.SourceBucket == nil {
			pr.Add("Job.SourceBucket/TargetBucket", "missing", "the bucket of the table's objects and the bucket that receives passing data")
		}
		if pub := j.Publish; pub != nil {
			checkPublish(pr, pub, p)
		}
		if j.GlueJob != nil && (j.GlueJob.Script != "" || j.GlueJob.Arguments != nil) {
			pr.Add("Job.GlueJob.Script/Arguments", "given", "nothing: the construct runs the shipped quality_gate.py with its own arguments")
		}
	}
	return pr, parsed
}

// catalogName is what Glue accepts as a database, table or column name.
var catalogName = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)

func checkPublish(pr *propcheck.Problems, pub *PublishProps, p *Props) {
	for _, n := range []struct{ prop, value string }{{"Job.Publish.DatabaseName", pub.DatabaseName}, {"Job.Publish.TableName", pub.TableName}} {
		if !catalogName.MatchString(n.value) {
			pr.Add(n.prop, n.value, "a Glue catalog name: 1 to 255 lowercase letters, digits and underscores")
		}
	}
	if p.DatabaseName != nil && *p.DatabaseName == pub.DatabaseName && p.TableName == pub.TableName {
		pr.Add("Job.Publish", pub.DatabaseName+"."+pub.TableName, "a table other than the one the ruleset checks: check the staged table, publish to another")
	}
	seen := map[string]bool{}
	for i, k := range pub.PartitionKeys {
		if !catalogName.MatchString(k) || seen[k] {
			pr.Add(fmt.Sprintf("Job.Publish.PartitionKeys[%d]", i), k, "distinct column names of lowercase letters, digits and underscores")
		}
		seen[k] = true
	}
}
