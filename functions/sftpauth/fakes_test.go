package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// fakeSecrets is Secrets Manager with secrets in a map; err, when set, is
// the answer to every call.
type fakeSecrets struct {
	mu      sync.Mutex
	secrets map[string]string
	calls   []string
	err     error
}

func (f *fakeSecrets) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := aws.ToString(in.SecretId)
	f.calls = append(f.calls, id)
	if f.err != nil {
		return nil, f.err
	}
	s, ok := f.secrets[id]
	if !ok {
		return nil, &smtypes.ResourceNotFoundException{Message: aws.String("Secrets Manager can't find the specified secret.")}
	}
	return &secretsmanager.GetSecretValueOutput{Name: in.SecretId, SecretString: aws.String(s)}, nil
}

var errThrottled = errors.New("ThrottlingException: Rate exceeded")

var testConfig = Config{
	SecretPrefix: "sftp/ingest",
	Bucket:       "lake-raw",
	BucketArn:    "arn:aws:s3:::lake-raw",
	LakePrefix:   "sftp",
	RoleArn:      "arn:aws:iam::111122223333:role/SftpUsers",
	KeyArn:       "arn:aws:kms:eu-west-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
}

const testPassword = "correct horse battery staple"

var (
	hashOnce sync.Once
	testHash string
)

// passwordHashForTests hashes testPassword once (PBKDF2 at 600,000
// iterations takes a noticeable fraction of a second).
func passwordHashForTests(t testing.TB) string {
	hashOnce.Do(func() {
		var err error
		if testHash, err = HashPassword(testPassword, MinIterations); err != nil {
			t.Fatal(err)
		}
	})
	return testHash
}

func sshBlob(parts ...[]byte) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(p)))
		b.Write(p)
	}
	return b.Bytes()
}

// ed25519Key is a fresh OpenSSH ed25519 public key line.
func ed25519Key(comment string) string {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	return strings.TrimSpace("ssh-ed25519 " + base64.StdEncoding.EncodeToString(sshBlob([]byte("ssh-ed25519"), pub)) + " " + comment)
}

// rsaKey is a fresh OpenSSH RSA public key line of bits bits.
func rsaKey(t testing.TB, bits int) string {
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		t.Fatal(err)
	}
	e := big.NewInt(int64(k.E)).Bytes()
	n := append([]byte{0}, k.N.Bytes()...)
	return "ssh-rsa " + base64.StdEncoding.EncodeToString(sshBlob([]byte("ssh-rsa"), e, n))
}

func recordJSON(t testing.TB, r map[string]any) string {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
