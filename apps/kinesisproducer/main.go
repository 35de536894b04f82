// Command kinesisproducer is a load generator for Kinesis data streams
// (catalogue ING-10): it writes JSON records of a given size at a given rate
// with PutRecords, retrying what the stream throttles.
//
//	kinesisproducer -stream NAME -rate 1000 -size 1000 -duration 60s
//
// The notes' IoT load is -rate 0.1 -size 100000 (100 KB every 10 s); one
// shard's write limit is -rate 1000 -size 1000 (1 MB/s).
//
// With -registry NAME (the Streaming stack's SchemaRegistryName output) the
// records are Avro, serialized with the schema registered there as
// "sensor-reading" and framed in the Glue Schema Registry wire format
// (catalogue CAT-10); the producer then needs glue:GetSchemaByDefinition on
// the registry and the schema besides kinesis:PutRecords.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
	"github.com/cdk-data-patterns/patterns/apps/kinesisproducer/producer"
)

func main() {
	stream := flag.String("stream", "", "stream name (required)")
	endpoint := flag.String("endpoint", "", "Kinesis endpoint URL, for an emulator")
	rate := flag.Float64("rate", 100, "records per second")
	size := flag.Int("size", 1000, "bytes per record")
	duration := flag.Duration("duration", time.Minute, "how long to send")
	registry := flag.String("registry", "", "Glue Schema Registry name: send Avro records of its schema (default: JSON)")
	schema := flag.String("schema", producer.SchemaName, "schema name in -registry")
	compress := flag.String("compress", "none", "Avro payload compression: none or zlib")
	flag.Parse()
	if *stream == "" || *rate <= 0 || (*compress != "none" && *compress != "zlib") {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	client := kinesis.NewFromConfig(cfg, func(o *kinesis.Options) {
		if *endpoint != "" {
			o.BaseEndpoint = aws.String(*endpoint)
		}
	})
	count := int(*rate * duration.Seconds())
	opt := producer.Options{Stream: *stream, RunID: fmt.Sprintf("run%d", time.Now().Unix()), Size: *size, Devices: 64}
	if *registry != "" {
		compression := gsr.CompressionNone
		if *compress == "zlib" {
			compression = gsr.CompressionZlib
		}
		opt.Serializer, err = gsr.NewSerializer(ctx, glue.NewFromConfig(cfg), *registry, *schema, producer.SensorSchema, compression)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("writing Avro records of %s/%s, schema version %s\n", *registry, *schema, opt.Serializer.VersionID)
	}
	if *rate >= 1 {
		opt.Rate = int(*rate)
	}
	start := time.Now()
	var sent *producer.Sent
	if *rate < 1 { // slower than one a second: one record per period
		sent = &producer.Sent{Accepted: map[string]time.Time{}}
		period := time.Duration(float64(time.Second) / *rate)
		for i := 0; i < count && ctx.Err() == nil; i++ {
			opt.RunID = fmt.Sprintf("run%d-%d", start.Unix(), i)
			s, err := producer.Run(ctx, client, opt, 1)
			if err != nil {
				break
			}
			sent.IDs = append(sent.IDs, s.IDs...)
			time.Sleep(period)
		}
	} else {
		sent, err = producer.Run(ctx, client, opt, count)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	fmt.Printf("sent %d records of %d B in %s (%d PutRecords calls, %d entries retried)\n",
		len(sent.IDs), *size, time.Since(start).Round(time.Millisecond), sent.Calls, sent.Retried)
}
