package sparkjobs

import (
	"path/filepath"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3assets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
)

// The shipped scripts, as paths under the module's spark/ folder; the keys
// of Jobs.Assets and the argument of S3Url.
const (
	// HiveDynamoDBExport is the HiveQL of ETL-21: an external table over a
	// DynamoDB table exported to partitioned Parquet.
	HiveDynamoDBExport = "hive/dynamodb_export.q"
	// RedshiftOffload is the PySpark job of ETL-22: Redshift -> Spark
	// transform -> Redshift through the Redshift connector.
	RedshiftOffload = "jobs/redshift_offload.py"
	// SkewJoin is the PySpark job of ETL-23 and MON-11: salting, AQE skew
	// join settings, skew metrics to CloudWatch.
	SkewJoin = "jobs/skew_join.py"
)

// Scripts lists every shipped script.
var Scripts = []string{HiveDynamoDBExport, RedshiftOffload, SkewJoin}

// Defaults of the props and of the skew job's arguments.
const (
	DefaultMetricNamespace = "DataPatterns/Spark"
	DefaultSkewJobName     = "skew_join"
	DefaultSkewStage       = "salted"
	DefaultSkewThreshold   = 4.0
	// SkewRatioMetric is the metric the alarm watches: the largest
	// partition's records divided by the median partition's (at least 1).
	SkewRatioMetric = "PartitionSkewRatio"
)

// ScriptPath is the path of a shipped script in this module's source (the
// module cache when the library is a dependency).
func ScriptPath(script string) string {
	root, err := golambda.ModuleRoot()
	if err != nil {
		panic(err.Error())
	}
	return filepath.Join(root, "spark", filepath.FromSlash(script))
}

// Jobs is the shipped scripts as S3 assets, and the skew alarm.
type Jobs struct {
	constructs.Construct
	// Assets are the scripts uploaded by `cdk deploy` to the bootstrap
	// assets bucket, by script name (HiveDynamoDBExport, ...).
	Assets map[string]awss3assets.Asset
	// MetricNamespace is the namespace the skew job must publish to
	// (--metric-namespace) and GrantPutMetricData allows.
	MetricNamespace string
	// SkewJobName is the JobName dimension the alarm watches (--job-name).
	SkewJobName string
	// SkewRatioAlarm fires when PartitionSkewRatio reaches SkewThreshold;
	// nil when alarms are off.
	SkewRatioAlarm awscloudwatch.IAlarm
	// AlarmTopic is notified by the alarm; nil when alarms are off.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey

	stage   string
	grants  int
	grantee map[string]bool
}

// New uploads the scripts as assets and creates the skew alarm. Invalid
// props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Jobs {
	p := Props{}
	if props != nil {
		p = *props
	}
	fillDefaults(&p)
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	j := &Jobs{Construct: c, Assets: map[string]awss3assets.Asset{}, MetricNamespace: p.MetricNamespace,
		SkewJobName: p.SkewJobName, stage: p.SkewStage, grantee: map[string]bool{}}
	for _, s := range Scripts {
		j.Assets[s] = awss3assets.NewAsset(c, jsii.String(assetID(s)), &awss3assets.AssetProps{Path: jsii.String(ScriptPath(s))})
	}
	if p.CreateAlarms == nil || *p.CreateAlarms {
		topic := p.AlarmTopic
		if topic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			topic, j.AlarmTopicKey = t.Topic, t.Key
		}
		j.AlarmTopic = topic
		j.SkewRatioAlarm = alarms.New(c, "SkewRatioAlarm", alarms.Spec{
			Metric:            j.MetricSkewRatio(&awscloudwatch.MetricOptions{Period: p.AlarmPeriod, Statistic: jsii.String("Maximum")}),
			Threshold:         *p.SkewThreshold,
			Comparison:        awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			EvaluationPeriods: *p.EvaluationPeriods,
			Description: "Data skew in Spark job " + p.SkewJobName + " (stage " + p.SkewStage + "): its largest partition holds at least " +
				ftoa(*p.SkewThreshold) + " times the median partition's records (MON-11). Raise --salt-buckets, name the hot keys (--hot-keys) or lower --hot-share; see the job's driver log for the statistics.",
			TreatMissingData: awscloudwatch.TreatMissingData_NOT_BREACHING,
		}, topic)
	}
	return j
}

func fillDefaults(p *Props) {
	if p.MetricNamespace == "" {
		p.MetricNamespace = DefaultMetricNamespace
	}
	if p.SkewJobName == "" {
		p.SkewJobName = DefaultSkewJobName
	}
	if p.SkewStage == "" {
		p.SkewStage = DefaultSkewStage
	}
	if p.SkewThreshold == nil {
		p.SkewThreshold = jsii.Number(DefaultSkewThreshold)
	}
	if p.EvaluationPeriods == nil {
		p.EvaluationPeriods = jsii.Number(1)
	}
	if p.AlarmPeriod == nil {
		p.AlarmPeriod = awscdk.Duration_Minutes(jsii.Number(5))
	}
}

// assetID is the construct id of a script's asset: "hive/dynamodb_export.q"
// becomes "HiveDynamodbExport", "jobs/skew_join.py" "SkewJoin".
func assetID(script string) string {
	ids := map[string]string{HiveDynamoDBExport: "HiveDynamoDBExport", RedshiftOffload: "RedshiftOffload", SkewJoin: "SkewJoin"}
	return ids[script]
}

// S3Url is the s3://bucket/key URL of a shipped script (a token), for EMR
// steps and job runs. It panics for a name not in Scripts.
func (j *Jobs) S3Url(script string) *string {
	a, ok := j.Assets[script]
	if !ok {
		names := append([]string(nil), Scripts...)
		sort.Strings(names)
		panic("sparkjobs: no shipped script " + script + "; one of " + join(names))
	}
	return a.S3ObjectUrl()
}

// GrantRead lets grantee read every shipped script (the job runtime role of
// EMR Serverless or EKS, the instance profile role of an EMR cluster):
// s3:GetObject on the three objects exactly. The assets' own GrantRead
// would add s3:GetObject*, s3:GetBucket* and s3:List* on the whole assets
// bucket, wildcards cdk-nag flags on the caller's role; reading a script
// needs only GetObject (which also answers HEAD).
func (j *Jobs) GrantRead(grantee awsiam.IGrantable) awsiam.Grant {
	var objects []*string
	for _, s := range Scripts {
		a := j.Assets[s]
		objects = append(objects, a.Bucket().ArnForObjects(a.S3ObjectKey()))
	}
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      grantee,
		Actions:      jsii.Strings("s3:GetObject"),
		ResourceArns: &objects,
	})
}

// MetricSkewRatio is the skew job's PartitionSkewRatio metric with the
// JobName and Stage dimensions of this construct (statistic Maximum, 5
// minutes unless opts say otherwise).
func (j *Jobs) MetricSkewRatio(opts *awscloudwatch.MetricOptions) awscloudwatch.Metric {
	o := awscloudwatch.MetricOptions{}
	if opts != nil {
		o = *opts
	}
	if o.Statistic == nil {
		o.Statistic = jsii.String("Maximum")
	}
	if o.Period == nil {
		o.Period = awscdk.Duration_Minutes(jsii.Number(5))
	}
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:     jsii.String(j.MetricNamespace),
		MetricName:    jsii.String(SkewRatioMetric),
		DimensionsMap: &map[string]*string{"JobName": jsii.String(j.SkewJobName), "Stage": jsii.String(j.stage)},
		Statistic:     o.Statistic,
		Period:        o.Period,
		Label:         o.Label,
		Unit:          o.Unit,
		Color:         o.Color,
		Account:       o.Account,
		Region:        o.Region,
	})
}
