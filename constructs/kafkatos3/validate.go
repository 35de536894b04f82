package kafkatos3

import (
	"fmt"
	"math"
	"regexp"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	topicRE  = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,249}$`)
	prefixRE = regexp.MustCompile(`^[A-Za-z0-9!_.*'()=-]+(/[A-Za-z0-9!_.*'()=-]+)*$`)
)

// fargateMemory lists the memory (MiB) Fargate accepts for each CPU size.
var fargateMemory = map[float64]func(m float64) bool{
	256:  func(m float64) bool { return m == 512 || m == 1024 || m == 2048 },
	512:  func(m float64) bool { return m >= 1024 && m <= 4096 && math.Mod(m, 1024) == 0 },
	1024: func(m float64) bool { return m >= 2048 && m <= 8192 && math.Mod(m, 1024) == 0 },
	2048: func(m float64) bool { return m >= 4096 && m <= 16384 && math.Mod(m, 1024) == 0 },
	4096: func(m float64) bool { return m >= 8192 && m <= 30720 && math.Mod(m, 1024) == 0 },
}

func literal(s *string) bool { return s != nil && !*awscdk.Token_IsUnresolved(s) }

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("kafkatos3", scope, id)
	if p.Cluster == nil {
		pr.Add("Cluster", "unset", "an MSK cluster with IAM authentication (mskcluster.New or mskserverless.New)")
	}
	if p.Topic == nil {
		pr.Add("Topic", "unset", "the topic to read")
	} else if literal(p.Topic) && !topicRE.MatchString(*p.Topic) {
		pr.Add("Topic", *p.Topic, "1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-'")
	}
	if g := p.ConsumerGroup; g != nil && literal(g) && (len(*g) == 0 || len(*g) > 255) {
		pr.Add("ConsumerGroup", *g, "1 to 255 characters")
	}
	switch p.StartOffset {
	case "", Earliest, Latest:
	default:
		pr.Add("StartOffset", p.StartOffset, "kafkatos3.Earliest or kafkatos3.Latest")
	}
	if p.ExistingBucket != nil && p.BucketProps != nil {
		pr.Add("BucketProps", "set", "configure the new bucket only; ExistingBucket is used as it is")
	}
	if literal(p.Prefix) && !prefixRE.MatchString(*p.Prefix) {
		pr.Add("Prefix", *p.Prefix, "key segments of letters, digits and !_.*'()=- separated by single slashes, none at either end")
	}
	if d := p.BufferInterval; d != nil {
		if s := propcheck.Seconds(d); s < 1 || s > 900 {
			pr.Add("BufferInterval", *d.ToHumanString(), "1 second to 15 minutes")
		}
	}
	if b := p.BufferSize; b != nil {
		if n := *b.ToBytes(nil); n < 1<<10 || n > 64<<20 {
			pr.Add("BufferSize", *b.ToHumanString(), "1 KiB to 64 MiB")
		}
	}
	if n := p.DesiredCount; n != nil && (*n < 1 || *n > 100 || *n != math.Trunc(*n)) {
		pr.Add("DesiredCount", *n, "1 to 100 tasks")
	}
	cpu, mem := 256.0, 512.0
	if p.Cpu != nil {
		cpu = *p.Cpu
	}
	if p.MemoryMiB != nil {
		mem = *p.MemoryMiB
	}
	if ok, known := fargateMemory[cpu]; !known {
		pr.Add("Cpu", cpu, "Fargate CPU units 256, 512, 1024, 2048 or 4096")
	} else if !ok(mem) {
		pr.Add("MemoryMiB", mem, fmt.Sprintf("a memory size Fargate accepts for %g CPU units", cpu))
	}
	if p.Subnets != nil && p.Subnets.SubnetType == awsec2.SubnetType_PUBLIC {
		pr.Add("Subnets.SubnetType", "PUBLIC", "private subnets: the consumer never runs in public subnets")
	}
	if p.Cluster != nil && p.EcsCluster != nil && p.Cluster.Vpc() != nil && *p.EcsCluster.Vpc().VpcId() != *p.Cluster.Vpc().VpcId() {
		pr.Add("EcsCluster", "another VPC", "an ECS cluster in the MSK cluster's VPC")
	}
	if p.LogRetention == awslogs.RetentionDays_INFINITE {
		pr.Add("LogRetention", "INFINITE", "a finite retention (logs are kept one year by default)")
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	if p.MaxOffsetLag != nil {
		if p.CreateAlarms != nil && !*p.CreateAlarms {
			pr.Add("MaxOffsetLag", *p.MaxOffsetLag, "CreateAlarms is false; drop the alarm setting or turn alarms on")
		} else if *p.MaxOffsetLag < 1 {
			pr.Add("MaxOffsetLag", *p.MaxOffsetLag, "at least 1 record")
		}
	}
	return pr
}
