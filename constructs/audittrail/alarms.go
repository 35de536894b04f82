package audittrail

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
)

// Alarm is a CIS-style metric filter on the trail's log group and the alarm
// on its metric.
type Alarm struct {
	Metric, Pattern, Description string
	Threshold                    float64
}

// CISAlarms are the metric filters and alarms created on the trail's log
// group (CIS AWS Foundations Benchmark, monitoring section).
var CISAlarms = []Alarm{
	{"RootAccountUsage", `{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }`,
		"The root user's credentials were used (CIS: monitor usage of the root account)", 1},
	{"UnauthorizedApiCalls", `{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }`,
		"At least 5 API calls were denied in 5 minutes (CIS: monitor unauthorized API calls)", 5},
}

// cisAlarms creates CISAlarms in the namespace AuditTrail/<unique id of the
// construct>, so two trails' metrics never add up.
func (a *AuditTrail) cisAlarms() {
	namespace := "AuditTrail/" + *awscdk.Names_UniqueId(a.Construct)
	for _, spec := range CISAlarms {
		filter := awslogs.NewMetricFilter(a.Construct, jsii.String(spec.Metric+"Filter"), &awslogs.MetricFilterProps{
			LogGroup:        a.LogGroup,
			FilterPattern:   awslogs.FilterPattern_Literal(jsii.String(spec.Pattern)),
			MetricNamespace: jsii.String(namespace),
			MetricName:      jsii.String(spec.Metric),
			MetricValue:     jsii.String("1"),
		})
		a.Alarms[spec.Metric] = alarms.New(a.Construct, spec.Metric+"Alarm", alarms.Spec{
			Metric:      filter.Metric(alarms.Every(300, "Sum")),
			Threshold:   spec.Threshold,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			Description: spec.Description,
		}, a.AlarmTopic)
	}
}
