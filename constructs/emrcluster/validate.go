package emrcluster

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	releaseRE      = regexp.MustCompile(`^emr-(\d+)\.(\d+)\.(\d+)$`)
	instanceTypeRE = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9]+$`)
	amiRE          = regexp.MustCompile(`^ami-[0-9a-f]{8,17}$`)
	databaseRE     = regexp.MustCompile(`^[a-z0-9_]{1,255}$`)
	s3UrlRE        = regexp.MustCompile(`^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+\.zip$`)
	failureActions = []string{"TERMINATE_CLUSTER", "CANCEL_AND_WAIT", "CONTINUE"}
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("emrcluster", scope, id)
	if len(p.Name) > 256 {
		pr.Add("Name", p.Name, "at most 256 characters")
	}
	checkMode(pr, p)
	checkRelease(pr, p)
	checkFleets(pr, p)
	checkScaling(pr, p)
	checkSteps(pr, p)
	checkCatalog(pr, p)
	checkSecurity(pr, p)
	checkLogs(pr, p)
	checkNetwork(pr, p)
	for i, a := range p.Data {
		if a.Bucket == nil {
			pr.Add(fmt.Sprintf("Data[%d].Bucket", i), "nil", "the bucket the cluster reads (or writes with Write: true)")
		}
		if a.Bucket != nil && a.Write && bucketAlgorithm(a.Bucket) == "aws:kms:dsse" {
			pr.Add(fmt.Sprintf("Data[%d].Bucket", i), *a.Bucket.Node().Path(), "a bucket EMRFS can write: this one is DSSE-KMS (securebucket's default), whose policy denies the SSE-KMS uploads of EMRFS (it has no DSSE mode); create it with securebucket.SSEKMS, or give it read only")
		}
		if strings.HasPrefix(a.Prefix, "/") {
			pr.Add(fmt.Sprintf("Data[%d].Prefix", i), a.Prefix, `a key prefix without leading slash, e.g. "raw/orders/"`)
		}
	}
	for i, s := range p.Scripts {
		if s == nil {
			pr.Add(fmt.Sprintf("Scripts[%d]", i), "nil", "an awss3assets.Asset holding a script the steps run")
		}
	}
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

func checkMode(pr *propcheck.Problems, p *Props) {
	switch p.Mode {
	case "", LongRunning:
	case Transient:
		if len(p.Steps) == 0 {
			pr.Add("Mode", Transient, "a transient cluster runs its Steps and terminates: give at least one step, or use LongRunning")
		}
		if p.IdleTimeout != nil {
			pr.Add("IdleTimeout", *p.IdleTimeout.ToHumanString(), "only with LongRunning (a transient cluster terminates after its last step)")
		}
	default:
		pr.Add("Mode", p.Mode, "emrcluster.LongRunning or emrcluster.Transient")
	}
	if p.IdleTimeout != nil {
		if s := propcheck.Seconds(p.IdleTimeout); s < 60 || s > 604800 || s != float64(int(s)) {
			pr.Add("IdleTimeout", *p.IdleTimeout.ToHumanString(), "whole seconds from 1 minute to 7 days (EMR's AutoTerminationPolicy range)")
		}
	}
	if v := p.StepConcurrencyLevel; v != nil && (*v < 1 || *v > 256 || *v != float64(int(*v))) {
		pr.Add("StepConcurrencyLevel", *v, "a whole number from 1 to 256")
	}
}

func checkRelease(pr *propcheck.Problems, p *Props) {
	if p.ReleaseLabel != "" {
		m := releaseRE.FindStringSubmatch(p.ReleaseLabel)
		switch {
		case m == nil:
			pr.Add("ReleaseLabel", p.ReleaseLabel, `an EMR release label "emr-<major>.<minor>.<patch>", e.g. "`+DefaultReleaseLabel+`"`)
		default:
			if major, _ := strconv.Atoi(m[1]); major < 6 {
				pr.Add("ReleaseLabel", p.ReleaseLabel, "emr-6.x or emr-7.x: releases before 6.0 are out of standard support (Amazon Linux 1/2, Spark 2, Python 2 defaults); use "+DefaultReleaseLabel)
			}
		}
	}
	for i, a := range p.Applications {
		if strings.TrimSpace(a) == "" {
			pr.Add(fmt.Sprintf("Applications[%d]", i), `""`, "an application name such as Spark, Hive, Livy, Trino")
		}
	}
}

func checkFleets(pr *propcheck.Problems, p *Props) {
	types := func(prop string, list []string, max int) {
		if list == nil {
			return
		}
		if len(list) == 0 || len(list) > max {
			pr.Add(prop, fmt.Sprintf("%d type(s)", len(list)), fmt.Sprintf("1 to %d instance types", max))
		}
		for _, t := range list {
			if !instanceTypeRE.MatchString(t) {
				pr.Add(prop, t, `EC2 instance types such as "m7g.xlarge"`)
			}
		}
	}
	types("PrimaryInstanceTypes", p.PrimaryInstanceTypes, 5)
	types("CoreInstanceTypes", p.CoreInstanceTypes, 5)
	types("TaskInstanceTypes", p.TaskInstanceTypes, 30)
	if v := p.CoreCapacity; v != nil && (*v < 1 || *v != float64(int(*v))) {
		pr.Add("CoreCapacity", *v, "a whole number of units, at least 1")
	}
	if v := p.TaskCapacity; v != nil && (*v < 0 || *v != float64(int(*v))) {
		pr.Add("TaskCapacity", *v, "a whole number of units, 0 or more (0 leaves out the task fleet)")
	}
	spotCore := p.CoreSpot != nil && *p.CoreSpot
	allowed := p.AllowSpotCore != nil && *p.AllowSpotCore
	if spotCore && !allowed {
		pr.Add("CoreSpot", true, "On-Demand core nodes (the default): a reclaimed Spot core node takes its HDFS blocks and running containers with it; if that is acceptable, set AllowSpotCore: true as well")
	}
	if allowed && !spotCore {
		pr.Add("AllowSpotCore", true, "only with CoreSpot: true")
	}
	if p.TaskOnDemand != nil && p.TaskCapacity != nil && *p.TaskCapacity == 0 {
		pr.Add("TaskOnDemand", *p.TaskOnDemand, "only with a task fleet (TaskCapacity above 0)")
	}
	if p.TaskInstanceTypes != nil && p.TaskCapacity != nil && *p.TaskCapacity == 0 {
		pr.Add("TaskInstanceTypes", strings.Join(p.TaskInstanceTypes, ","), "only with a task fleet (TaskCapacity above 0)")
	}
}

func checkScaling(pr *propcheck.Problems, p *Props) {
	if p.DisableScaling != nil && *p.DisableScaling {
		if p.Scaling != nil {
			pr.Add("Scaling", "set", "not with DisableScaling: true; drop one of them")
		}
		return
	}
	core := *orNumber(p.CoreCapacity, 2)
	task := *orNumber(p.TaskCapacity, 2)
	s := scalingLimits(p)
	ok := true
	for _, f := range []struct {
		name string
		v    *float64
	}{{"Minimum", s.Minimum}, {"Maximum", s.Maximum}, {"MaximumOnDemand", s.MaximumOnDemand}, {"MaximumCore", s.MaximumCore}} {
		if *f.v < 1 || *f.v > 2000 || *f.v != float64(int(*f.v)) {
			pr.Add("Scaling."+f.name, *f.v, "a whole number of instance fleet units from 1 to 2000")
			ok = false
		}
	}
	if !ok {
		return
	}
	lo, hi := *s.Minimum, *s.Maximum
	if lo > hi {
		pr.Addf("Scaling.Minimum = %v, Scaling.Maximum = %v: the minimum must not exceed the maximum (Maximum defaults to 10)", lo, hi)
	}
	if *s.MaximumOnDemand > hi {
		pr.Addf("Scaling.MaximumOnDemand = %v, Scaling.Maximum = %v: the On-Demand limit must not exceed the maximum", *s.MaximumOnDemand, hi)
	}
	if *s.MaximumCore > hi {
		pr.Addf("Scaling.MaximumCore = %v, Scaling.Maximum = %v: the core limit must not exceed the maximum", *s.MaximumCore, hi)
	}
	if task == 0 && *s.MaximumCore < hi {
		pr.Addf("Scaling.MaximumCore = %v, Scaling.Maximum = %v, TaskCapacity = 0: units above MaximumCore are task nodes, and there is no task fleet; raise MaximumCore to Maximum or add a task fleet", *s.MaximumCore, hi)
	}
	spotCore := p.CoreSpot != nil && *p.CoreSpot
	if !spotCore && *s.MaximumOnDemand < core {
		pr.Addf("Scaling.MaximumOnDemand = %v, CoreCapacity = %v: the On-Demand core fleet alone needs %v On-Demand units", *s.MaximumOnDemand, core, core)
	}
	if task == 0 && lo > *s.MaximumCore {
		pr.Addf("Scaling.Minimum = %v, Scaling.MaximumCore = %v: without a task fleet the minimum must fit in the core fleet", lo, *s.MaximumCore)
	}
}

// scalingLimits is the policy with its defaults filled in.
func scalingLimits(p *Props) Scaling {
	core := orNumber(p.CoreCapacity, 2)
	s := Scaling{}
	if p.Scaling != nil {
		s = *p.Scaling
	}
	if s.Minimum == nil {
		s.Minimum = core
	}
	if s.Maximum == nil {
		s.Maximum = num(10)
	}
	if s.MaximumOnDemand == nil {
		s.MaximumOnDemand = core
		noTask := p.TaskCapacity != nil && *p.TaskCapacity == 0
		if isTrue(p.TaskOnDemand) || (noTask && !isTrue(p.CoreSpot)) {
			// All growth is On-Demand: an On-Demand task fleet, or an
			// On-Demand core fleet without task fleet.
			s.MaximumOnDemand = s.Maximum
		}
	}
	if s.MaximumCore == nil {
		s.MaximumCore = core
		if p.TaskCapacity != nil && *p.TaskCapacity == 0 {
			s.MaximumCore = s.Maximum
		}
	}
	return s
}

func checkSteps(pr *propcheck.Problems, p *Props) {
	for i, s := range p.Steps {
		prop := fmt.Sprintf("Steps[%d]", i)
		if strings.TrimSpace(s.Name) == "" {
			pr.Add(prop+".Name", `""`, "a name for the step (1 to 256 characters)")
		}
		if (s.Jar == "" || s.Jar == "command-runner.jar") && len(s.Args) == 0 {
			pr.Add(prop+".Args", "[]", `the command command-runner.jar runs, e.g. ["spark-submit", "--deploy-mode", "cluster", "s3://bucket/job.py"]`)
		}
		if s.ActionOnFailure != "" && !slices.Contains(failureActions, s.ActionOnFailure) {
			pr.Add(prop+".ActionOnFailure", s.ActionOnFailure, strings.Join(failureActions, ", "))
		}
	}
}

func checkCatalog(pr *propcheck.Problems, p *Props) {
	if p.GlueCatalog != nil && !*p.GlueCatalog && len(p.GlueDatabases) > 0 {
		pr.Add("GlueDatabases", strings.Join(p.GlueDatabases, ","), "only with the Glue Data Catalog as metastore (GlueCatalog true, the default)")
	}
	for _, d := range p.GlueDatabases {
		if !databaseRE.MatchString(d) {
			pr.Add("GlueDatabases", d, "Glue database names: lower-case letters, digits and _")
		}
	}
	for k := range p.SparkDefaults {
		if strings.TrimSpace(k) == "" {
			pr.Add("SparkDefaults", `""`, "Spark property names such as spark.sql.shuffle.partitions")
		}
	}
	var walk func(prefix string, cs []Configuration)
	walk = func(prefix string, cs []Configuration) {
		for i, c := range cs {
			if strings.TrimSpace(c.Classification) == "" {
				pr.Add(fmt.Sprintf("%s[%d].Classification", prefix, i), `""`, "an EMR classification such as spark-defaults, hive-site, yarn-site")
			}
			walk(fmt.Sprintf("%s[%d].Configurations", prefix, i), c.Configurations)
		}
	}
	walk("Configurations", p.Configurations)
}

func checkSecurity(pr *propcheck.Problems, p *Props) {
	if p.CustomAmiId != "" && !amiRE.MatchString(p.CustomAmiId) {
		pr.Add("CustomAmiId", p.CustomAmiId, "an AMI id such as ami-0123456789abcdef0")
	}
	if v := p.EbsRootVolumeSize; v != nil && (*v < 15 || *v > 100 || *v != float64(int(*v))) {
		pr.Add("EbsRootVolumeSize", *v, "whole GiB from 15 to 100")
	}
	if p.CertificatesS3Url != "" && !*awscdk.Token_IsUnresolved(p.CertificatesS3Url) && !s3UrlRE.MatchString(p.CertificatesS3Url) {
		pr.Add("CertificatesS3Url", p.CertificatesS3Url, `the S3 URL of a zip of PEM files, "s3://bucket/path/certs.zip"`)
	}
	if p.CertificatesS3Url != "" && p.CertificatesBucket == nil {
		pr.Add("CertificatesS3Url", p.CertificatesS3Url, "with CertificatesBucket, the bucket holding it (the instance role is granted read on it)")
	}
	if p.CertificatesBucket != nil && p.CertificatesS3Url == "" {
		pr.Add("CertificatesBucket", *p.CertificatesBucket.Node().Path(), "only with CertificatesS3Url")
	}
	if p.SecurityConfiguration == nil {
		return
	}
	if p.CertificatesS3Url != "" {
		pr.Add("CertificatesS3Url", p.CertificatesS3Url, "not with SecurityConfiguration, which names its own bundle (TLSCertificateConfiguration.S3Object)")
	}
	for _, problem := range securityConfigurationProblems(p.SecurityConfiguration) {
		pr.Add("SecurityConfiguration."+problem[0], problem[1], problem[2])
	}
}

// securityConfigurationProblems lists what a security configuration lacks
// among what the construct guarantees: at-rest encryption of S3 (KMS) and
// local disks with EBS, in-transit TLS, IMDSv2. Each problem is property,
// value, what is allowed.
func securityConfigurationProblems(sc map[string]any) [][3]string {
	raw, err := json.Marshal(sc)
	if err != nil {
		return [][3]string{{"", err.Error(), "a JSON object"}}
	}
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	var out [][3]string
	add := func(prop string, v any, allowed string) {
		s := "missing"
		if v != nil {
			b, _ := json.Marshal(v)
			s = string(b)
		}
		out = append(out, [3]string{prop, s, allowed})
	}
	get := func(m map[string]any, keys ...string) any {
		var cur any = m
		for _, k := range keys {
			mm, ok := cur.(map[string]any)
			if !ok {
				return nil
			}
			cur = mm[k]
		}
		return cur
	}
	const enc = "EncryptionConfiguration"
	if v := get(doc, enc, "EnableInTransitEncryption"); v != true {
		add(enc+".EnableInTransitEncryption", v, "true: the construct does not run a cluster without in-transit encryption (SEC-04; cdk-nag AwsSolutions-EMR5, Control Tower CT.EMR.PR.4)")
	} else if get(doc, enc, "InTransitEncryptionConfiguration", "TLSCertificateConfiguration", "CertificateProviderType") == nil {
		add(enc+".InTransitEncryptionConfiguration.TLSCertificateConfiguration", nil, `a certificate provider, e.g. {"CertificateProviderType": "PEM", "S3Object": "s3://bucket/certs.zip"}`)
	}
	if v := get(doc, enc, "EnableAtRestEncryption"); v != true {
		add(enc+".EnableAtRestEncryption", v, "true, with S3 (SSE-KMS or CSE-KMS) and local disk encryption (Control Tower CT.EMR.PR.1-3)")
	} else {
		at := []string{enc, "AtRestEncryptionConfiguration"}
		mode := get(doc, append(at, "S3EncryptionConfiguration", "EncryptionMode")...)
		if mode != "SSE-KMS" && mode != "CSE-KMS" {
			add(enc+".AtRestEncryptionConfiguration.S3EncryptionConfiguration.EncryptionMode", mode, "SSE-KMS or CSE-KMS (Control Tower CT.EMR.PR.2)")
		}
		if v := get(doc, append(at, "LocalDiskEncryptionConfiguration", "EnableEbsEncryption")...); v != true {
			add(enc+".AtRestEncryptionConfiguration.LocalDiskEncryptionConfiguration.EnableEbsEncryption", v, "true: local disk encryption that covers the EBS volumes, root volume included (Control Tower CT.EMR.PR.3)")
		}
	}
	imds := get(doc, "InstanceMetadataServiceConfiguration", "MinimumInstanceMetadataServiceVersion")
	if fmt.Sprint(imds) != "2" {
		add("InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion", imds, "2 (IMDSv2 only)")
	}
	return out
}

func checkLogs(pr *propcheck.Problems, p *Props) {
	if p.LogBucketKey != nil && p.LogBucket == nil {
		pr.Add("LogBucketKey", *p.LogBucketKey.Node().Path(), "only with LogBucket (the new log bucket uses EncryptionKey)")
	}
	if p.LogBucket != nil && p.LogBucket.EncryptionKey() == nil && p.LogBucketKey == nil {
		pr.Add("LogBucket", *p.LogBucket.Node().Path(), "a bucket encrypted with a KMS key (SSE-KMS): this one has no EncryptionKey; pass its key as LogBucketKey, or leave LogBucket unset for a new encrypted bucket (MON-09: EMR logs hold job output and configuration)")
	}
	if lp := p.LogPrefix; lp != "" && (strings.HasPrefix(lp, "/") || !strings.HasSuffix(lp, "/") || strings.HasPrefix(lp, "s3:")) {
		pr.Add("LogPrefix", lp, `a key prefix ending with "/" and without leading slash, e.g. "emr-logs/"`)
	}
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc (the new VPC's isolated subnets are used)")
		}
		return
	}
	if len(p.ExtraEndpoints) > 0 {
		pr.Add("ExtraEndpoints", len(p.ExtraEndpoints), "none with an existing Vpc: the construct creates endpoints only in its own VPC")
	}
	if p.ExtraGatewayDynamoDB != nil && *p.ExtraGatewayDynamoDB {
		pr.Add("ExtraGatewayDynamoDB", true, "not with an existing Vpc: the construct creates endpoints only in its own VPC")
	}
	subnets, err := network.TrySelect(p.Vpc, network.PrivateOr(p.Vpc, p.VpcSubnets))
	if err != nil {
		pr.Add("VpcSubnets", err.Error(), "a selection of private subnets of Vpc")
		return
	}
	if len(subnets) == 0 {
		pr.Add("VpcSubnets", "no subnet", "a selection of private subnets of Vpc")
	}
	public := map[string]bool{}
	for _, s := range *p.Vpc.PublicSubnets() {
		public[*s.Node().Path()] = true
	}
	for _, s := range subnets {
		if public[*s.Node().Path()] {
			pr.Add("VpcSubnets", *s.Node().Path(), "private subnets only: this one is public (a route to an internet gateway); EMR nodes there could be given public addresses and reached from the internet")
		}
	}
}

// bucketAlgorithm is the default encryption (SSEAlgorithm) of a bucket
// defined in this app, "" when unknown (imported) or unset.
func bucketAlgorithm(b awss3.IBucket) string {
	child := b.Node().DefaultChild()
	if child == nil || !*awss3.CfnBucket_IsCfnBucket(child) {
		return ""
	}
	cfn := child.(awss3.CfnBucket)
	enc := cfn.BucketEncryption()
	if enc == nil {
		return ""
	}
	raw, _ := json.Marshal(awscdk.Stack_Of(cfn).Resolve(enc))
	var v struct {
		ServerSideEncryptionConfiguration []struct {
			ServerSideEncryptionByDefault struct {
				SSEAlgorithm string `json:"sseAlgorithm"`
			} `json:"serverSideEncryptionByDefault"`
		} `json:"serverSideEncryptionConfiguration"`
	}
	_ = json.Unmarshal(raw, &v)
	if len(v.ServerSideEncryptionConfiguration) == 0 {
		return ""
	}
	return v.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm
}
