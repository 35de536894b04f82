package athena

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsathena"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// WorkGroup is an Athena SQL workgroup whose settings every query must use:
// engine version 3, a bytes-scanned cutoff per query, results encrypted
// with a customer managed key, CloudWatch metrics and data usage alarms.
type WorkGroup struct {
	constructs.Construct
	// WorkGroup is the CloudFormation resource.
	WorkGroup awsathena.CfnWorkGroup
	// Name of the workgroup.
	Name string
	// Arn of the workgroup (partition-aware).
	Arn *string
	// ResultsBucket holds the results; nil with ManagedQueryResults.
	ResultsBucket awss3.IBucket
	// ResultsPrefix is the key prefix of the results in ResultsBucket.
	ResultsPrefix string
	// Key encrypts the results.
	Key awskms.IKey
	// DataUsageAlarms are the workgroup-wide data usage controls, in the
	// order of DataUsageLimits.
	DataUsageAlarms []awscloudwatch.Alarm
	// AlarmTopic is notified by the alarms; nil without alarms.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts the topic the construct created; nil otherwise.
	AlarmTopicKey awskms.IKey
	// NamedQueries and PreparedStatements of the workgroup, in the order given.
	NamedQueries       []awsathena.CfnNamedQuery
	PreparedStatements []awsathena.CfnPreparedStatement
}

// New creates the workgroup. props must set BytesScannedCutoffPerQuery;
// invalid props fail synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *WorkGroup {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &WorkGroup{Construct: c, Name: workgroupName(c, p.Name)}
	managed := p.ManagedQueryResults != nil && *p.ManagedQueryResults
	res := newResults(c, resultsSpec{
		bucket: p.ResultsBucket, prefix: p.ResultsPrefix, expiration: p.ResultsExpiration,
		key: p.EncryptionKey, managed: managed,
	})
	w.ResultsBucket, w.ResultsPrefix, w.Key = res.bucket, res.prefix, res.key

	enc := p.Encryption
	if enc == "" {
		enc = SSEKMS
	}
	conf := &awsathena.CfnWorkGroup_WorkGroupConfigurationProperty{
		EnforceWorkGroupConfiguration:   jsii.Bool(true),
		PublishCloudWatchMetricsEnabled: jsii.Bool(true),
		RequesterPaysEnabled:            jsii.Bool(false),
		BytesScannedCutoffPerQuery:      p.BytesScannedCutoffPerQuery,
		EngineVersion: &awsathena.CfnWorkGroup_EngineVersionProperty{
			SelectedEngineVersion: jsii.String(EngineVersion3),
		},
	}
	if managed {
		conf.ManagedQueryResultsConfiguration = &awsathena.CfnWorkGroup_ManagedQueryResultsConfigurationProperty{
			Enabled: jsii.Bool(true),
			EncryptionConfiguration: &awsathena.CfnWorkGroup_ManagedStorageEncryptionConfigurationProperty{
				KmsKey: res.key.KeyArn(),
			},
		}
	} else {
		owner := p.ExpectedBucketOwner
		if owner == nil {
			owner = awscdk.Stack_Of(c).Account()
		}
		conf.ResultConfiguration = &awsathena.CfnWorkGroup_ResultConfigurationProperty{
			OutputLocation: res.location(),
			EncryptionConfiguration: &awsathena.CfnWorkGroup_EncryptionConfigurationProperty{
				EncryptionOption: jsii.String(string(enc)),
				KmsKey:           res.key.KeyArn(),
			},
			ExpectedBucketOwner: owner,
		}
	}
	w.WorkGroup = awsathena.NewCfnWorkGroup(c, jsii.String("WorkGroup"), &awsathena.CfnWorkGroupProps{
		Name:                   jsii.String(w.Name),
		Description:            p.Description,
		State:                  jsii.String("ENABLED"),
		RecursiveDeleteOption:  jsii.Bool(false),
		WorkGroupConfiguration: conf,
	})
	w.Arn = workgroupArn(c, w.Name)

	limits := p.DataUsageLimits
	if limits == nil {
		limits = DefaultDataUsageLimits()
	}
	if (p.CreateAlarms == nil || *p.CreateAlarms) && len(limits) > 0 {
		w.AlarmTopic = p.AlarmTopic
		if w.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			w.AlarmTopic, w.AlarmTopicKey = t.Topic, t.Key
		}
		w.DataUsageAlarms = dataUsageAlarms(c, w, limits)
	}
	for _, q := range p.NamedQueries {
		w.NamedQueries = append(w.NamedQueries, w.namedQuery(q))
	}
	for _, s := range p.PreparedStatements {
		w.PreparedStatements = append(w.PreparedStatements, w.preparedStatement(s))
	}
	return w
}

// workgroupName is the given name or one derived from the construct's
// unique path (Athena: letters, digits, . _ -, up to 128).
func workgroupName(c constructs.Construct, name *string) string {
	if name != nil {
		return *name
	}
	return *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(128), Separator: jsii.String("-"),
	})
}

// workgroupArn is the partition-aware ARN of the workgroup named name.
func workgroupArn(c constructs.Construct, name string) *string {
	return awscdk.Stack_Of(c).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("athena"), Resource: jsii.String("workgroup"), ResourceName: jsii.String(name),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
}

// safeID turns a name into a construct id (no "/").
func safeID(prefix, name string) string {
	return prefix + strings.NewReplacer("/", "-", " ", "-").Replace(name)
}
