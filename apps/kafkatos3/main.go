package main

import (
	"context"
	"errors"
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
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/cdk-data-patterns/patterns/apps/kafkaconn"
)

func main() {
	out := &syncWriter{w: os.Stdout}
	log := slog.New(slog.NewJSONHandler(out, nil))
	if err := run(log, out); err != nil {
		log.Error("consumer stopped", "error", err.Error())
		os.Exit(1)
	}
}

// run consumes until SIGTERM or SIGINT, then flushes every partition within
// SHUTDOWN_GRACE, commits, leaves the group and returns.
func run(log *slog.Logger, out io.Writer) error {
	cfg, err := LoadConfig(os.Getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)

	// stop ends polling (SIGTERM); hard ends S3 retries (grace expired).
	stop, stopPolling := context.WithCancel(context.Background())
	defer stopPolling()
	hard, giveUp := context.WithCancel(context.Background())
	defer giveUp()

	awsCfg, err := awsconfig.LoadDefaultConfig(hard, awsconfig.WithRegion(cfg.Region))
	if err != nil {
		return fmt.Errorf("AWS configuration: %w", err)
	}
	s3c := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if cfg.S3Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.S3Endpoint)
			o.UsePathStyle = true
		}
	})
	metrics := NewMetrics(out, cfg.MetricNamespace, cfg.Topic, cfg.Group)
	sink := &Sink{S3: s3c, Bucket: cfg.Bucket, InitialBackoff: 200 * time.Millisecond, MaxBackoff: 20 * time.Second, Log: log, Metrics: metrics}

	connOpts, err := kafkaconn.ClientOpts(kafkaconn.Options{
		Brokers: cfg.Brokers, Auth: cfg.Auth, Credentials: awsCfg.Credentials,
		Username: cfg.Username, Password: cfg.Password, CAFile: cfg.CAFile, UserAgent: "cdk-data-patterns-kafkatos3",
	})
	if err != nil {
		return err
	}
	var c *Consumer
	reset := kgo.NewOffset().AtStart()
	if cfg.StartOffset == "latest" {
		reset = kgo.NewOffset().AtEnd()
	}
	opts := append(connOpts,
		kgo.ClientID(cfg.ClientID),
		kgo.WithLogger(kgoLogger{log}),
		kgo.ConsumerGroup(cfg.Group),
		kgo.ConsumeTopics(cfg.Topic),
		kgo.ConsumeResetOffset(reset),
		kgo.DisableAutoCommit(),
		kgo.BlockRebalanceOnPoll(),
		kgo.SessionTimeout(cfg.SessionTimeout),
		kgo.HeartbeatInterval(min(3*time.Second, cfg.SessionTimeout/3)),
		kgo.RebalanceTimeout(cfg.RevokeTimeout+15*time.Second),
		kgo.FetchMaxWait(250*time.Millisecond),
		kgo.OnPartitionsAssigned(func(_ context.Context, _ *kgo.Client, m map[string][]int32) { c.Assigned(m) }),
		kgo.OnPartitionsRevoked(func(ctx context.Context, _ *kgo.Client, m map[string][]int32) {
			rctx, cancel := hardOr(ctx, hard)
			defer cancel()
			c.Revoked(rctx, m)
		}),
		kgo.OnPartitionsLost(func(_ context.Context, _ *kgo.Client, m map[string][]int32) { c.Lost(m) }),
	)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return fmt.Errorf("Kafka client: %w", err)
	}
	c = NewConsumer(cfg, cl, sink, metrics, log)
	log.Info("consuming", "topic", cfg.Topic, "group", cfg.Group, "brokers", len(cfg.Brokers), "auth", cfg.Auth,
		"bucket", cfg.Bucket, "prefix", cfg.Prefix, "interval", cfg.BufferInterval.String(), "bytes", cfg.BufferBytes)

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the lag metric
		defer wg.Done()
		t := time.NewTicker(cfg.LagInterval)
		defer t.Stop()
		for {
			select {
			case <-stop.Done():
				return
			case <-t.C:
				metrics.Lag(c.Lag())
			}
		}
	}()
	go func() {
		sig := <-signals
		log.Info("shutting down: flushing every partition", "signal", sig.String(), "grace", cfg.ShutdownGrace.String())
		time.AfterFunc(cfg.ShutdownGrace, giveUp)
		stopPolling()
	}()

	loopErr := poll(stop, hard, cl, c, metrics, log)
	stopPolling()
	wg.Wait()
	flushErr := c.FlushAll(hard, "shutdown")
	cl.CloseAllowingRebalance() // leaves the group; the final revoke finds empty buffers
	log.Info("stopped")
	return errors.Join(loopErr, flushErr)
}

// poll is the consumer loop: fetch, buffer, flush what is due, then let a
// pending rebalance run (its revoke callback flushes what it takes away).
func poll(stop, hard context.Context, cl *kgo.Client, c *Consumer, metrics *Metrics, log *slog.Logger) error {
	topic := c.cfg.Topic
	for stop.Err() == nil {
		ctx, cancel := context.WithTimeout(stop, 250*time.Millisecond)
		fetches := cl.PollRecords(ctx, 10000)
		cancel()
		if fetches.IsClientClosed() {
			return errors.New("Kafka client closed")
		}
		fetches.EachError(func(t string, p int32, err error) {
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return
			}
			metrics.Count("FetchErrors", 1)
			log.Warn("fetch error", "topic", t, "partition", p, "error", err.Error())
		})
		fetches.EachPartition(func(p kgo.FetchTopicPartition) {
			if p.Topic == topic && (len(p.Records) > 0 || p.HighWatermark > 0) {
				c.Add(p.Partition, p.HighWatermark, p.Records)
			}
		})
		err := c.FlushDue(hard)
		cl.AllowRebalance()
		if err != nil {
			return err
		}
	}
	return nil
}

// hardOr is the revoke callback's context: canceled when the client closes
// or the shutdown grace ends.
func hardOr(ctx, hard context.Context) (context.Context, context.CancelFunc) {
	merged, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(hard, cancel)
	return merged, func() { stop(); cancel() }
}

// kgoLogger routes franz-go's logs (warnings and errors) to the JSON log.
type kgoLogger struct{ log *slog.Logger }

func (l kgoLogger) Level() kgo.LogLevel { return kgo.LogLevelWarn }

func (l kgoLogger) Log(level kgo.LogLevel, msg string, keyvals ...any) {
	lv := slog.LevelWarn
	if level == kgo.LogLevelError {
		lv = slog.LevelError
	}
	l.log.Log(context.Background(), lv, "kafka: "+msg, keyvals...)
}

// syncWriter serialises whole lines from the logger and the metrics.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
