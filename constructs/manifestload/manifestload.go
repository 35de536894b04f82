// Package manifestload loads new S3 files into Redshift exactly once with
// one COPY … MANIFEST per batch (catalogue DWH-02, DWH-03): a Go Lambda
// (functions/manifestcopy) runs on a schedule, lists new objects under a
// prefix (objects only, never "folders"), writes a manifest whose entries
// are mandatory, runs COPY with the options given and an audit insert in one
// Data API transaction, and records the batch so a retry never loads twice.
//
//	EventBridge Scheduler rate(15 minutes) ─▶ manifestcopy (concurrency 1)
//	  ListObjectsV2 prefix ─▶ manifests/pending/<batch>.manifest (mandatory, content_length)
//	  Data API: LOCK audit; guard; COPY table FROM manifest IAM_ROLE … MANIFEST FORMAT …; INSERT audit
//	  ─▶ manifests/loaded/<batch> marker
//
// With Slices (the cluster's slice count), batches hold a multiple of it so
// every slice loads the same number of files (DWH-03).
//
// The function authenticates to a provisioned cluster as the user of
// UserSecret (a loader user that may insert into the table and owns the
// audit table), or with the admin secret Redshift manages when none is
// given; to serverless with its own IAM identity, whose database user
// (IAMR:<role name>) needs the same privileges granted. It runs outside the VPC: it calls only S3 and the Data API.
package manifestload

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/warehouse"
)

// Props configures a Loader. Warehouse, Bucket, Prefix and Table are required.
type Props struct {
	Warehouse *warehouse.Warehouse
	// Bucket and Prefix hold the files to load; the warehouse role must be
	// allowed to read them (warehouse.Props.Buckets).
	Bucket awss3.IBucket
	Prefix string
	// ManifestPrefix holds manifests and load markers.
	// @default "manifests/<construct id>/"
	ManifestPrefix string
	// Table is schema.table; the audit table is <schema>.manifest_loads.
	Table string
	// Format: CSV, JSON, PARQUET, AVRO or ORC.
	// @default CSV
	Format string
	// Compression of CSV/JSON files: GZIP, BZIP2 or ZSTD.
	Compression string
	// MaxError rows before COPY fails (not for PARQUET/ORC).
	// @default 0
	MaxError *float64
	// Slices makes batches a multiple of the cluster's slice count (DWH-03).
	Slices *float64
	// Schedule: rate(...) or a six-field cron, evaluated in UTC.
	// @default rate(15 minutes)
	Schedule string
	// UserSecret holds {"username", "password"} of the database user the
	// loader signs in as on a provisioned cluster: it needs INSERT on Table
	// and to own <schema>.manifest_loads (LOCK). The warehouse's ApplySQL
	// creates such a user (PasswordUser).
	// @default the admin secret Redshift manages
	UserSecret awssecretsmanager.ISecret
	// OnArrival also runs the loader when an object is created under Prefix
	// (an EventBridge rule; the bucket must send events to EventBridge, as a
	// securebucket does). Runs that overlap are throttled by the
	// concurrency of 1 and retried by Lambda, and every run lists anyway.
	// @default false
	OnArrival bool
}

// Loader is the function and its schedule.
type Loader struct {
	constructs.Construct
	Function awslambda.IFunction
	Role     awsiam.IRole
	Schedule awsscheduler.CfnSchedule
	// ArrivalRule is nil unless OnArrival.
	ArrivalRule awsevents.Rule
}

var (
	tableRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*\.[a-z_][a-z0-9_$]*$`)
)

// New creates the loader. Invalid props fail synthesis.
func New(scope constructs.Construct, id string, props *Props) *Loader {
	p := Props{}
	if props != nil {
		p = *props
	}
	if p.ManifestPrefix == "" {
		p.ManifestPrefix = "manifests/" + strings.ToLower(id) + "/"
	}
	if p.Format == "" {
		p.Format = "CSV"
	}
	if p.Schedule == "" {
		p.Schedule = "rate(15 minutes)"
	}
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
	})
	l := &Loader{Construct: c, Function: fn.Function, Role: fn.Role}
	grant(c, &p, fn.Role)
	l.Schedule = schedule(c, &p, fn.Function)
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

func grant(c constructs.Construct, p *Props, role awsiam.Role) {
	w := p.Warehouse
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:    jsii.Strings("s3:ListBucket"),
		Resources:  &[]*string{p.Bucket.BucketArn()},
		Conditions: &map[string]any{"StringLike": map[string]any{"s3:prefix": []string{p.Prefix + "*", p.ManifestPrefix + "*"}}},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("s3:GetObject", "s3:PutObject"),
		Resources: &[]*string{p.Bucket.ArnForObjects(jsii.String(p.ManifestPrefix + "*"))},
	}))
	if k := p.Bucket.EncryptionKey(); k != nil {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("kms:Decrypt", "kms:GenerateDataKey"), Resources: &[]*string{k.KeyArn()},
		}))
	}
	w.GrantDataAPIWithSecret(role, p.UserSecret)
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The loader writes manifests and markers it names at run time under its manifest prefix only; Data API statement ids have no ARN " +
			"(DescribeStatement and GetStatementResult are limited to its own statements by the statement-owner condition).",
		AppliesTo: []string{`/^Resource::.*\/\*$/`, "Resource::*"},
	})
}

func schedule(c constructs.Construct, p *Props, fn awslambda.IFunction) awsscheduler.CfnSchedule {
	role := awsiam.NewRole(c, jsii.String("ScheduleRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), nil),
		Description: jsii.String("Invokes the loader " + *c.Node().Path()),
	})
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("lambda:InvokeFunction"), Resources: &[]*string{fn.FunctionArn()},
	}))
	return awsscheduler.NewCfnSchedule(c, jsii.String("Schedule"), &awsscheduler.CfnScheduleProps{
		Description:                jsii.String("Loads new files into " + p.Table),
		ScheduleExpression:         jsii.String(p.Schedule),
		ScheduleExpressionTimezone: jsii.String("UTC"),
		FlexibleTimeWindow:         &awsscheduler.CfnSchedule_FlexibleTimeWindowProperty{Mode: jsii.String("OFF")},
		Target: &awsscheduler.CfnSchedule_TargetProperty{
			Arn:         fn.FunctionArn(),
			RoleArn:     role.RoleArn(),
			Input:       jsii.String(`{"source":"aws.scheduler","detail-type":"Scheduled Event"}`),
			RetryPolicy: &awsscheduler.CfnSchedule_RetryPolicyProperty{MaximumRetryAttempts: jsii.Number(0)},
		},
	})
}

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("manifestload", scope, id)
	if p.Warehouse == nil || p.Bucket == nil {
		pr.Add("Warehouse/Bucket", "missing", "the warehouse to load into and the bucket of the files")
	}
	if p.Prefix == "" || strings.HasPrefix(p.Prefix, "/") || !strings.HasSuffix(p.Prefix, "/") {
		pr.Add("Prefix", p.Prefix, `a key prefix ending in "/" (folders are never manifest entries)`)
	}
	if strings.HasPrefix(p.ManifestPrefix, p.Prefix) || strings.HasPrefix(p.Prefix, p.ManifestPrefix) {
		pr.Add("ManifestPrefix", p.ManifestPrefix, "a prefix outside Prefix (manifests must not be loaded as data)")
	}
	if !tableRE.MatchString(p.Table) {
		pr.Add("Table", p.Table, "schema.table in lowercase")
	}
	if !slices.Contains([]string{"CSV", "JSON", "PARQUET", "AVRO", "ORC"}, p.Format) {
		pr.Add("Format", p.Format, "CSV, JSON, PARQUET, AVRO or ORC")
	}
	columnar := p.Format == "PARQUET" || p.Format == "ORC"
	if p.Compression != "" && (columnar || !slices.Contains([]string{"GZIP", "BZIP2", "ZSTD"}, p.Compression)) {
		pr.Add("Compression", p.Compression, "GZIP, BZIP2 or ZSTD for CSV/JSON/AVRO (Parquet and ORC carry their own)")
	}
	if n := p.MaxError; n != nil && (*n < 0 || *n > 100000 || (columnar && *n > 0)) {
		pr.Add("MaxError", *n, "0 to 100000 (0 for PARQUET and ORC, which do not support MAXERROR)")
	}
	if n := p.Slices; n != nil && (*n < 1 || *n > 1000) {
		pr.Add("Slices", *n, "the cluster's slice count (1 to 1000)")
	}
	pr.Schedule("Schedule", p.Schedule)
	return pr
}
