// Package dataapi exposes processed data to other systems through a REST
// API whose resources are named, parameterised queries answered from
// Athena or the Redshift Data API, page by page (catalogue
// ANA-07).
//
// Scenario: dashboards, partner systems and internal services need a few
// well-defined questions answered from the lake or the warehouse ("orders
// of customer C between two dates"), without database credentials, without
// free-form SQL and without a cluster endpoint on their network.
//
//	caller ── SigV4 (IAM, default) or Cognito token
//	   │
//	   ▼
//	API Gateway REST API, regional, stage v1
//	   throttling 50 rps / burst 100 · X-Ray · JSON access logs + execution logs (ERROR)
//	   (CMK-encrypted, 1 year) · request validator: required query-string keys
//	   · optional WAF web ACL association
//	   │ GET /<query>?<params>&page_size=&page_token=      (AWS_PROXY, integration role)
//	   ▼
//	Lambda functions/dataapi (arm64, 256 MB, 28 s, X-Ray)
//	   check values (pattern / bounds / date) ─▶ bind as engine parameters
//	   ├─ Athena: StartQueryExecution(template with ?, ExecutionParameters, workgroup)
//	   │          GetQueryExecution … GetQueryResults(MaxResults, NextToken)
//	   └─ Redshift Data API: ExecuteStatement(template with :name, Parameters)
//	              DescribeStatement … GetStatementResult(NextToken)
//	   nextPageToken = cursor (execution id, engine NextToken, offset, expiry)
//	                   bound to query + caller + page size + values, HMAC by KMS
//
// Why this design. REST rather than HTTP API: REST APIs validate request
// parameters, take a WAF web ACL, X-Ray tracing, per-stage throttling and
// usage plans, and authorize with IAM or a Cognito user pool directly; an
// HTTP API has neither WAF nor X-Ray. Every query is declared in the props
// as a SQL template with typed parameters and checked at synthesis by the
// same code the function runs (package functions/dataapi/query), so a
// request can only choose values, never SQL: the function sends the
// template unchanged and binds the values as Athena ExecutionParameters or
// Redshift Data API Parameters (FuzzHandler asserts it for arbitrary query
// strings). Athena substitutes execution parameters as literals, so the
// function renders them itself as literals of their declared type (digits,
// CAST('YYYY-MM-DD' AS DATE), a single-quoted string with quotes doubled)
// and string values must also match a declared pattern. Pages never re-run
// the query: the token carries the execution (or statement) id and the
// engine's NextToken, and is signed with a KMS HMAC key (GenerateMac /
// VerifyMac; the key never leaves KMS and every function instance shares
// it) and bound to the query, the caller, the page size and the parameter
// values, with an expiry (1 hour by default, at most 24 hours: the Data
// API keeps results a day). A client cannot forge one, page through
// someone else's result, or swap a token between queries. The token is
// signed, not encrypted: what it reveals (an execution id and the engine's
// token) is useless without the function's permissions.
//
// Defaults: IAM authorization (GrantInvoke gives execute-api:Invoke on the
// GET methods of the stage); stage "v1", 50 requests per second, burst 100;
// page size 100, at most 999; a new customer managed key for the three log
// groups (one year); alarms on the API's 5xx answers and the function's
// errors to a new encrypted topic. API Gateway invokes the function with an
// integration role (lambda:InvokeFunction on this function) instead of a
// Lambda permission, as constructs/sensitivedata does: CDK's permission
// names the method by an Fn::Join ARN that Control Tower's CT.LAMBDA.PR.2
// cannot tell from an open one. The execution log group is created by the
// construct (named as API Gateway names it) so that it is encrypted and
// kept a finite time. API Gateway writes execution and access logs only
// once the account's API Gateway CloudWatch role is set (an account
// setting, not made here: CloudWatchRole false, as elsewhere in this
// library).
//
// Least privilege: Athena: athena:StartQueryExecution, GetQueryExecution,
// GetQueryResults, StopQueryExecution on the workgroup ARN only;
// glue:GetDatabase, GetTable, GetPartition(s) on the catalog, the database
// and the listed tables; read-write on the workgroup's results prefix and
// its key; read on the DataBuckets. Redshift: redshift-data:ExecuteStatement
// on the cluster or workgroup ARN; DescribeStatement and GetStatementResult
// on * with the redshift-data:statement-owner-iam-userid = ${aws:userid}
// condition (statement ids have no ARN); redshift:GetClusterCredentials on
// the one database user and database, or redshift-serverless:GetCredentials
// on the workgroup, or read on the Secret.
//
// Rejected props: an API without authentication (Auth: None, the issue's
// bad input) or with an unknown Auth; Cognito without a UserPool, a pool or
// scopes with IAM; no backend or both; Athena without workgroup, database
// or tables; a Redshift target that is neither exactly a cluster (with
// exactly one of DbUser and Secret) nor a serverless workgroup with its
// ARN; no queries, duplicate names, templates that are not one read-only
// SELECT, that use bare "?" or ";", undeclared or unused placeholders,
// string parameters without a pattern, int parameters without bounds,
// defaults that fail their own checks; queries too large for the
// function's environment; bad stage names, throttling, WAF ARNs, page
// sizes, token lifetimes, infinite log retention, an alarm topic without
// alarms.
//
// cdk-nag suppressions: AwsSolutions-APIG3 on the stage when no WebAclArn
// is given (WAF is an option: every method is authenticated, validated and
// throttled); AwsSolutions-COG4 on the methods with IAM authorization
// (IAM is the default, Cognito the option); AwsSolutions-IAM5 on the
// integration role (CDK's GrantInvoke adds "<function arn>:*") and on the
// function's role (the statement-owner-conditioned Data API actions on *,
// X-Ray's PutTraceSegments on *, and the wildcard actions of CDK's S3 and
// KMS grants on the Athena results prefix and data buckets). The token key
// is an HMAC key, which KMS cannot rotate automatically; tokens live at
// most 24 hours, so a new key can be put in place by replacing it.
//
// What the catalogue's notes leave out and is not built: the API Gateway
// cache (a cache cluster is billed by the hour and would need the caller in
// its key with IAM auth; Athena result reuse, ReuseResultsMinutes, is the
// option here), API keys and usage plans, custom domains (ACM), versioned
// stages beyond one, ElastiCache, and the CI/CD pipeline. A query still
// running when the invocation ends is answered 503 with Retry-After and is
// not resumed; long queries belong in an asynchronous pattern.
package dataapi
