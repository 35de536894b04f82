package sensitivedata

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/alarms"
	"github.com/cdk-data-patterns/patterns/constructs/internal/gofunction"
	"github.com/cdk-data-patterns/patterns/constructs/internal/golambda"
	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// The approval API's stage, its methods and the error the approval
// function sends on a denial (functions/macieguard DenyError).
const (
	ApprovalStage = "v1"
	denyError     = "Denied"
	// Throttling of the approval API's stage (requests per second, burst):
	// a person decides, a script that loops is stopped.
	approvalRate  = 5
	approvalBurst = 10
)

// ApprovalPaths are the approval API's resources (POST, IAM-authorized).
var ApprovalPaths = []string{"/approve", "/deny"}

func timeoutHours(a *Approval) int {
	if a.TimeoutHours == nil {
		return 72
	}
	return int(*a.TimeoutHours)
}

// approval builds the human review: the approvers' topic, the table of
// pending requests, the approval function, the workflow and the API. It
// runs after the gate, whose function starts the workflow.
func (s *SensitiveData) approval(parent constructs.Construct, p *Props, qp string) {
	a := p.Approval
	c := constructs.NewConstruct(parent, jsii.String("Approval"))
	stack := awscdk.Stack_Of(c)
	key := s.key(parent, p)
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	hours := timeoutHours(a)

	// The approvers' topic: each address confirms its subscription once.
	s.ApprovalTopicKey = keys.New(c, "TopicKey", "Encrypts the approval requests topic of "+*parent.Node().Path(), nil)
	topic := awssns.NewTopic(c, jsii.String("Topic"), &awssns.TopicProps{MasterKey: s.ApprovalTopicKey, EnforceSSL: jsii.Bool(true)})
	for _, e := range a.ApproverEmails {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(e), nil))
	}
	s.ApprovalTopic = topic

	// The pending requests: id (SHA-256 of the task token) -> token and
	// object; expiresAt lets DynamoDB remove requests nobody decided.
	table := awsdynamodb.NewTable(c, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey:        &awsdynamodb.Attribute{Name: jsii.String("id"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:         awsdynamodb.BillingMode_PAY_PER_REQUEST,
		Encryption:          awsdynamodb.TableEncryption_CUSTOMER_MANAGED,
		EncryptionKey:       key,
		TimeToLiveAttribute: jsii.String("expiresAt"),
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true)},
		RemovalPolicy:      sandbox.RemovalPolicy(c),
		DeletionProtection: jsii.Bool(!sandbox.Enabled(c)),
	})
	s.ApprovalTable = table
	nag.Suppress(table, nag.InPacks("DynamoDBInBackupPlan", "The table holds pending approval requests (task tokens) that expire with their state machine's wait: "+
		"point-in-time recovery covers them, and a recovery point could only restore tokens Step Functions no longer accepts.", nag.HIPAA, nag.NIST)...)

	// The API first: the function's API_URL refers to its id (not to the
	// stage, which depends on the methods, which depend on the function).
	s.ApprovalAccessLogs = awslogs.NewLogGroup(c, jsii.String("AccessLogs"), &awslogs.LogGroupProps{
		Retention: retention, EncryptionKey: key, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	api := awsapigateway.NewRestApi(c, jsii.String("Api"), &awsapigateway.RestApiProps{
		Description:    jsii.String("Approve or deny the release of objects quarantined by " + *parent.Node().Path()),
		CloudWatchRole: jsii.Bool(false),
		EndpointTypes:  &[]awsapigateway.EndpointType{awsapigateway.EndpointType_REGIONAL},
		DeployOptions: &awsapigateway.StageOptions{
			StageName:            jsii.String(ApprovalStage),
			TracingEnabled:       jsii.Bool(true),
			LoggingLevel:         awsapigateway.MethodLoggingLevel_ERROR,
			DataTraceEnabled:     jsii.Bool(false),
			MetricsEnabled:       jsii.Bool(true),
			ThrottlingRateLimit:  jsii.Number(approvalRate),
			ThrottlingBurstLimit: jsii.Number(approvalBurst),
			AccessLogDestination: awsapigateway.NewLogGroupLogDestination(s.ApprovalAccessLogs),
			AccessLogFormat: awsapigateway.AccessLogFormat_JsonWithStandardFields(&awsapigateway.JsonWithStandardFieldProps{
				Caller: jsii.Bool(true), HttpMethod: jsii.Bool(true), Ip: jsii.Bool(true), Protocol: jsii.Bool(true),
				RequestTime: jsii.Bool(true), ResourcePath: jsii.Bool(true), ResponseLength: jsii.Bool(true),
				Status: jsii.Bool(true), User: jsii.Bool(true),
			}),
		},
		DefaultMethodOptions: &awsapigateway.MethodOptions{AuthorizationType: awsapigateway.AuthorizationType_IAM},
	})
	s.ApprovalApi = api
	// API Gateway's execution log group, created here so that it is
	// encrypted and kept a finite time (API Gateway would create it kept
	// forever on its first log line).
	s.ApprovalExecutionLogs = awslogs.NewLogGroup(c, jsii.String("ExecutionLogs"), &awslogs.LogGroupProps{
		LogGroupName: jsii.String("API-Gateway-Execution-Logs_" + *api.RestApiId() + "/" + ApprovalStage),
		Retention:    retention, EncryptionKey: key, RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	api.DeploymentStage().Node().AddDependency(s.ApprovalExecutionLogs)
	apiURL := "https://" + *api.RestApiId() + ".execute-api." + *stack.Region() + "." + *stack.UrlSuffix() + "/" + ApprovalStage + "/"

	// The approval function: the same code as the gate, ROLE=approval.
	fp := awslambda.FunctionProps{
		Description: jsii.String("Stores approval requests and takes the approvers' decisions for " + *parent.Node().Path()),
		Timeout:     awscdk.Duration_Seconds(jsii.Number(30)),
		Environment: &map[string]*string{
			"ROLE":               jsii.String("approval"),
			"TABLE_NAME":         table.TableName(),
			"APPROVAL_TOPIC_ARN": topic.TopicArn(),
			"API_URL":            jsii.String(apiURL),
			"TIMEOUT_HOURS":      jsii.String(strconv.Itoa(hours)),
		},
	}
	fn := gofunction.New(constructs.NewConstruct(c, jsii.String("Decider")), gofunction.Spec{
		Code: golambda.Code("functions/macieguard"), Props: &fp, Key: key, LogRetention: retention,
		Invocation: gofunction.Invocation{
			Caller:  gofunction.APIHandler,
			Bound:   "the approval API's stage throttling bounds the decisions that reach it",
			Reaches: macieguardReaches,
		},
	})
	s.ApprovalFunction = fn.Function
	table.Grant(fn.Role, jsii.String("dynamodb:PutItem"), jsii.String("dynamodb:DeleteItem"))
	key.GrantEncryptDecrypt(fn.Role)
	topic.GrantPublish(fn.Role)

	// The API's methods: a validated {"id": ...} body, IAM callers.
	validator := api.AddRequestValidator(jsii.String("Validator"), &awsapigateway.RequestValidatorOptions{
		// Both, as cdk-nag APIG2 wants; the methods declare no parameters.
		ValidateRequestBody: jsii.Bool(true), ValidateRequestParameters: jsii.Bool(true),
	})
	model := api.AddModel(jsii.String("Decision"), &awsapigateway.ModelOptions{
		ContentType: jsii.String("application/json"),
		Description: jsii.String("A decision on one approval request: the id from the e-mail, an optional reason"),
		Schema: &awsapigateway.JsonSchema{
			Schema:               awsapigateway.JsonSchemaVersion_DRAFT4,
			Type:                 awsapigateway.JsonSchemaType_OBJECT,
			Required:             jsii.Strings("id"),
			AdditionalProperties: jsii.Bool(false),
			Properties: &map[string]*awsapigateway.JsonSchema{
				"id":     {Type: awsapigateway.JsonSchemaType_STRING, Pattern: jsii.String("^[0-9a-f]{32}$")},
				"reason": {Type: awsapigateway.JsonSchemaType_STRING, MaxLength: jsii.Number(500)},
			},
		},
	})
	// API Gateway invokes the function with a role of its own instead of a
	// Lambda permission: CDK's permission names the method by an Fn::Join
	// ARN, which Control Tower's CT.LAMBDA.PR.2 cannot tell from an open
	// one; the role is as narrow (this function only).
	invoker := awsiam.NewRole(c, jsii.String("ApiRole"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("apigateway.amazonaws.com"), nil),
		Description: jsii.String("Lets the approval API of " + *parent.Node().Path() + " invoke its function"),
	})
	fn.Function.GrantInvoke(invoker)
	integration := awsapigateway.NewIntegration(&awsapigateway.IntegrationProps{
		Type:                  awsapigateway.IntegrationType_AWS_PROXY,
		IntegrationHttpMethod: jsii.String("POST"),
		Uri: jsii.String("arn:" + *stack.Partition() + ":apigateway:" + *stack.Region() + ":lambda:path/2015-03-31/functions/" +
			*fn.Function.FunctionArn() + "/invocations"),
		Options: &awsapigateway.IntegrationOptions{CredentialsRole: invoker},
	})
	for _, path := range ApprovalPaths {
		api.Root().AddResource(jsii.String(path[1:]), nil).AddMethod(jsii.String("POST"), integration, &awsapigateway.MethodOptions{
			AuthorizationType: awsapigateway.AuthorizationType_IAM,
			RequestValidator:  validator,
			RequestModels:     &map[string]awsapigateway.IModel{"application/json": model},
		})
	}

	// The workflow.
	s.approvalWorkflow(c, p, qp, fn.Function, hours)
	// The decision goes to the workflow. A separate policy: the function
	// must not depend on the workflow, which invokes it. Managed, so it is
	// not an inline policy the compliance packs flag (IAMNoInlinePolicy).
	awsiam.NewManagedPolicy(c, jsii.String("DecidePolicy"), &awsiam.ManagedPolicyProps{
		Roles: &[]awsiam.IRole{fn.Role},
		Statements: &[]awsiam.PolicyStatement{awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("states:SendTaskSuccess", "states:SendTaskFailure"),
			Resources: jsii.Strings(*s.ApprovalStateMachine.StateMachineArn()),
		})},
	})

	if p.CreateAlarms == nil || *p.CreateAlarms {
		every := alarms.Every(300, "Sum")
		alarms.New(c, "DeciderErrors", alarms.Spec{
			Metric: fn.Function.MetricErrors(every), Threshold: 0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: "The approval function of " + *parent.Node().Path() + " returned errors (a request not stored or not e-mailed).",
		}, s.AlarmTopic)
		alarms.New(c, "ApiServerErrors", alarms.Spec{
			Metric: api.MetricServerError(every), Threshold: 0,
			Comparison:  awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
			Description: "The approval API of " + *parent.Node().Path() + " answered 5xx (a decision did not reach the workflow).",
		}, s.AlarmTopic)
	}

	stage := api.DeploymentStage().Node().DefaultChild()
	const waf = "The approval API takes only IAM-signed (SigV4) POST requests of principals granted execute-api:Invoke (GrantDecide), validated against a 32-hex-digit model and throttled to 5 requests per second; a WAF web ACL would add cost without a threat it stops."
	nag.Suppress(stage, nag.Suppression{Rule: "AwsSolutions-APIG3", Reason: waf})
	nag.Suppress(stage, nag.InPacks("APIGWAssociatedWithWAF", waf, nag.NIST, nag.PCI)...)
	nag.Suppress(stage, nag.InPacks("APIGWSSLEnabled", nag.APIClientCertificateReason, nag.HIPAA, nag.NIST, nag.PCI)...)
	nag.Suppress(stage, nag.InPacks("APIGWCacheEnabledAndEncrypted", "The stage has no cache: its only methods are one-time POST decisions, which API Gateway never caches.",
		nag.HIPAA, nag.NIST, nag.PCI)...)
	for _, path := range ApprovalPaths {
		m := api.Root().GetResource(jsii.String(path[1:])).Node().FindChild(jsii.String("POST")).Node().DefaultChild()
		nag.Suppress(m, nag.Suppression{
			Rule:   "AwsSolutions-COG4",
			Reason: "The approvers are IAM principals (AWS_IAM authorization, SigV4): decisions are tied to an IAM identity recorded in the workflow, so no Cognito user pool is used.",
		})
	}
	if pol := nag.DefaultPolicy(invoker); pol != nil {
		nag.Suppress(pol, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"/^Resource::<.*\\.Arn>:\\*$/"},
			Reason:    "CDK's GrantInvoke adds the function's versions and aliases (\"<function arn>:*\") next to the function itself; the role may invoke only the approval function.",
		})
	}
	if pol := nag.DefaultPolicy(fn.Role); pol != nil {
		nag.Suppress(pol, nag.Suppression{
			Rule:      "AwsSolutions-IAM5",
			AppliesTo: []string{"Action::kms:GenerateDataKey*", "Action::kms:ReEncrypt*"},
			Reason:    "The wildcard KMS actions come from CDK's grants on the table's and the topic's keys (encrypting the stored request and publishing the e-mail).",
		})
	}
}

// approvalWorkflow: ask (wait for the task token) -> release (copy back
// under the release prefix, delete the quarantined copy); denied or timed
// out -> keep or delete per OnDeny.
func (s *SensitiveData) approvalWorkflow(c constructs.Construct, p *Props, qp string, fn awslambda.IFunction, hours int) {
	a := p.Approval
	rp := releasePrefix(a)
	q := s.QuarantineBucket
	quarantined := q.ArnForObjects(jsii.String(qp + "*"))
	var released []*string
	seen := map[string]bool{}
	var targets []awss3.IBucket
	for _, w := range p.Watched {
		if len(w.GatePrefixes) == 0 || seen[*w.Bucket.Node().Path()] {
			continue
		}
		seen[*w.Bucket.Node().Path()] = true
		released = append(released, w.Bucket.ArnForObjects(jsii.String(rp+"*")))
		targets = append(targets, w.Bucket)
	}

	ask := awsstepfunctionstasks.NewLambdaInvoke(c, jsii.String("AskApprovers"), &awsstepfunctionstasks.LambdaInvokeProps{
		Comment:            jsii.String("Stores the task token and e-mails the approvers; waits for POST /approve or /deny"),
		LambdaFunction:     fn,
		IntegrationPattern: awsstepfunctions.IntegrationPattern_WAIT_FOR_TASK_TOKEN,
		Payload: awsstepfunctions.TaskInput_FromObject(&map[string]any{
			"action":  "request",
			"token":   awsstepfunctions.JsonPath_TaskToken(),
			"request": awsstepfunctions.JsonPath_EntirePayload(),
		}),
		TaskTimeout: awsstepfunctions.Timeout_Duration(awscdk.Duration_Hours(jsii.Number(float64(hours)))),
		ResultPath:  jsii.String("$.decision"),
	})
	release := awsstepfunctionstasks.NewCallAwsService(c, jsii.String("Release"), &awsstepfunctionstasks.CallAwsServiceProps{
		Comment: jsii.String("Copies the approved object from the quarantine to the release prefix of its bucket, tagged reviewed"),
		Service: jsii.String("s3"), Action: jsii.String("copyObject"),
		Parameters: &map[string]any{
			"Bucket":           awsstepfunctions.JsonPath_StringAt(jsii.String("$.bucket")),
			"Key":              awsstepfunctions.JsonPath_StringAt(jsii.String("$.releaseKey")),
			"CopySource":       awsstepfunctions.JsonPath_StringAt(jsii.String("$.copySource")),
			"Tagging":          awsstepfunctions.JsonPath_StringAt(jsii.String("$.releaseTagging")),
			"TaggingDirective": "REPLACE",
		},
		IamAction:    jsii.String("s3:PutObject"),
		IamResources: &released,
		AdditionalIamStatements: &[]awsiam.PolicyStatement{
			awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:PutObjectTagging"), Resources: &released}),
			awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{Actions: jsii.Strings("s3:GetObject", "s3:GetObjectTagging"), Resources: &[]*string{quarantined}}),
		},
		ResultPath: awsstepfunctions.JsonPath_DISCARD(),
	})
	remove := func(id, comment string) awsstepfunctionstasks.CallAwsService {
		return awsstepfunctionstasks.NewCallAwsService(c, jsii.String(id), &awsstepfunctionstasks.CallAwsServiceProps{
			Comment: jsii.String(comment),
			Service: jsii.String("s3"), Action: jsii.String("deleteObject"),
			Parameters: &map[string]any{
				"Bucket": awsstepfunctions.JsonPath_StringAt(jsii.String("$.quarantineBucket")),
				"Key":    awsstepfunctions.JsonPath_StringAt(jsii.String("$.quarantineKey")),
			},
			IamAction: jsii.String("s3:DeleteObject"), IamResources: &[]*string{quarantined},
			ResultPath: awsstepfunctions.JsonPath_DISCARD(),
		})
	}
	approved := release.Next(remove("RemoveQuarantined", "Deletes the quarantined copy of the released object")).
		Next(awsstepfunctions.NewSucceed(c, jsii.String("Released"), nil))

	var denied awsstepfunctions.IChainable
	if a.OnDeny == Delete {
		denied = remove("DeleteDenied", "Deletes the quarantined copy: denied, or nobody decided in time").
			Next(awsstepfunctions.NewSucceed(c, jsii.String("Deleted"), nil))
	} else {
		denied = awsstepfunctions.NewSucceed(c, jsii.String("KeptInQuarantine"), &awsstepfunctions.SucceedProps{
			Comment: jsii.String("Denied, or nobody decided in time: the object stays in the quarantine"),
		})
	}
	ask.AddCatch(denied, &awsstepfunctions.CatchProps{
		Errors: jsii.Strings(denyError, "States.Timeout"), ResultPath: jsii.String("$.denial"),
	})
	definition := ask.Next(approved)

	sm := statemachine.New(c, "Workflow", &statemachine.Props{
		Definition:   definition,
		Timeout:      awscdk.Duration_Hours(jsii.Number(float64(hours + 1))),
		LogKey:       s.key(c, p),
		LogRetention: p.LogRetention,
		CreateAlarms: p.CreateAlarms,
		AlarmTopic:   s.AlarmTopic,
	})
	s.ApprovalStateMachine = sm.StateMachine
	if k := q.EncryptionKey(); k != nil {
		k.GrantDecrypt(sm.Role)
	}
	for _, b := range targets {
		if k := b.EncryptionKey(); k != nil {
			k.Grant(sm.Role, jsii.String("kms:GenerateDataKey"), jsii.String("kms:Decrypt"))
		}
	}
}

// GrantDecide lets grantee call POST /approve and POST /deny of the
// approval API (execute-api:Invoke on the two methods of its stage). It
// panics when the construct has no Approval.
func (s *SensitiveData) GrantDecide(grantee awsiam.IGrantable) awsiam.Grant {
	if s.ApprovalApi == nil {
		panic("sensitivedata " + *s.Node().Path() + ": GrantDecide needs Props.Approval")
	}
	var arns []*string
	for _, path := range ApprovalPaths {
		arns = append(arns, s.ApprovalApi.ArnForExecuteApi(jsii.String("POST"), jsii.String(path), jsii.String(ApprovalStage)))
	}
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: grantee, Actions: jsii.Strings("execute-api:Invoke"), ResourceArns: &arns,
	})
}
