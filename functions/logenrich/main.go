package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/cdk-data-patterns/patterns/functions/internal/firehoseproc"
	"github.com/cdk-data-patterns/patterns/functions/internal/lambdaloop"
	"github.com/cdk-data-patterns/patterns/functions/internal/startup"
)

func main() {
	log := startup.Logger()
	cfg, err := ConfigFromEnv(os.Getenv)
	lambdaloop.Check(log, "configuration", err)
	awsCfg, err := startup.LoadAWSConfig()
	lambdaloop.Check(log, "aws configuration", err)
	p := &Processor{
		KeyField: cfg.KeyField,
		Lookup:   &Lookup{Table: dynamodb.NewFromConfig(awsCfg), TableName: cfg.TableName, KeyName: cfg.TableKey, TTL: cfg.CacheTTL},
		Log:      log,
	}
	lambdaloop.Start(handler(p, log))
}

// handler adapts ProcessEvent to lambdaloop and logs one line per
// invocation. It returns an error only for an event that is not a Firehose
// event (as aws-lambda-go did): every record gets its own result, and an
// error would make Firehose retry the whole batch.
func handler(p *Processor, log *slog.Logger) lambdaloop.Handler {
	var ev firehoseproc.Event
	return func(ctx context.Context, event []byte, out *bytes.Buffer) error {
		if err := firehoseproc.ParseEvent(event, &ev); err != nil {
			return err
		}
		s := p.ProcessEvent(ctx, &ev, out)
		level := slog.LevelInfo
		if s.Failed > 0 {
			level = slog.LevelWarn
		}
		attrs := []any{
			"records", s.Records, "ok", s.Ok, "dropped", s.Dropped, "failed", s.Failed,
			"over_limit", s.OverLimit, "in_bytes", s.InBytes, "out_bytes", s.OutBytes,
			"control_messages", s.ControlMessages, "log_events", s.LogEvents,
			"enriched", s.Enriched, "enrichment_missing", s.Missing, "no_key", s.NoKey,
			slog.Group("lookups", "keys", s.Lookups.Keys, "cache_hits", s.Lookups.CacheHits,
				"requests", s.Lookups.Requests, "retries", s.Lookups.Retries, "failed_keys", s.Lookups.FailedKeys),
			"invocation_id", ev.InvocationID, "delivery_stream_arn", ev.DeliveryStreamArn,
		}
		if s.Lookups.FirstError != "" {
			attrs = append(attrs, "lookup_error", s.Lookups.FirstError)
		}
		log.Log(ctx, level, "batch", attrs...)
		return nil
	}
}
