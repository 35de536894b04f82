package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the consumer's configuration, read from the environment.
type Config struct {
	StreamName      string        // STREAM_NAME (required)
	ApplicationName string        // APPLICATION_NAME (required): KCL application name
	LeaseTable      string        // LEASE_TABLE (required): DynamoDB lease table
	Bucket          string        // BUCKET (required)
	Prefix          string        // PREFIX: key prefix, default "data"
	Region          string        // AWS_REGION (required)
	WorkerID        string        // WORKER_ID: default hostname + random suffix
	BufferInterval  time.Duration // BUFFER_INTERVAL: default 5s, 1s..15m
	BufferBytes     int           // BUFFER_BYTES: default 5 MiB, 1 KiB..64 MiB
	Compression     string        // COMPRESSION: none (default) or gzip
	InitialPosition string        // INITIAL_POSITION: TRIM_HORIZON (default), LATEST, AT_TIMESTAMP
	StartTimestamp  time.Time     // START_TIMESTAMP: RFC 3339, with AT_TIMESTAMP
	FailoverTime    time.Duration // FAILOVER_TIME: lease duration, default 10s
	IdleBetweenRead time.Duration // IDLE_BETWEEN_READS: poll pause when a shard is idle, default 250ms
	ShutdownGrace   time.Duration // SHUTDOWN_GRACE: time to flush at SIGTERM, default 25s (ECS waits 30s)
	ShardSync       time.Duration // SHARD_SYNC_INTERVAL: how often to list shards and take one free lease, default 1s
	MetricNamespace string        // METRIC_NAMESPACE: default "CdkDataPatterns/StreamToS3"
	EnhancedFanOut  string        // EFO_CONSUMER_ARN: read through this enhanced fan-out consumer (ING-13)
	// SCHEMA_ARN: the Glue Schema Registry schema whose AVRO versions framed
	// records must use (CAT-10); they are stored as JSON, the others under
	// <prefix>/_rejected/. Records not framed for the registry pass through.
	SchemaArn string

	// Endpoints for local emulators; empty in AWS.
	KinesisEndpoint  string // KINESIS_ENDPOINT
	DynamoDBEndpoint string // DYNAMODB_ENDPOINT
	S3Endpoint       string // S3_ENDPOINT (path-style addressing is used when set)
	GlueEndpoint     string // GLUE_ENDPOINT
}

var schemaArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:glue:[a-z0-9-]+:\d{12}:schema/[^/]+/[^/]+$`)

// LoadConfig reads the configuration and reports every problem at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	var errs []error
	required := func(name string) string {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			errs = append(errs, fmt.Errorf("%s is required", name))
		}
		return v
	}
	duration := func(name string, def, min, max time.Duration) time.Duration {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%q is not a duration (for example 5s, 500ms)", name, v))
			return def
		}
		if d < min || d > max {
			errs = append(errs, fmt.Errorf("%s=%s is outside %s..%s", name, d, min, max))
		}
		return d
	}
	c := Config{
		StreamName:       required("STREAM_NAME"),
		ApplicationName:  required("APPLICATION_NAME"),
		LeaseTable:       required("LEASE_TABLE"),
		Bucket:           required("BUCKET"),
		Region:           strings.TrimSpace(getenv("AWS_REGION")),
		Prefix:           strings.Trim(strings.TrimSpace(getenv("PREFIX")), "/"),
		WorkerID:         strings.TrimSpace(getenv("WORKER_ID")),
		Compression:      strings.ToLower(strings.TrimSpace(getenv("COMPRESSION"))),
		InitialPosition:  strings.ToUpper(strings.TrimSpace(getenv("INITIAL_POSITION"))),
		MetricNamespace:  strings.TrimSpace(getenv("METRIC_NAMESPACE")),
		EnhancedFanOut:   strings.TrimSpace(getenv("EFO_CONSUMER_ARN")),
		KinesisEndpoint:  strings.TrimSpace(getenv("KINESIS_ENDPOINT")),
		DynamoDBEndpoint: strings.TrimSpace(getenv("DYNAMODB_ENDPOINT")),
		S3Endpoint:       strings.TrimSpace(getenv("S3_ENDPOINT")),
		GlueEndpoint:     strings.TrimSpace(getenv("GLUE_ENDPOINT")),
		SchemaArn:        strings.TrimSpace(getenv("SCHEMA_ARN")),
	}
	if c.SchemaArn != "" && !schemaArnRE.MatchString(c.SchemaArn) {
		errs = append(errs, fmt.Errorf("SCHEMA_ARN=%q is not a Glue schema ARN (arn:<partition>:glue:<region>:<account>:schema/<registry>/<schema>)", c.SchemaArn))
	}
	if c.Region == "" {
		c.Region = strings.TrimSpace(getenv("AWS_DEFAULT_REGION"))
	}
	if c.Region == "" {
		errs = append(errs, errors.New("AWS_REGION is required"))
	}
	if c.Prefix == "" {
		c.Prefix = "data"
	}
	if c.WorkerID == "" {
		host, _ := os.Hostname()
		c.WorkerID = fmt.Sprintf("%s-%d", host, time.Now().UnixNano())
	}
	if c.MetricNamespace == "" {
		c.MetricNamespace = "CdkDataPatterns/StreamToS3"
	}
	c.BufferInterval = duration("BUFFER_INTERVAL", 5*time.Second, time.Second, 15*time.Minute)
	c.FailoverTime = duration("FAILOVER_TIME", 10*time.Second, time.Second, 10*time.Minute)
	c.IdleBetweenRead = duration("IDLE_BETWEEN_READS", 250*time.Millisecond, 200*time.Millisecond, 10*time.Second)
	c.ShardSync = duration("SHARD_SYNC_INTERVAL", time.Second, 500*time.Millisecond, time.Minute)
	c.ShutdownGrace = duration("SHUTDOWN_GRACE", 25*time.Second, time.Second, 2*time.Minute)

	c.BufferBytes = 5 << 20
	if v := strings.TrimSpace(getenv("BUFFER_BYTES")); v != "" {
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
	switch c.Compression {
	case "":
		c.Compression = "none"
	case "none", "gzip":
	default:
		errs = append(errs, fmt.Errorf("COMPRESSION=%q: allowed are none and gzip", c.Compression))
	}
	switch c.InitialPosition {
	case "":
		c.InitialPosition = "TRIM_HORIZON"
	case "TRIM_HORIZON", "LATEST":
	case "AT_TIMESTAMP":
		v := strings.TrimSpace(getenv("START_TIMESTAMP"))
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			errs = append(errs, fmt.Errorf("START_TIMESTAMP=%q must be an RFC 3339 time with INITIAL_POSITION=AT_TIMESTAMP", v))
		}
		c.StartTimestamp = t
	default:
		errs = append(errs, fmt.Errorf("INITIAL_POSITION=%q: allowed are TRIM_HORIZON, LATEST and AT_TIMESTAMP", c.InitialPosition))
	}
	return c, errors.Join(errs...)
}

// Extension is the object name suffix for the configured compression.
func (c Config) Extension() string {
	if c.Compression == "gzip" {
		return "jsonl.gz"
	}
	return "jsonl"
}
