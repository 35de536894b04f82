package opensearchreplication

import "github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"

// Props configures a Replication. Leader and Follower are required.
type Props struct {
	// Leader is the domain whose indices are replicated.
	Leader *streamtoopensearch.StreamToOpenSearch
	// Follower holds the follower indices; its access function starts the
	// replication. Same account and region as Leader.
	Follower *streamtoopensearch.StreamToOpenSearch
	// ConnectionAlias names the connection (the leader_alias of the
	// replication API), 3 to 100 of a-z A-Z 0-9 _ -, starting with a letter.
	// @default "leader"
	ConnectionAlias *string
	// Indices of the leader to follow now (follower indices get the same
	// names).
	// @default none
	Indices []string
	// AutoFollowPattern: leader indices matching it, present and new, are
	// followed ("" for no rule).
	// @default the leader's Firehose indices, "<IndexName>*"
	AutoFollowPattern *string
	// AutoFollowRuleName names the rule.
	// @default "<alias>-rule"
	AutoFollowRuleName *string
}
