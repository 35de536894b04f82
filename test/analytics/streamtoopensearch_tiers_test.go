package analytics_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsopensearchservice"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/constructs/opensearchreplication"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

const (
	streamtoopensearchTiersStack = "OpenSearchTiers"
	streamtoopensearchTiersAdmin = "arn:aws:iam::111111111111:role/search-admins"
	streamtoopensearchCustomIsm  = `{"policy":{"description":"read-only after a day, delete after 30","default_state":"hot",
 "states":[{"name":"hot","actions":[],"transitions":[{"state_name":"ro","conditions":{"min_index_age":"1d"}}]},
  {"name":"ro","actions":[{"read_only":{}},{"replica_count":{"number_of_replicas":1}}],"transitions":[{"state_name":"gone","conditions":{"min_index_age":"30d"}}]},
  {"name":"gone","actions":[{"delete":{}}],"transitions":[]}],
 "ism_template":[{"index_patterns":["replica-weblogs*"],"priority":100}]}}`
)

var streamtoopensearchTiersEnv = &awscdk.Environment{Account: jsii.String("111111111111"), Region: jsii.String("eu-west-1")}

// One stack: a leader with every tier and security option (tiers, ISM with
// deletion, snapshots, new Cognito pools), a follower with its own ISM
// policy and existing pools, and the replication between them.
var streamtoopensearchTiersConfig = testkit.Register("streamtoopensearch-tiers", nil, func(app constructs.Construct) {
	stack := awscdk.NewStack(app, jsii.String(streamtoopensearchTiersStack), &awscdk.StackProps{Env: streamtoopensearchTiersEnv})
	leader := streamtoopensearch.New(stack, "Weblogs", &streamtoopensearch.Props{
		IndexName:     jsii.String("weblogs"),
		WarmNodes:     jsii.Number(2),
		ColdStorage:   jsii.Bool(true),
		AdminRoleArns: []*string{jsii.String(streamtoopensearchTiersAdmin)},
		Ism:           &streamtoopensearch.Ism{DeleteAfter: awscdk.Duration_Days(jsii.Number(365))},
		Snapshots:     &streamtoopensearch.Snapshots{},
		Cognito:       &streamtoopensearch.Cognito{},
		CreateAlarms:  jsii.Bool(false),
	})
	follower := streamtoopensearch.New(stack, "Replica", &streamtoopensearch.Props{
		IndexName:     jsii.String("replica-weblogs"),
		DocumentsAsIs: jsii.Bool(true),
		Ism:           &streamtoopensearch.Ism{PolicyJSON: jsii.String(streamtoopensearchCustomIsm), PolicyID: jsii.String("replica-lifecycle")},
		Cognito: &streamtoopensearch.Cognito{UserPoolID: jsii.String("eu-west-1_AbCdEfGhI"), IdentityPoolID: jsii.String("eu-west-1:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
			AuthenticatedRoleArn: jsii.String("arn:aws:iam::111111111111:role/dashboards-users")},
		CreateAlarms: jsii.Bool(false),
	})
	opensearchreplication.New(stack, "WeblogsReplica", &opensearchreplication.Props{
		Leader: leader, Follower: follower, Indices: []string{"weblogs-2026-12-01"},
	})
})

// streamtoopensearchByType returns the resources of typ whose path starts with prefix.
func streamtoopensearchByType(st *testkit.Stack, typ, prefix string) []map[string]any {
	var out []map[string]any
	for _, r := range st.Resources(typ) {
		if md, ok := r["Metadata"].(map[string]any); ok && strings.HasPrefix(md["aws:cdk:path"].(string), prefix) {
			out = append(out, r)
		}
	}
	return out
}

func TestStreamtoopensearchTiers(t *testing.T) {
	st := streamtoopensearchTiersConfig().Stack(t, streamtoopensearchTiersStack)
	p := streamtoopensearchTiersStack + "/Weblogs/"
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", p+"Domain/Resource")
	dp := testkit.Props(domain)
	cc := dp["ClusterConfig"].(map[string]any)
	require.Equal(t, true, cc["WarmEnabled"])
	require.EqualValues(t, 2, cc["WarmCount"])
	require.Equal(t, "ultrawarm1.medium.search", cc["WarmType"])
	require.Equal(t, map[string]any{"Enabled": true}, cc["ColdStorageOptions"])
	require.Equal(t, true, cc["DedicatedMasterEnabled"])

	// The generated ISM policy: hot → warm 7d → cold 30d → cold_delete 365d.
	_, ism := st.ByPath(t, "Custom::OpenSearchIsmPolicy", p+"IsmPolicy/Default")
	ip := testkit.Props(ism)
	require.Equal(t, "weblogs-lifecycle", ip["PolicyId"])
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(ip["Policy"].(string)), &doc))
	require.Empty(t, streamtoopensearch.CheckIsmPolicy(ip["Policy"].(string)))
	require.JSONEq(t, `{"policy":{"default_state":"hot",
		"description":"Managed by CloudFormation (cdk-data-patterns streamtoopensearch): hot, UltraWarm after 7d, cold after 30d, deleted after 365d",
		"ism_template":[{"index_patterns":["weblogs*"],"priority":100}],
		"states":[
		 {"name":"hot","actions":[],"transitions":[{"state_name":"warm","conditions":{"min_index_age":"7d"}}]},
		 {"name":"warm","actions":[{"warm_migration":{}}],"transitions":[{"state_name":"cold","conditions":{"min_index_age":"30d"}}]},
		 {"name":"cold","actions":[{"cold_migration":{"timestamp_field":"@timestamp"}}],"transitions":[{"state_name":"delete","conditions":{"min_index_age":"365d"}}]},
		 {"name":"delete","actions":[{"cold_delete":{}}],"transitions":[]}]}}`, ip["Policy"].(string))

	// Admins are cold managers; the access function may call ISM, snapshot
	// and (on the follower) replication paths only.
	_, cold := st.ByPath(t, "Custom::OpenSearchRoleMembers", p+"ColdManagers/Default")
	require.Equal(t, "cold_manager", testkit.Props(cold)["RoleName"])
	require.Contains(t, testkit.Props(cold)["BackendRoles"], streamtoopensearchTiersAdmin)
	policies, _ := json.Marshal(streamtoopensearchByType(st, "AWS::IAM::Policy", p+"Access/"))
	for _, path := range []string{"/_plugins/_ism/*", "/_snapshot/*", "/_plugins/_security/api/*", "iam:PassRole"} {
		require.Contains(t, string(policies), path)
	}
	require.NotContains(t, string(policies), "_replication", "the leader's function starts no replication")
}

func TestStreamtoopensearchSnapshotsAndCognito(t *testing.T) {
	st := streamtoopensearchTiersConfig().Stack(t, streamtoopensearchTiersStack)
	p := streamtoopensearchTiersStack + "/Weblogs/"
	_, repo := st.ByPath(t, "Custom::OpenSearchSnapshotRepository", p+"SnapshotRepository/Default")
	rp := testkit.Props(repo)
	require.Equal(t, "manual", rp["RepositoryName"])
	require.Equal(t, "snapshots", rp["BasePath"])
	_, role := st.ByPath(t, "AWS::IAM::Role", p+"SnapshotRole/Resource")
	trust, _ := json.Marshal(testkit.Props(role)["AssumeRolePolicyDocument"])
	require.Contains(t, string(trust), `"Service":"es.amazonaws.com"`)
	require.Contains(t, string(trust), "aws:SourceArn")
	require.Len(t, streamtoopensearchByType(st, "AWS::S3::Bucket", p+"Snapshots/"), 2, "the securebucket and its access-log bucket")

	// Cognito: new pools, MFA required, no unauthenticated identities, the
	// domain's CognitoOptions, signed-in users mapped read-only.
	_, pool := st.ByPath(t, "AWS::Cognito::UserPool", p+"Cognito/UserPool/Resource")
	require.Equal(t, "ON", testkit.Props(pool)["MfaConfiguration"])
	_, idp := st.ByPath(t, "AWS::Cognito::IdentityPool", p+"Cognito/IdentityPool")
	require.Equal(t, false, testkit.Props(idp)["AllowUnauthenticatedIdentities"])
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", p+"Domain/Resource")
	co := testkit.Props(domain)["CognitoOptions"].(map[string]any)
	require.Equal(t, true, co["Enabled"])
	for _, k := range []string{"UserPoolId", "IdentityPoolId", "RoleArn"} {
		require.NotNil(t, co[k], k)
	}
	_, read := st.ByPath(t, "Custom::OpenSearchRoleMembers", p+"CognitoUsersRead/Default")
	require.Equal(t, "readall", testkit.Props(read)["RoleName"])

	// Existing pools on the follower: only the role OpenSearch assumes.
	f := streamtoopensearchTiersStack + "/Replica/"
	require.Empty(t, streamtoopensearchByType(st, "AWS::Cognito::UserPool", f))
	_, fd := st.ByPath(t, "AWS::OpenSearchService::Domain", f+"Domain/Resource")
	require.Equal(t, "eu-west-1_AbCdEfGhI", testkit.Props(fd)["CognitoOptions"].(map[string]any)["UserPoolId"])
	_, osRole := st.ByPath(t, "AWS::IAM::Policy", f+"Cognito/OpenSearchRole/DefaultPolicy/Resource")
	doc, _ := json.Marshal(testkit.Props(osRole))
	require.Contains(t, string(doc), "userpool/eu-west-1_AbCdEfGhI")
	require.Contains(t, string(doc), "arn:aws:iam::111111111111:role/dashboards-users")
	_, users := st.ByPath(t, "Custom::OpenSearchRoleMembers", f+"CognitoUsersDashboards/Default")
	require.Equal(t, "kibana_user", testkit.Props(users)["RoleName"])
	require.Equal(t, "arn:aws:iam::111111111111:role/dashboards-users", testkit.Props(users)["BackendRoles"], "the given authenticated role is mapped")
}

func TestStreamtoopensearchCustomIsm(t *testing.T) {
	st := streamtoopensearchTiersConfig().Stack(t, streamtoopensearchTiersStack)
	f := streamtoopensearchTiersStack + "/Replica/"
	_, ism := st.ByPath(t, "Custom::OpenSearchIsmPolicy", f+"IsmPolicy/Default")
	require.Equal(t, "replica-lifecycle", testkit.Props(ism)["PolicyId"])
	require.Equal(t, streamtoopensearchCustomIsm, testkit.Props(ism)["Policy"])
	_, domain := st.ByPath(t, "AWS::OpenSearchService::Domain", f+"Domain/Resource")
	require.Nil(t, testkit.Props(domain)["ClusterConfig"].(map[string]any)["WarmEnabled"])
}

func TestStreamtoopensearchTiersRejected(t *testing.T) {
	bad := func(policy string) *streamtoopensearch.Props {
		return &streamtoopensearch.Props{Ism: &streamtoopensearch.Ism{PolicyJSON: jsii.String(policy)}}
	}
	cases := []struct {
		name    string
		sandbox bool
		props   *streamtoopensearch.Props
		wants   []string
	}{
		{"ISM policy that does not parse", false, bad(`{"policy": {"states": [`),
			[]string{"streamtoopensearch Bad/Search: invalid props", "Ism.PolicyJSON = does not parse: unexpected EOF"}},
		{"ISM policy without states", false, bad(`{"policy": {"default_state": "hot", "states": []}}`),
			[]string{"Ism.PolicyJSON = policy.states is empty"}},
		{"ISM policy naming no states, unknown actions", false,
			bad(`{"policy": {"default_state": "warm", "states": [{"name": "hot", "actions": [{"explode": {}}], "transitions": [{"state_name": "gone"}]}]}}`),
			[]string{`Ism.PolicyJSON = default_state "warm" names no state`, `Ism.PolicyJSON = state "hot": unknown action "explode"`, `Ism.PolicyJSON = state "hot": transition to "gone", which is no state`}},
		{"ISM migrations without tiers", false,
			bad(`{"policy": {"default_state": "hot", "states": [{"name": "hot", "actions": [{"warm_migration": {}}, {"cold_migration": {}}]}]}}`),
			[]string{"Ism.PolicyJSON = warm_migration: only with UltraWarm", "Ism.PolicyJSON = cold_migration/cold_delete: only with ColdStorage"}},
		{"cold without UltraWarm, warm instance type without nodes", false,
			&streamtoopensearch.Props{ColdStorage: jsii.Bool(true), WarmInstanceType: jsii.String("r7g.large.search"), WarmNodes: jsii.Number(1)},
			[]string{"WarmNodes = 1: 0 (no UltraWarm) or 2 to 150", "WarmInstanceType = r7g.large.search: ultrawarm1.medium.search or ultrawarm1.large.search"}},
		{"cold without UltraWarm", false, &streamtoopensearch.Props{ColdStorage: jsii.Bool(true)},
			[]string{"ColdStorage = true: only with UltraWarm"}},
		{"UltraWarm on T3 data nodes without masters", false,
			&streamtoopensearch.Props{WarmNodes: jsii.Number(2), DataNodeInstanceType: jsii.String("t3.medium.search"), MasterNodes: jsii.Number(0)},
			[]string{"DataNodeInstanceType = t3.medium.search: not a T2 or T3 instance with UltraWarm"}},
		{"UltraWarm in a sandbox-sized domain", true, &streamtoopensearch.Props{WarmNodes: jsii.Number(2), DataNodeInstanceType: jsii.String("r7g.large.search")},
			[]string{"MasterNodes = 0: 3 or 5 with UltraWarm (WarmNodes) and cold storage: both require dedicated master nodes (give MasterNodes in a sandbox)"}},
		{"ISM that does nothing, ages out of order", false,
			&streamtoopensearch.Props{Ism: &streamtoopensearch.Ism{WarmAfter: awscdk.Duration_Days(jsii.Number(3)), PolicyID: jsii.String("Bad Id")}},
			[]string{"Ism = no tiers and no DeleteAfter", "Ism.WarmAfter = 3 days: only with WarmNodes", "Ism.PolicyID = Bad Id"}},
		{"delete before cold", false,
			&streamtoopensearch.Props{WarmNodes: jsii.Number(2), ColdStorage: jsii.Bool(true), Ism: &streamtoopensearch.Ism{ColdAfter: awscdk.Duration_Days(jsii.Number(5)), DeleteAfter: awscdk.Duration_Days(jsii.Number(6))}},
			[]string{"Ism.ColdAfter = 120 hours: later than WarmAfter (168 hours)", "Ism.DeleteAfter = 144 hours: later than WarmAfter and ColdAfter"}},
		{"snapshots and Cognito half given", false,
			&streamtoopensearch.Props{Snapshots: &streamtoopensearch.Snapshots{RepositoryName: jsii.String("cs-automated")},
				Cognito:     &streamtoopensearch.Cognito{UserPoolID: jsii.String("eu-west-1_x")},
				DomainProps: &awsopensearchservice.DomainProps{CognitoDashboardsAuth: &awsopensearchservice.CognitoOptions{}}},
			[]string{"Snapshots.RepositoryName = cs-automated", "Cognito = UserPoolID/IdentityPoolID/AuthenticatedRoleArn partly given", "DomainProps.CognitoDashboardsAuth = set"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := map[string]any(nil)
			if c.sandbox {
				ctx = map[string]any{"sandbox": true}
			}
			testkit.MustPanic(t, func() {
				stack := awscdk.NewStack(testkit.NewApp(t.TempDir(), ctx), jsii.String("Bad"), &awscdk.StackProps{Env: streamtoopensearchTiersEnv})
				streamtoopensearch.New(stack, "Search", c.props)
			}, c.wants...)
		})
	}
}

// DocumentsAsIs: the follower's Firehose delivers records unchanged, with
// no processor function, no invoke grant and no processing configuration.
func TestStreamtoopensearchDocumentsAsIs(t *testing.T) {
	st := streamtoopensearchTiersConfig().Stack(t, streamtoopensearchTiersStack)
	_, leader := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", streamtoopensearchTiersStack+"/Weblogs/DeliveryStream")
	_, follower := st.ByPath(t, "AWS::KinesisFirehose::DeliveryStream", streamtoopensearchTiersStack+"/Replica/DeliveryStream")
	dest := func(r map[string]any) map[string]any {
		return testkit.Props(r)["AmazonopensearchserviceDestinationConfiguration"].(map[string]any)
	}
	if _, ok := dest(leader)["ProcessingConfiguration"]; !ok {
		t.Error("the leader lost its processor")
	}
	if pc, ok := dest(follower)["ProcessingConfiguration"]; ok {
		t.Errorf("as-is delivery has ProcessingConfiguration %s", testkit.JSON(pc))
	}
	if fns := streamtoopensearchByType(st, "AWS::Lambda::Function", streamtoopensearchTiersStack+"/Replica/Shaper/"); len(fns) != 0 {
		t.Errorf("as-is delivery created the shaper function")
	}
	_, pol := st.ByPathPrefix(t, "AWS::IAM::Policy", streamtoopensearchTiersStack+"/Replica/Role/DefaultPolicy")
	if doc := testkit.JSON(testkit.Props(pol)["PolicyDocument"]); strings.Contains(doc, "lambda:InvokeFunction") {
		t.Errorf("as-is delivery role may invoke a function: %s", doc)
	}
	testkit.MustPanic(t, func() {
		app := awscdk.NewApp(nil)
		s := awscdk.NewStack(app, jsii.String("Bad"), nil)
		fn := awslambda.Function_FromFunctionArn(s, jsii.String("Fn"), jsii.String("arn:aws:lambda:eu-west-1:111111111111:function:shape"))
		streamtoopensearch.New(s, "Search", &streamtoopensearch.Props{Processor: fn, DocumentsAsIs: jsii.Bool(true)})
	}, "streamtoopensearch Bad/Search: invalid props", "DocumentsAsIs = true: false with a Processor")
}
