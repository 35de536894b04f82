// Command kafkaproducer is a load generator for Kafka topics on Amazon MSK
// (catalogue ING-16, ING-18): it writes the sensor readings kinesisproducer
// writes (JSON records of a given size, keyed by device) at a given rate,
// over TLS with IAM authentication (AWS_MSK_IAM, credentials from the AWS
// SDK's default chain, asked for on every connection), with the idempotent
// producer and acks from all in-sync replicas.
//
//	kafkaproducer -brokers "$BOOTSTRAP" -topic sensor-readings -rate 1000 -size 1000 -duration 60s
//
// The role running it needs what mskcluster's GrantProduce gives:
// kafka-cluster:Connect, WriteData, DescribeTopic (and CreateTopic when the
// cluster auto-creates topics) and, for the idempotent producer,
// kafka-cluster:WriteDataIdempotently on the cluster.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
	"github.com/cdk-data-patterns/patterns/apps/kafkaproducer/kproducer"
)

func main() {
	brokers := flag.String("brokers", os.Getenv("BOOTSTRAP_BROKERS"), "bootstrap brokers host:port,... (default $BOOTSTRAP_BROKERS)")
	topic := flag.String("topic", "", "topic (required)")
	auth := flag.String("auth", kafkaconn.AuthIAM, "SASL mechanism: iam or scram-sha-512 (user and password from $SASL_USERNAME, $SASL_PASSWORD)")
	caFile := flag.String("ca-file", "", "PEM bundle to trust instead of the system roots")
	rate := flag.Int("rate", 100, "records per second (0: as fast as acknowledged)")
	size := flag.Int("size", 1000, "bytes per record")
	duration := flag.Duration("duration", time.Minute, "how long to send")
	count := flag.Int("count", 0, "records to send (default: rate × duration; required with -rate 0)")
	linger := flag.Duration("linger", 10*time.Millisecond, "how long a batch waits for more records")
	batchBytes := flag.Int("batch-bytes", 1<<20, "largest batch, bytes")
	compression := flag.String("compression", "lz4", "batch compression: none, lz4, zstd, snappy")
	flag.Parse()
	if *brokers == "" || *topic == "" || *rate < 0 || (*rate == 0 && *count <= 0) {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *brokers, *topic, *auth, *caFile, *rate, *size, *count, *duration, *linger, int32(*batchBytes), *compression); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, brokers, topic, auth, caFile string, rate, size, count int, duration, linger time.Duration, batchBytes int32, compression string) error {
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return err
	}
	opts, err := kafkaconn.ClientOpts(kafkaconn.Options{
		Brokers: kafkaconn.ParseBrokers(brokers), Auth: auth, Credentials: cfg.Credentials, CAFile: caFile,
		Username: os.Getenv("SASL_USERNAME"), Password: os.Getenv("SASL_PASSWORD"), UserAgent: "cdk-data-patterns-kafkaproducer",
	})
	if err != nil {
		return err
	}
	popts, err := kproducer.ProducerOpts(linger, batchBytes, compression)
	if err != nil {
		return err
	}
	cl, err := kgo.NewClient(append(opts, popts...)...)
	if err != nil {
		return err
	}
	defer cl.Close()
	if count <= 0 {
		count = rate * int(duration.Seconds())
	}
	start := time.Now()
	sent, err := kproducer.Run(ctx, cl, kproducer.Options{Topic: topic, RunID: fmt.Sprintf("run%d", start.Unix()), Size: size, Rate: rate}, count)
	fmt.Printf("sent %d records of %d B in %s (%d acknowledged, %d failed)\n",
		len(sent.IDs), size, time.Since(start).Round(time.Millisecond), len(sent.Acked), sent.Failures)
	return err
}
