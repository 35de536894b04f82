package streamanalytics

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/flinkapp"
	"github.com/cdk-data-patterns/patterns/constructs/logshipper"
	"github.com/cdk-data-patterns/patterns/constructs/opensearchreplication"
	"github.com/cdk-data-patterns/patterns/constructs/streamtoopensearch"
	"github.com/cdk-data-patterns/patterns/flink"
	"github.com/cdk-data-patterns/patterns/stacks/internal/context"
)

// Names and prefixes the stack owns.
const (
	// StatsIndex is the weblog statistics' index (daily: weblog-stats-YYYY-MM-DD).
	StatsIndex = "weblog-stats"
	// WeblogPrefix of the archive bucket holds the raw weblogs.
	WeblogPrefix = "weblogs/"
)

// weblogs is ING-11, ING-19, ETL-18 and STO-05 to STO-07: the web server's
// logs, archived and aggregated into the tiered search domain.
func (s *Stack) weblogs(cfg Config) {
	st := s.Stack
	s.Weblogs = awskinesis.NewStream(st, jsii.String("Weblogs"), &awskinesis.StreamProps{
		StreamMode:    awskinesis.StreamMode_ON_DEMAND,
		Encryption:    awskinesis.StreamEncryption_MANAGED,
		RemovalPolicy: context.RemovalPolicy(st),
	})
	if cfg.LogShipper.On() {
		agent := logshipper.FluentBit
		if cfg.LogShipper.Agent == KinesisAgent {
			agent = logshipper.KinesisAgent
		}
		s.WebServer = logshipper.New(st, "WebServer", &logshipper.Props{
			Stream: s.Weblogs, Agent: agent, Vpc: s.Network.Vpc, VpcSubnets: s.Network.Private,
		})
	}
	s.WeblogArchive = firehosetos3.New(st, "WeblogArchive", &firehosetos3.Props{
		SourceStream:   s.Weblogs,
		ExistingBucket: s.Archive.Bucket,
		Prefix:         jsii.String(WeblogPrefix + "year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"),
		ErrorPrefix:    jsii.String("weblogs-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"),
		AlarmTopic:     s.Alarms.Topic,
	})
	s.Search = streamtoopensearch.New(st, "WeblogSearch", searchProps(s, cfg, StatsIndex))
	if cfg.Flink.On() {
		s.weblogStats(cfg)
	}
	if cfg.Search.Replication.OnBy(false) {
		s.Standby = streamtoopensearch.New(st, "WeblogStandby", searchProps(s, Config{}, "standby"))
		s.Replication = opensearchreplication.New(st, "WeblogReplication", &opensearchreplication.Props{
			Leader: s.Search, Follower: s.Standby,
		})
	}
}

// searchProps is a domain in the stack's VPC whose records are already
// documents (the Flink job's statistics), with the tiers and the ISM policy
// of cfg (none in a sandbox: its one-node domain has no dedicated masters,
// which UltraWarm needs) and snapshots to S3.
func searchProps(s *Stack, cfg Config, index string) *streamtoopensearch.Props {
	p := &streamtoopensearch.Props{
		Vpc:           s.Network.Vpc,
		DomainSubnets: s.Network.Private,
		IndexName:     jsii.String(index),
		DocumentsAsIs: jsii.Bool(true),
		Snapshots:     &streamtoopensearch.Snapshots{},
		AlarmTopic:    s.Alarms.Topic,
	}
	days := func(d float64) awscdk.Duration { return awscdk.Duration_Days(jsii.Number(d)) }
	sandbox := context.RemovalPolicy(s.Stack) == awscdk.RemovalPolicy_DESTROY
	if cfg.Search.WarmNodes != nil && *cfg.Search.WarmNodes > 0 && !sandbox {
		p.WarmNodes = cfg.Search.WarmNodes
		p.ColdStorage = jsii.Bool(cfg.Search.ColdOn())
		ism := &streamtoopensearch.Ism{WarmAfter: days(cfg.Search.WarmAfterDays), DeleteAfter: days(cfg.Search.DeleteAfterDays)}
		if cfg.Search.ColdOn() {
			ism.ColdAfter = days(cfg.Search.ColdAfterDays)
		}
		p.Ism = ism
	} else if cfg.Search.DeleteAfterDays > 0 {
		p.Ism = &streamtoopensearch.Ism{DeleteAfter: days(cfg.Search.DeleteAfterDays)}
	}
	return p
}

// weblogStats is the Flink job of ING-19: the raw weblogs in, one-minute
// statistics out to the search domain's stream (its Firehose indexes them:
// Flink's OpenSearch connector cannot sign requests, the domain wants them
// signed).
func (s *Stack) weblogStats(cfg Config) {
	app := flinkapp.New(s.Stack, "WeblogStats", &flinkapp.Props{
		CodeDirectory: flink.JobsDir(),
		PythonEntry:   flink.WeblogsEntry,
		JarFile:       flink.ConnectorJar,
		PyFiles:       flink.WeblogsModules,
		Parallelism:   jsii.Number(cfg.Flink.Parallelism),
		Vpc:           s.Network.Vpc,
		VpcSubnets:    s.Network.Private,
		PropertyGroups: map[string]map[string]string{
			"WeblogSource": {"stream.arn": *s.Weblogs.StreamArn()},
			"WeblogSink":   {"sink": "kinesis", "stream.arn": *s.Search.Stream.StreamArn()},
		},
		LagAlarmStreams: []string{*s.Weblogs.StreamName()},
		AlarmTopic:      s.Alarms.Topic,
	})
	s.Weblogs.GrantRead(app.Role)
	s.Search.Stream.GrantWrite(app.Role)
	s.WeblogStats = app
}
