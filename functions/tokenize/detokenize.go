package main

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// maxBatchGetRounds bounds the BatchGetItem calls of one request (the first
// and the retries of unprocessed keys, with a growing pause between).
const maxBatchGetRounds = 6

// Detokenize returns the value of each token, in order. A token the vault
// does not hold, or holds under another context than ectx, gives nil and
// its index in notFound: the caller learns nothing about tokens of another
// purpose. An item that fails authentication (tampered, or its ciphertext
// moved to another token) fails the whole request with ErrIntegrity.
func (v *Vault) Detokenize(ctx context.Context, tokens []string, ectx map[string]string) (values []*string, notFound []int, err error) {
	cctx := string(canonicalContext(ectx))
	items, err := v.fetch(ctx, tokens)
	if err != nil {
		return nil, nil, err
	}
	values = make([]*string, len(tokens))
	for i, t := range tokens {
		it, ok := items[t]
		if !ok || str(it[attrContext]) != cctx {
			notFound = append(notFound, i)
			continue
		}
		blob, ct := bin(it[attrDataKey]), bin(it[attrCiphertext])
		if blob == nil || ct == nil {
			return nil, nil, fmt.Errorf("token %s: %w (attributes missing)", t, ErrIntegrity)
		}
		k, err := v.Cache.decryptionKey(ctx, blob, v.decryptKey)
		if err != nil {
			return nil, nil, err
		}
		plain, err := open(k.aead, aad(nil, v.Table, t, []byte(cctx)), ct)
		if err != nil {
			return nil, nil, fmt.Errorf("token %s: %w", t, err)
		}
		s := string(plain)
		values[i] = &s
	}
	return values, notFound, nil
}

// fetch reads the items of tokens (each once) with strongly consistent
// reads, retrying unprocessed keys.
func (v *Vault) fetch(ctx context.Context, tokens []string) (map[string]map[string]ddbtypes.AttributeValue, error) {
	var keys []map[string]ddbtypes.AttributeValue
	seen := map[string]bool{}
	for _, t := range tokens {
		if !seen[t] {
			seen[t] = true
			keys = append(keys, map[string]ddbtypes.AttributeValue{attrToken: &ddbtypes.AttributeValueMemberS{Value: t}})
		}
	}
	items := map[string]map[string]ddbtypes.AttributeValue{}
	req := map[string]ddbtypes.KeysAndAttributes{v.Table: {
		Keys:                     keys,
		ConsistentRead:           aws.Bool(true),
		ProjectionExpression:     aws.String("#t, #c, #k, #x"),
		ExpressionAttributeNames: map[string]string{"#t": attrToken, "#c": attrCiphertext, "#k": attrDataKey, "#x": attrContext},
	}}
	pause := 20 * time.Millisecond
	for round := 1; ; round++ {
		out, err := v.DB.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: req})
		if err != nil {
			return nil, fmt.Errorf("dynamodb BatchGetItem: %w", err)
		}
		for _, it := range out.Responses[v.Table] {
			items[str(it[attrToken])] = it
		}
		left, ok := out.UnprocessedKeys[v.Table]
		if !ok || len(left.Keys) == 0 {
			return items, nil
		}
		if round == maxBatchGetRounds {
			return nil, fmt.Errorf("dynamodb BatchGetItem: %d keys still unprocessed after %d rounds", len(left.Keys), round)
		}
		req = map[string]ddbtypes.KeysAndAttributes{v.Table: left}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
		pause *= 2
	}
}

func str(a ddbtypes.AttributeValue) string {
	if s, ok := a.(*ddbtypes.AttributeValueMemberS); ok {
		return s.Value
	}
	return ""
}

func bin(a ddbtypes.AttributeValue) []byte {
	if b, ok := a.(*ddbtypes.AttributeValueMemberB); ok {
		return b.Value
	}
	return nil
}
