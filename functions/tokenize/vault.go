package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// KMS is the part of the KMS client the vault uses.
type KMS interface {
	GenerateDataKey(context.Context, *kms.GenerateDataKeyInput, ...func(*kms.Options)) (*kms.GenerateDataKeyOutput, error)
	Decrypt(context.Context, *kms.DecryptInput, ...func(*kms.Options)) (*kms.DecryptOutput, error)
}

// DynamoDB is the part of the DynamoDB client the vault uses: tokenize puts
// items (never overwriting one), detokenize reads them in batches. Neither
// role may update or delete.
type DynamoDB interface {
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

// EncryptionContextKey is the KMS encryption context key of every data key:
// its value is the vault table's name. The key policy allows
// GenerateDataKey and Decrypt only with this context, so a data key of the
// vault is useless for anything else and CloudTrail shows the table in
// every KMS event.
const EncryptionContextKey = "tokenvault:table"

// Vault tokenizes and detokenizes against one table and one KMS key.
type Vault struct {
	Table   string
	KeyID   string // the KMS key (ARN) that generates and decrypts data keys
	KMS     KMS
	DB      DynamoDB
	HMACKey []byte // set: deterministic tokens; nil: random tokens
	Cache   *keyCache
	Rand    io.Reader
	Now     func() time.Time
	// Writers is the number of PutItem calls in flight for one request.
	Writers int
}

// Item attribute names.
const (
	attrToken      = "token"
	attrCiphertext = "ciphertext"
	attrDataKey    = "dataKey"
	attrKeyID      = "keyId"
	attrContext    = "context"
	attrCreated    = "created"
)

func (v *Vault) kmsContext() map[string]string {
	return map[string]string{EncryptionContextKey: v.Table}
}

func (v *Vault) generate(ctx context.Context) (*dataKey, error) {
	out, err := v.KMS.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{
		KeyId:             aws.String(v.KeyID),
		KeySpec:           kmstypes.DataKeySpecAes256,
		EncryptionContext: v.kmsContext(),
	})
	if err != nil {
		return nil, fmt.Errorf("kms GenerateDataKey: %w", err)
	}
	aead, err := newAEAD(out.Plaintext)
	if err != nil {
		return nil, err
	}
	return &dataKey{aead: aead, plain: out.Plaintext, blob: out.CiphertextBlob, keyID: aws.ToString(out.KeyId)}, nil
}

func (v *Vault) decryptKey(ctx context.Context, blob []byte) (*dataKey, error) {
	out, err := v.KMS.Decrypt(ctx, &kms.DecryptInput{
		CiphertextBlob:    blob,
		KeyId:             aws.String(v.KeyID),
		EncryptionContext: v.kmsContext(),
	})
	if err != nil {
		return nil, fmt.Errorf("kms Decrypt: %w", err)
	}
	aead, err := newAEAD(out.Plaintext)
	if err != nil {
		return nil, err
	}
	return &dataKey{aead: aead, plain: out.Plaintext, blob: blob, keyID: aws.ToString(out.KeyId)}, nil
}

// pending is one item to write.
type pending struct {
	token string
	value string
	item  map[string]ddbtypes.AttributeValue
}

// maxRandomAttempts bounds the retries after a random token collides with
// an existing one (2^-144 per pair: a second attempt means a broken
// random source more likely than bad luck).
const maxRandomAttempts = 3

// Tokenize returns one token per value, in order. Each value is encrypted
// under a (cached) KMS data key and written as a new item; an existing item
// is never overwritten. Deterministic tokens of values already in the vault
// keep the stored item.
func (v *Vault) Tokenize(ctx context.Context, values []string, ectx map[string]string) ([]string, error) {
	cctx := canonicalContext(ectx)
	tokens := make([]string, len(values))
	var todo []*pending
	seen := map[string]bool{}
	for i, val := range values {
		p, err := v.prepare(ctx, val, cctx)
		if err != nil {
			return nil, err
		}
		tokens[i] = p.token
		if v.HMACKey != nil {
			if seen[p.token] {
				continue // the same value twice in one request
			}
			seen[p.token] = true
		}
		todo = append(todo, p)
	}
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, v.Writers))
	for i, p := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = v.write(ctx, p, cctx)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if v.HMACKey == nil {
		// One item per value, in order; write draws a new token after a
		// collision.
		for i, p := range todo {
			tokens[i] = p.token
		}
	}
	return tokens, nil
}

// prepare draws the token and seals the value.
func (v *Vault) prepare(ctx context.Context, value string, cctx []byte) (*pending, error) {
	var token string
	if v.HMACKey != nil {
		token = deterministicToken(v.HMACKey, cctx, value)
	} else {
		t, err := newRandomToken(v.Rand)
		if err != nil {
			return nil, fmt.Errorf("random token: %w", err)
		}
		token = t
	}
	p := &pending{token: token, value: value}
	return p, v.sealItem(ctx, p, cctx)
}

func (v *Vault) sealItem(ctx context.Context, p *pending, cctx []byte) error {
	k, err := v.Cache.encryptionKey(ctx, v.generate)
	if err != nil {
		return err
	}
	ct, err := seal(nil, k.aead, v.Rand, aad(nil, v.Table, p.token, cctx), []byte(p.value))
	if err != nil {
		return err
	}
	p.item = map[string]ddbtypes.AttributeValue{
		attrToken:      &ddbtypes.AttributeValueMemberS{Value: p.token},
		attrCiphertext: &ddbtypes.AttributeValueMemberB{Value: ct},
		attrDataKey:    &ddbtypes.AttributeValueMemberB{Value: k.blob},
		attrKeyID:      &ddbtypes.AttributeValueMemberS{Value: k.keyID},
		attrContext:    &ddbtypes.AttributeValueMemberS{Value: string(cctx)},
		attrCreated:    &ddbtypes.AttributeValueMemberS{Value: v.Now().UTC().Format(time.RFC3339)},
	}
	return nil
}

// write puts p's item unless its token exists. A random token that exists
// is drawn again (and the value sealed again: the token is in the AAD); a
// deterministic one that exists already holds this value.
func (v *Vault) write(ctx context.Context, p *pending, cctx []byte) error {
	for attempt := 1; ; attempt++ {
		_, err := v.DB.PutItem(ctx, &dynamodb.PutItemInput{
			TableName:                aws.String(v.Table),
			Item:                     p.item,
			ConditionExpression:      aws.String("attribute_not_exists(#t)"),
			ExpressionAttributeNames: map[string]string{"#t": attrToken},
		})
		var exists *ddbtypes.ConditionalCheckFailedException
		switch {
		case err == nil:
			return nil
		case !errors.As(err, &exists):
			return fmt.Errorf("dynamodb PutItem: %w", err)
		case v.HMACKey != nil:
			return nil
		case attempt == maxRandomAttempts:
			return fmt.Errorf("random token collided %d times: check the random source", attempt)
		}
		t, err := newRandomToken(v.Rand)
		if err != nil {
			return fmt.Errorf("random token: %w", err)
		}
		p.token = t
		if err := v.sealItem(ctx, p, cctx); err != nil {
			return err
		}
	}
}
