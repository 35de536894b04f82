// Command opensearchaccess is the onEvent handler of a CDK custom resource
// Provider that lets a Firehose delivery role write to an Amazon OpenSearch
// Service domain with fine-grained access control (FGAC), and gives admin
// roles access, without anyone clicking in OpenSearch Dashboards
// (catalogue ING-04: Kinesis → Firehose → OpenSearch).
//
// With FGAC, IAM alone does not let Firehose write: the delivery role must
// also be mapped to an OpenSearch security role. The function runs in the
// domain's VPC (no internet access needed) and its execution role is the
// domain's FGAC master user, so it may change the security configuration
// through the Security REST API (https://<endpoint>/_plugins/_security/api/),
// every request signed with SigV4 for the service "es".
//
// The Provider framework invokes it synchronously with
//
//	{"RequestType": "Create"|"Update"|"Delete", "PhysicalResourceId": "...",
//	 "ResourceProperties": {...}, "OldResourceProperties": {...}}
//
// and reports the answer, {"PhysicalResourceId": "<DomainEndpoint>/<RoleName>",
// "Data": {"RoleName": "..."}}, or the error to CloudFormation itself.
//
// ResourceProperties (strings, as CloudFormation passes them):
//
//	DomainEndpoint      the domain's host name, no scheme or path
//	RoleName            the security role to create ([A-Za-z0-9_.-]{1,128}, not a predefined role)
//	IndexPatterns       comma-separated index patterns (no spaces, not starting with _)
//	WriterBackendRoles  comma-separated IAM role ARNs (the Firehose delivery role)
//	AdminBackendRoles   comma-separated IAM role ARNs added to all_access (may be empty)
//
// Create and Update:
//
//  1. PUT roles/<RoleName> with what a Firehose delivery role needs on an
//     FGAC domain: bulk writes and index creation in its indices, and index
//     templates (the Firehose developer guide's "Controlling access"
//     chapter, https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html,
//     describes the destination permissions; this list was not checked
//     against a live domain yet):
//     cluster cluster_monitor, cluster_composite_ops,
//     indices:admin/template/get and indices:admin/template/put; on
//     IndexPatterns crud, create_index and manage;
//  2. PUT rolesmapping/<RoleName> with the writer roles as backend roles;
//  3. when there are admin roles to add (or, on Update, to take out): GET
//     rolesmapping/all_access and PATCH it with a JSON Patch that replaces
//     only /backend_roles by the merged list, so users, hosts and other
//     backend roles stay; no PATCH when nothing changes;
//  4. on Update renaming the role on the same domain: DELETE the old
//     mapping and role.
//
// Delete removes the mapping and the role (404 counts as done) and takes
// this resource's AdminBackendRoles out of all_access; roles others added
// stay. (The resource cannot tell whether someone else also added one of
// its admin roles: such a role is removed as well.) When the role and the
// mapping were both already gone, all_access is left alone: that is the
// cleanup Delete CloudFormation sends for the old physical ID after an
// Update renamed the role, which already settled all_access. A Delete with
// invalid properties succeeds without a request: it is the rollback of a
// Create that failed validation and created nothing.
//
// Other resource types (ResourceType selects; resources.go), all on the
// same domain with the same signed client, paths outside the Security API:
//
//   - Custom::OpenSearchIsmPolicy {DomainEndpoint, PolicyId, Policy}: GET
//     /_plugins/_ism/policies/<id>; PUT it, with ?if_seq_no=&if_primary_term=
//     from the GET when it exists (ISM refuses an update without them);
//     Policy is the JSON body {"policy": {...}} with at least one state (its
//     ism_template attaches it to new indices); a renamed policy deletes the
//     old one; Delete DELETEs it (404 is done). Catalogue STO-05.
//   - Custom::OpenSearchSnapshotRepository {DomainEndpoint, RepositoryName,
//     Bucket, Region, RoleArn, BasePath}: PUT /_snapshot/<name> {"type":
//     "s3", "settings": {bucket, region, role_arn, base_path,
//     server_side_encryption}}; the execution role needs iam:PassRole on
//     RoleArn. Delete unregisters it (the snapshots stay in the bucket).
//     Catalogue STO-06.
//   - Custom::OpenSearchRoleMembers {DomainEndpoint, RoleName,
//     BackendRoles}: adds IAM roles to the mapping of a predefined role
//     (cold_manager, cross_cluster_replication_leader_full_access,
//     cross_cluster_replication_follower_full_access, readall, kibana_user,
//     ...) the way all_access is updated above; Delete takes them out.
//   - Custom::OpenSearchReplication {DomainEndpoint (the follower),
//     LeaderAlias, Indices, AutoFollowRuleName, AutoFollowPattern}: PUT
//     /_plugins/_replication/<index>/_start {leader_alias, leader_index,
//     use_roles} for each index and POST /_plugins/_replication/_autofollow
//     {leader_alias, name, pattern, use_roles}; while the freshly accepted
//     connection is not usable ("no such remote cluster",
//     connect_transport_exception) it retries every 15 s within the
//     invocation; an index that already follows counts as started. Update
//     stops removed indices and replaces a changed rule; Delete deletes the
//     rule and stops replication (the follower indices stay as regular
//     indices). Catalogue STO-07.
//
// A domain that was just created answers 502, 503, 504, 429 or not at all
// for a while: requests are retried with exponential backoff (1 s doubling,
// at most 20 s a wait, at most 3 minutes per request) while the invocation
// has more than 5 s left, so a failure is still reported rather than a
// timeout. Any other 4xx or 5xx fails the invocation with the status and an
// excerpt of the body. One JSON log line per invocation gives the request
// type, endpoint, role and the calls made (method, path, status, attempts),
// never headers, credentials or signatures.
//
// Permissions: the execution role must be the domain's FGAC master user (or
// mapped to all_access and security_manager), and its IAM policy (or the
// domain's access policy) must allow es:ESHttpGet, es:ESHttpPut,
// es:ESHttpPatch and es:ESHttpDelete on <domain ARN>/*; in the VPC it needs
// a security group that reaches the domain on 443. The Lambda environment
// supplies AWS_REGION, the region signed for.
package main
