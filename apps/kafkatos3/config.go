package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
)

// Config is the consumer's configuration, read from the environment.
type Config struct {
	Brokers  []string // BOOTSTRAP_BROKERS (required): host:port,... (IAM: port 9098)
	Topic    string   // TOPIC (required)
	Group    string   // GROUP_ID (required): the consumer group
	Bucket   string   // BUCKET (required)
	Prefix   string   // PREFIX: key prefix, default "data"
	Region   string   // AWS_REGION (required with AUTH=iam)
	Auth     string   // AUTH: iam (default) or scram-sha-512
	Username string   // SASL_USERNAME (scram-sha-512; an ECS secret)
	Password string   // SASL_PASSWORD (scram-sha-512; an ECS secret)
	CAFile   string   // TLS_CA_FILE: PEM roots instead of the system's (tests)

	BufferInterval time.Duration // BUFFER_INTERVAL: default 5s, 1s..15m
	BufferBytes    int           // BUFFER_BYTES: default 5 MiB, 1 KiB..64 MiB
	StartOffset    string        // START_OFFSET: earliest (default) or latest, for a group without offsets
	SessionTimeout time.Duration // SESSION_TIMEOUT: group session, default 45s, 3s..5m
	RevokeTimeout  time.Duration // REVOKE_TIMEOUT: time to flush revoked partitions, default 30s
	ShutdownGrace  time.Duration // SHUTDOWN_GRACE: time to flush at SIGTERM, default 25s (ECS waits 30s)
	LagInterval    time.Duration // LAG_INTERVAL: how often the OffsetLag metric is written, default 60s
	ClientID       string        // CLIENT_ID: default kafkatos3
	// METRIC_NAMESPACE: default "CdkDataPatterns/KafkaToS3".
	MetricNamespace string

	S3Endpoint string // S3_ENDPOINT: for an emulator (path-style addressing)
}

// LoadConfig reads the configuration and reports every problem at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	var errs []error
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	required := func(name string) string {
		v := get(name)
		if v == "" {
			errs = append(errs, fmt.Errorf("%s is required", name))
		}
		return v
	}
	duration := func(name string, def, lo, hi time.Duration) time.Duration {
		v := get(name)
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q is not a duration (for example 5s, 500ms)", name, v))
			return def
		}
		if d < lo || d > hi {
			errs = append(errs, fmt.Errorf("%s=%s is outside %s..%s", name, d, lo, hi))
		}
		return d
	}
	c := Config{
		Brokers:         kafkaconn.ParseBrokers(required("BOOTSTRAP_BROKERS")),
		Topic:           required("TOPIC"),
		Group:           required("GROUP_ID"),
		Bucket:          required("BUCKET"),
		Prefix:          strings.Trim(get("PREFIX"), "/"),
		Region:          get("AWS_REGION"),
		Auth:            strings.ToLower(get("AUTH")),
		Username:        get("SASL_USERNAME"),
		Password:        getenv("SASL_PASSWORD"),
		CAFile:          get("TLS_CA_FILE"),
		StartOffset:     strings.ToLower(get("START_OFFSET")),
		ClientID:        get("CLIENT_ID"),
		MetricNamespace: get("METRIC_NAMESPACE"),
		S3Endpoint:      get("S3_ENDPOINT"),
	}
	if c.Region == "" {
		c.Region = get("AWS_DEFAULT_REGION")
	}
	switch c.Auth {
	case "":
		c.Auth = kafkaconn.AuthIAM
		fallthrough
	case kafkaconn.AuthIAM:
		if c.Region == "" {
			errs = append(errs, errors.New("AWS_REGION is required"))
		}
	case kafkaconn.AuthSCRAM:
		if c.Username == "" || c.Password == "" {
			errs = append(errs, errors.New("SASL_USERNAME and SASL_PASSWORD are required with AUTH=scram-sha-512"))
		}
	default:
		errs = append(errs, fmt.Errorf("AUTH=%q: allowed are iam and scram-sha-512 (there is no plaintext)", c.Auth))
	}
	for _, b := range c.Brokers {
		if i := strings.LastIndexByte(b, ':'); i <= 0 || i == len(b)-1 {
			errs = append(errs, fmt.Errorf("BOOTSTRAP_BROKERS: %q is not host:port", b))
		}
	}
	if c.Prefix == "" {
		c.Prefix = "data"
	}
	if c.ClientID == "" {
		c.ClientID = "kafkatos3"
	}
	if c.MetricNamespace == "" {
		c.MetricNamespace = "CdkDataPatterns/KafkaToS3"
	}
	switch c.StartOffset {
	case "":
		c.StartOffset = "earliest"
	case "earliest", "latest":
	default:
		errs = append(errs, fmt.Errorf("START_OFFSET=%q: allowed are earliest and latest", c.StartOffset))
	}
	c.BufferInterval = duration("BUFFER_INTERVAL", 5*time.Second, time.Second, 15*time.Minute)
	c.SessionTimeout = duration("SESSION_TIMEOUT", 45*time.Second, 3*time.Second, 5*time.Minute)
	c.RevokeTimeout = duration("REVOKE_TIMEOUT", 30*time.Second, time.Second, 5*time.Minute)
	c.ShutdownGrace = duration("SHUTDOWN_GRACE", 25*time.Second, time.Second, 2*time.Minute)
	c.LagInterval = duration("LAG_INTERVAL", time.Minute, time.Second, time.Hour)
	c.BufferBytes = 5 << 20
	if v := get("BUFFER_BYTES"); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("BUFFER_BYTES=%q is not an integer", v))
		case n < 1<<10 || n > 64<<20:
			errs = append(errs, fmt.Errorf("BUFFER_BYTES=%d is outside 1024..%d", n, 64<<20))
		default:
			c.BufferBytes = n
		}
	}
	return c, errors.Join(errs...)
}
