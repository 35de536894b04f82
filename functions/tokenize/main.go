package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	startup.Check(log, "configuration", err)
	awsCfg := startup.AWSConfig(log)
	v := &Vault{
		Table: cfg.Table, KeyID: cfg.KeyArn,
		KMS: kms.NewFromConfig(awsCfg), DB: dynamodb.NewFromConfig(awsCfg),
		Cache: newKeyCache(cfg.Cache, nil), Rand: rand.Reader, Now: time.Now, Writers: cfg.Writers,
	}
	if cfg.HMACSecretArn != "" {
		v.HMACKey, err = hmacKey(context.Background(), secretsmanager.NewFromConfig(awsCfg), cfg.HMACSecretArn)
		startup.Check(log, "deterministic token key", err)
	}
	lambda.Start(handler(v, cfg.Mode, log))
}

// SecretsManager is the part of the Secrets Manager client main uses.
type SecretsManager interface {
	GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// minHMACKeyBytes: the generated secret is 64 characters; anything shorter
// than 32 bytes is not the construct's secret.
const minHMACKeyBytes = 32

// hmacKey reads the deterministic-token key (the secret string's bytes).
func hmacKey(ctx context.Context, sm SecretsManager, arn string) ([]byte, error) {
	out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arn)})
	if err != nil {
		return nil, fmt.Errorf("secretsmanager GetSecretValue: %w", err)
	}
	key := []byte(aws.ToString(out.SecretString))
	if len(key) < minHMACKeyBytes {
		return nil, fmt.Errorf("secret %s holds %d bytes, at least %d needed", arn, len(key), minHMACKeyBytes)
	}
	return key, nil
}

// handler serves one operation. A request for the other one is refused:
// the tokenize function's role cannot decrypt and the detokenize
// function's cannot generate data keys, so who may invoke which function
// is who may do which operation. Values and tokens are never logged.
func handler(v *Vault, mode Op, log *slog.Logger) func(context.Context, json.RawMessage) (Response, error) {
	return func(ctx context.Context, raw json.RawMessage) (Response, error) {
		r, err := Parse(raw)
		if err == nil && r.Op != mode {
			err = bad("this function only does %q; %q is a separate function with its own permission", mode, r.Op)
		}
		if err != nil {
			log.Warn("request refused", "error", err.Error(), "bytes", len(raw))
			return Response{}, err
		}
		start := time.Now()
		var res Response
		switch r.Op {
		case OpTokenize:
			res.Tokens, err = v.Tokenize(ctx, r.Values, r.Context)
		case OpDetokenize:
			res.Values, res.NotFound, err = v.Detokenize(ctx, r.Tokens, r.Context)
		}
		generated, decrypted := v.Cache.calls()
		if err != nil {
			log.Error(string(r.Op), "error", err.Error(), "count", len(r.Values)+len(r.Tokens))
			return Response{}, err
		}
		log.Info(string(r.Op), "count", len(r.Values)+len(r.Tokens), "notFound", len(res.NotFound),
			"ms", time.Since(start).Milliseconds(), "kmsGenerated", generated, "kmsDecrypted", decrypted)
		return res, nil
	}
}
