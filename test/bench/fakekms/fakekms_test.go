package fakekms

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// The fake through the Go SDK: a data key decrypts only under its
// encryption context, and a MAC verifies only for its message.
func TestKMS(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := kms.NewFromConfig(aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(s.URL),
		Credentials: credentials.NewStaticCredentialsProvider("a", "b", "")})
	ctx := context.Background()
	ec := map[string]string{"tokenvault:table": "t"}
	dk, err := c.GenerateDataKey(ctx, &kms.GenerateDataKeyInput{KeyId: aws.String(KeyARN), KeySpec: types.DataKeySpecAes256, EncryptionContext: ec})
	if err != nil || len(dk.Plaintext) != 32 {
		t.Fatal(err)
	}
	d, err := c.Decrypt(ctx, &kms.DecryptInput{KeyId: aws.String(KeyARN), CiphertextBlob: dk.CiphertextBlob, EncryptionContext: ec})
	if err != nil || !bytes.Equal(d.Plaintext, dk.Plaintext) {
		t.Fatalf("Decrypt: %v", err)
	}
	var bad *types.InvalidCiphertextException
	if _, err := c.Decrypt(ctx, &kms.DecryptInput{KeyId: aws.String(KeyARN), CiphertextBlob: dk.CiphertextBlob,
		EncryptionContext: map[string]string{"tokenvault:table": "other"}}); !errors.As(err, &bad) {
		t.Fatalf("Decrypt under another context: %v", err)
	}
	m, err := c.GenerateMac(ctx, &kms.GenerateMacInput{KeyId: aws.String(MACKeyARN), Message: []byte("m"), MacAlgorithm: types.MacAlgorithmSpecHmacSha256})
	if err != nil || !bytes.Equal(m.Mac, MAC([]byte("m"))) {
		t.Fatalf("GenerateMac: %v", err)
	}
	v, err := c.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: aws.String(MACKeyARN), Message: []byte("m"), Mac: m.Mac, MacAlgorithm: types.MacAlgorithmSpecHmacSha256})
	if err != nil || !v.MacValid {
		t.Fatalf("VerifyMac: %v", err)
	}
	var invalid *types.KMSInvalidMacException
	if _, err := c.VerifyMac(ctx, &kms.VerifyMacInput{KeyId: aws.String(MACKeyARN), Message: []byte("n"), Mac: m.Mac,
		MacAlgorithm: types.MacAlgorithmSpecHmacSha256}); !errors.As(err, &invalid) {
		t.Fatalf("VerifyMac of another message: %v", err)
	}
	if got := s.Counts(); got.GenerateDataKey != 1 || got.Decrypt != 2 || got.GenerateMac != 1 || got.VerifyMac != 2 || got.Errors != 2 {
		t.Fatalf("counts %+v", got)
	}
}
