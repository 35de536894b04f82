package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

const (
	testTable = "vault-table"
	testKey   = "arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555"
)

// memKMS is an in-memory KMS: data keys are random, their "encrypted"
// blobs are opaque ids, and Decrypt insists on the key and the encryption
// context of GenerateDataKey, as KMS does.
type memKMS struct {
	mu        sync.Mutex
	keys      map[string][]byte // blob -> plaintext
	contexts  map[string]map[string]string
	generates int
	decrypts  int
	failWith  error
}

func newMemKMS() *memKMS {
	return &memKMS{keys: map[string][]byte{}, contexts: map[string]map[string]string{}}
}

func (k *memKMS) GenerateDataKey(_ context.Context, in *kms.GenerateDataKeyInput, _ ...func(*kms.Options)) (*kms.GenerateDataKeyOutput, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failWith != nil {
		return nil, k.failWith
	}
	if aws.ToString(in.KeyId) != testKey || in.KeySpec != kmstypes.DataKeySpecAes256 {
		return nil, fmt.Errorf("GenerateDataKey key %s spec %s", aws.ToString(in.KeyId), in.KeySpec)
	}
	k.generates++
	plain := make([]byte, 32)
	rand.Read(plain)
	blob := fmt.Sprintf("blob-%d", k.generates)
	k.keys[blob] = bytes.Clone(plain)
	k.contexts[blob] = maps.Clone(in.EncryptionContext)
	return &kms.GenerateDataKeyOutput{Plaintext: plain, CiphertextBlob: []byte(blob), KeyId: aws.String(testKey)}, nil
}

func (k *memKMS) Decrypt(_ context.Context, in *kms.DecryptInput, _ ...func(*kms.Options)) (*kms.DecryptOutput, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failWith != nil {
		return nil, k.failWith
	}
	blob := string(in.CiphertextBlob)
	plain, ok := k.keys[blob]
	if !ok || aws.ToString(in.KeyId) != testKey || !maps.Equal(k.contexts[blob], in.EncryptionContext) {
		return nil, &kmstypes.InvalidCiphertextException{Message: aws.String("invalid ciphertext")}
	}
	k.decrypts++
	return &kms.DecryptOutput{Plaintext: bytes.Clone(plain), KeyId: aws.String(testKey)}, nil
}

// memDB is an in-memory table keyed by "token", with PutItem's
// attribute_not_exists condition and BatchGetItem (unprocessed keys on
// demand).
type memDB struct {
	mu          sync.Mutex
	items       map[string]map[string]ddbtypes.AttributeValue
	puts        int
	batchGets   int
	unprocessed int // the first unprocessed BatchGetItem calls leave one key
}

func newMemDB() *memDB { return &memDB{items: map[string]map[string]ddbtypes.AttributeValue{}} }

func (d *memDB) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if aws.ToString(in.TableName) != testTable || aws.ToString(in.ConditionExpression) != "attribute_not_exists(#t)" || in.ExpressionAttributeNames["#t"] != "token" {
		return nil, errors.New("unexpected PutItem")
	}
	d.puts++
	t := str(in.Item["token"])
	if _, ok := d.items[t]; ok {
		return nil, &ddbtypes.ConditionalCheckFailedException{Message: aws.String("The conditional request failed")}
	}
	d.items[t] = maps.Clone(in.Item)
	return &dynamodb.PutItemOutput{}, nil
}

func (d *memDB) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	ka, ok := in.RequestItems[testTable]
	if !ok || len(in.RequestItems) != 1 || !aws.ToBool(ka.ConsistentRead) || len(ka.Keys) > 100 {
		return nil, errors.New("unexpected BatchGetItem")
	}
	d.batchGets++
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]ddbtypes.AttributeValue{}}
	keys := ka.Keys
	if d.unprocessed > 0 && len(keys) > 0 {
		d.unprocessed--
		left := ka
		left.Keys = keys[len(keys)-1:]
		keys = keys[:len(keys)-1]
		out.UnprocessedKeys = map[string]ddbtypes.KeysAndAttributes{testTable: left}
	}
	for _, k := range keys {
		if it, ok := d.items[str(k["token"])]; ok {
			out.Responses[testTable] = append(out.Responses[testTable], maps.Clone(it))
		}
	}
	return out, nil
}

// testVault is a vault over fresh fakes; hmac nil for random tokens.
func testVault(hmacKey []byte) (*Vault, *memKMS, *memDB) {
	k, d := newMemKMS(), newMemDB()
	return &Vault{
		Table: testTable, KeyID: testKey, KMS: k, DB: d, HMACKey: hmacKey,
		Cache: newKeyCache(DefaultCacheLimits, nil), Rand: rand.Reader,
		Now: func() time.Time { return time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC) }, Writers: 8,
	}, k, d
}

func mustTokenize(t testing.TB, v *Vault, values []string, ctx map[string]string) []string {
	t.Helper()
	tokens, err := v.Tokenize(context.Background(), values, ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}

var discardLogger = slog.New(slog.DiscardHandler)
