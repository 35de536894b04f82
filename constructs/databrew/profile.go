package databrew

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdatabrew"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// ProfileJob is a DataBrew dataset and PROFILE job that finds PII
// (catalogue ETL-10) and validates a ruleset (catalogue ETL-11), with its
// ruleset, schedule and alerts.
type ProfileJob struct {
	constructs.Construct
	Dataset awsdatabrew.CfnDataset
	// Ruleset is nil without Props.Rules.
	Ruleset awsdatabrew.CfnRuleset
	Job     awsdatabrew.CfnJob
	// Schedule is nil without Props.Schedule.
	Schedule awsdatabrew.CfnSchedule
	Role     awsiam.IRole
	Key      awskms.IKey
	// AlarmTopic is notified of failed runs and failed validations; nil
	// without alarms.
	AlarmTopic awssns.ITopic
	// AlarmTopicKey encrypts AlarmTopic when the construct created it.
	AlarmTopicKey awskms.IKey
	// FailureRule (failed or timed-out runs) and ValidationRule (a failed
	// validation of the ruleset; nil without Rules) are the EventBridge
	// rules behind the alerts.
	FailureRule    awsevents.IRule
	ValidationRule awsevents.IRule
}

// NewProfileJob creates the dataset, ruleset, job, schedule and alerts.
// Invalid props fail synthesis with every problem listed.
func NewProfileJob(scope constructs.Construct, id string, props *ProfileProps) *ProfileJob {
	p := ProfileProps{}
	if props != nil {
		p = *props
	}
	checkProfile(scope, id, &p).Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	j := &ProfileJob{Construct: c}
	base := *awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{MaxLength: jsii.Number(200), Separator: jsii.String("-")})
	stack := awscdk.Stack_Of(c)

	j.Key = p.EncryptionKey
	if j.Key == nil {
		j.Key = keys.NewForLogs(c, "Key", "Encrypts the profiles of the DataBrew job "+*c.Node().Path())
	}
	j.Role = newRole(c, access{p.InputBucket, p.InputKey, p.OutputBucket, p.OutputPrefix, nil}, j.Key)
	format := p.InputFormat
	if format == "" {
		format = "CSV"
	}
	j.Dataset = awsdatabrew.NewCfnDataset(c, jsii.String("Dataset"), &awsdatabrew.CfnDatasetProps{
		Name:   jsii.String(base + "-dataset"),
		Format: jsii.String(format),
		Input: &awsdatabrew.CfnDataset_InputProperty{S3InputDefinition: &awsdatabrew.CfnDataset_S3LocationProperty{
			Bucket: p.InputBucket.BucketName(), Key: jsii.String(p.InputKey),
		}},
	})
	arn := func(resource string, name *string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("databrew"), Resource: jsii.String(resource), ResourceName: name,
			ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})
	}

	jp := &awsdatabrew.CfnJobProps{
		Name:             jsii.String(base + "-job"),
		Type:             jsii.String("PROFILE"),
		RoleArn:          j.Role.RoleArn(),
		DatasetName:      j.Dataset.Name(),
		EncryptionMode:   jsii.String("SSE-KMS"),
		EncryptionKeyArn: j.Key.KeyArn(),
		LogSubscription:  jsii.String("ENABLE"),
		MaxCapacity:      orNumber(p.MaxCapacity, 5),
		Timeout:          jsii.Number(minutes(p.Timeout)),
		OutputLocation:   &awsdatabrew.CfnJob_OutputLocationProperty{Bucket: p.OutputBucket.BucketName(), Key: jsii.String(p.OutputPrefix)},
		JobSample:        &awsdatabrew.CfnJob_JobSampleProperty{Mode: jsii.String("FULL_DATASET")},
	}
	if p.SampleRows != nil {
		jp.JobSample = &awsdatabrew.CfnJob_JobSampleProperty{Mode: jsii.String("CUSTOM_ROWS"), Size: p.SampleRows}
	}
	if len(p.EntityTypes) > 0 {
		allowed := p.AllowedStatistics
		if allowed == nil {
			allowed = PIIStatistics
		}
		jp.ProfileConfiguration = &awsdatabrew.CfnJob_ProfileConfigurationProperty{
			EntityDetectorConfiguration: &awsdatabrew.CfnJob_EntityDetectorConfigurationProperty{
				EntityTypes:       jsii.Strings(p.EntityTypes...),
				AllowedStatistics: &awsdatabrew.CfnJob_AllowedStatisticsProperty{Statistics: jsii.Strings(allowed...)},
			},
		}
	}
	if len(p.Rules) > 0 {
		j.Ruleset = awsdatabrew.NewCfnRuleset(c, jsii.String("Ruleset"), &awsdatabrew.CfnRulesetProps{
			Name:        jsii.String(base + "-ruleset"),
			Description: jsii.String("Data quality rules of " + *c.Node().Path()),
			TargetArn:   arn("dataset", j.Dataset.Name()),
			Rules:       cfnRules(p.Rules),
		})
		j.Ruleset.Node().AddDependency(j.Dataset)
		jp.ValidationConfigurations = []any{&awsdatabrew.CfnJob_ValidationConfigurationProperty{
			RulesetArn: arn("ruleset", j.Ruleset.Name()), ValidationMode: jsii.String("CHECK_ALL"),
		}}
	}
	j.Job = awsdatabrew.NewCfnJob(c, jsii.String("Job"), jp)
	j.Job.Node().AddDependency(j.Dataset)
	if j.Ruleset != nil {
		j.Job.Node().AddDependency(j.Ruleset)
	}
	if policy := j.Role.Node().TryFindChild(jsii.String("DefaultPolicy")); policy != nil {
		j.Job.Node().AddDependency(policy)
	}
	if p.Schedule != nil {
		j.Schedule = awsdatabrew.NewCfnSchedule(c, jsii.String("Schedule"), &awsdatabrew.CfnScheduleProps{
			Name:           jsii.String(base + "-schedule"),
			CronExpression: p.Schedule,
			JobNames:       &[]*string{j.Job.Name()},
		})
		j.Schedule.Node().AddDependency(j.Job)
	}
	j.alerts(c, &p)
	return j
}

// alerts notifies the topic of runs that fail or time out and of failed
// validations ("DataBrew Ruleset Validation Result", validationState FAILED).
func (j *ProfileJob) alerts(c constructs.Construct, p *ProfileProps) {
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		return
	}
	j.AlarmTopic = p.AlarmTopic
	if j.AlarmTopic == nil {
		t := alarms.NewTopic(c, "AlarmTopic")
		// Without a source ARN: the rules depend on the topic, which depends
		// on the key, so the key policy cannot name the rules.
		keys.AllowService(t.Key, "events.amazonaws.com", nil)
		j.AlarmTopic, j.AlarmTopicKey = t.Topic, t.Key
	}
	field := func(path string) string { return *awsevents.EventField_FromPath(jsii.String(path)) }
	failure := awsevents.NewRule(c, jsii.String("FailureRule"), &awsevents.RuleProps{
		Description: jsii.String("A run of the DataBrew profile job " + *c.Node().Path() + " FAILED or TIMED OUT"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.databrew"),
			DetailType: jsii.Strings("DataBrew Job State Change"),
			Detail:     &map[string]any{"jobName": []*string{j.Job.Name()}, "state": []string{"FAILED", "TIMEOUT"}},
		},
	})
	j.FailureRule = failure
	failure.AddTarget(awseventstargets.NewSnsTopic(j.AlarmTopic, &awseventstargets.SnsTopicProps{
		Message: awsevents.RuleTargetInput_FromText(jsii.String("DataBrew job " + field("$.detail.jobName") + " run " +
			field("$.detail.jobRunId") + " ended " + field("$.detail.state") + ": " + field("$.detail.message"))),
	}))
	if j.Ruleset == nil {
		return
	}
	validation := awsevents.NewRule(c, jsii.String("ValidationRule"), &awsevents.RuleProps{
		Description: jsii.String("The data quality rules of " + *c.Node().Path() + " FAILED"),
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("aws.databrew"),
			DetailType: jsii.Strings("DataBrew Ruleset Validation Result"),
			Detail:     &map[string]any{"rulesetName": []*string{j.Ruleset.Name()}, "validationState": []string{"FAILED"}},
		},
	})
	j.ValidationRule = validation
	validation.AddTarget(awseventstargets.NewSnsTopic(j.AlarmTopic, &awseventstargets.SnsTopicProps{
		Message: awsevents.RuleTargetInput_FromText(jsii.String("DataBrew ruleset " + field("$.detail.rulesetName") +
			" FAILED on dataset " + field("$.detail.datasetName") + "; report: " + field("$.detail.validationReportLocation"))),
	}))
}

func minutes(d awscdk.Duration) float64 {
	if d == nil {
		return 120
	}
	return *d.ToMinutes(nil)
}
