package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

// dynamoServer speaks DynamoDB's AWS JSON 1.0 protocol on loopback (POST /,
// X-Amz-Target "DynamoDB_20120810.<Operation>", errors as HTTP 400 with
// {"__type": ..., "message": ...}) in front of a fakeTable, so that the
// real SDK client's encoding of the request and decoding of
// ConditionalCheckFailedException are part of the test.
type dynamoServer struct {
	mu       sync.Mutex
	table    *fakeTable
	bodies   []map[string]any
	failures map[int]string // request number (1-based) → error type
}

type wireUpdate struct {
	TableName                 string
	Key                       map[string]map[string]string
	UpdateExpression          string
	ConditionExpression       string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]map[string]string
}

func (s *dynamoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "DynamoDB_20120810.UpdateItem" ||
		r.Header.Get("Content-Type") != "application/x-amz-json-1.0" ||
		!strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ") {
		http.Error(w, "not a DynamoDB UpdateItem request", http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var fields map[string]any
	var req wireUpdate
	if json.Unmarshal(body, &fields) != nil || json.Unmarshal(body, &req) != nil {
		http.Error(w, "bad JSON", http.StatusBadRequest)
		return
	}
	s.bodies = append(s.bodies, fields)
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	fail := func(typ, msg string) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":%q}`, typ, msg)
	}
	if typ, ok := s.failures[len(s.bodies)]; ok {
		fail(typ, "injected "+typ)
		return
	}
	_, err := s.table.UpdateItem(r.Context(), &dynamodb.UpdateItemInput{
		TableName: aws.String(req.TableName), Key: wireValues(req.Key),
		UpdateExpression: aws.String(req.UpdateExpression), ConditionExpression: aws.String(req.ConditionExpression),
		ExpressionAttributeNames: req.ExpressionAttributeNames, ExpressionAttributeValues: wireValues(req.ExpressionAttributeValues),
	})
	var ccf *types.ConditionalCheckFailedException
	switch {
	case errors.As(err, &ccf):
		fail("ConditionalCheckFailedException", "The conditional request failed")
	case err != nil:
		fail("ValidationException", err.Error())
	default:
		io.WriteString(w, `{}`)
	}
}

// wireValues converts {"S": "x"} / {"N": "1"} attribute values.
func wireValues(m map[string]map[string]string) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		if s, ok := v["S"]; ok {
			out[k] = &types.AttributeValueMemberS{Value: s}
		} else if n, ok := v["N"]; ok {
			out[k] = &types.AttributeValueMemberN{Value: n}
		}
	}
	return out
}

func newDynamoServer(t *testing.T) (*dynamoServer, *dynamodb.Client) {
	s := &dynamoServer{table: newFakeTable(), failures: map[int]string{}}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	client := dynamodb.New(dynamodb.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRET", ""),
		Retryer:      aws.NopRetryer{},
	})
	return s, client
}

func TestRealClientWritesAndRefusesDuplicates(t *testing.T) {
	s, client := newDynamoServer(t)
	p := processor(client, SkipInvalid, nil)
	ev := readings(t, 1, "sensor-a", "sensor-b", "sensor-a")

	res, sum := p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, 3, sum.Written)
	require.Equal(t, "r3", s.table.item(t, "sensor-a").ID)
	require.Equal(t, map[string]any{
		"TableName":           testTable,
		"Key":                 map[string]any{"device": map[string]any{"S": "sensor-a"}},
		"UpdateExpression":    updateExpression,
		"ConditionExpression": conditionExpression,
		"ExpressionAttributeNames": map[string]any{"#device": "device", "#id": "id", "#sentAt": "sentAt", "#shardId": "shardId",
			"#seq": "sequenceNumber", "#sub": "subSequence", "#updatedAt": "updatedAt"},
		"ExpressionAttributeValues": map[string]any{
			":id": map[string]any{"S": "r1"}, ":sentAt": map[string]any{"N": "1"}, ":shardId": map[string]any{"S": testShard},
			":seq": map[string]any{"S": seq(1)}, ":seqLen": map[string]any{"N": "56"}, ":sub": map[string]any{"N": "0"},
			":updatedAt": map[string]any{"S": "2026-03-01T12:00:01.500Z"},
		},
	}, s.bodies[0])

	// Redelivered: DynamoDB answers ConditionalCheckFailedException, which
	// the client must surface as the typed error the function recognises.
	res, sum = p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 3, UserRecords: 3, StaleOrDuplicate: 3, MaxAge: sum.MaxAge}, sum)
}

func TestRealClientErrorIsReported(t *testing.T) {
	s, client := newDynamoServer(t)
	s.failures[2] = "ProvisionedThroughputExceededException"
	res, sum := processor(client, SkipInvalid, nil).Process(context.Background(), readings(t, 1, "sensor-a", "sensor-b", "sensor-c"))
	reported(t, res, seq(2))
	require.Equal(t, 1, sum.Written)
	require.Contains(t, sum.Error, "ProvisionedThroughputExceededException")
	require.Contains(t, sum.Error, "injected ProvisionedThroughputExceededException")
	require.Len(t, s.bodies, 2, "nothing is sent after the failed write")
}
