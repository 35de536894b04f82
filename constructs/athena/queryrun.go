package athena

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsathena"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gluebase"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

var databaseRE = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)

// Location is an S3 prefix a query run reads or writes.
type Location struct {
	Bucket awss3.IBucket
	// Prefix of the keys, ending in "/" (e.g. "curated/orders/").
	Prefix string
}

// QueryRunProps configures a QueryRun (catalogue ETL-17): SQL statements run
// in order in a workgroup, each waiting for the previous to succeed.
type QueryRunProps struct {
	// WorkGroup runs the statements (its cutoff, results and key apply).
	WorkGroup *WorkGroup
	// Database is the statements' default database, and the one whose
	// tables they may create and add partitions to.
	Database string
	// ReadDatabases are further databases whose tables the statements read.
	ReadDatabases []string
	// Statements run in order: sql.CTAS{...}.Statements() (a CTAS and its
	// INSERT INTO batches) or sql.Unload{...}.Statement().
	Statements []string
	// Name of the saved queries, "<Name> 1/2", ... .
	// @default the construct id
	Name string
	// Read are the S3 prefixes of the source data.
	Read []Location
	// Write are the S3 prefixes the statements write (external_location of a
	// CTAS, TO of an UNLOAD).
	Write []Location
	// Schedule starts a run: an EventBridge schedule ("cron(0 3 * * ? *)",
	// "rate(1 day)"). A CTAS fails once its table exists, so schedule only
	// re-runnable statements (INSERT INTO, UNLOAD to a new prefix).
	// @default none: start it by hand, from another state machine or a rule
	Schedule *string
	// Timeout of a whole run.
	// @default 2 hours
	Timeout awscdk.Duration
	// CreateAlarms notifies AlarmTopic when a run fails or times out.
	// @default true
	CreateAlarms *bool
	// AlarmTopic receives the alarms.
	// @default the workgroup's alarm topic, or a new encrypted topic
	AlarmTopic awssns.ITopic
	// LogRetention of the state machine's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}

// QueryRun is a Step Functions state machine that runs Athena statements in
// order through the optimized integration athena:startQueryExecution.sync
// (each state waits for its query and fails the run when the query fails),
// and saves each statement as a named query of the workgroup.
type QueryRun struct {
	constructs.Construct
	StateMachine awsstepfunctions.StateMachine
	Role         awsiam.Role
	NamedQueries []awsathena.CfnNamedQuery
	LogGroup     awslogs.LogGroup
	// Rule starts runs on the schedule; nil without Schedule.
	Rule awsevents.Rule
	// FailedAlarm fires on failed, timed-out or aborted runs; nil without alarms.
	FailedAlarm   awscloudwatch.Alarm
	AlarmTopic    awssns.ITopic
	AlarmTopicKey awskms.IKey
}

// NewQueryRun creates the state machine. WorkGroup, Database and Statements
// are required.
func NewQueryRun(scope constructs.Construct, id string, props *QueryRunProps) *QueryRun {
	p := QueryRunProps{}
	if props != nil {
		p = *props
	}
	checkQueryRun(scope, id, &p).Fail()
	name := p.Name
	if name == "" {
		name = id
	}
	c := constructs.NewConstruct(scope, jsii.String(id))
	r := &QueryRun{Construct: c}
	wg := p.WorkGroup
	stack := awscdk.Stack_Of(c)

	r.Role = awsiam.NewRole(c, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("states.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": stack.Account()}},
		}),
		Description: jsii.String("Runs the Athena statements of " + *c.Node().Path()),
	})
	grantRun(r.Role, wg, p)

	var chain awsstepfunctions.IChainable
	var last awsstepfunctions.INextable
	for i, s := range p.Statements {
		label := name + " " + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(p.Statements))
		r.NamedQueries = append(r.NamedQueries, awsathena.NewCfnNamedQuery(c, jsii.String("Query"+strconv.Itoa(i+1)), &awsathena.CfnNamedQueryProps{
			Name: jsii.String(label), Database: jsii.String(p.Database), QueryString: jsii.String(s),
			Description: jsii.String("Step " + strconv.Itoa(i+1) + " of the state machine " + *c.Node().Path()),
			WorkGroup:   wg.WorkGroup.Ref(),
		}))
		state := awsstepfunctions.NewCustomState(c, jsii.String("Statement"+strconv.Itoa(i+1)), &awsstepfunctions.CustomStateProps{
			StateJson: &map[string]any{
				"Type":     "Task",
				"Resource": "arn:" + *stack.Partition() + ":states:::athena:startQueryExecution.sync",
				"Parameters": map[string]any{
					"QueryString":           s,
					"WorkGroup":             wg.Name,
					"QueryExecutionContext": map[string]any{"Catalog": "AwsDataCatalog", "Database": p.Database},
				},
			},
		})
		if last == nil {
			chain = state
		} else {
			last.Next(state)
		}
		last = state
	}

	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	logKey := keys.NewForLogs(c, "LogKey", "Encrypts the execution logs of "+*c.Node().Path())
	r.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		EncryptionKey: logKey, Retention: retention, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	timeout := p.Timeout
	if timeout == nil {
		timeout = awscdk.Duration_Hours(f(2))
	}
	r.StateMachine = awsstepfunctions.NewStateMachine(c, jsii.String("StateMachine"), &awsstepfunctions.StateMachineProps{
		DefinitionBody: awsstepfunctions.DefinitionBody_FromChainable(chain),
		Role:           r.Role,
		Timeout:        timeout,
		TracingEnabled: jsii.Bool(true),
		Logs: &awsstepfunctions.LogOptions{
			Destination: r.LogGroup, Level: awsstepfunctions.LogLevel_ALL, IncludeExecutionData: jsii.Bool(true),
		},
	})
	nag.Suppress(nag.DefaultPolicy(r.Role), nag.Suppression{
		Rule: "AwsSolutions-IAM5",
		Reason: "The statements read and write objects under the given prefixes and results prefix, and create and read tables and partitions of the named Glue databases; " +
			"X-Ray and CloudWatch Logs delivery (added by the CDK for tracing and logging) take no resource; the KMS wildcards are CDK's grants of the buckets' keys.",
		AppliesTo: []string{"/^Resource::.*\\*$/", "/^Action::s3:.*\\*$/", "Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
	})

	if p.Schedule != nil {
		r.Rule = awsevents.NewRule(c, jsii.String("Schedule"), &awsevents.RuleProps{
			Schedule: awsevents.Schedule_Expression(p.Schedule),
			Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewSfnStateMachine(r.StateMachine, nil)},
		})
	}
	if p.CreateAlarms == nil || *p.CreateAlarms {
		r.AlarmTopic = p.AlarmTopic
		if r.AlarmTopic == nil {
			r.AlarmTopic = wg.AlarmTopic
		}
		if r.AlarmTopic == nil {
			t := alarms.NewTopic(c, "AlarmTopic")
			r.AlarmTopic, r.AlarmTopicKey = t.Topic, t.Key
		}
		r.FailedAlarm = statemachine.FailedAlarm(c, "Failed", r.StateMachine, r.AlarmTopic)
	}
	return r
}

// grantRun gives the state machine's role what its queries need: the
// workgroup's query calls, results and key, the Glue databases and the S3
// prefixes read and written.
func grantRun(role awsiam.Role, wg *WorkGroup, p QueryRunProps) {
	stack := awscdk.Stack_Of(role)
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution", "athena:GetWorkGroup"),
		Resources: &[]*string{wg.Arn},
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions: jsii.Strings("athena:GetDataCatalog"),
		Resources: &[]*string{stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("athena"), Resource: jsii.String("datacatalog"), ResourceName: jsii.String("AwsDataCatalog"),
			ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
		})},
	}))
	if wg.ResultsBucket != nil {
		wg.ResultsBucket.GrantReadWrite(role, jsii.String(wg.ResultsPrefix+"*"))
	}
	wg.Key.GrantEncryptDecrypt(role)
	glue := func(resource string) *string {
		return stack.FormatArn(&awscdk.ArnComponents{
			Service: jsii.String("glue"), Resource: jsii.String(resource), ArnFormat: awscdk.ArnFormat_NO_RESOURCE_NAME,
		})
	}
	read := []*string{glue("catalog")}
	for _, db := range append([]string{p.Database}, p.ReadDatabases...) {
		read = append(read, glue("database/"+db), glue("table/"+db+"/*"))
	}
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings(gluebase.CatalogReadActions...),
		Resources: &read,
	}))
	role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("glue:CreateTable", "glue:UpdateTable", "glue:CreatePartition", "glue:BatchCreatePartition", "glue:UpdatePartition"),
		Resources: &[]*string{glue("catalog"), glue("database/" + p.Database), glue("table/" + p.Database + "/*")},
	}))
	for _, l := range p.Read {
		l.Bucket.GrantRead(role, jsii.String(l.Prefix+"*"))
	}
	for _, l := range p.Write {
		l.Bucket.GrantReadWrite(role, jsii.String(l.Prefix+"*"))
	}
}

func checkQueryRun(scope constructs.Construct, id string, p *QueryRunProps) *propcheck.Problems {
	pr := propcheck.For("athena.QueryRun", scope, id)
	if p.WorkGroup == nil {
		pr.Add("WorkGroup", "nil", "the athena.WorkGroup that runs the statements")
	}
	if !databaseRE.MatchString(p.Database) {
		pr.Add("Database", strconv.Quote(p.Database), "a Glue database name: lower-case letters, digits and _")
	}
	for i, db := range p.ReadDatabases {
		if !databaseRE.MatchString(db) {
			pr.Add("ReadDatabases["+strconv.Itoa(i)+"]", strconv.Quote(db), "a Glue database name: lower-case letters, digits and _")
		}
	}
	if len(p.Statements) == 0 {
		pr.Add("Statements", "none", "at least one SQL statement (sql.CTAS{...}.Statements(), sql.Unload{...}.Statement())")
	}
	for i, s := range p.Statements {
		if strings.TrimSpace(s) == "" || len(s) > 262144 {
			pr.Add("Statements["+strconv.Itoa(i)+"]", strconv.Quote(s), "one SQL statement of 1 to 262,144 characters")
		}
	}
	if len(p.Name) > 120 {
		pr.Add("Name", p.Name, "at most 120 characters (the saved queries add a step number)")
	}
	for _, k := range []struct {
		kind string
		ls   []Location
	}{{"Read", p.Read}, {"Write", p.Write}} {
		kind := k.kind
		for i, l := range k.ls {
			if l.Bucket == nil || (l.Prefix != "" && !strings.HasSuffix(l.Prefix, "/")) || strings.HasPrefix(l.Prefix, "/") {
				pr.Add(kind+"["+strconv.Itoa(i)+"]", l.Prefix, `a bucket and a prefix ending in "/" (empty for the whole bucket)`)
			}
		}
	}
	if s := p.Schedule; s != nil {
		pr.Schedule("Schedule", *s)
	}
	if t := p.Timeout; t != nil {
		if s := propcheck.Seconds(t); s < 60 || s > 365*86400 {
			pr.Add("Timeout", *t.ToHumanString(), "1 minute to 1 year")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	pr.FiniteRetention(p.LogRetention)
	return pr
}
