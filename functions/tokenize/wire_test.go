package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/stretchr/testify/require"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// The JSON protocols of KMS and Secrets Manager, as their SDK clients speak
// them (awsfake defines DynamoDB).
var (
	kmsService            = awsfake.Service{TargetPrefix: "TrentService", JSONVersion: "1.1", SigningName: "kms"}
	secretsManagerService = awsfake.Service{TargetPrefix: "secretsmanager", JSONVersion: "1.1", SigningName: "secretsmanager"}
)

// wireVault is a vault whose real SDK clients talk to fakes of KMS and
// DynamoDB on loopback that keep state: the test covers the clients'
// encoding of binary attributes, blobs and encryption contexts, and the
// decoding of ConditionalCheckFailedException.
type wireVault struct {
	*Vault
	kms, db *awsfake.Server
	mu      sync.Mutex
	items   map[string]map[string]any // token -> item as DynamoDB JSON
	keys    map[string]string         // blob (base64) -> plaintext (base64)
}

func newWireVault(t *testing.T, hmacKey []byte) *wireVault {
	w := &wireVault{kms: awsfake.New(t, kmsService), db: awsfake.New(t, awsfake.DynamoDB),
		items: map[string]map[string]any{}, keys: map[string]string{}}
	wantCtx := map[string]any{EncryptionContextKey: testTable}
	w.kms.Handle("GenerateDataKey", func(r awsfake.Request) (string, error) {
		if r.Fields["KeyId"] != testKey || r.Fields["KeySpec"] != "AES_256" || !maps.Equal(r.Fields["EncryptionContext"].(map[string]any), wantCtx) {
			return "", fmt.Errorf("unexpected GenerateDataKey %s", r.Body)
		}
		plain, blob := make([]byte, 32), make([]byte, 48)
		rand.Read(plain)
		rand.Read(blob)
		p, b := base64.StdEncoding.EncodeToString(plain), base64.StdEncoding.EncodeToString(blob)
		w.mu.Lock()
		w.keys[b] = p
		w.mu.Unlock()
		return fmt.Sprintf(`{"CiphertextBlob":%q,"Plaintext":%q,"KeyId":%q}`, b, p, testKey), nil
	})
	w.kms.Handle("Decrypt", func(r awsfake.Request) (string, error) {
		w.mu.Lock()
		p, ok := w.keys[fmt.Sprint(r.Fields["CiphertextBlob"])]
		w.mu.Unlock()
		ctx, _ := r.Fields["EncryptionContext"].(map[string]any)
		if !ok || r.Fields["KeyId"] != testKey || !maps.Equal(ctx, wantCtx) {
			return "", &awsfake.Error{Type: "InvalidCiphertextException", Message: "invalid"}
		}
		return fmt.Sprintf(`{"Plaintext":%q,"KeyId":%q}`, p, testKey), nil
	})
	w.db.Handle("PutItem", func(r awsfake.Request) (string, error) {
		var in struct {
			TableName, ConditionExpression string
			ExpressionAttributeNames       map[string]string
			Item                           map[string]map[string]any
		}
		if err := r.Decode(&in); err != nil || in.TableName != testTable || in.ConditionExpression != "attribute_not_exists(#t)" {
			return "", fmt.Errorf("unexpected PutItem %s", r.Body)
		}
		tok := fmt.Sprint(in.Item["token"]["S"])
		w.mu.Lock()
		defer w.mu.Unlock()
		if _, ok := w.items[tok]; ok {
			return "", &awsfake.Error{Type: "ConditionalCheckFailedException", Message: "The conditional request failed"}
		}
		item := map[string]any{}
		for k, v := range in.Item {
			item[k] = v
		}
		w.items[tok] = item
		return "{}", nil
	})
	w.db.Handle("BatchGetItem", func(r awsfake.Request) (string, error) {
		var in struct {
			RequestItems map[string]struct {
				Keys           []map[string]map[string]string
				ConsistentRead bool
			}
		}
		if err := r.Decode(&in); err != nil || !in.RequestItems[testTable].ConsistentRead {
			return "", fmt.Errorf("unexpected BatchGetItem %s", r.Body)
		}
		var found []map[string]any
		w.mu.Lock()
		for _, k := range in.RequestItems[testTable].Keys {
			if it, ok := w.items[k["token"]["S"]]; ok {
				found = append(found, it)
			}
		}
		w.mu.Unlock()
		b, _ := json.Marshal(map[string]any{"Responses": map[string]any{testTable: found}, "UnprocessedKeys": map[string]any{}})
		return string(b), nil
	})
	w.Vault = &Vault{
		Table: testTable, KeyID: testKey, HMACKey: hmacKey,
		KMS: kms.NewFromConfig(w.kms.Config()), DB: dynamodb.NewFromConfig(w.db.Config()),
		Cache: newKeyCache(DefaultCacheLimits, nil), Rand: rand.Reader, Now: time.Now, Writers: 4,
	}
	return w
}

func invoke(t *testing.T, h func(context.Context, json.RawMessage) (Response, error), event []byte) (string, error) {
	t.Helper()
	res, err := h(context.Background(), event)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(res)
	require.NoError(t, err)
	return string(b), nil
}

func TestWireTokenizeThenDetokenize(t *testing.T) {
	w := newWireVault(t, nil)
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	out, err := invoke(t, handler(w.Vault, OpTokenize, log), readEvent(t, "tokenize.json"))
	require.NoError(t, err)
	var tok struct{ Tokens []string }
	require.NoError(t, json.Unmarshal([]byte(out), &tok))
	require.Len(t, tok.Tokens, 3)
	require.Equal(t, []string{"GenerateDataKey"}, w.kms.Ops())
	require.Len(t, w.db.Calls("PutItem"), 3)
	// The item as DynamoDB received it: binary attributes, no plaintext.
	item := w.db.Calls("PutItem")[0].Body
	require.Contains(t, item, `"ciphertext":{"B":"`)
	require.Contains(t, item, `"dataKey":{"B":"`)
	require.Contains(t, item, `"context":{"S":"{\"purpose\":\"billing\"}"}`)
	for _, secret := range []string{"4111", "Kim Minji", "900101"} {
		for _, r := range w.db.Requests() {
			require.NotContains(t, r.Body, secret)
		}
	}

	// The detokenize function, its own vault (a cold cache): one Decrypt.
	det := *w.Vault
	det.Cache = newKeyCache(DefaultCacheLimits, nil)
	event := fmt.Sprintf(`{"op":"detokenize","tokens":[%q,%q,"tok_AAAAAAAAAAAAAAAAAAAAAAAA",%q],"context":{"purpose":"billing"}}`, tok.Tokens[2], tok.Tokens[0], tok.Tokens[1])
	out, err = invoke(t, handler(&det, OpDetokenize, log), []byte(event))
	require.NoError(t, err)
	require.JSONEq(t, `{"values":["900101-1234567","4111 1111 1111 1111",null,"Kim Minji"],"notFound":[2]}`, out)
	require.Equal(t, []string{"GenerateDataKey", "Decrypt"}, w.kms.Ops())
	require.Len(t, w.db.Calls("BatchGetItem"), 1)

	// Logs: counts, never values or tokens.
	for _, secret := range append([]string{"4111", "Kim Minji", "900101"}, tok.Tokens...) {
		require.NotContains(t, logs.String(), secret)
	}
	require.Contains(t, logs.String(), `"msg":"tokenize","count":3`)
	require.Contains(t, logs.String(), `"msg":"detokenize","count":4,"notFound":1`)
}

func TestWireDeterministicExistingItem(t *testing.T) {
	w := newWireVault(t, bytes.Repeat([]byte("s"), 64))
	h := handler(w.Vault, OpTokenize, slog.New(slog.DiscardHandler))
	first, err := invoke(t, h, readEvent(t, "tokenize_no_context.json"))
	require.NoError(t, err)
	second, err := invoke(t, h, readEvent(t, "tokenize_no_context.json"))
	require.NoError(t, err, "ConditionalCheckFailedException on an existing deterministic token is success")
	require.Equal(t, first, second)
	require.Contains(t, first, `"tokd_`)
	require.Len(t, w.items, 1)
	require.Len(t, w.db.Calls("PutItem"), 2)
}

func TestWireRefusesTheOtherOperation(t *testing.T) {
	w := newWireVault(t, nil)
	_, err := invoke(t, handler(w.Vault, OpDetokenize, slog.New(slog.DiscardHandler)), readEvent(t, "tokenize.json"))
	var re *RequestError
	require.True(t, errors.As(err, &re))
	require.ErrorContains(t, err, `this function only does "detokenize"; "tokenize" is a separate function`)
	_, err = invoke(t, handler(w.Vault, OpTokenize, slog.New(slog.DiscardHandler)), readEvent(t, "detokenize.json"))
	require.ErrorContains(t, err, `this function only does "tokenize"`)
	_, err = invoke(t, handler(w.Vault, OpTokenize, slog.New(slog.DiscardHandler)), readEvent(t, "bad_unknown_field.json"))
	require.ErrorContains(t, err, `unknown field "purpose"`)
	require.Empty(t, w.kms.Requests())
	require.Empty(t, w.db.Requests())
}

func TestWireServiceErrors(t *testing.T) {
	w := newWireVault(t, nil)
	w.db.Fail("PutItem", "ProvisionedThroughputExceededException")
	_, err := invoke(t, handler(w.Vault, OpTokenize, slog.New(slog.DiscardHandler)), readEvent(t, "tokenize.json"))
	require.ErrorContains(t, err, "dynamodb PutItem")
	require.ErrorContains(t, err, "ProvisionedThroughputExceededException")

	w2 := newWireVault(t, nil)
	w2.kms.Fail("GenerateDataKey", "AccessDeniedException")
	_, err = invoke(t, handler(w2.Vault, OpTokenize, slog.New(slog.DiscardHandler)), readEvent(t, "tokenize.json"))
	require.ErrorContains(t, err, "kms GenerateDataKey")
	require.ErrorContains(t, err, "AccessDeniedException")
	require.Empty(t, w2.db.Requests(), "nothing is written without a data key")
}

func TestWireHMACKeyFromSecretsManager(t *testing.T) {
	sm := awsfake.New(t, secretsManagerService)
	arn := "arn:aws:secretsmanager:eu-west-1:111122223333:secret:vault-hmac-AbCdEf"
	sm.Reply("GetSecretValue", fmt.Sprintf(`{"ARN":%q,"SecretString":%q}`, arn, strings.Repeat("x", 64)), `{"SecretString":"short"}`)
	client := secretsmanager.NewFromConfig(sm.Config())
	key, err := hmacKey(context.Background(), client, arn)
	require.NoError(t, err)
	require.Equal(t, strings.Repeat("x", 64), string(key))
	require.Equal(t, map[string]any{"SecretId": arn}, sm.Last("GetSecretValue"))
	_, err = hmacKey(context.Background(), client, arn)
	require.ErrorContains(t, err, "holds 5 bytes, at least 32 needed")
	sm.Fail("GetSecretValue", "AccessDeniedException")
	_, err = hmacKey(context.Background(), client, arn)
	require.ErrorContains(t, err, "AccessDeniedException")
}
