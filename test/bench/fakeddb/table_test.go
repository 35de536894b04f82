package fakeddb

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func client(url string) *dynamodb.Client {
	return dynamodb.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(url),
		Credentials: credentials.NewStaticCredentialsProvider("a", "b", "")})
}

// The table through the Go SDK: a conditional UpdateItem applies once and is
// then refused with a ConditionalCheckFailedException, unused placeholders
// are refused, PutItem's attribute_not_exists holds, BatchGetItem projects,
// and Reset keeps the run as Previous.
func TestTable(t *testing.T) {
	tb, err := StartTable("t", "k")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	c, ctx := client(tb.URL), context.Background()
	update := func(v string, extra map[string]types.AttributeValue) error {
		vals := map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: v}, ":n": &types.AttributeValueMemberN{Value: "3"}}
		for k, x := range extra {
			vals[k] = x
		}
		_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("t"),
			Key:                       map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: "a"}},
			UpdateExpression:          aws.String("SET #v = :v"),
			ConditionExpression:       aws.String("attribute_not_exists(#k) OR size(#v) < :n"),
			ExpressionAttributeNames:  map[string]string{"#k": "k", "#v": "v"},
			ExpressionAttributeValues: vals})
		return err
	}
	if err := update("abc", nil); err != nil {
		t.Fatal(err)
	}
	var ccf *types.ConditionalCheckFailedException
	if err := update("abc", nil); !errors.As(err, &ccf) {
		t.Fatalf("second update: %v, want ConditionalCheckFailedException", err)
	}
	if err := update("x", map[string]types.AttributeValue{":unused": &types.AttributeValueMemberS{Value: "u"}}); err == nil || errors.As(err, &ccf) {
		t.Fatalf("unused value: %v, want a ValidationException", err)
	}
	put := func() error {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("t"),
			Item: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: "b"}, "x": &types.AttributeValueMemberB{Value: []byte{1, 2}},
				"y": &types.AttributeValueMemberS{Value: "y"}},
			ConditionExpression: aws.String("attribute_not_exists(#k)"), ExpressionAttributeNames: map[string]string{"#k": "k"}})
		return err
	}
	if err := put(); err != nil {
		t.Fatal(err)
	}
	if err := put(); !errors.As(err, &ccf) {
		t.Fatalf("second put: %v", err)
	}
	out, err := c.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{"t": {
		Keys:                 []map[string]types.AttributeValue{{"k": &types.AttributeValueMemberS{Value: "b"}}, {"k": &types.AttributeValueMemberS{Value: "z"}}},
		ProjectionExpression: aws.String("#k, x"), ExpressionAttributeNames: map[string]string{"#k": "k"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Responses["t"]; len(got) != 1 || len(got[0]) != 2 || string(got[0]["x"].(*types.AttributeValueMemberB).Value) != "\x01\x02" {
		t.Fatalf("BatchGetItem: %v", got)
	}
	items, s := tb.Items()
	if len(items) != 2 || s.Written != 2 || s.ConditionFailed != 2 || s.Errors != 1 || s.Updates != 3 || s.Puts != 2 {
		t.Fatalf("%d items, %+v", len(items), s)
	}
	tb.Reset()
	if items, _ := tb.Items(); len(items) != 0 {
		t.Fatal("Reset left items")
	}
	if prev, ps := tb.Previous(); len(prev) != 2 || ps != s {
		t.Fatalf("Previous: %d items, %+v", len(prev), ps)
	}
}
