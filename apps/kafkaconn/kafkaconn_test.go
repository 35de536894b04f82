package kafkaconn

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// The AWS_MSK_IAM client-first message is checked field by field against
// the format of aws-msk-iam-auth (version 2020_10_22) and its signature
// recomputed with the AWS SDK's own SigV4 presigner: kfake has no
// AWS_MSK_IAM, so this is the test of the bytes an MSK broker verifies.
func TestIAMChallengeIsAPresignedConnect(t *testing.T) {
	for _, token := range []string{"", "session-token/with+odd=chars"} {
		creds := credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
		mech := IAM(aws.NewCredentialsCache(creds), "kafkatos3-test")
		if mech.Name() != "AWS_MSK_IAM" {
			t.Fatalf("mechanism %q", mech.Name())
		}
		const host = "b-1.demo.abc123.c2.kafka.eu-west-1.amazonaws.com"
		_, first, err := mech.Authenticate(context.Background(), host+":9098")
		if err != nil {
			t.Fatal(err)
		}
		var msg map[string]string
		if err := json.Unmarshal(first, &msg); err != nil {
			t.Fatalf("first message is not a JSON object of strings: %v\n%s", err, first)
		}
		want := map[string]string{
			"version": "2020_10_22", "host": host, "user-agent": "kafkatos3-test",
			"action": "kafka-cluster:Connect", "x-amz-algorithm": "AWS4-HMAC-SHA256",
			"x-amz-expires": "900", "x-amz-signedheaders": "host",
		}
		for k, v := range want {
			if msg[k] != v {
				t.Errorf("%s = %q, want %q", k, msg[k], v)
			}
		}
		signed, err := time.Parse("20060102T150405Z", msg["x-amz-date"])
		if err != nil {
			t.Fatalf("x-amz-date %q: %v", msg["x-amz-date"], err)
		}
		if d := time.Since(signed); d < -time.Minute || d > time.Minute {
			t.Errorf("x-amz-date %s is not now", signed)
		}
		if wantCred := "AKIDEXAMPLE/" + signed.Format("20060102") + "/eu-west-1/kafka-cluster/aws4_request"; msg["x-amz-credential"] != wantCred {
			t.Errorf("x-amz-credential %q, want %q", msg["x-amz-credential"], wantCred)
		}
		if token != "" && msg["x-amz-security-token"] != token {
			t.Errorf("x-amz-security-token %q, want %q", msg["x-amz-security-token"], token)
		}
		if _, ok := msg["x-amz-security-token"]; token == "" && ok {
			t.Error("a security token was sent for long-term credentials")
		}

		// The same request presigned by the SDK must carry the same signature.
		req, _ := http.NewRequest(http.MethodGet, "https://"+host+"/?Action=kafka-cluster%3AConnect&X-Amz-Expires=900", nil)
		c, _ := creds.Retrieve(context.Background())
		u, _, err := v4.NewSigner().PresignHTTP(context.Background(), c, req,
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "kafka-cluster", "eu-west-1", signed)
		if err != nil {
			t.Fatal(err)
		}
		parsed, _ := url.Parse(u)
		if sdkSig := parsed.Query().Get("X-Amz-Signature"); sdkSig == "" || sdkSig != msg["x-amz-signature"] {
			t.Errorf("signature %q; the SDK's presigner gives %q for the same request", msg["x-amz-signature"], sdkSig)
		}
	}
}

func TestMechanismChoice(t *testing.T) {
	creds := aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("a", "b", ""))
	for _, tc := range []struct {
		o        Options
		name     string
		errMatch string
	}{
		{Options{Credentials: creds}, "AWS_MSK_IAM", ""},
		{Options{Auth: AuthIAM}, "", "needs AWS credentials"},
		{Options{Auth: AuthSCRAM, Username: "u", Password: "p"}, "SCRAM-SHA-512", ""},
		{Options{Auth: AuthSCRAM, Username: "u"}, "", "user name and a password"},
		{Options{Auth: "plain"}, "", "allowed are iam and scram-sha-512"},
	} {
		m, err := Mechanism(tc.o)
		switch {
		case tc.errMatch != "" && (err == nil || !strings.Contains(err.Error(), tc.errMatch)):
			t.Errorf("%+v: error %v, want %q", tc.o.Auth, err, tc.errMatch)
		case tc.errMatch == "" && (err != nil || m.Name() != tc.name):
			t.Errorf("%+v: %v %v, want %s", tc.o.Auth, m, err, tc.name)
		}
	}
	if _, err := ClientOpts(Options{Credentials: creds}); err == nil {
		t.Error("no brokers accepted")
	}
	if got := ParseBrokers(" b-1:9098, ,b-2:9098 "); strings.Join(got, "|") != "b-1:9098|b-2:9098" {
		t.Errorf("ParseBrokers: %q", got)
	}
	if _, err := ClientOpts(Options{Brokers: []string{"x:9098"}, Credentials: creds, CAFile: "/nonexistent"}); err == nil {
		t.Error("missing CA file accepted")
	}
}
