package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

const (
	testTable = "app-users"
	testKey   = "user_id"
)

// fakeTable answers BatchGetItem from its items as DynamoDB does: it
// refuses requests DynamoDB refuses (other table, more than 100 keys, a
// repeated key, a key that is not the schema's), and may leave keys
// unprocessed or fail a request.
type fakeTable struct {
	mu       sync.Mutex
	items    map[string]map[string]types.AttributeValue
	requests [][]string // keys of each request
	// unprocessed, when set, names the keys of request n (1-based) that
	// are returned as UnprocessedKeys.
	unprocessed func(n int, keys []string) []string
	// fail, when set, may fail request n.
	fail func(n int) error
}

func newFakeTable(items ...map[string]types.AttributeValue) *fakeTable {
	f := &fakeTable{items: map[string]map[string]types.AttributeValue{}}
	for _, it := range items {
		f.items[it[testKey].(*types.AttributeValueMemberS).Value] = it
	}
	return f
}

func (f *fakeTable) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var keys []string
	f.requests = append(f.requests, nil)
	n := len(f.requests)
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			return nil, err
		}
	}
	ka, ok := in.RequestItems[testTable]
	if len(in.RequestItems) != 1 || !ok {
		return nil, &types.ResourceNotFoundException{Message: aws.String(fmt.Sprintf("Requested resource not found: %v", in.RequestItems))}
	}
	if len(ka.Keys) == 0 || len(ka.Keys) > 100 {
		return nil, fmt.Errorf("ValidationException: %d keys (1 to 100)", len(ka.Keys))
	}
	seen := map[string]bool{}
	for _, k := range ka.Keys {
		v, ok := k[testKey].(*types.AttributeValueMemberS)
		if len(k) != 1 || !ok || v.Value == "" || len(v.Value) > 2048 {
			return nil, fmt.Errorf("ValidationException: The provided key element does not match the schema: %v", k)
		}
		if seen[v.Value] {
			return nil, fmt.Errorf("ValidationException: Provided list of item keys contains duplicates")
		}
		seen[v.Value] = true
		keys = append(keys, v.Value)
	}
	f.requests[n-1] = keys
	skip := map[string]bool{}
	if f.unprocessed != nil {
		for _, k := range f.unprocessed(n, keys) {
			skip[k] = true
		}
	}
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}, UnprocessedKeys: map[string]types.KeysAndAttributes{}}
	var left []map[string]types.AttributeValue
	for _, k := range keys {
		if skip[k] {
			left = append(left, map[string]types.AttributeValue{testKey: &types.AttributeValueMemberS{Value: k}})
		} else if it, ok := f.items[k]; ok {
			out.Responses[testTable] = append(out.Responses[testTable], it)
		}
	}
	if left != nil {
		out.UnprocessedKeys[testTable] = types.KeysAndAttributes{Keys: left}
	}
	return out, nil
}

func (f *fakeTable) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// user is an item of the users table.
func user(id, plan string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		testKey: &types.AttributeValueMemberS{Value: id},
		"plan":  &types.AttributeValueMemberS{Value: plan},
		"since": &types.AttributeValueMemberN{Value: "2021"},
	}
}

func noBackoff(int) time.Duration { return 0 }
