package manifestbatch

import (
	"fmt"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/nag"
	"github.com/cdk-data-patterns/patterns/constructs/statemachine"
)

// ConditionalCheckFailed is the error a DynamoDB task raises when its
// ConditionExpression is false: here, the manifest is already claimed.
const ConditionalCheckFailed = "DynamoDB.ConditionalCheckFailedException"

// Transient errors of the claim and object calls, retried with
// statemachine.Backoff (the package's TransientErrors cover Glue, EMR,
// Redshift Data, Lambda and SNS).
var (
	dynamoTransient = []string{
		"DynamoDB.ProvisionedThroughputExceededException", "DynamoDB.ThrottlingException",
		"DynamoDB.RequestLimitExceeded", "DynamoDB.InternalServerErrorException",
	}
	s3Transient = []string{"S3.SlowDownException", "S3.InternalErrorException", "S3.ServiceUnavailableException", "S3.SdkClientException"}
	glueRetry   = []string{"Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException", "Glue.InternalServiceException", "Glue.OperationTimeoutException"}
)

// JSONPaths of the S3 "Object Created" event the execution starts with.
const (
	bucketPath = "$.detail.bucket.name"
	keyPath    = "$.detail.object.key"
	etagPath   = "$.detail.object.etag"
)

func str(path string) *string { return awsstepfunctions.JsonPath_StringAt(jsii.String(path)) }

// manifestURI is s3://bucket/key of the manifest, from the event.
func manifestURI() *string {
	return awsstepfunctions.JsonPath_Format(jsii.String("s3://{}/{}"), str(bucketPath), str(keyPath))
}

// claimKey is the claim's DynamoDB key: the manifest's URI and ETag. The
// ETag (not the version id, which only versioned buckets have) makes a
// manifest with the same content the same claim, however often it is
// uploaded or its event delivered; a corrected manifest is a new claim.
func claimKey() *map[string]awsstepfunctionstasks.DynamoAttributeValue {
	return &map[string]awsstepfunctionstasks.DynamoAttributeValue{
		claimManifest: awsstepfunctionstasks.DynamoAttributeValue_FromString(manifestURI()),
		claimETag:     awsstepfunctionstasks.DynamoAttributeValue_FromString(str(etagPath)),
	}
}

// definition is the workflow:
//
//	Claim ──ConditionalCheckFailed──▶ Already processed (Succeed)
//	  ▼
//	Read manifest ─▶ Manifest complete? ─no─▶ Invalid (Pass) ─┐
//	  ▼ yes                                                    │
//	Check files (Map: in prefix? ─▶ s3:headObject) ─error──────┤
//	  ▼                                                        ▼
//	Merge (glue:startJobRun.sync) ──error──▶ Release claim ─▶ Notice ─▶ Fail
//	  ▼
//	Mark done ─▶ Merged (Succeed)
func definition(c constructs.Construct, p *Props, b *Batch) awsstepfunctions.IChainable {
	d := constructs.NewConstruct(c, jsii.String("Definition"))
	table := b.ClaimTable

	notice := statemachine.NewFailureNotice(d, "Batch failed", statemachine.NoticeProps{
		Topic: b.AlarmTopic, TopicKey: b.AlarmTopicKey,
		Subject: "Manifest batch failed: " + *c.Node().Path(),
		Message: awsstepfunctions.TaskInput_FromObject(&map[string]any{
			"manifest":  manifestURI(),
			"error":     str(statemachine.ErrorPath + ".Error"),
			"cause":     str(statemachine.ErrorPath + ".Cause"),
			"execution": str("$$.Execution.Id"),
			"action":    "The claim is released: fix the manifest or upload the missing files, then upload the manifest again.",
		}),
		Error: "ManifestBatchFailed", Cause: "The batch was not merged; the notice names the manifest and the error.",
	})
	release := awsstepfunctionstasks.NewDynamoDeleteItem(d, jsii.String("Release"), &awsstepfunctionstasks.DynamoDeleteItemProps{
		StateName: jsii.String("Release claim"), Table: table, Key: claimKey(),
		ConditionExpression:       jsii.String("executionArn = :me"),
		ExpressionAttributeValues: &map[string]awsstepfunctionstasks.DynamoAttributeValue{":me": awsstepfunctionstasks.DynamoAttributeValue_FromString(str("$$.Execution.Id"))},
		ResultPath:                awsstepfunctions.JsonPath_DISCARD(),
	})
	release.AddRetry(statemachine.Backoff{Errors: dynamoTransient}.Props())
	// A claim that cannot be released still gets its notice.
	release.AddCatch(notice, &awsstepfunctions.CatchProps{Errors: jsii.Strings("States.ALL"), ResultPath: jsii.String("$.releaseError")})
	release.Next(notice)
	onError := statemachine.CatchAll()

	// (a) the claim: at most one run per manifest content.
	claimItem := map[string]awsstepfunctionstasks.DynamoAttributeValue{
		"claimStatus":  awsstepfunctionstasks.DynamoAttributeValue_FromString(jsii.String("RUNNING")),
		"executionArn": awsstepfunctionstasks.DynamoAttributeValue_FromString(str("$$.Execution.Id")),
		"claimedAt":    awsstepfunctionstasks.DynamoAttributeValue_FromString(str("$$.Execution.StartTime")),
	}
	for k, v := range *claimKey() {
		claimItem[k] = v
	}
	claim := awsstepfunctionstasks.NewDynamoPutItem(d, jsii.String("Claim"), &awsstepfunctionstasks.DynamoPutItemProps{
		StateName: jsii.String("Claim manifest"), Table: table, Item: &claimItem,
		ConditionExpression: jsii.String("attribute_not_exists(" + claimManifest + ")"),
		ResultPath:          awsstepfunctions.JsonPath_DISCARD(),
	})
	claim.AddRetry(statemachine.Backoff{Errors: dynamoTransient}.Props())
	already := awsstepfunctions.NewSucceed(d, jsii.String("Already"), &awsstepfunctions.SucceedProps{
		StateName: jsii.String("Already processed"),
		Comment:   jsii.String("Another execution claimed this manifest (same key and ETag): a duplicate event or a re-upload of the same content."),
	})
	claim.AddCatch(already, &awsstepfunctions.CatchProps{Errors: jsii.Strings(ConditionalCheckFailed), ResultPath: jsii.String(statemachine.ErrorPath)})
	claim.AddCatch(statemachine.NewFailureNotice(d, "Claim failed", statemachine.NoticeProps{
		Topic: b.AlarmTopic, TopicKey: b.AlarmTopicKey, Subject: "Manifest claim failed: " + *c.Node().Path(),
	}), onError)

	// (b) the manifest, parsed in the state machine.
	read := awsstepfunctionstasks.NewCallAwsService(d, jsii.String("Read"), &awsstepfunctionstasks.CallAwsServiceProps{
		StateName: jsii.String("Read manifest"), Service: jsii.String("s3"), Action: jsii.String("getObject"),
		IamAction:    jsii.String("s3:GetObject"),
		IamResources: &[]*string{b.Bucket.ArnForObjects(jsii.String(b.IncomingPrefix + "*" + b.ManifestSuffix))},
		Parameters:   &map[string]any{"Bucket": str(bucketPath), "Key": str(keyPath)},
		ResultSelector: &map[string]any{
			"content": awsstepfunctions.JsonPath_StringToJson(str("$.Body")),
		},
		ResultPath: jsii.String("$.manifest"),
	})
	read.AddRetry(statemachine.Backoff{Errors: s3Transient}.Props())
	read.AddCatch(release, onError)

	invalid := awsstepfunctions.NewPass(d, jsii.String("Invalid"), &awsstepfunctions.PassProps{
		StateName: jsii.String("Manifest invalid"),
		Parameters: &map[string]any{
			"Error": "ManifestInvalid",
			"Cause": `The manifest must be a JSON object with "batch" (a string) and "files" (a non-empty list of s3:// URIs).`,
		},
		ResultPath: jsii.String(statemachine.ErrorPath),
	})
	invalid.Next(release)

	// (c) every listed file exists (and lies under the incoming prefix).
	maxConcurrency := float64(DefaultMaxConcurrency)
	if p.MaxConcurrency != nil {
		maxConcurrency = *p.MaxConcurrency
	}
	files := awsstepfunctions.NewMap(d, jsii.String("Files"), &awsstepfunctions.MapProps{
		StateName: jsii.String("Check files"),
		ItemsPath: jsii.String("$.manifest.content.files"),
		ItemSelector: &map[string]any{
			"uri":    awsstepfunctions.JsonPath_StringAt(jsii.String("$$.Map.Item.Value")),
			"bucket": str(bucketPath),
		},
		MaxConcurrency: jsii.Number(maxConcurrency),
		ResultPath:     awsstepfunctions.JsonPath_DISCARD(),
	})
	files.ItemProcessor(fileCheck(d, b), nil)
	files.AddCatch(release, onError)

	complete := awsstepfunctions.NewChoice(d, jsii.String("Complete"), &awsstepfunctions.ChoiceProps{StateName: jsii.String("Manifest complete?")})
	complete.When(awsstepfunctions.Condition_And(
		awsstepfunctions.Condition_IsPresent(jsii.String("$.manifest.content.batch")),
		awsstepfunctions.Condition_IsString(jsii.String("$.manifest.content.batch")),
		awsstepfunctions.Condition_IsPresent(jsii.String("$.manifest.content.files[0]")),
	), files, nil)
	complete.Otherwise(invalid)

	// (d) the merge, waited for.
	merge := statemachine.NewGlueJobRun(d, "Merge", statemachine.GlueJobRunProps{
		StateName: "Merge files",
		Job: statemachine.GlueJob{Name: b.JobName, Arguments: map[string]string{
			"--manifest_bucket": *str(bucketPath),
			"--manifest_key":    *str(keyPath),
		}},
		Retry:      &statemachine.Backoff{Errors: glueRetry, MaxAttempts: 6},
		ResultPath: jsii.String("$.jobRun"),
	})
	merge.AddCatch(release, onError)

	// (e) the claim is done: it stays, so the manifest never runs again.
	update := "SET claimStatus = :done, doneAt = :at, jobRunId = :run"
	values := map[string]awsstepfunctionstasks.DynamoAttributeValue{
		":done": awsstepfunctionstasks.DynamoAttributeValue_FromString(jsii.String("DONE")),
		":at":   awsstepfunctionstasks.DynamoAttributeValue_FromString(str("$$.State.EnteredTime")),
		":run":  awsstepfunctionstasks.DynamoAttributeValue_FromString(str("$.jobRun.Id")),
	}
	var done awsstepfunctions.TaskStateBase
	if r := p.ClaimRetention; r != nil {
		// The TTL is epoch seconds, which JSONPath cannot compute from the
		// ISO time of the context object: this one state uses JSONata.
		done = markDoneJsonata(d, b, fmt.Sprintf("%.0f", *r.ToSeconds(nil)))
	} else {
		done = awsstepfunctionstasks.NewDynamoUpdateItem(d, jsii.String("Done"), &awsstepfunctionstasks.DynamoUpdateItemProps{
			StateName: jsii.String("Mark done"), Table: table, Key: claimKey(),
			UpdateExpression: jsii.String(update), ExpressionAttributeValues: &values,
			ResultPath: awsstepfunctions.JsonPath_DISCARD(),
		})
	}
	done.AddRetry(statemachine.Backoff{Errors: dynamoTransient}.Props())
	// The batch is merged: a failure to mark it done is noticed, but the
	// claim stays RUNNING (not released), so the manifest does not run again.
	done.AddCatch(statemachine.NewFailureNotice(d, "Mark failed", statemachine.NoticeProps{
		Topic: b.AlarmTopic, TopicKey: b.AlarmTopicKey, Subject: "Manifest merged, claim not marked done: " + *c.Node().Path(),
	}), onError)
	merged := awsstepfunctions.NewSucceed(d, jsii.String("Merged"), &awsstepfunctions.SucceedProps{StateName: jsii.String("Merged")})

	files.Next(merge)
	merge.Next(done).Next(merged)
	return claim.Next(read).Next(complete)
}

// fileCheck is one Map iteration: the file must be an object of the
// event's bucket under the incoming prefix, and S3 must answer HeadObject
// for it. Either failure fails the iteration with the file's URI in the
// cause, which fails the Map.
func fileCheck(d constructs.Construct, b *Batch) awsstepfunctions.IChainable {
	outside := awsstepfunctions.NewFail(d, jsii.String("Outside"), &awsstepfunctions.FailProps{
		StateName: jsii.String("File outside the incoming prefix"),
		Error:     jsii.String("ManifestFileOutsidePrefix"),
		CausePath: awsstepfunctions.JsonPath_Format(jsii.String("{} is not under s3://{}/"+b.IncomingPrefix), str("$.uri"), str("$.bucket")),
	})
	missing := awsstepfunctions.NewFail(d, jsii.String("Missing"), &awsstepfunctions.FailProps{
		StateName: jsii.String("File missing"),
		Error:     jsii.String("ManifestFileMissing"),
		CausePath: awsstepfunctions.JsonPath_Format(jsii.String("{} is missing or unreadable ({})"), str("$.uri"), str("$.error.Error")),
	})
	// The object key is the URI after "s3://<bucket>/": JSONPath has no
	// substring function, JSONata has, so this one task is a JSONata state.
	head := awsstepfunctionstasks.CallAwsService_Jsonata(d, jsii.String("Head"), &awsstepfunctionstasks.CallAwsServiceJsonataProps{
		StateName: jsii.String("Head file"), Service: jsii.String("s3"), Action: jsii.String("headObject"),
		IamAction:    jsii.String("s3:GetObject"), // HeadObject is authorized by s3:GetObject
		IamResources: &[]*string{b.Bucket.ArnForObjects(jsii.String(b.IncomingPrefix + "*"))},
		Parameters: &map[string]any{
			"Bucket": "{% $states.input.bucket %}",
			"Key":    "{% $substringAfter($states.input.uri, 's3://' & $states.input.bucket & '/') %}",
		},
		Outputs: "{% $states.input %}",
	})
	head.AddRetry(statemachine.Backoff{Errors: s3Transient}.Props())
	head.AddCatch(missing, &awsstepfunctions.CatchProps{
		Errors:  jsii.Strings("States.ALL"),
		Outputs: "{% {'uri': $states.input.uri, 'bucket': $states.input.bucket, 'error': $states.errorOutput} %}",
	})
	inPrefix := awsstepfunctions.NewChoice(d, jsii.String("InPrefix"), &awsstepfunctions.ChoiceProps{StateName: jsii.String("File under the incoming prefix?")})
	inPrefix.When(awsstepfunctions.Condition_StringMatches(jsii.String("$.uri"), jsii.String("s3://"+*b.Bucket.BucketName()+"/"+b.IncomingPrefix+"*")), head, nil)
	inPrefix.Otherwise(outside)
	return inPrefix
}

// markDoneJsonata marks the claim done with an expiry ttl seconds from now.
func markDoneJsonata(d constructs.Construct, b *Batch, ttl string) awsstepfunctions.TaskStateBase {
	key := "{% {'" + claimManifest + "': {'S': 's3://' & $states.input.detail.bucket.name & '/' & $states.input.detail.object.key}, '" +
		claimETag + "': {'S': $states.input.detail.object.etag}} %}"
	return awsstepfunctionstasks.CallAwsService_Jsonata(d, jsii.String("Done"), &awsstepfunctionstasks.CallAwsServiceJsonataProps{
		StateName: jsii.String("Mark done"), Service: jsii.String("dynamodb"), Action: jsii.String("updateItem"),
		IamAction: jsii.String("dynamodb:UpdateItem"), IamResources: &[]*string{b.ClaimTable.TableArn()},
		Parameters: &map[string]any{
			"TableName":        b.ClaimTable.TableName(),
			"Key":              key,
			"UpdateExpression": "SET claimStatus = :done, doneAt = :at, jobRunId = :run, " + claimExpires + " = :exp",
			"ExpressionAttributeValues": "{% {':done': {'S': 'DONE'}, ':at': {'S': $states.context.State.EnteredTime}, " +
				"':run': {'S': $states.input.jobRun.Id}, ':exp': {'N': $string($floor($millis() / 1000) + " + ttl + ")}} %}",
		},
		Outputs: "{% $states.input %}",
	})
}

// grantStateMachine adds what the integrations' own policies lack: the
// claim table's key, and the bucket's key for the manifest read.
func grantStateMachine(b *Batch) {
	role := b.StateMachine.Role
	nag.Suppress(nag.DefaultPolicy(role), nag.Suppression{
		Rule:      "AwsSolutions-IAM5",
		Reason:    "The state machine reads the manifests, whose names are known only when they arrive: the grant is limited to keys under the incoming prefix that end in the manifest suffix.",
		AppliesTo: []string{"/^Resource::.*\\*" + regexp.QuoteMeta(b.ManifestSuffix) + "$/"},
	})
	if b.ClaimKey != nil {
		b.ClaimKey.GrantEncryptDecrypt(role)
	}
	if k := b.Bucket.EncryptionKey(); k != nil {
		role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions: jsii.Strings("kms:Decrypt"), Resources: &[]*string{k.KeyArn()},
		}))
	}
}
