package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

type wireRequest struct {
	RequestItems map[string]struct {
		Keys []map[string]map[string]string
	}
}

// newDynamoServer answers BatchGetItem in DynamoDB's AWS JSON 1.0 protocol
// (awsfake) from items (key → item in wire form), leaving leftOver[n] keys
// of the n-th request unprocessed, so that the real SDK client's encoding
// of the request, its decoding of every attribute type, of UnprocessedKeys
// and of errors, and its retries, are part of the test.
func newDynamoServer(t *testing.T, items map[string]string, leftOver map[int]int) (*awsfake.Server, *dynamodb.Client) {
	s := awsfake.New(t, awsfake.DynamoDB)
	s.Region = "ap-northeast-2"
	s.Handle("BatchGetItem", func(r awsfake.Request) (string, error) {
		var req wireRequest
		if r.Decode(&req) != nil || len(req.RequestItems) != 1 || len(req.RequestItems[testTable].Keys) == 0 {
			return "", &awsfake.Error{Type: "ValidationException", Message: "bad request"}
		}
		keys := req.RequestItems[testTable].Keys
		left := keys[:min(leftOver[r.N], len(keys))]
		var found []string
		for _, k := range keys[len(left):] {
			if it, ok := items[k[testKey]["S"]]; ok {
				found = append(found, it)
			}
		}
		var w strings.Builder
		fmt.Fprintf(&w, `{"Responses":{%q:[%s]},"UnprocessedKeys":{`, testTable, strings.Join(found, ","))
		if len(left) > 0 {
			unprocessed, _ := json.Marshal(left)
			fmt.Fprintf(&w, `%q:{"Keys":%s}`, testTable, unprocessed)
		}
		w.WriteString(`}}`)
		return w.String(), nil
	})
	client := dynamodb.NewFromConfig(s.Config(), func(o *dynamodb.Options) {
		// The SDK's standard retries, without their pauses.
		o.Retryer = retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 3
			o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		})
	})
	return s, client
}

// bodies returns the requests' bodies as sent.
func bodies(s *awsfake.Server) []string {
	var out []string
	for _, r := range s.Requests() {
		out = append(out, r.Body)
	}
	return out
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
	s, client := newDynamoServer(t, map[string]string{"u-1001": wireItem},
		map[int]int{2: 1}) // u-1001 is left unprocessed once, in the second request
	s.FailRequest(1, "ProvisionedThroughputExceededException") // the SDK retries it

	p := processor(client, 0)
	resp, sum := p.Process(t.Context(), eventOf(t, firehoseEvent(t, envelope("g", "s",
		`{"user_id":"u-1001","msg":"a"}`, `{"user_id":"u-404","msg":"b"}`, `{"user_id":"u-1001","msg":"c"}`))))
	require.Equal(t, "Ok", resp.Records[0].Result)
	lines := strings.Split(strings.TrimSuffix(string(resp.Records[0].Data), "\n"), "\n")
	require.Len(t, lines, 3)
	require.Contains(t, lines[0], `"enrichment":`+wireItemJSON+`}`)
	require.Contains(t, lines[1], `"enrichment":null,"enrichment_missing":true}`)
	require.Contains(t, lines[2], `"enrichment":`+wireItemJSON+`}`)

	sent := bodies(s)
	require.Len(t, sent, 3, "throttled, left over, done")
	require.JSONEq(t, `{"RequestItems":{"app-users":{"Keys":[{"user_id":{"S":"u-1001"}},{"user_id":{"S":"u-404"}}]}}}`, sent[0])
	require.Equal(t, sent[0], sent[1], "the SDK's retry sends the same request")
	require.JSONEq(t, `{"RequestItems":{"app-users":{"Keys":[{"user_id":{"S":"u-1001"}}]}}}`, sent[2])
	require.Equal(t, LookupStats{Keys: 2, Requests: 2, Retries: 1}, sum.Lookups, "SDK retries are inside one request")
}

func TestRealClientFailureAfterRetries(t *testing.T) {
	s, client := newDynamoServer(t, nil, nil)
	for i := 1; i <= 3; i++ {
		s.FailRequest(i, "ProvisionedThroughputExceededException")
	}
	resp, sum := processor(client, 0).Process(t.Context(), eventOf(t, firehoseEvent(t,
		envelope("g", "s", `{"user_id":"u-1"}`), envelope("g", "s", "no key here"))))
	require.Equal(t, "ProcessingFailed", resp.Records[0].Result)
	require.Equal(t, "Ok", resp.Records[1].Result)
	require.Len(t, s.Requests(), 3, "the SDK's three attempts")
	require.Contains(t, sum.Lookups.FirstError, "ProvisionedThroughputExceededException")
	require.Contains(t, sum.Lookups.FirstError, "injected")
}

func TestRealClientAccessDenied(t *testing.T) {
	s, client := newDynamoServer(t, nil, nil)
	s.FailRequest(1, "AccessDeniedException")
	_, sum := processor(client, 0).Process(t.Context(), eventOf(t, firehoseEvent(t, envelope("g", "s", `{"user_id":"u-1"}`))))
	require.Len(t, s.Requests(), 1, "not retried")
	require.Contains(t, sum.Lookups.FirstError, "AccessDeniedException")
}
