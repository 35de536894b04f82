package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/sirupsen/logrus"
	"github.com/vmware/vmware-go-kcl-v2/clientlibrary/checkpoint"
	kclconfig "github.com/vmware/vmware-go-kcl-v2/clientlibrary/config"
	"github.com/vmware/vmware-go-kcl-v2/clientlibrary/worker"

	"github.com/cdk-data-patterns/patterns/apps/internal/gsr"
)

func main() {
	out := &syncWriter{w: os.Stdout}
	log := slog.New(slog.NewJSONHandler(out, nil))
	if err := run(log, out); err != nil {
		log.Error("consumer stopped", "error", err.Error())
		os.Exit(1)
	}
}

// run consumes until SIGTERM or SIGINT, then flushes every shard within
// SHUTDOWN_GRACE and returns.
func run(log *slog.Logger, out io.Writer) error {
	cfg, err := LoadConfig(os.Getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	logrus.SetOutput(out) // the KCL's lease renewal logs through logrus directly
	logrus.SetFormatter(&logrus.JSONFormatter{})

	ctx := context.Background()
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion(cfg.Region))
	if err != nil {
		return fmt.Errorf("AWS configuration: %w", err)
	}
	kc := kinesis.NewFromConfig(awsCfg, func(o *kinesis.Options) {
		if cfg.KinesisEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.KinesisEndpoint)
		}
	})
	ddb := dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
	s3c := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.S3Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.S3Endpoint)
			o.UsePathStyle = true
		}
	})

	shutdownCtx, giveUp := context.WithCancel(ctx)
	defer giveUp()
	metrics := NewMetrics(out, cfg.MetricNamespace, cfg.StreamName)
	factory := &processorFactory{
		cfg:         cfg,
		log:         log,
		metrics:     metrics,
		shutdownCtx: shutdownCtx,
		sink: &Sink{S3: s3c, Bucket: cfg.Bucket, Compression: cfg.Compression,
			InitialBackoff: 200 * time.Millisecond, MaxBackoff: 20 * time.Second, Log: log, Metrics: metrics},
	}

	if cfg.SchemaArn != "" {
		gc := glue.NewFromConfig(awsCfg, func(o *glue.Options) {
			if cfg.GlueEndpoint != "" {
				o.BaseEndpoint = aws.String(cfg.GlueEndpoint)
			}
		})
		factory.schemas = gsr.NewDeserializer(gc, cfg.SchemaArn)
	}

	kcfg := kclConfig(cfg, kclLogger{log})
	checkpointer := checkpoint.NewDynamoCheckpoint(kcfg).WithDynamoDB(leaseGuard{ddb})
	w := worker.NewWorker(factory, kcfg).WithKinesis(kc).WithCheckpointer(checkpointer)

	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	if err := w.Start(); err != nil {
		return fmt.Errorf("starting the KCL worker: %w", err)
	}
	log.Info("consuming", "stream", cfg.StreamName, "schema", cfg.SchemaArn, "worker", cfg.WorkerID, "table", cfg.LeaseTable,
		"bucket", cfg.Bucket, "prefix", cfg.Prefix, "interval", cfg.BufferInterval.String(), "bytes", cfg.BufferBytes)

	sig := <-signals
	log.Info("shutting down: flushing every shard", "signal", sig.String(), "grace", cfg.ShutdownGrace.String())
	timer := time.AfterFunc(cfg.ShutdownGrace, giveUp)
	defer timer.Stop()
	w.Shutdown() // each shard processor flushes and checkpoints in Shutdown(REQUESTED)
	log.Info("stopped")
	return nil
}

// kclConfig maps the consumer's configuration onto the KCL's.
func kclConfig(cfg Config, logger kclLogger) *kclconfig.KinesisClientLibConfiguration {
	k := kclconfig.NewKinesisClientLibConfig(cfg.ApplicationName, cfg.StreamName, cfg.Region, cfg.WorkerID).
		WithTableName(cfg.LeaseTable).
		WithLogger(logger).
		WithFailoverTimeMillis(int(cfg.FailoverTime.Milliseconds())).
		WithLeaseRefreshPeriodMillis(int(cfg.FailoverTime.Milliseconds()) / 2).
		WithLeaseRefreshWaitTime(int(cfg.FailoverTime.Milliseconds()) / 4).
		WithIdleTimeBetweenReadsInMillis(int(cfg.IdleBetweenRead.Milliseconds())).
		// Called on empty polls too, so an idle shard's buffer is flushed on time.
		WithCallProcessRecordsEvenForEmptyRecordList(true).
		// The KCL takes at most one free lease per shard sync: a short interval
		// lets a worker own every shard within seconds of starting, and pick up
		// child shards soon after a reshard (ListShards allows 100 calls/s).
		WithShardSyncIntervalMillis(int(cfg.ShardSync.Milliseconds())).
		WithMaxRecords(10000)
	k.ParentShardPollIntervalMillis = 1000
	switch cfg.InitialPosition {
	case "LATEST":
		k = k.WithInitialPositionInStream(kclconfig.LATEST)
	case "AT_TIMESTAMP":
		t := cfg.StartTimestamp
		k = k.WithTimestampAtInitialPositionInStream(&t)
	default:
		k = k.WithInitialPositionInStream(kclconfig.TRIM_HORIZON)
	}
	if cfg.EnhancedFanOut != "" {
		k = k.WithEnhancedFanOutConsumerARN(cfg.EnhancedFanOut)
	}
	return k
}

// syncWriter serialises whole lines from the logger, the KCL and the
// metrics, so that every line on stdout stays one JSON document.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
