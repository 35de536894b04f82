package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// BenchmarkHandlerFirstPage: one request that runs a query (check, bind,
// start, state, first page of 10 rows, sign the next-page token) against
// a fake Athena, in process.
func BenchmarkHandlerFirstPage(b *testing.B) {
	api := newTestAPI(b, query.Athena, &Athena{API: &fakeAthena{Rows: 100}, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	ev := loadEvent(b, "orders_iam.json")
	ev.MultiValueQueryStringParameters["page_size"] = []string{"10"}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r, _ := api.Handle(ctx, ev); r.StatusCode != 200 {
			b.Fatal(r.Body)
		}
		api.Backend.(*Athena).API.(*fakeAthena).Started = nil
	}
}

// BenchmarkHandlerNextPage: one request with a page token (verify, read
// the page, sign the following token) against a fake Redshift.
func BenchmarkHandlerNextPage(b *testing.B) {
	api := newTestAPI(b, query.Redshift, &Redshift{API: &fakeRedshift{Rows: 1000, EnginePage: 20}, WorkgroupName: "wg", Database: "dev"})
	ev := loadEvent(b, "orders_iam.json")
	ev.MultiValueQueryStringParameters["page_size"] = []string{"10"}
	ctx := context.Background()
	r, _ := api.Handle(ctx, ev)
	var first Response
	_ = json.Unmarshal([]byte(r.Body), &first)
	next := withToken(ev, first.NextPageToken)
	b.ReportAllocs()
	for b.Loop() {
		if r, _ := api.Handle(ctx, next); r.StatusCode != 200 {
			b.Fatal(r.Body)
		}
	}
}

// BenchmarkBind: checking and binding the four parameters of /orders.
func BenchmarkBind(b *testing.B) {
	c, err := query.Compile(ordersQuery(), query.Athena)
	if err != nil {
		b.Fatal(err)
	}
	values := loadEvent(b, "orders_iam.json").MultiValueQueryStringParameters
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Bind(values); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	loadRequests = flag.Int("dataapi.load.requests", 4000, "requests of TestLoopbackLoad")
	loadClients  = flag.Int("dataapi.load.clients", 32, "concurrent clients of TestLoopbackLoad")
)

// TestLoopbackLoad is the load test: an HTTP server on 127.0.0.1 emulates
// the Lambda invoke path (POST /2015-03-31/functions/dataapi/invocations
// with the API Gateway event as the body, the proxy response as the
// answer) in front of the real handler and fake engines; concurrent
// clients send a bounded number of requests (half first pages, half next
// pages) and the test logs requests/s and p50/p99 latency. It fails on any
// non-200 answer or lost request, never on time.
func TestLoopbackLoad(t *testing.T) {
	api := newTestAPI(t, query.Athena, &Athena{API: &fakeAthena{Rows: 100}, WorkGroup: "wg", Catalog: "AwsDataCatalog", Database: "sales"})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/2015-03-31/functions/dataapi/invocations" {
			http.NotFound(w, r)
			return
		}
		var ev events.APIGatewayProxyRequest
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		res, err := api.Handle(r.Context(), ev)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(res)
	}))
	defer srv.Close()
	url := srv.URL + "/2015-03-31/functions/dataapi/invocations"

	ev := loadEvent(t, "orders_iam.json")
	ev.MultiValueQueryStringParameters["page_size"] = []string{"10"}
	firstBody, _ := json.Marshal(ev)
	first := decode(t, must(api.Handle(context.Background(), ev)))
	nextBody, _ := json.Marshal(withToken(ev, first.NextPageToken))

	n, clients := *loadRequests, *loadClients
	latencies := make([]time.Duration, n)
	failures := make([]string, 0)
	var mu sync.Mutex
	jobs := make(chan int)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				body := firstBody
				if i%2 == 1 {
					body = nextBody
				}
				t0 := time.Now()
				resp, err := client.Post(url, "application/json", bytes.NewReader(body))
				var res events.APIGatewayProxyResponse
				if err == nil {
					err = json.NewDecoder(resp.Body).Decode(&res)
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				latencies[i] = time.Since(t0)
				if err != nil || res.StatusCode != 200 {
					mu.Lock()
					failures = append(failures, res.Body+errString(err))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	if len(failures) > 0 {
		t.Fatalf("%d of %d requests failed, first: %s", len(failures), n, failures[0])
	}
	slices.Sort(latencies)
	t.Logf("loopback load: %d requests, %d clients, %.0f requests/s, p50 %v, p99 %v, max %v",
		n, clients, float64(n)/elapsed.Seconds(), latencies[n/2], latencies[n*99/100], latencies[n-1])
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return " " + err.Error()
}
