package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TokenPrefix starts every EKS bearer token built from a presigned STS URL.
const TokenPrefix = "k8s-aws-v1."

// ClusterIDHeader is the signed header that binds a token to one cluster.
const ClusterIDHeader = "x-k8s-aws-id"

// emptyPayloadHash is the SHA-256 of an empty body (GetCallerIdentity is a
// GET).
const emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// Token builds the bearer token `aws eks get-token` prints: the presigned
// GetCallerIdentity URL of the region's STS endpoint, signed for cluster
// at now and valid 60 s, base64url-encoded without padding. It makes no
// network call; the cluster's authenticator calls STS with it.
func Token(ctx context.Context, creds aws.CredentialsProvider, region, cluster string, now time.Time) (string, error) {
	if creds == nil {
		return "", fmt.Errorf("no AWS credentials")
	}
	c, err := creds.Retrieve(ctx)
	if err != nil {
		return "", fmt.Errorf("AWS credentials: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://"+stsHost(region)+"/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Expires=60", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set(ClusterIDHeader, cluster)
	signed, _, err := v4.NewSigner().PresignHTTP(ctx, c, req, emptyPayloadHash, "sts", region, now.UTC())
	if err != nil {
		return "", fmt.Errorf("presign GetCallerIdentity: %w", err)
	}
	return TokenPrefix + base64.RawURLEncoding.EncodeToString([]byte(signed)), nil
}

// stsHost is the regional STS endpoint (EKS accepts regional endpoints,
// and a function in an isolated VPC may only reach those).
func stsHost(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "sts." + region + ".amazonaws.com.cn"
	}
	return "sts." + region + ".amazonaws.com"
}
