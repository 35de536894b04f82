// Package opensearchreplication replicates the indices of one OpenSearch
// Service domain (the leader) into another (the follower) with
// cross-cluster replication (catalogue STO-07): the follower pulls every
// change of its follower indices from the leader, for a standby domain
// (HA) or a copy close to readers.
//
//	leader StreamToOpenSearch                     follower StreamToOpenSearch
//	┌──────────────────────┐  outbound connection ┌──────────────────────┐
//	│ domain (FGAC, n2n)   │◀── alias "leader" ───│ domain (FGAC, n2n)   │
//	│ weblogs-2026-12-05 ──┼── follower index ───▶│ weblogs-2026-12-05   │
//	│ role members:        │   (auto-follow rule) │ role members:        │
//	│  ccr_leader ← follower access role          │  ccr_follower ← access role
//	└──────────────────────┘                      └──────────────────────┘
//
// CloudFormation declares neither the connection nor the replication, so
// New creates at deployment:
//
//   - the connection, with CDK's AwsCustomResource (the project's
//     constructs/internal/sdkcall, outside any VPC: it calls the
//     OpenSearch Service control plane): CreateOutboundConnection from the
//     follower to the leader (ConnectionAlias, mode DIRECT), deleted with
//     DeleteOutboundConnection; then AcceptInboundConnection on the leader;
//   - the security mappings, through each domain's access function
//     (functions/opensearchaccess, Custom::OpenSearchRoleMembers): on the
//     leader cross_cluster_replication_leader_full_access, on the follower
//     cross_cluster_replication_follower_full_access, both for the
//     follower's access function role, which starts the replication;
//   - the replication, through the follower's access function
//     (Custom::OpenSearchReplication): PUT _plugins/_replication/<index>/_start
//     for each of Indices and an auto-follow rule (POST
//     _plugins/_replication/_autofollow) for AutoFollowPattern, by default
//     the leader's Firehose indices (IndexName*), so each day's new index
//     follows too; both with use_roles (the two roles above).
//
// Checked at synthesis: two different domains, both with fine-grained
// access control and node-to-node encryption (always true for
// StreamToOpenSearch), OpenSearch 1.1 or later with the same major version
// and a follower at least as new as the leader, the same account and
// region (the connection is created with the stack's), a valid alias,
// indices and pattern. Cross-region replication is the same API with the
// leader's region in RemoteDomainInfo: see docs/patterns/opensearchreplication.md.
package opensearchreplication
