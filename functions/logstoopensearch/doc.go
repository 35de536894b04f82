// Command logstoopensearch is the log loader of catalogue MON-04: CloudWatch
// Logs subscription filters invoke it with batches of log events, and it
// indexes one OpenSearch document per event into daily indices of an
// Amazon OpenSearch Service domain in its VPC.
//
// # Why a function and not Firehose
//
// Firehose cannot deliver CloudWatch Logs to an OpenSearch Service
// destination: CloudWatch Logs packs many log events into one Firehose
// record, and the OpenSearch destination takes exactly one document per
// record (the Firehose developer guide says so and recommends a
// subscription to a loader function instead). This is that function,
// written for this project.
//
// # Documents
//
//	{"@timestamp":"2026-11-25T10:00:00.000Z","message":"<the event's message>",
//	 "log":{"group":"/app/orders","stream":"i-0abc","owner":"111111111111","id":"<event id>"},
//	 "fields":{...}}
//
// go to the index INDEX_PREFIX-YYYY-MM-DD of the event's time in UTC (not
// the time it arrived, unlike Firehose's rotation). fields is present when
// the message is a JSON object (structured logs). Invalid UTF-8 is replaced
// by U+FFFD.
//
// # Nothing lost, nothing twice
//
// Each event is sent as a _bulk "create" with the CloudWatch Logs event id
// as the document id, so a batch that is retried (by this function or by
// Lambda) never indexes an event twice: 409 (already there) counts as done.
// Per item of a _bulk response:
//
//	201          indexed
//	409          indexed earlier
//	429, 5xx     sent again in the next round (backoff 1 s doubling to 8 s)
//	400 mapping  (mapper_parsing_exception and kin) sent again at once
//	             without "fields": a structured log whose fields conflict
//	             with the index mapping is still indexed as text
//	other        the invocation fails
//
// A whole request answered with 429, 5xx or not at all is sent again; any
// other status fails the invocation. Rounds go on while more than 5 s of
// the invocation would be left; then the invocation fails. A failed
// invocation is retried twice by Lambda and then lands in the construct's
// failure queue (on-failure destination) with the whole batch.
//
// Bodies are at most 5 MiB (OpenSearch Service accepts 10 MiB on its
// smallest instance types). Requests are signed with SigV4 for "es".
//
// One JSON log line per invocation gives the log group, events, indexed,
// duplicates, fieldsDropped, requests and rounds.
//
// # Environment
//
//	DOMAIN_ENDPOINT  the domain's host name
//	INDEX_PREFIX     prefix of the daily indices, e.g. "logs"
//
// # Permissions
//
// es:ESHttpPost on <domain ARN>/_bulk in IAM, and in the domain's
// fine-grained access control a role mapping that allows writing and
// creating indices INDEX_PREFIX-* (the construct's role mapping resource
// does both). In the VPC it needs a security group that reaches the domain
// on 443; no internet access.
package main
