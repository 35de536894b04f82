package streamtoopensearch

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskinesis"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/firehose"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

var (
	instanceTypeRE = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9]+\.search$`)
	iamRoleRE      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
)

// check lists the problems of p that do not depend on the VPC.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("streamtoopensearch", scope, id)
	if sp := p.StreamProps; sp != nil {
		sandbox.CheckOverride(pr, scope, "StreamProps", sp.RemovalPolicy, nil)
	}
	if dp := p.DomainProps; dp != nil {
		sandbox.CheckOverride(pr, scope, "DomainProps", dp.RemovalPolicy, nil)
	}
	if p.ExistingStream != nil && p.StreamProps != nil {
		pr.Add("ExistingStream and StreamProps", "both given", "give an existing stream or the props of a new one, not both")
	}
	if sp := p.StreamProps; sp != nil && sp.Encryption == awskinesis.StreamEncryption_UNENCRYPTED {
		pr.Add("StreamProps.Encryption", "UNENCRYPTED", "MANAGED (the default) or KMS: a stream of this construct is always encrypted")
	}
	if p.ExistingBackupBucket != nil && p.BackupBucketProps != nil {
		pr.Add("ExistingBackupBucket and BackupBucketProps", "both given", "give an existing bucket or the props of a new securebucket, not both")
	}
	if p.Processor != nil && p.DocumentsAsIs != nil && *p.DocumentsAsIs {
		pr.Add("DocumentsAsIs", true, "false with a Processor (records go either through the processor or as they are)")
	}
	checkDomain(pr, p)
	checkTiers(pr, p)
	checkSecurityOptions(pr, scope, p)
	checkIndex(pr, "IndexName", p.IndexName)
	checkIndex(pr, "LogsIndexPrefix", p.LogsIndexPrefix)
	switch p.IndexRotation {
	case "", NoRotation, OneHour, OneDay, OneWeek, OneMonth:
	default:
		pr.Add("IndexRotation", p.IndexRotation, "streamtoopensearch.NoRotation, OneHour, OneDay, OneWeek or OneMonth")
	}
	firehose.CheckInterval(pr, "BufferInterval", p.BufferInterval, 0, 900, "OpenSearch")
	firehose.CheckSize(pr, "BufferSize", p.BufferSize, 1, 100, "OpenSearch")
	firehose.CheckRetry(pr, "RetryDuration", p.RetryDuration)
	if f := p.LogsFilterPattern; f != nil && len(*f) > 1024 {
		pr.Add("LogsFilterPattern", fmt.Sprintf("%d characters", len(*f)), "at most 1,024 characters")
	}
	pr.FiniteRetention(p.LogRetention)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkDomain(pr *propcheck.Problems, p *Props) {
	whole := func(prop string, v *float64, ok func(float64) bool, allowed string) {
		if v != nil && (*v != math.Trunc(*v) || !ok(*v)) {
			pr.Add(prop, *v, allowed)
		}
	}
	whole("AvailabilityZones", p.AvailabilityZones, func(n float64) bool { return n >= 1 && n <= 3 }, "1, 2 or 3 zones")
	whole("DataNodes", p.DataNodes, func(n float64) bool { return n >= 1 && n <= 1002 }, "a whole number of data nodes, 1 to 1,002")
	whole("MasterNodes", p.MasterNodes, func(n float64) bool { return n == 0 || n == 3 || n == 5 }, "0 (no dedicated masters), 3 or 5")
	for prop, v := range map[string]*string{"DataNodeInstanceType": p.DataNodeInstanceType, "MasterNodeInstanceType": p.MasterNodeInstanceType} {
		if v != nil && !instanceTypeRE.MatchString(*v) {
			pr.Add(prop, *v, "an OpenSearch Service instance type such as r7g.large.search")
		}
	}
	if b := p.VolumeSize; b != nil {
		g := *b.ToBytes(&awscdk.SizeConversionOptions{Rounding: awscdk.SizeRoundingBehavior_NONE}) / (1 << 30)
		if g < 10 || g != math.Trunc(g) {
			pr.Add("VolumeSize", *b.ToHumanString(), "at least 10 GiB (gp3), in whole GiB")
		}
	}
	for _, arn := range p.AdminRoleArns {
		if arn == nil {
			pr.Add("AdminRoleArns", "<nil>", "IAM role ARNs (arn:<partition>:iam::<account>:role/<name>)")
		} else if !*awscdk.Token_IsUnresolved(*arn) && !iamRoleRE.MatchString(*arn) {
			pr.Add("AdminRoleArns", *arn, "IAM role ARNs (arn:<partition>:iam::<account>:role/<name>)")
		}
	}
	if dp := p.DomainProps; dp != nil {
		var owned []string
		for name, set := range map[string]bool{
			"Capacity": dp.Capacity != nil, "ZoneAwareness": dp.ZoneAwareness != nil, "Ebs": dp.Ebs != nil,
			"EncryptionAtRest": dp.EncryptionAtRest != nil, "NodeToNodeEncryption": dp.NodeToNodeEncryption != nil,
			"EnforceHttps": dp.EnforceHttps != nil, "TlsSecurityPolicy": dp.TlsSecurityPolicy != "",
			"FineGrainedAccessControl": dp.FineGrainedAccessControl != nil, "UseUnsignedBasicAuth": dp.UseUnsignedBasicAuth != nil,
			"AccessPolicies": dp.AccessPolicies != nil, "CognitoDashboardsAuth": dp.CognitoDashboardsAuth != nil,
			"Logging": dp.Logging != nil, "SuppressLogsResourcePolicy": dp.SuppressLogsResourcePolicy != nil,
			"Vpc": dp.Vpc != nil, "VpcSubnets": dp.VpcSubnets != nil, "SecurityGroups": dp.SecurityGroups != nil,
		} {
			if set {
				owned = append(owned, name)
			}
		}
		if len(owned) > 0 {
			slices.Sort(owned)
			pr.Add("DomainProps."+strings.Join(owned, "/"), "set", "the construct sets these (use AvailabilityZones, DataNodes, MasterNodes, the instance types, VolumeSize, AdminRoleArns and Vpc); encryption, HTTPS, fine-grained access control and logging are always on")
		}
	}
}

// checkSizing checks the domain's shape once the defaults and the number
// of zones the subnets span are known.
func checkSizing(pr *propcheck.Problems, p *Props, zones int) {
	az := *p.AvailabilityZones
	if int(az) > zones {
		pr.Add("AvailabilityZones", az, fmt.Sprintf("at most the %d zone(s) the domain's subnets span", zones))
	}
	if n := *p.DataNodes; math.Mod(n, az) != 0 {
		pr.Add("DataNodes", n, fmt.Sprintf("a multiple of AvailabilityZones (%g), so every zone holds the same number of nodes", az))
	}
}

// checkIndex applies OpenSearch's index name rules (lowercase, no
// \ / * ? " < > | space , # :, not starting with - _ +) and Firehose's
// 80-character limit.
func checkIndex(pr *propcheck.Problems, prop string, v *string) {
	if v == nil {
		return
	}
	s := *v
	if s == "" || len(s) > 80 || s != strings.ToLower(s) || strings.ContainsAny(s, `\/*?"<>| ,#:`) || strings.IndexAny(s, "-_+") == 0 || s == "." || s == ".." {
		pr.Add(prop, s, "1 to 80 lowercase characters without \\ / * ? \" < > | space , # :, not starting with - _ +")
	}
}
