package statemachine

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// DataApiStatementProps configures NewDataApiStatement.
type DataApiStatementProps struct {
	// Target is the Data API's connection parameters: Database and
	// ClusterIdentifier with DbUser or SecretArn, or WorkgroupName
	// (warehouse.(*Warehouse).DataAPITarget gives them). Required.
	Target map[string]any
	// Sql is the statement, e.g. a COPY or CALL. Required.
	Sql string
	// ExecuteOn is the ARN the statement runs on (the cluster or the
	// serverless workgroup): redshift-data:ExecuteStatement is granted on
	// it. Required.
	ExecuteOn *string
	// Statements the role needs besides running the statement: the
	// credentials (redshift:GetClusterCredentials on the dbuser and dbname,
	// secretsmanager:GetSecretValue and kms:Decrypt on the secret,
	// redshift-serverless:GetCredentials).
	Statements []awsiam.PolicyStatement
	// PollInterval between two looks at the statement. @default 10 seconds
	PollInterval awscdk.Duration
	// Retry of the calls on transient errors. @default Backoff{}
	Retry *Backoff
	// OnError is where an error goes (caught into ErrorPath).
	// @default none: the error fails the execution
	OnError awsstepfunctions.IChainable
}

// NewDataApiStatement runs one SQL statement on Amazon Redshift through the
// Data API and waits for it (catalogue ORC-10's RedshiftCopyActivity): the
// Data API has no .sync integration, so executeStatement is followed by a
// Wait/describeStatement loop until the statement is FINISHED (the chain
// continues) or FAILED/ABORTED (the execution fails with StatementFailed
// and the Data API's error). The statement's id and status stay at
// $.statement.
func NewDataApiStatement(scope constructs.Construct, id string, p DataApiStatementProps) awsstepfunctions.Chain {
	pr := propcheck.For("statemachine.DataApiStatement", scope, id)
	if p.Target["Database"] == nil || (p.Target["ClusterIdentifier"] == nil) == (p.Target["WorkgroupName"] == nil) {
		pr.Add("Target", "Database/ClusterIdentifier/WorkgroupName", "Database and exactly one of ClusterIdentifier and WorkgroupName (warehouse.DataAPITarget)")
	}
	if strings.TrimSpace(p.Sql) == "" || len(p.Sql) > 100000 {
		pr.Add("Sql", len(p.Sql), "one SQL statement of at most 100,000 characters")
	}
	if p.ExecuteOn == nil {
		pr.Add("ExecuteOn", "nil", "the ARN of the cluster or serverless workgroup")
	}
	checkPoll(pr, p.PollInterval)
	pr.Fail()
	c := constructs.NewConstruct(scope, jsii.String(id))
	retry := backoffOrDefault(p.Retry).Props()
	interval := p.PollInterval
	if interval == nil {
		interval = awscdk.Duration_Seconds(jsii.Number(10))
	}
	params := map[string]any{"Sql": p.Sql, "StatementName": id}
	for k, v := range p.Target {
		params[k] = v
	}
	extra := p.Statements
	execute := awsstepfunctionstasks.NewCallAwsService(c, jsii.String("Execute"), &awsstepfunctionstasks.CallAwsServiceProps{
		StateName: jsii.String(id + ": execute"), Service: jsii.String("redshiftdata"), Action: jsii.String("executeStatement"),
		IamAction: jsii.String("redshift-data:ExecuteStatement"), IamResources: &[]*string{p.ExecuteOn},
		AdditionalIamStatements: &extra,
		Parameters:              &params,
		ResultSelector:          &map[string]any{"Id": awsstepfunctions.JsonPath_StringAt(jsii.String("$.Id"))},
		ResultPath:              jsii.String("$.statement"),
	})
	wait := awsstepfunctions.NewWait(c, jsii.String("Wait"), &awsstepfunctions.WaitProps{
		StateName: jsii.String(id + ": wait"), Time: awsstepfunctions.WaitTime_Duration(interval),
	})
	// Statement ids have no ARN, hence the "*" (see the package's nag
	// suppression).
	describe := awsstepfunctionstasks.NewCallAwsService(c, jsii.String("Describe"), &awsstepfunctionstasks.CallAwsServiceProps{
		StateName: jsii.String(id + ": describe"), Service: jsii.String("redshiftdata"), Action: jsii.String("describeStatement"),
		IamAction: jsii.String("redshift-data:DescribeStatement"), IamResources: jsii.Strings("*"),
		Parameters: &map[string]any{"Id": awsstepfunctions.JsonPath_StringAt(jsii.String("$.statement.Id"))},
		ResultSelector: &map[string]any{
			"Id":     awsstepfunctions.JsonPath_StringAt(jsii.String("$.Id")),
			"Status": awsstepfunctions.JsonPath_StringAt(jsii.String("$.Status")),
			"Detail": awsstepfunctions.JsonPath_ObjectAt(jsii.String("$")),
		},
		ResultPath: jsii.String("$.statement"),
	})
	done := awsstepfunctions.NewPass(c, jsii.String("Done"), &awsstepfunctions.PassProps{StateName: jsii.String(id + ": finished")})
	failed := awsstepfunctions.NewFail(c, jsii.String("Failed"), &awsstepfunctions.FailProps{
		StateName: jsii.String(id + ": failed"), Error: jsii.String("StatementFailed"),
		Cause: jsii.String("The Data API statement failed or was aborted; its DescribeStatement output (Error, QueryString) is in the execution history."),
	})
	status := jsii.String("$.statement.Status")
	choice := awsstepfunctions.NewChoice(c, jsii.String("Finished"), &awsstepfunctions.ChoiceProps{StateName: jsii.String(id + ": finished?")}).
		When(awsstepfunctions.Condition_StringEquals(status, jsii.String("FINISHED")), done, nil).
		When(awsstepfunctions.Condition_Or(
			awsstepfunctions.Condition_StringEquals(status, jsii.String("FAILED")),
			awsstepfunctions.Condition_StringEquals(status, jsii.String("ABORTED"))), failed, nil).
		Otherwise(wait)
	execute.AddRetry(retry)
	describe.AddRetry(retry)
	if p.OnError != nil {
		execute.AddCatch(p.OnError, CatchAll())
		describe.AddCatch(p.OnError, CatchAll())
	}
	execute.Next(wait)
	wait.Next(describe)
	describe.Next(choice)
	return awsstepfunctions.Chain_Custom(execute, &[]awsstepfunctions.INextable{done}, done)
}
