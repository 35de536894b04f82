// Package kafkaconn builds the connection options of the project's Kafka
// clients (apps/kafkaproducer, apps/kafkatos3, functions/kafkatopic) for Amazon MSK: TLS always,
// and SASL with either IAM (AWS_MSK_IAM, the default, port 9098) or
// SCRAM-SHA-512 (port 9096, credentials from Secrets Manager). There is no
// plaintext option: MSK clusters of this project refuse it.
//
// IAM: franz-go's sasl/aws signs the AWS_MSK_IAM challenge (a SigV4
// presigned "kafka-cluster:Connect" request) with credentials asked for on
// every new connection and every re-authentication (KIP-368, MSK
// re-authenticates IAM sessions at most every hour), from the AWS SDK's
// default chain through its cache, so the ECS task role's rotated
// credentials are picked up without a restart.
package kafkaconn

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	saslaws "github.com/twmb/franz-go/pkg/sasl/aws"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// The authentication mechanisms.
const (
	AuthIAM   = "iam"
	AuthSCRAM = "scram-sha-512"
)

// Options describe how to reach the brokers.
type Options struct {
	Brokers []string // host:port
	Auth    string   // AuthIAM (default) or AuthSCRAM
	// Credentials for AuthIAM (aws.Config.Credentials, already cached).
	Credentials aws.CredentialsProvider
	// Username and Password for AuthSCRAM.
	Username, Password string
	// CAFile is a PEM bundle to trust instead of the system roots (tests;
	// MSK's certificates chain to the public Amazon roots).
	CAFile    string
	UserAgent string // sent in the IAM challenge; default franz-go's
}

// ParseBrokers splits a bootstrap string ("b-1.x:9098,b-2.x:9098").
func ParseBrokers(s string) []string {
	var out []string
	for _, b := range strings.Split(s, ",") {
		if b = strings.TrimSpace(b); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// ClientOpts returns the kgo options for TLS and SASL.
func ClientOpts(o Options) ([]kgo.Opt, error) {
	if len(o.Brokers) == 0 {
		return nil, errors.New("no bootstrap brokers")
	}
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", o.CAFile)
		}
		tlsCfg.RootCAs = pool
	}
	mech, err := Mechanism(o)
	if err != nil {
		return nil, err
	}
	return []kgo.Opt{kgo.SeedBrokers(o.Brokers...), kgo.DialTLSConfig(tlsCfg), kgo.SASL(mech)}, nil
}

// Mechanism returns the SASL mechanism for o.Auth.
func Mechanism(o Options) (sasl.Mechanism, error) {
	switch o.Auth {
	case "", AuthIAM:
		if o.Credentials == nil {
			return nil, errors.New("IAM authentication needs AWS credentials")
		}
		return IAM(o.Credentials, o.UserAgent), nil
	case AuthSCRAM:
		if o.Username == "" || o.Password == "" {
			return nil, errors.New("SCRAM authentication needs a user name and a password")
		}
		return scram.Auth{User: o.Username, Pass: o.Password}.AsSha512Mechanism(), nil
	default:
		return nil, fmt.Errorf("authentication %q: allowed are %s and %s", o.Auth, AuthIAM, AuthSCRAM)
	}
}

// IAM is the AWS_MSK_IAM mechanism with credentials retrieved from provider
// for every authentication (the provider's cache refreshes them before they
// expire).
func IAM(provider aws.CredentialsProvider, userAgent string) sasl.Mechanism {
	return saslaws.ManagedStreamingIAM(func(ctx context.Context) (saslaws.Auth, error) {
		c, err := provider.Retrieve(ctx)
		if err != nil {
			return saslaws.Auth{}, fmt.Errorf("AWS credentials for MSK IAM: %w", err)
		}
		return saslaws.Auth{AccessKey: c.AccessKeyID, SecretKey: c.SecretAccessKey, SessionToken: c.SessionToken, UserAgent: userAgent}, nil
	})
}
