package athena

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsathena"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
)

// CloudWatchConnectorApplication is the Serverless Application Repository
// application of Athena's CloudWatch Logs connector (published by AWS from
// awslabs/aws-athena-query-federation), as an Fn::Sub string: the SAM
// transform accepts no Fn::Join here, but resolves ${AWS::Partition} in a
// Fn::Sub, so the template names the stack's partition.
const CloudWatchConnectorApplication = "arn:${AWS::Partition}:serverlessrepo:us-east-1:292517598671:applications/AthenaCloudwatchConnector"

// CloudWatchConnectorVersion is the connector version pinned by default.
const CloudWatchConnectorVersion = "2023.46.2"

var (
	catalogNameRE = regexp.MustCompile(`^[a-z0-9_-]{1,64}$`)
	semverRE      = regexp.MustCompile(`^\d+\.\d+\.\d+$`)
	sarRE         = regexp.MustCompile(`^arn:aws[a-z-]*:serverlessrepo:[a-z0-9-]+:\d{12}:applications/[A-Za-z0-9_-]+$`)
)

// CatalogProps configures a CloudWatchCatalog (catalogue MON-05, ANA-02).
// nil is a working default.
type CatalogProps struct {
	// Name of the Athena data catalog and of the connector's function
	// (lower-case letters, digits, _ and -, up to 64): queries name it,
	// SELECT * FROM "<name>"."<log group>"."<log stream>".
	// @default derived from the construct's unique path
	Name *string
	// ConnectorApplication is the Serverless Application Repository ARN of
	// the connector, for an application published elsewhere than AWS's.
	// @default CloudWatchConnectorApplication in the stack's partition
	ConnectorApplication *string
	// ConnectorVersion is the SemanticVersion of the connector application.
	// @default CloudWatchConnectorVersion
	ConnectorVersion *string
	// LogGroupNamePrefixes limit the log groups the connector may read
	// (each a prefix of log group names, e.g. "/aws/lambda/orders").
	// @default every log group of the account and region
	LogGroupNamePrefixes []string
	// SpillBucket receives what the connector spills when a result exceeds
	// Lambda's response size. It must accept SSE-KMS uploads with
	// EncryptionKey.
	// @default a new SSE-KMS securebucket whose spill expires after SpillExpiration
	SpillBucket awss3.IBucket
	// SpillPrefix is the key prefix of the spill (no leading or trailing "/").
	// @default "athena-spill"
	SpillPrefix *string
	// SpillExpiration of spilled objects in the bucket the construct
	// creates, whole days.
	// @default 1 day
	SpillExpiration awscdk.Duration
	// EncryptionKey generates the connector's spill data keys (it encrypts
	// spilled blocks with AES-GCM) and encrypts the spill bucket and the
	// function's logs.
	// @default a new key with yearly rotation, retained
	EncryptionKey awskms.IKey
	// MemorySize of the connector function in MB, 128 to 10240.
	// @default 3008 (the connector's default)
	MemorySize *float64
	// Timeout of the connector function, 1 second to 15 minutes.
	// @default 15 minutes
	Timeout awscdk.Duration
	// LogRetention of the connector's log group.
	// @default one year
	LogRetention awslogs.RetentionDays
}

// CloudWatchCatalog is an Athena federated data catalog over CloudWatch
// Logs: the connector Lambda (deployed from the Serverless Application
// Repository with a role of this construct) and AWS::Athena::DataCatalog
// of type LAMBDA.
type CloudWatchCatalog struct {
	constructs.Construct
	// Catalog is the data catalog; Name is its name and the function's.
	Catalog awsathena.CfnDataCatalog
	Name    string
	// Connector is the nested application that creates the function.
	Connector awssam.CfnApplication
	// FunctionArn is the connector function's ARN (partition-aware).
	FunctionArn *string
	// Role is the connector function's execution role.
	Role awsiam.Role
	// SpillBucket holds the spill under SpillPrefix.
	SpillBucket awss3.IBucket
	SpillPrefix string
	// Key encrypts the spill, the bucket the construct creates and the logs.
	Key awskms.IKey
	// LogGroup is the function's log group (/aws/lambda/<name>).
	LogGroup awslogs.LogGroup
}

// NewCloudWatchCatalog creates the catalog. props may be nil.
func NewCloudWatchCatalog(scope constructs.Construct, id string, props *CatalogProps) *CloudWatchCatalog {
	p := CatalogProps{}
	if props != nil {
		p = *props
	}
	checkCatalog(scope, id, &p).Fail()

	c := constructs.NewConstruct(scope, jsii.String(id))
	w := &CloudWatchCatalog{Construct: c, SpillPrefix: "athena-spill"}
	if p.Name != nil {
		w.Name = *p.Name
	} else {
		w.Name = strings.ToLower(*awscdk.Names_UniqueResourceName(c, &awscdk.UniqueResourceNameOptions{
			MaxLength: jsii.Number(64), Separator: jsii.String("-"),
		}))
	}
	if p.SpillPrefix != nil {
		w.SpillPrefix = *p.SpillPrefix
	}
	w.Key = p.EncryptionKey
	if w.Key == nil {
		w.Key = keys.NewForLogs(c, "Key", "Encrypts the Athena CloudWatch connector's spill and logs of "+*c.Node().Path())
	}
	w.SpillBucket = p.SpillBucket
	if w.SpillBucket == nil {
		exp := p.SpillExpiration
		if exp == nil {
			exp = awscdk.Duration_Days(f(1))
		}
		w.SpillBucket = securebucket.New(c, "Spill", &securebucket.Props{
			Encryption:    securebucket.SSEKMS,
			EncryptionKey: w.Key,
			Lifecycle: &securebucket.Lifecycle{
				Prefix:                      jsii.String(w.SpillPrefix + "/"),
				Expiration:                  exp,
				NoncurrentVersionExpiration: awscdk.Duration_Days(f(1)),
				AbortIncompleteUploadsAfter: awscdk.Duration_Days(f(1)),
			},
		}).Bucket
	}
	retention := p.LogRetention
	if retention == "" {
		retention = awslogs.RetentionDays_ONE_YEAR
	}
	// The function logs to /aws/lambda/<name>: created here first, so it is
	// encrypted and expires.
	w.LogGroup = awslogs.NewLogGroup(c, jsii.String("Logs"), &awslogs.LogGroupProps{
		LogGroupName:  jsii.String("/aws/lambda/" + w.Name),
		EncryptionKey: w.Key,
		Retention:     retention,
		RemovalPolicy: sandbox.RemovalPolicy(c),
	})
	stack := awscdk.Stack_Of(c)
	w.FunctionArn = stack.FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("lambda"), Resource: jsii.String("function"), ResourceName: jsii.String(w.Name),
		ArnFormat: awscdk.ArnFormat_COLON_RESOURCE_NAME,
	})
	w.Role = connectorRole(c, w, p.LogGroupNamePrefixes)

	version := CloudWatchConnectorVersion
	if p.ConnectorVersion != nil {
		version = *p.ConnectorVersion
	}
	application := awscdk.Fn_Sub(jsii.String(CloudWatchConnectorApplication), nil)
	if p.ConnectorApplication != nil {
		application = p.ConnectorApplication
	}
	memory, timeout := 3008.0, 900.0
	if p.MemorySize != nil {
		memory = *p.MemorySize
	}
	if p.Timeout != nil {
		timeout = propcheck.Seconds(p.Timeout)
	}
	w.Connector = awssam.NewCfnApplication(c, jsii.String("Connector"), &awssam.CfnApplicationProps{
		Location: &awssam.CfnApplication_ApplicationLocationProperty{
			ApplicationId:   application,
			SemanticVersion: jsii.String(version),
		},
		Parameters: &map[string]*string{
			"AthenaCatalogName":      jsii.String(w.Name),
			"SpillBucket":            w.SpillBucket.BucketName(),
			"SpillPrefix":            jsii.String(w.SpillPrefix),
			"LambdaTimeout":          jsii.String(strconv.FormatFloat(timeout, 'f', -1, 64)),
			"LambdaMemory":           jsii.String(strconv.FormatFloat(memory, 'f', -1, 64)),
			"LambdaRole":             w.Role.RoleArn(),
			"DisableSpillEncryption": jsii.String("false"),
			"KMSKeyId":               w.Key.KeyId(),
		},
	})
	// The function must find its role's policy and its log group in place.
	w.Connector.Node().AddDependency(w.Role, w.LogGroup)

	w.Catalog = awsathena.NewCfnDataCatalog(c, jsii.String("Catalog"), &awsathena.CfnDataCatalogProps{
		Name:        jsii.String(w.Name),
		Type:        jsii.String("LAMBDA"),
		Description: jsii.String("CloudWatch Logs through the Athena CloudWatch connector: log group = schema, log stream = table, all_log_streams = every stream of a group."),
		Parameters:  &map[string]*string{"function": w.FunctionArn},
	})
	w.Catalog.Node().AddDependency(w.Connector)
	return w
}

// GrantQuery lets grantee query the catalog: invoke the connector and read
// the catalog (queries run in a workgroup the grantee may use, see
// WorkGroup.GrantQuery).
func (w *CloudWatchCatalog) GrantQuery(grantee awsiam.IGrantable) awsiam.Grant {
	catalog := awscdk.Stack_Of(w.Construct).FormatArn(&awscdk.ArnComponents{
		Service: jsii.String("athena"), Resource: jsii.String("datacatalog"), ResourceName: jsii.String(w.Name),
		ArnFormat: awscdk.ArnFormat_SLASH_RESOURCE_NAME,
	})
	awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: grantee, Actions: jsii.Strings("athena:GetDataCatalog"), ResourceArns: &[]*string{catalog},
	})
	return awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: grantee, Actions: jsii.Strings("lambda:InvokeFunction"), ResourceArns: &[]*string{w.FunctionArn},
	})
}

func checkCatalog(scope constructs.Construct, id string, p *CatalogProps) *propcheck.Problems {
	pr := propcheck.For("athena.CloudWatchCatalog", scope, id)
	if n := p.Name; n != nil && !catalogNameRE.MatchString(*n) {
		pr.Add("Name", *n, "1 to 64 lower-case letters, digits, _ or - (it names the connector function too)")
	}
	if v := p.ConnectorVersion; v != nil && !semverRE.MatchString(*v) {
		pr.Add("ConnectorVersion", *v, `a pinned semantic version of the connector application, e.g. "`+CloudWatchConnectorVersion+`"`)
	}
	if a := p.ConnectorApplication; a != nil && !sarRE.MatchString(*a) {
		pr.Add("ConnectorApplication", *a, "a Serverless Application Repository application ARN, arn:<partition>:serverlessrepo:<region>:<account>:applications/<name>")
	}
	for i, g := range p.LogGroupNamePrefixes {
		if g == "" || strings.ContainsAny(g, "*: ") || len(g) > 512 {
			pr.Add("LogGroupNamePrefixes["+strconv.Itoa(i)+"]", strconv.Quote(g), "a log group name prefix without *, : or spaces")
		}
	}
	if p.LogGroupNamePrefixes != nil && len(p.LogGroupNamePrefixes) == 0 {
		pr.Add("LogGroupNamePrefixes", "[]", "at least one prefix (nil allows every log group)")
	}
	if s := p.SpillPrefix; s != nil && (*s == "" || strings.HasPrefix(*s, "/") || strings.HasSuffix(*s, "/") || strings.ContainsAny(*s, " '\"*")) {
		pr.Add("SpillPrefix", strconv.Quote(*s), `a key prefix without leading or trailing "/", e.g. "athena-spill"`)
	}
	if p.SpillBucket != nil && p.SpillExpiration != nil {
		pr.Add("SpillExpiration", *p.SpillExpiration.ToHumanString(), "nothing with SpillBucket: expire the spill with your bucket's lifecycle rules")
	}
	if e := p.SpillExpiration; e != nil {
		if d := propcheck.Seconds(e) / 86400; d < 1 || d != float64(int(d)) {
			pr.Add("SpillExpiration", *e.ToHumanString(), "whole days, at least 1")
		}
	}
	if m := p.MemorySize; m != nil && (*m < 128 || *m > 10240 || *m != float64(int(*m))) {
		pr.Add("MemorySize", *m, "whole MB from 128 to 10240")
	}
	if t := p.Timeout; t != nil {
		if s := propcheck.Seconds(t); s < 1 || s > 900 || s != float64(int(s)) {
			pr.Add("Timeout", *t.ToHumanString(), "whole seconds from 1 second to 15 minutes")
		}
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}
