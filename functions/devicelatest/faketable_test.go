package main

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

const testTable = "device-latest"

// fakeTable is a DynamoDB table keyed on device that evaluates each
// UpdateItem's condition and update expressions (expression_test.go)
// against the stored item, refusing with a ConditionalCheckFailedException
// as DynamoDB does.
type fakeTable struct {
	mu    sync.Mutex
	items map[string]map[string]types.AttributeValue
	calls int
	// fail, when set, may refuse a call (1-based) before it is evaluated.
	fail func(call int, in *dynamodb.UpdateItemInput) error
}

func newFakeTable() *fakeTable {
	return &fakeTable{items: map[string]map[string]types.AttributeValue{}}
}

func (f *fakeTable) UpdateItem(_ context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.fail != nil {
		if err := f.fail(f.calls, in); err != nil {
			return nil, err
		}
	}
	if aws.ToString(in.TableName) != testTable {
		return nil, &types.ResourceNotFoundException{Message: aws.String("Requested resource not found: " + aws.ToString(in.TableName))}
	}
	key, ok := in.Key["device"].(*types.AttributeValueMemberS)
	if len(in.Key) != 1 || !ok || key.Value == "" {
		return nil, fmt.Errorf("ValidationException: The provided key element does not match the schema: %v", in.Key)
	}
	ctx := &exprContext{names: in.ExpressionAttributeNames, values: in.ExpressionAttributeValues, used: map[string]bool{}}
	old := f.items[key.Value]
	pass, err := evalCondition(aws.ToString(in.ConditionExpression), old, ctx)
	if err != nil {
		return nil, err
	}
	updated := maps.Clone(old)
	if updated == nil {
		updated = map[string]types.AttributeValue{"device": key}
	}
	if err := applySet(aws.ToString(in.UpdateExpression), updated, map[string]bool{"device": true}, ctx); err != nil {
		return nil, err
	}
	if err := ctx.unused(); err != nil {
		return nil, err
	}
	if !pass {
		return nil, &types.ConditionalCheckFailedException{Message: aws.String("The conditional request failed")}
	}
	f.items[key.Value] = updated
	return &dynamodb.UpdateItemOutput{}, nil
}

// storedItem is an item of the table in Go form.
type storedItem struct {
	Device, ID, ShardID, SequenceNumber, UpdatedAt string
	SentAt                                         int64
	SubSequence                                    int
}

func (f *fakeTable) item(t testing.TB, device string) storedItem {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	it, ok := f.items[device]
	require.True(t, ok, "no item for device %q", device)
	require.Len(t, it, 7, "attributes of %q: %v", device, it)
	s := func(name string) string {
		v, ok := it[name].(*types.AttributeValueMemberS)
		require.True(t, ok, "%s of %q is %T, want S", name, device, it[name])
		return v.Value
	}
	n := func(name string) int64 {
		v, ok := it[name].(*types.AttributeValueMemberN)
		require.True(t, ok, "%s of %q is %T, want N", name, device, it[name])
		i, err := strconv.ParseInt(v.Value, 10, 64)
		require.NoError(t, err)
		return i
	}
	return storedItem{Device: s("device"), ID: s("id"), ShardID: s("shardId"), SequenceNumber: s("sequenceNumber"),
		UpdatedAt: s("updatedAt"), SentAt: n("sentAt"), SubSequence: int(n("subSequence"))}
}

// snapshot copies every item, to compare the table before and after.
func (f *fakeTable) snapshot() map[string]map[string]types.AttributeValue {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]map[string]types.AttributeValue, len(f.items))
	for k, v := range f.items {
		out[k] = maps.Clone(v)
	}
	return out
}

// The fake must be able to refuse what DynamoDB refuses, or the tests
// below prove less than they seem to.
func TestFakeTableRefusesBadRequests(t *testing.T) {
	good := func() *dynamodb.UpdateItemInput {
		return &dynamodb.UpdateItemInput{
			TableName:                 aws.String(testTable),
			Key:                       map[string]types.AttributeValue{"device": &types.AttributeValueMemberS{Value: "d"}},
			UpdateExpression:          aws.String("SET #id = :id"),
			ConditionExpression:       aws.String("attribute_not_exists(#device) OR size(#id) < :n"),
			ExpressionAttributeNames:  map[string]string{"#id": "id", "#device": "device"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":id": &types.AttributeValueMemberS{Value: "abc"}, ":n": &types.AttributeValueMemberN{Value: "3"}},
		}
	}
	f := newFakeTable()
	_, err := f.UpdateItem(context.Background(), good())
	require.NoError(t, err)
	_, err = f.UpdateItem(context.Background(), good())
	require.ErrorAs(t, err, new(*types.ConditionalCheckFailedException), "size(id)=3 is not < 3")

	for name, mutate := range map[string]func(*dynamodb.UpdateItemInput){
		"unused value": func(in *dynamodb.UpdateItemInput) {
			in.ExpressionAttributeValues[":x"] = &types.AttributeValueMemberS{Value: "x"}
		},
		"unused name":    func(in *dynamodb.UpdateItemInput) { in.ExpressionAttributeNames["#x"] = "x" },
		"undefined name": func(in *dynamodb.UpdateItemInput) { in.UpdateExpression = aws.String("SET #id = :id, #y = :id") },
		"undefined value": func(in *dynamodb.UpdateItemInput) {
			in.ConditionExpression = aws.String("#id = :nope OR size(#id) < :n OR attribute_not_exists(#device)")
		},
		"sets the key": func(in *dynamodb.UpdateItemInput) { in.UpdateExpression = aws.String("SET #id = :id, #device = :id") },
		"other table":  func(in *dynamodb.UpdateItemInput) { in.TableName = aws.String("other") },
		"wrong key": func(in *dynamodb.UpdateItemInput) {
			in.Key = map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "d"}}
		},
		"dangling compare": func(in *dynamodb.UpdateItemInput) {
			in.ConditionExpression = aws.String("attribute_not_exists(#device) OR size(#id) <")
		},
	} {
		in := good()
		in.Key["device"] = &types.AttributeValueMemberS{Value: "fresh-" + name}
		mutate(in)
		_, err := newFakeTable().UpdateItem(context.Background(), in)
		require.Error(t, err, name)
		require.NotErrorAs(t, err, new(*types.ConditionalCheckFailedException), name)
	}
}
