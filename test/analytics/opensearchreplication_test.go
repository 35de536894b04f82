package analytics_test

import (
	"encoding/json"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchreplication"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestOpensearchreplicationConnectionAndRules(t *testing.T) {
	st := streamtoopensearchTiersConfig().Stack(t, streamtoopensearchTiersStack)
	p := streamtoopensearchTiersStack + "/WeblogsReplica/"
	_, conn := st.ByPath(t, "Custom::AWS", p+"Connection/Resource/Default")
	create, _ := json.Marshal(testkit.Props(conn)["Create"])
	for _, want := range []string{"createOutboundConnection", `\"ConnectionAlias\":\"leader\"`, `\"ConnectionMode\":\"DIRECT\"`, "ConnectionId"} {
		require.Contains(t, string(create), want)
	}
	del, _ := json.Marshal(testkit.Props(conn)["Delete"])
	require.Contains(t, string(del), "deleteOutboundConnection")
	_, accept := st.ByPath(t, "Custom::AWS", p+"Accept/Resource/Default")
	acc, _ := json.Marshal(testkit.Props(accept)["Create"])
	require.Contains(t, string(acc), "acceptInboundConnection")

	_, leaderRoles := st.ByPath(t, "Custom::OpenSearchRoleMembers", streamtoopensearchTiersStack+"/Weblogs/ReplicationLeaderWeblogsReplica/Default")
	require.Equal(t, "cross_cluster_replication_leader_full_access", testkit.Props(leaderRoles)["RoleName"])
	_, followerRoles := st.ByPath(t, "Custom::OpenSearchRoleMembers", streamtoopensearchTiersStack+"/Replica/ReplicationFollowerWeblogsReplica/Default")
	require.Equal(t, "cross_cluster_replication_follower_full_access", testkit.Props(followerRoles)["RoleName"])
	rulesID, rules := st.ByPath(t, "Custom::OpenSearchReplication", streamtoopensearchTiersStack+"/Replica/ReplicationWeblogsReplica/Default")
	rp := testkit.Props(rules)
	require.Equal(t, "leader", rp["LeaderAlias"])
	require.Equal(t, "weblogs-2026-12-01", rp["Indices"])
	require.Equal(t, "weblogs*", rp["AutoFollowPattern"])
	require.Equal(t, "leader-rule", rp["AutoFollowRuleName"])
	deps, _ := json.Marshal(rules["DependsOn"])
	acceptID, _ := st.ByPath(t, "Custom::AWS", p+"Accept/Resource/Default")
	require.Contains(t, string(deps), acceptID, "replication starts after the connection is accepted")
	require.NotEmpty(t, rulesID)

	// The follower's access function may call the replication API.
	policies, _ := json.Marshal(streamtoopensearchByType(st, "AWS::IAM::Policy", streamtoopensearchTiersStack+"/Replica/Access/"))
	require.Contains(t, string(policies), "/_plugins/_replication/*")
}

func TestOpensearchreplicationRejected(t *testing.T) {
	cases := []struct {
		name   string
		leader *streamtoopensearch.Props
		props  func(l, f *streamtoopensearch.StreamToOpenSearch) *opensearchreplication.Props
		wants  []string
	}{
		{"no domains", nil, func(l, f *streamtoopensearch.StreamToOpenSearch) *opensearchreplication.Props { return nil },
			[]string{"opensearchreplication Bad/Replica: invalid props", "Leader/Follower = nil"}},
		{"itself, bad names", nil, func(l, f *streamtoopensearch.StreamToOpenSearch) *opensearchreplication.Props {
			return &opensearchreplication.Props{Leader: l, Follower: l, ConnectionAlias: jsii.String("x"), Indices: []string{"Weblogs", "a*"},
				AutoFollowPattern: jsii.String(""), AutoFollowRuleName: jsii.String("Bad Rule")}
		}, []string{"Follower = the Leader: another domain", "ConnectionAlias = x", "Indices = Weblogs", "Indices = a*", "AutoFollowRuleName = Bad Rule"}},
		{"older follower", &streamtoopensearch.Props{DomainProps: &awsopensearchservice.DomainProps{Version: awsopensearchservice.EngineVersion_OPENSEARCH_3_3()}},
			func(l, f *streamtoopensearch.StreamToOpenSearch) *opensearchreplication.Props {
				return &opensearchreplication.Props{Leader: l, Follower: f}
			}, []string{"Follower = OpenSearch_2.19: the leader's major version (3)"}},
		{"Elasticsearch leader", &streamtoopensearch.Props{DomainProps: &awsopensearchservice.DomainProps{Version: awsopensearchservice.EngineVersion_ELASTICSEARCH_7_10()}},
			func(l, f *streamtoopensearch.StreamToOpenSearch) *opensearchreplication.Props {
				return &opensearchreplication.Props{Leader: l, Follower: f}
			}, []string{"Leader/Follower = Elasticsearch_7.10/OpenSearch_2.19: OpenSearch engines"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.MustPanic(t, func() {
				app := testkit.NewApp(t.TempDir(), nil)
				stack := awscdk.NewStack(app, jsii.String("Bad"), &awscdk.StackProps{Env: streamtoopensearchTiersEnv})
				var l, f *streamtoopensearch.StreamToOpenSearch
				if c.leader != nil || c.name != "no domains" {
					l = streamtoopensearch.New(stack, "Leader", c.leader)
					f = streamtoopensearch.New(stack, "Follower", nil)
				}
				opensearchreplication.New(stack, "Replica", c.props(l, f))
			}, c.wants...)
		})
	}
}

func TestOpensearchreplicationOtherRegion(t *testing.T) {
	testkit.MustPanic(t, func() {
		app := testkit.NewApp(t.TempDir(), nil)
		l := streamtoopensearch.New(awscdk.NewStack(app, jsii.String("Leader"), &awscdk.StackProps{Env: streamtoopensearchTiersEnv}), "Leader", nil)
		fs := awscdk.NewStack(app, jsii.String("Follower"), &awscdk.StackProps{Env: &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")}})
		f := streamtoopensearch.New(fs, "Follower", nil)
		opensearchreplication.New(fs, "Replica", &opensearchreplication.Props{Leader: l, Follower: f})
	}, "Follower = in 111111111111/us-east-1, the leader in 111111111111/eu-west-1")
}
