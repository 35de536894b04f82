package streamtos3

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

const (
	minRetentionHours = 24
	maxRetentionHours = 8760
	minBufferSeconds  = 1
	maxBufferSeconds  = 900
	minBufferBytes    = 1 << 10
	maxBufferBytes    = 64 << 20
)

// prefixRE is a key prefix of S3's safe characters, segments separated by
// single slashes, none at either end.
var schemaArnRE = regexp.MustCompile(`^arn:aws[a-z-]*:glue:[a-z0-9-]+:\d{12}:schema/[^/]+/[^/]+$`)

var prefixRE = regexp.MustCompile(`^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*$`)

// fargateMemory lists the memory (MiB) Fargate accepts for each CPU size.
var fargateMemory = map[float64]func(m float64) bool{
	256:   func(m float64) bool { return m == 512 || m == 1024 || m == 2048 },
	512:   func(m float64) bool { return m >= 1024 && m <= 4096 && math.Mod(m, 1024) == 0 },
	1024:  func(m float64) bool { return m >= 2048 && m <= 8192 && math.Mod(m, 1024) == 0 },
	2048:  func(m float64) bool { return m >= 4096 && m <= 16384 && math.Mod(m, 1024) == 0 },
	4096:  func(m float64) bool { return m >= 8192 && m <= 30720 && math.Mod(m, 1024) == 0 },
	8192:  func(m float64) bool { return m >= 16384 && m <= 61440 && math.Mod(m, 4096) == 0 },
	16384: func(m float64) bool { return m >= 32768 && m <= 122880 && math.Mod(m, 8192) == 0 },
}

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("streamtos3", scope, id)
	if sp := p.StreamProps; sp != nil {
		sandbox.CheckOverride(pr, scope, "StreamProps", sp.RemovalPolicy, nil)
	}
	if lp := p.LeaseTableProps; lp != nil {
		sandbox.CheckOverride(pr, scope, "LeaseTableProps", lp.RemovalPolicy, nil)
	}
	checkStream(pr, p)
	checkDestination(pr, p)
	checkBuffering(pr, p)
	checkConsumer(pr, p)
	checkAlarms(pr, p)
	return pr
}

func checkStream(pr *propcheck.Problems, p *Props) {
	switch p.Capacity {
	case "", OnDemand, Provisioned:
	default:
		pr.Add("Capacity", p.Capacity, "streamtos3.OnDemand or streamtos3.Provisioned")
	}
	if n := p.ShardCount; n != nil {
		if p.Capacity != Provisioned {
			pr.Add("ShardCount", *n, "an on-demand stream manages its shards; set Capacity to streamtos3.Provisioned to fix the shard count")
		} else if *n < 1 || *n != math.Trunc(*n) {
			pr.Add("ShardCount", *n, "a provisioned stream has a whole number of shards, at least 1")
		}
	}
	if r := p.RetentionPeriod; r != nil {
		h := propcheck.Seconds(r) / 3600
		if h < minRetentionHours || h > maxRetentionHours || h != math.Trunc(h) {
			pr.Add("RetentionPeriod", *r.ToHumanString(), "Kinesis keeps records 24 to 8,760 hours (365 days), in whole hours")
		}
	}
	if sp := p.StreamProps; sp != nil {
		if sp.StreamMode != "" || sp.ShardCount != nil || sp.RetentionPeriod != nil || sp.Encryption != "" || sp.EncryptionKey != nil {
			pr.Add("StreamProps.StreamMode/ShardCount/RetentionPeriod/Encryption/EncryptionKey", "set", "use Capacity, ShardCount, RetentionPeriod and StreamEncryptionKey; a stream of this construct is always KMS-encrypted")
		}
	}
	if p.ExistingStream != nil && (p.Capacity != "" || p.ShardCount != nil || p.RetentionPeriod != nil || p.StreamProps != nil || p.StreamEncryptionKey != nil) {
		pr.Add("ExistingStream and Capacity/ShardCount/RetentionPeriod/StreamEncryptionKey/StreamProps", "both given", "give an existing stream or the settings of a new one, not both")
	}
	if p.ShardLevelMetrics != nil && *p.ShardLevelMetrics {
		if p.ExistingStream != nil {
			pr.Add("ShardLevelMetrics", true, "the owner of an existing stream turns its shard-level metrics on (aws kinesis enable-enhanced-monitoring --shard-level-metrics ALL)")
		}
		if sp := p.StreamProps; sp != nil && sp.ShardLevelMetrics != nil {
			pr.Add("ShardLevelMetrics and StreamProps.ShardLevelMetrics", "both given", "ShardLevelMetrics turns on every shard metric; StreamProps.ShardLevelMetrics picks single ones: give one of them")
		}
	}
	if lp := p.LeaseTableProps; lp != nil && (lp.PartitionKey != nil || lp.SortKey != nil) {
		pr.Add("LeaseTableProps.PartitionKey/SortKey", "set", "the KCL lease table's key is always ShardID (string), with no sort key")
	}
}

func checkDestination(pr *propcheck.Problems, p *Props) {
	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("ExistingBucket and BucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	if p.Prefix != nil && (len(*p.Prefix) > 256 || !prefixRE.MatchString(*p.Prefix)) {
		pr.Add("Prefix", *p.Prefix, "a key prefix of letters, digits and !_.*'()=- in segments separated by single slashes, none at either end, at most 256 characters")
	}
}

func checkBuffering(pr *propcheck.Problems, p *Props) {
	if d := p.BufferInterval; d != nil {
		s := propcheck.Seconds(d)
		if s < minBufferSeconds || s > maxBufferSeconds || s != math.Trunc(s) {
			pr.Add("BufferInterval", *d.ToHumanString(), "1 second to 15 minutes, in whole seconds")
		}
	}
	if b := p.BufferSize; b != nil {
		n := *b.ToBytes(&awscdk.SizeConversionOptions{Rounding: awscdk.SizeRoundingBehavior_NONE})
		if n < minBufferBytes || n > maxBufferBytes {
			pr.Add("BufferSize", *b.ToHumanString(), "1 KiB to 64 MiB")
		}
	}
	switch p.StartPosition {
	case "", TrimHorizon, Latest:
		if p.StartTimestamp != nil {
			pr.Add("StartTimestamp", *p.StartTimestamp, "only with StartPosition streamtos3.AtTimestamp")
		}
	case AtTimestamp:
		if p.StartTimestamp == nil {
			pr.Add("StartTimestamp", "unset", "AtTimestamp needs an RFC 3339 time such as 2026-11-25T10:00:00Z")
		} else if _, err := time.Parse(time.RFC3339, strings.TrimSpace(*p.StartTimestamp)); err != nil {
			pr.Add("StartTimestamp", *p.StartTimestamp, "an RFC 3339 time such as 2026-11-25T10:00:00Z")
		}
	default:
		pr.Add("StartPosition", p.StartPosition, "streamtos3.TrimHorizon, streamtos3.Latest or streamtos3.AtTimestamp")
	}
}

func checkConsumer(pr *propcheck.Problems, p *Props) {
	vpc := p.Vpc
	if vpc == nil && p.Cluster != nil {
		vpc = p.Cluster.Vpc()
	}
	if p.Subnets != nil && vpc == nil {
		pr.Add("Subnets", "set", "subnets of a new VPC are the construct's; give Vpc (or Cluster) with them")
	}
	if vpc != nil && p.Subnets == nil && len(*vpc.PrivateSubnets()) == 0 && len(*vpc.IsolatedSubnets()) == 0 {
		pr.Add("Vpc", *vpc.Node().Path(), "a VPC with private subnets (with egress, or isolated with endpoints): the consumer never runs in public subnets")
	}
	if p.Subnets != nil && p.Subnets.SubnetType == awsec2.SubnetType_PUBLIC {
		pr.Add("Subnets.SubnetType", "PUBLIC", "private subnets (with egress, or isolated with endpoints)")
	}
	if p.Vpc != nil && p.Cluster != nil && *p.Vpc.VpcId() != *p.Cluster.Vpc().VpcId() {
		pr.Add("Vpc and Cluster", "different VPCs", "the tasks run in the cluster's VPC; drop Vpc or give its cluster")
	}
	if n := p.DesiredCount; n != nil && (*n < 1 || *n > 100 || *n != math.Trunc(*n)) {
		pr.Add("DesiredCount", *n, "1 to 100 tasks (more tasks than shards stand by)")
	}
	cpu, mem := 256.0, 512.0
	if p.Cpu != nil {
		cpu = *p.Cpu
	}
	if p.MemoryMiB != nil {
		mem = *p.MemoryMiB
	}
	if ok, known := fargateMemory[cpu]; !known {
		pr.Add("Cpu", cpu, "Fargate CPU units 256, 512, 1024, 2048, 4096, 8192 or 16384")
	} else if !ok(mem) {
		pr.Add("MemoryMiB", mem, fmt.Sprintf("a memory size Fargate accepts for %g CPU units (see the Fargate task size table)", cpu))
	}
	if a := p.SchemaArn; a != nil && !*awscdk.Token_IsUnresolved(a) && !schemaArnRE.MatchString(*a) {
		pr.Add("SchemaArn", *a, "a Glue schema ARN, arn:<partition>:glue:<region>:<account>:schema/<registry>/<schema> (or the Arn of a gluecatalog.SchemaRegistry schema)")
	}
	if p.LogRetention == awslogs.RetentionDays_INFINITE {
		pr.Add("LogRetention", "INFINITE", "a finite retention (logs are kept one year by default)")
	}
}

func checkAlarms(pr *propcheck.Problems, p *Props) {
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.CreateAlarms != nil && !*p.CreateAlarms {
		if p.MaxIteratorAge != nil {
			pr.Add("MaxIteratorAge", *p.MaxIteratorAge.ToHumanString(), "CreateAlarms is false; drop the alarm setting or turn alarms on")
		}
		if p.MaxGetRecordsLatency != nil {
			pr.Add("MaxGetRecordsLatency", *p.MaxGetRecordsLatency.ToHumanString(), "CreateAlarms is false; drop the alarm setting or turn alarms on")
		}
		return
	}
	if l := p.MaxGetRecordsLatency; l != nil {
		if ms := propcheck.Seconds(l) * 1000; ms < 10 || ms > 60000 {
			pr.Add("MaxGetRecordsLatency", *l.ToHumanString(), "10 milliseconds to 1 minute (a GetRecords call takes tens of milliseconds when healthy)")
		}
	}
	if a := p.MaxIteratorAge; a != nil {
		retention := float64(minRetentionHours * 3600)
		if p.RetentionPeriod != nil {
			retention = propcheck.Seconds(p.RetentionPeriod)
		}
		if s := propcheck.Seconds(a); s < 60 || s >= retention {
			pr.Add("MaxIteratorAge", *a.ToHumanString(), "at least 1 minute and less than the stream's retention, or records expire before the alarm fires")
		}
	}
}
