package main

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

var (
	athenaIntRE  = regexp.MustCompile(`^-?[0-9]+$`)
	athenaDateRE = regexp.MustCompile(`^CAST\('[0-9]{4}-[0-9]{2}-[0-9]{2}' AS DATE\)$`)
)

// athenaString reports whether p is one single-quoted SQL string literal
// (inner quotes doubled) and returns its value.
func athenaString(p string) (string, bool) {
	if len(p) < 2 || p[0] != '\'' || p[len(p)-1] != '\'' {
		return "", false
	}
	inner := p[1 : len(p)-1]
	if strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
		return "", false
	}
	return strings.ReplaceAll(inner, "''", "'"), true
}

// FuzzHandler is the injection check: arbitrary query strings (seeded with
// injection attempts) go through the real handler to fake engines. Whatever
// the input, the SQL text each engine receives is exactly the compiled
// template, and every parameter is a value of its declared type: Athena's
// an int's digits, a CAST date or one quoted string literal whose value
// matches the declared pattern; Redshift's the canonical text by name.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{
		"customer_id=C-1042&from=2026-01-01&to=2026-03-31",
		"customer_id=x'%20OR%201=1%20--&from=2026-01-01&to=2026-03-31",
		"customer_id=O'Brien&from=2026-01-01&to=2026-03-31&min_amount=5",
		"customer_id=a&from=2026-01-01'); DROP TABLE orders; --&to=2026-03-31",
		"customer_id=a&from=2026-01-01&to=2026-03-31&min_amount=1%20OR%201=1",
		"customer_id=a&customer_id=b&from=2026-01-01&to=2026-03-31",
		"customer_id=%00&from=2026-01-01&to=2026-03-31&page_size=0",
		"customer_id=''''&from=2026-01-01&to=2026-03-31&page_token=abc.def",
		"sql=SELECT%201",
		"",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	fa := &fakeAthena{Rows: 3}
	fr := &fakeRedshift{Rows: 3, EnginePage: 2}
	athenaAPI := newTestAPI(f, query.Athena, &Athena{API: fa, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	redshiftAPI := newTestAPI(f, query.Redshift, &Redshift{API: fr, WorkgroupName: "wg", Database: "dev"})
	athenaText := athenaAPI.Queries["/orders"].Text
	customerRE := regexp.MustCompile(`^(?:` + ordersQuery().Params[0].Pattern + `)$`)
	f.Fuzz(func(t *testing.T, raw string, redshift bool) {
		values, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		ev := events.APIGatewayProxyRequest{Resource: "/orders", HTTPMethod: "GET", MultiValueQueryStringParameters: values}
		ev.RequestContext.Identity.UserArn = "arn:aws:sts::111122223333:assumed-role/A/a"
		api := athenaAPI
		if redshift {
			api = redshiftAPI
		}
		fa.Started, fr.Executed = nil, nil
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		r, err := api.Handle(ctx, ev)
		if err != nil {
			t.Fatal(err)
		}
		if r.StatusCode != 200 && r.StatusCode != 400 {
			t.Fatalf("status %d: %s", r.StatusCode, r.Body)
		}
		if !json.Valid([]byte(r.Body)) {
			t.Fatalf("body is not JSON: %q", r.Body)
		}
		for _, in := range fa.Started {
			if got := aws.ToString(in.QueryString); got != athenaText {
				t.Fatalf("SQL sent to Athena %q, want the template %q", got, athenaText)
			}
			p := in.ExecutionParameters
			if len(p) != 4 {
				t.Fatalf("%d execution parameters", len(p))
			}
			s, ok := athenaString(p[0])
			if !ok || !customerRE.MatchString(s) {
				t.Fatalf("customer_id parameter %q is not one quoted literal matching the pattern", p[0])
			}
			if !athenaDateRE.MatchString(p[1]) || !athenaDateRE.MatchString(p[2]) {
				t.Fatalf("date parameters %q %q", p[1], p[2])
			}
			if !athenaIntRE.MatchString(p[3]) {
				t.Fatalf("int parameter %q", p[3])
			}
			if n, _ := strconv.Atoi(p[3]); n < 0 || n > 1_000_000 {
				t.Fatalf("int parameter %q out of bounds", p[3])
			}
		}
		for _, in := range fr.Executed {
			if got := aws.ToString(in.Sql); got != ordersQuery().SQL {
				t.Fatalf("SQL sent to Redshift %q", got)
			}
			if len(in.Parameters) != 4 {
				t.Fatalf("%d parameters", len(in.Parameters))
			}
			names := []string{"customer_id", "from", "to", "min_amount"}
			for i, p := range in.Parameters {
				if aws.ToString(p.Name) != names[i] {
					t.Fatalf("parameter %d named %q", i, aws.ToString(p.Name))
				}
			}
			if !customerRE.MatchString(aws.ToString(in.Parameters[0].Value)) {
				t.Fatalf("customer_id %q", aws.ToString(in.Parameters[0].Value))
			}
			for _, i := range []int{1, 2} {
				if _, err := time.Parse(time.DateOnly, aws.ToString(in.Parameters[i].Value)); err != nil {
					t.Fatalf("date %q", aws.ToString(in.Parameters[i].Value))
				}
			}
			if !athenaIntRE.MatchString(aws.ToString(in.Parameters[3].Value)) {
				t.Fatalf("int %q", aws.ToString(in.Parameters[3].Value))
			}
		}
	})
}

// FuzzCompile: any template either fails to compile or compiles to a
// text whose placeholders are all declared, in a stable order.
func FuzzCompile(f *testing.F) {
	f.Add("SELECT * FROM t WHERE a = :a AND b = ':b' -- :c")
	f.Add("SELECT a::int FROM t WHERE a = :a /* ? */")
	f.Add("WITH x AS (SELECT \":a\") SELECT :a")
	f.Fuzz(func(t *testing.T, sql string) {
		q := query.Query{Name: "q", SQL: sql, Params: []query.Param{{Name: "a", Type: query.Date}}}
		c, err := query.Compile(q, query.Athena)
		if err != nil {
			return
		}
		if len(c.Order) == 0 {
			t.Fatalf("compiled without using :a: %q", sql)
		}
		for _, n := range c.Order {
			if n != "a" {
				t.Fatalf("placeholder %q", n)
			}
		}
		if strings.Count(c.Text, "?") < len(c.Order) {
			t.Fatalf("text %q has fewer ? than %d placeholders", c.Text, len(c.Order))
		}
		r, err := query.Compile(q, query.Redshift)
		if err != nil || r.Text != sql {
			t.Fatalf("redshift text %q differs from the template (%v)", r.Text, err)
		}
	})
}
