package secretrotation

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsssm"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
)

// Rotation is a rotation schedule of one secret, with the security group of
// its hosted rotation function and, optionally, the discovery parameters.
type Rotation struct {
	constructs.Construct
	// Schedule is the AWS::SecretsManager::RotationSchedule.
	Schedule awssecretsmanager.RotationSchedule
	// SecurityGroup of the hosted rotation function: egress to the
	// database port and HTTPS to the endpoints only (nil with
	// RotationFunction).
	SecurityGroup awsec2.ISecurityGroup
	// Engine is the hosted rotation type ("" with RotationFunction).
	Engine Engine
	// Days between rotations, or 0 when ScheduleExpression is a cron.
	Days float64
	// Expression is the schedule as written in the template
	// ("rate(30 days)" or the cron).
	Expression string
	// ArnParameter and NameParameter publish the secret's ARN and name
	// (nil without Props.ParameterPath).
	ArnParameter, NameParameter awsssm.IStringParameter
}

// New adds a rotation schedule to props.Secret. Invalid props fail
// synthesis with every problem listed.
func New(scope constructs.Construct, id string, props *Props) *Rotation {
	p := Props{}
	if props != nil {
		p = *props
	}
	check(scope, id, &p).Fail()

	self := constructs.NewConstruct(scope, jsii.String(id))
	r := &Rotation{Construct: self, Engine: p.Engine}
	days, expr := schedule(&p)
	r.Days, r.Expression = days, expr

	sp := &awssecretsmanager.RotationScheduleProps{
		Secret:                    p.Secret,
		RotateImmediatelyOnUpdate: p.RotateImmediately,
	}
	if days > 0 {
		sp.AutomaticallyAfter = awscdk.Duration_Days(jsii.Number(days))
	} else {
		// A cron: no RotationRules from the L2 (zero days), set below.
		sp.AutomaticallyAfter = awscdk.Duration_Days(jsii.Number(0))
	}
	if p.RotationFunction != nil {
		sp.RotationLambda = p.RotationFunction
	} else {
		r.SecurityGroup = r.securityGroup(&p)
		sp.HostedRotation = hosted(&p, r.SecurityGroup)
	}
	r.Schedule = awssecretsmanager.NewRotationSchedule(self, jsii.String("Schedule"), sp)
	if days == 0 {
		cfn := r.Schedule.Node().DefaultChild().(awssecretsmanager.CfnRotationSchedule)
		cfn.SetRotationRules(&awssecretsmanager.CfnRotationSchedule_RotationRulesProperty{ScheduleExpression: jsii.String(expr)})
	}
	if p.RotationFunction != nil {
		suppressGrants(&p)
	}
	if p.ParameterPath != "" {
		r.publish(&p)
	}
	return r
}

// schedule is the interval in days (0 for a cron) and the expression.
func schedule(p *Props) (float64, string) {
	if p.ScheduleExpression != "" {
		if n, ok := rateDays(p.ScheduleExpression); ok {
			return n, p.ScheduleExpression
		}
		return 0, p.ScheduleExpression
	}
	days := float64(DefaultRotationDays)
	if p.AutomaticallyAfterDays != nil {
		days = *p.AutomaticallyAfterDays
	}
	return days, rate(days)
}

func rate(days float64) string {
	if days == 1 {
		return "rate(1 day)"
	}
	return "rate(" + strconv.FormatFloat(days, 'f', -1, 64) + " days)"
}

// hosted is the hosted rotation of p.Engine in p.Vpc behind sg.
func hosted(p *Props, sg awsec2.ISecurityGroup) awssecretsmanager.HostedRotation {
	sel := network.PrivateOr(p.Vpc, p.Subnets)
	sgs := &[]awsec2.ISecurityGroup{sg}
	single := &awssecretsmanager.SingleUserHostedRotationOptions{Vpc: p.Vpc, VpcSubnets: sel, SecurityGroups: sgs}
	multi := &awssecretsmanager.MultiUserHostedRotationOptions{Vpc: p.Vpc, VpcSubnets: sel, SecurityGroups: sgs, MasterSecret: p.MasterSecret}
	switch p.Engine {
	case RedshiftSingleUser:
		return awssecretsmanager.HostedRotation_RedshiftSingleUser(single)
	case RedshiftMultiUser:
		return awssecretsmanager.HostedRotation_RedshiftMultiUser(multi)
	case PostgresSingleUser:
		return awssecretsmanager.HostedRotation_PostgreSqlSingleUser(single)
	case PostgresMultiUser:
		return awssecretsmanager.HostedRotation_PostgreSqlMultiUser(multi)
	case MysqlSingleUser:
		return awssecretsmanager.HostedRotation_MysqlSingleUser(single)
	default:
		return awssecretsmanager.HostedRotation_MysqlMultiUser(multi)
	}
}
