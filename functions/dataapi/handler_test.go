package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	atypes "github.com/aws/aws-sdk-go-v2/service/athena/types"
	rtypes "github.com/aws/aws-sdk-go-v2/service/redshiftdata/types"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

func loadEvent(t testing.TB, name string) events.APIGatewayProxyRequest {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var ev events.APIGatewayProxyRequest
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func decode(t testing.TB, r events.APIGatewayProxyResponse) Response {
	t.Helper()
	if r.StatusCode != 200 {
		t.Fatalf("status %d: %s", r.StatusCode, r.Body)
	}
	var out Response
	if err := json.Unmarshal([]byte(r.Body), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// withToken is ev asking for the page of token.
func withToken(ev events.APIGatewayProxyRequest, token string) events.APIGatewayProxyRequest {
	mv := map[string][]string{}
	for k, v := range ev.MultiValueQueryStringParameters {
		mv[k] = v
	}
	mv[query.PageTokenKey] = []string{token}
	ev.MultiValueQueryStringParameters = mv
	return ev
}

func TestAthenaPagesThroughOneExecution(t *testing.T) {
	fa := &fakeAthena{Rows: 5}
	api := newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	ev := loadEvent(t, "orders_iam.json")
	ctx := context.Background()
	var ids []any
	token := ""
	for page := 0; ; page++ {
		e := ev
		if token != "" {
			e = withToken(ev, token)
		}
		r, err := api.Handle(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		out := decode(t, r)
		if got := strings.Join(out.Columns, ","); got != "id,customer,amount" {
			t.Errorf("columns %s", got)
		}
		if len(out.Rows) > 2 {
			t.Fatalf("page %d has %d rows, page_size is 2", page, len(out.Rows))
		}
		for _, row := range out.Rows {
			ids = append(ids, row[0])
			if row[2] != nil {
				t.Errorf("NULL amount = %v", row[2])
			}
		}
		token = out.NextPageToken
		if token == "" {
			break
		}
		if page > 5 {
			t.Fatal("no end")
		}
	}
	if got, _ := json.Marshal(ids); string(got) != "[1,2,3,4,5]" {
		t.Errorf("ids %s (the header row must not be a row)", got)
	}
	if len(fa.Started) != 1 {
		t.Fatalf("%d executions, want 1 (pages read the stored result)", len(fa.Started))
	}
	in := fa.Started[0]
	if got := aws.ToString(in.QueryString); got != "SELECT id, customer, amount FROM orders WHERE customer_id = ? AND order_date BETWEEN ? AND ? AND amount >= ? ORDER BY id" {
		t.Errorf("QueryString %q", got)
	}
	if got := strings.Join(in.ExecutionParameters, "|"); got != "'C-1042'|CAST('2026-01-01' AS DATE)|CAST('2026-03-31' AS DATE)|0" {
		t.Errorf("ExecutionParameters %s", got)
	}
	if aws.ToString(in.WorkGroup) != "wg" || aws.ToString(in.QueryExecutionContext.Database) != "sales" || aws.ToString(in.QueryExecutionContext.Catalog) != "AwsDataCatalog" {
		t.Errorf("target %+v", in)
	}
	if in.ResultReuseConfiguration != nil {
		t.Errorf("result reuse without ReuseMinutes")
	}
}

func TestAthenaQuotesStringsAndReusesResults(t *testing.T) {
	fa := &fakeAthena{Rows: 1}
	api := newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales", ReuseMinutes: 15})
	ev := loadEvent(t, "orders_iam.json")
	ev.MultiValueQueryStringParameters["customer_id"] = []string{"O'Brien"}
	ev.MultiValueQueryStringParameters["min_amount"] = []string{"0250"}
	decode(t, must(api.Handle(context.Background(), ev)))
	in := fa.Started[0]
	if got := in.ExecutionParameters[0]; got != "'O''Brien'" {
		t.Errorf("string parameter %s", got)
	}
	if got := in.ExecutionParameters[3]; got != "250" {
		t.Errorf("int parameter %s, want the canonical digits", got)
	}
	if r := in.ResultReuseConfiguration; r == nil || !r.ResultReuseByAgeConfiguration.Enabled || aws.ToInt32(r.ResultReuseByAgeConfiguration.MaxAgeInMinutes) != 15 {
		t.Errorf("ResultReuseConfiguration %+v", r)
	}
}

func must(r events.APIGatewayProxyResponse, err error) events.APIGatewayProxyResponse {
	if err != nil {
		panic(err)
	}
	return r
}

func TestRedshiftNamedParametersAndPagesInsideEnginePages(t *testing.T) {
	fr := &fakeRedshift{Rows: 17, EnginePage: 7}
	api := newTestAPI(t, query.Redshift, &Redshift{API: fr, WorkgroupName: "analytics", Database: "dev"})
	ev := loadEvent(t, "orders_iam.json")
	ev.MultiValueQueryStringParameters["page_size"] = []string{"3"}
	var ids []int64
	token := ""
	for i := 0; i < 20; i++ {
		e := ev
		if token != "" {
			e = withToken(ev, token)
		}
		out := decode(t, must(api.Handle(context.Background(), e)))
		for _, row := range out.Rows {
			ids = append(ids, int64(row[0].(float64)))
		}
		if token = out.NextPageToken; token == "" {
			break
		}
	}
	if len(ids) != 17 || ids[0] != 1 || ids[16] != 17 || !slices.IsSorted(ids) {
		t.Errorf("ids %v", ids)
	}
	if len(fr.Executed) != 1 {
		t.Fatalf("%d statements", len(fr.Executed))
	}
	in := fr.Executed[0]
	if got := aws.ToString(in.Sql); got != ordersQuery().SQL {
		t.Errorf("Sql %q", got)
	}
	var ps []string
	for _, p := range in.Parameters {
		ps = append(ps, aws.ToString(p.Name)+"="+aws.ToString(p.Value))
	}
	if got := strings.Join(ps, " "); got != "customer_id=C-1042 from=2026-01-01 to=2026-03-31 min_amount=0" {
		t.Errorf("Parameters %s", got)
	}
	if aws.ToString(in.WorkgroupName) != "analytics" || in.ClusterIdentifier != nil || aws.ToString(in.Database) != "dev" || aws.ToString(in.StatementName) != "dataapi-orders" {
		t.Errorf("target %+v", in)
	}
}

func TestCognitoCallerAndQueryWithoutParameters(t *testing.T) {
	fr := &fakeRedshift{Rows: 2, EnginePage: 100}
	api := newTestAPI(t, query.Redshift, &Redshift{API: fr, ClusterIdentifier: "dw", DbUser: "api_reader", Database: "dev"})
	ev := loadEvent(t, "top_cognito.json")
	if got := caller(ev); got != "cognito:7d4e2f10-1111-4222-8333-944455556666" {
		t.Errorf("caller %q", got)
	}
	out := decode(t, must(api.Handle(context.Background(), ev)))
	if len(out.Rows) != 2 || out.NextPageToken != "" {
		t.Errorf("%+v", out)
	}
	if in := fr.Executed[0]; in.Parameters != nil || aws.ToString(in.DbUser) != "api_reader" || aws.ToString(in.ClusterIdentifier) != "dw" {
		t.Errorf("%+v", in)
	}
}

func TestPageTokensAreBound(t *testing.T) {
	fa := &fakeAthena{Rows: 50}
	api := newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	ev := loadEvent(t, "orders_iam.json")
	ctx := context.Background()
	token := decode(t, must(api.Handle(ctx, ev))).NextPageToken
	if token == "" {
		t.Fatal("no token")
	}
	// The token works for the same request.
	decode(t, must(api.Handle(ctx, withToken(ev, token))))

	payload, sig, _ := strings.Cut(token, ".")
	other := loadEvent(t, "orders_iam.json")
	other.MultiValueQueryStringParameters["customer_id"] = []string{"C-9999"}
	otherCaller := loadEvent(t, "orders_iam.json")
	otherCaller.RequestContext.Identity.UserArn = "arn:aws:sts::111122223333:assumed-role/Other/x"
	otherSize := loadEvent(t, "orders_iam.json")
	otherSize.MultiValueQueryStringParameters["page_size"] = []string{"3"}
	top := loadEvent(t, "top_cognito.json")
	cases := map[string]events.APIGatewayProxyRequest{
		"other parameters": withToken(other, token),
		"other caller":     withToken(otherCaller, token),
		"other page size":  withToken(otherSize, token),
		"other query":      withToken(top, token),
		"forged payload":   withToken(ev, strings.Replace(payload, "e", "f", 1)+"."+sig),
		"no signature":     withToken(ev, payload),
		"short signature":  withToken(ev, payload+"."+sig[:10]),
		"not base64":       withToken(ev, "!!!.???"),
		"huge":             withToken(ev, strings.Repeat("a", maxTokenLength+1)),
		"other key's token": withToken(ev, func() string {
			s, _ := seal(ctx, LocalMAC("other"), Cursor{Query: "orders", ID: "exec-1", Expires: time.Now().Add(time.Hour).Unix()})
			return s
		}()),
		"signed but foreign": withToken(ev, func() string {
			s, _ := seal(ctx, api.MAC, Cursor{Query: "orders", ID: "exec-1", Bind: "x", Expires: time.Now().Add(time.Hour).Unix()})
			return s
		}()),
	}
	for name, e := range cases {
		r := must(api.Handle(ctx, e))
		if r.StatusCode != 400 || !strings.Contains(r.Body, "page_token is not a token of this API") {
			t.Errorf("%s: %d %s", name, r.StatusCode, r.Body)
		}
	}
	// Expired.
	api.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if r := must(api.Handle(ctx, withToken(ev, token))); r.StatusCode != 400 {
		t.Errorf("expired token: %d %s", r.StatusCode, r.Body)
	}
	if len(fa.Started) != 1 {
		t.Errorf("%d executions", len(fa.Started))
	}
}

func TestBadRequests(t *testing.T) {
	fa := &fakeAthena{Rows: 1}
	api := newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	cases := []struct {
		name   string
		edit   func(*events.APIGatewayProxyRequest)
		status int
		want   string
	}{
		{"unknown parameter", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["sql"] = []string{"DROP TABLE x"}
		}, 400, `unknown parameter \"sql\": orders takes customer_id, from, to, min_amount`},
		{"repeated parameter", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["from"] = []string{"2026-01-01", "2026-01-02"}
		}, 400, "parameter from given 2 times"},
		{"missing parameter", func(e *events.APIGatewayProxyRequest) { delete(e.MultiValueQueryStringParameters, "customer_id") }, 400, "parameter customer_id is required"},
		{"pattern", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["customer_id"] = []string{"x' OR 1=1 --"}
		}, 400, "does not match"},
		{"control character", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["customer_id"] = []string{"a\nb"}
		}, 400, "control characters"},
		{"too long", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["customer_id"] = []string{strings.Repeat("a", 300)}
		}, 400, "length 300: 1 to 256 bytes"},
		{"bad date", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["to"] = []string{"2026-02-30"}
		}, 400, `parameter to: \"2026-02-30\" is not a date YYYY-MM-DD`},
		{"int bounds", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["min_amount"] = []string{"-1"}
		}, 400, "-1 is outside 0 to 1000000"},
		{"int syntax", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["min_amount"] = []string{"1 OR 1=1"}
		}, 400, "is not a decimal integer"},
		{"page size", func(e *events.APIGatewayProxyRequest) {
			e.MultiValueQueryStringParameters["page_size"] = []string{"1000"}
		}, 400, "page_size: a whole number from 1 to 100"},
		{"unknown resource", func(e *events.APIGatewayProxyRequest) { e.Resource = "/customers" }, 404, "no such resource"},
		{"method", func(e *events.APIGatewayProxyRequest) { e.HTTPMethod = "POST" }, 405, "GET only"},
	}
	for _, c := range cases {
		ev := loadEvent(t, "orders_iam.json")
		c.edit(&ev)
		r := must(api.Handle(context.Background(), ev))
		if r.StatusCode != c.status || !strings.Contains(r.Body, c.want) {
			t.Errorf("%s: %d %s, want %d %s", c.name, r.StatusCode, r.Body, c.status, c.want)
		}
		if r.Headers["Content-Type"] != "application/json" || r.Headers["Cache-Control"] != "no-store" {
			t.Errorf("%s: headers %v", c.name, r.Headers)
		}
	}
	if len(fa.Started) != 0 {
		t.Errorf("a bad request ran %d queries", len(fa.Started))
	}
}

func TestFailedAndSlowQueries(t *testing.T) {
	ctx := context.Background()
	fa := &fakeAthena{Rows: 1, State: atypes.QueryExecutionStateFailed}
	api := newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	r := must(api.Handle(ctx, loadEvent(t, "orders_iam.json")))
	if r.StatusCode != 502 || !strings.Contains(r.Body, `"queryId":"exec-1"`) || strings.Contains(r.Body, "SYNTAX_ERROR") {
		t.Errorf("failed query: %d %s (the engine's message is logged, not returned)", r.StatusCode, r.Body)
	}

	fr := &fakeRedshift{Status: rtypes.StatusStringStarted}
	api = newTestAPI(t, query.Redshift, &Redshift{API: fr, WorkgroupName: "wg", Database: "dev"})
	dctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	r = must(api.Handle(dctx, loadEvent(t, "orders_iam.json")))
	if r.StatusCode != 503 || r.Headers["Retry-After"] != "30" {
		t.Errorf("slow query: %d %s %v", r.StatusCode, r.Body, r.Headers)
	}

	// A query running for a few polls then succeeding is waited for.
	fa = &fakeAthena{Rows: 1, Running: 3}
	api = newTestAPI(t, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	var slept []time.Duration
	api.Sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	decode(t, must(api.Handle(ctx, loadEvent(t, "orders_iam.json"))))
	if len(slept) != 3 || slept[0] != 200*time.Millisecond || slept[2] != 800*time.Millisecond {
		t.Errorf("backoff %v", slept)
	}
}

func TestConfigFromEnv(t *testing.T) {
	spec, _ := json.Marshal(testSpec(query.Athena))
	env := map[string]string{"SPEC": string(spec), "MAC_KEY_ID": "arn:aws:kms:eu-west-1:111122223333:key/x", "ATHENA_WORKGROUP": "wg", "DATABASE": "sales", "ATHENA_REUSE_MINUTES": "10"}
	c, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil || c.Catalog != "AwsDataCatalog" || c.ReuseMinutes != 10 || len(c.Spec.Queries) != 2 {
		t.Errorf("%+v %v", c, err)
	}
	for k, want := range map[string]string{"SPEC": "SPEC", "MAC_KEY_ID": "MAC_KEY_ID is empty", "ATHENA_WORKGROUP": "ATHENA_WORKGROUP is empty", "DATABASE": "DATABASE is empty"} {
		saved := env[k]
		env[k] = ""
		if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("without %s: %v", k, err)
		}
		env[k] = saved
	}
	rs, _ := json.Marshal(testSpec(query.Redshift))
	env = map[string]string{"SPEC": string(rs), "MAC_KEY_ID": "k", "DATABASE": "dev", "CLUSTER_IDENTIFIER": "a", "REDSHIFT_WORKGROUP": "b"}
	if _, err := ConfigFromEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "one of CLUSTER_IDENTIFIER") {
		t.Errorf("cluster and workgroup: %v", err)
	}
	bad := testSpec(query.Athena)
	bad.MaxPageSize = 5000
	bad.Queries = append(bad.Queries, query.Query{Name: "x", SQL: "DELETE FROM t"})
	if _, err := NewAPI(bad, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "page sizes") || !strings.Contains(err.Error(), `starts with "DELETE"`) {
		t.Errorf("NewAPI: %v", err)
	}
}
