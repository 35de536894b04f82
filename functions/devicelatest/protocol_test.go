package main

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

type wireUpdate struct {
	TableName                 string
	Key                       map[string]map[string]string
	UpdateExpression          string
	ConditionExpression       string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]map[string]string
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

// newDynamoServer puts DynamoDB's AWS JSON 1.0 protocol (awsfake) in front
// of a fakeTable, so that the real SDK client's encoding of UpdateItem and
// its decoding of ConditionalCheckFailedException are part of the test.
func newDynamoServer(t *testing.T) (*awsfake.Server, *fakeTable, *dynamodb.Client) {
	s, table := awsfake.New(t, awsfake.DynamoDB), newFakeTable()
	s.Handle("UpdateItem", func(r awsfake.Request) (string, error) {
		var req wireUpdate
		if err := r.Decode(&req); err != nil {
			return "", err
		}
		_, err := table.UpdateItem(context.Background(), &dynamodb.UpdateItemInput{
			TableName: aws.String(req.TableName), Key: wireValues(req.Key),
			UpdateExpression: aws.String(req.UpdateExpression), ConditionExpression: aws.String(req.ConditionExpression),
			ExpressionAttributeNames: req.ExpressionAttributeNames, ExpressionAttributeValues: wireValues(req.ExpressionAttributeValues),
		})
		var ccf *types.ConditionalCheckFailedException
		switch {
		case errors.As(err, &ccf):
			return "", &awsfake.Error{Type: "ConditionalCheckFailedException", Message: "The conditional request failed"}
		case err != nil:
			return "", err // a ValidationException
		}
		return `{}`, nil
	})
	return s, table, dynamodb.NewFromConfig(s.Config())
}

func TestRealClientWritesAndRefusesDuplicates(t *testing.T) {
	s, table, client := newDynamoServer(t)
	p := processor(client, SkipInvalid, nil)
	ev := readings(t, 1, "sensor-a", "sensor-b", "sensor-a")

	res, sum := p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, 3, sum.Written)
	require.Equal(t, "r3", table.item(t, "sensor-a").ID)
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
	}, s.Requests()[0].Fields)

	// Redelivered: DynamoDB answers ConditionalCheckFailedException, which
	// the client must surface as the typed error the function recognises.
	res, sum = p.Process(context.Background(), ev)
	noFailures(t, res)
	require.Equal(t, Summary{Records: 3, UserRecords: 3, StaleOrDuplicate: 3, MaxAge: sum.MaxAge}, sum)
}

func TestRealClientErrorIsReported(t *testing.T) {
	s, _, client := newDynamoServer(t)
	s.FailRequest(2, "ProvisionedThroughputExceededException")
	res, sum := processor(client, SkipInvalid, nil).Process(context.Background(), readings(t, 1, "sensor-a", "sensor-b", "sensor-c"))
	reported(t, res, seq(2))
	require.Equal(t, 1, sum.Written)
	require.Contains(t, sum.Error, "ProvisionedThroughputExceededException")
	require.Contains(t, sum.Error, "injected ProvisionedThroughputExceededException")
	require.Len(t, s.Requests(), 2, "nothing is sent after the failed write")
}
