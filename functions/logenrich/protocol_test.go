package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/stretchr/testify/require"
)

// dynamoServer speaks DynamoDB's AWS JSON 1.0 protocol on loopback (POST /,
// X-Amz-Target "DynamoDB_20120810.BatchGetItem", errors as HTTP 400 with
// {"__type": ..., "message": ...}), so that the real SDK client's encoding
// of the request, its decoding of every attribute type, of UnprocessedKeys
// and of errors, and its retries, are part of the test.
type dynamoServer struct {
	mu       sync.Mutex
	items    map[string]string // key → item in wire form
	bodies   []string
	failures map[int]string // request number (1-based) → error type
	leftOver map[int]int    // request number → how many keys to leave unprocessed
}

type wireRequest struct {
	RequestItems map[string]struct {
		Keys []map[string]map[string]string
	}
}

func (s *dynamoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "DynamoDB_20120810.BatchGetItem" ||
		r.Header.Get("Content-Type") != "application/x-amz-json-1.0" ||
		!strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		http.Error(w, "not a DynamoDB BatchGetItem request", http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	s.bodies = append(s.bodies, string(body))
	n := len(s.bodies)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	if typ, ok := s.failures[n]; ok {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":"injected %s"}`, typ, typ)
		return
	}
	var req wireRequest
	if json.Unmarshal(body, &req) != nil || len(req.RequestItems) != 1 || len(req.RequestItems[testTable].Keys) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"bad request"}`)
		return
	}
	keys := req.RequestItems[testTable].Keys
	left := keys[:min(s.leftOver[n], len(keys))]
	var found []string
	for _, k := range keys[len(left):] {
		if it, ok := s.items[k[testKey]["S"]]; ok {
			found = append(found, it)
		}
	}
	unprocessed, _ := json.Marshal(left)
	fmt.Fprintf(w, `{"Responses":{%q:[%s]},"UnprocessedKeys":{`, testTable, strings.Join(found, ","))
	if len(left) > 0 {
		fmt.Fprintf(w, `%q:{"Keys":%s}`, testTable, unprocessed)
	}
	io.WriteString(w, `}}`)
}

func newDynamoServer(t *testing.T) (*dynamoServer, *dynamodb.Client) {
	s := &dynamoServer{items: map[string]string{}, failures: map[int]string{}, leftOver: map[int]int{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := dynamodb.New(dynamodb.Options{
		Region:       "ap-northeast-2",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		// The SDK's standard retries, without their pauses.
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 3
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		}),
	})
	return s, client
}

// wireItem has every attribute type in DynamoDB's wire form.
const wireItem = `{"user_id":{"S":"u-1001"},"plan":{"S":"premium"},"since":{"N":"2021"},"score":{"N":"-0.25"},` +
	`"active":{"BOOL":true},"closed":{"NULL":true},"avatar":{"B":"iVBORw0K"},"tags":{"SS":["beta","vip"]},` +
	`"lucky":{"NS":["7","13"]},"keys":{"BS":["AAE=","/w=="]},"addr":{"M":{"city":{"S":"Seoul"},"zip":{"S":"04524"}}},` +
	`"recent":{"L":[{"S":"o-1"},{"N":"2"},{"M":{}}]}}`

const wireItemJSON = `{"active":true,"addr":{"city":"Seoul","zip":"04524"},"avatar":"iVBORw0K","closed":null,` +
	`"keys":["AAE=","/w=="],"lucky":[7,13],"plan":"premium","recent":["o-1",2,{}],"score":-0.25,"since":2021,` +
	`"tags":["beta","vip"],"user_id":"u-1001"}`

func TestRealClientLooksUpAndConverts(t *testing.T) {
	s, client := newDynamoServer(t)
	s.items["u-1001"] = wireItem
	s.failures[1] = "ProvisionedThroughputExceededException" // the SDK retries it
	s.leftOver[2] = 1                                        // then u-1001 is left unprocessed once

	p := processor(client, 0)
	resp, sum := p.Process(t.Context(), eventOf(t, firehoseEvent(t, envelope("g", "s",
		`{"user_id":"u-1001","msg":"a"}`, `{"user_id":"u-404","msg":"b"}`, `{"user_id":"u-1001","msg":"c"}`))))
	require.Equal(t, "Ok", resp.Records[0].Result)
	lines := strings.Split(strings.TrimSuffix(string(resp.Records[0].Data), "\n"), "\n")
	require.Len(t, lines, 3)
	require.Contains(t, lines[0], `"enrichment":`+wireItemJSON+`}`)
	require.Contains(t, lines[1], `"enrichment":null,"enrichment_missing":true}`)
	require.Contains(t, lines[2], `"enrichment":`+wireItemJSON+`}`)

	require.Len(t, s.bodies, 3, "throttled, left over, done")
	require.JSONEq(t, `{"RequestItems":{"app-users":{"Keys":[{"user_id":{"S":"u-1001"}},{"user_id":{"S":"u-404"}}]}}}`, s.bodies[0])
	require.Equal(t, s.bodies[0], s.bodies[1], "the SDK's retry sends the same request")
	require.JSONEq(t, `{"RequestItems":{"app-users":{"Keys":[{"user_id":{"S":"u-1001"}}]}}}`, s.bodies[2])
	require.Equal(t, LookupStats{Keys: 2, Requests: 2, Retries: 1}, sum.Lookups, "SDK retries are inside one request")
}

func TestRealClientFailureAfterRetries(t *testing.T) {
	s, client := newDynamoServer(t)
	for i := 1; i <= 3; i++ {
		s.failures[i] = "ProvisionedThroughputExceededException"
	}
	resp, sum := processor(client, 0).Process(t.Context(), eventOf(t, firehoseEvent(t,
		envelope("g", "s", `{"user_id":"u-1"}`), envelope("g", "s", "no key here"))))
	require.Equal(t, "ProcessingFailed", resp.Records[0].Result)
	require.Equal(t, "Ok", resp.Records[1].Result)
	require.Len(t, s.bodies, 3, "the SDK's three attempts")
	require.Contains(t, sum.Lookups.FirstError, "ProvisionedThroughputExceededException")
	require.Contains(t, sum.Lookups.FirstError, "injected")
}

func TestRealClientAccessDenied(t *testing.T) {
	s, client := newDynamoServer(t)
	s.failures[1] = "AccessDeniedException"
	_, sum := processor(client, 0).Process(t.Context(), eventOf(t, firehoseEvent(t, envelope("g", "s", `{"user_id":"u-1"}`))))
	require.Len(t, s.bodies, 1, "not retried")
	require.Contains(t, sum.Lookups.FirstError, "AccessDeniedException")
}
