package mskconnect

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

var (
	nameRE   = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]{0,119}$`)
	prefixRE = regexp.MustCompile(`^[a-zA-Z0-9!_.*'()-]+(/[a-zA-Z0-9!_.*'()-]+)*$`)
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("mskconnect", scope, id)
	if p.Cluster == nil {
		pr.Add("Cluster", "nil", "the Kafka cluster to read from (mskcluster.Cluster, mskserverless.Cluster)")
	}
	if p.Topic == "" {
		pr.Add("Topic", `""`, "the Kafka topic to sink to S3")
	} else if strings.ContainsAny(p.Topic, ",*") {
		pr.Add("Topic", p.Topic, "one topic name (no list, no wildcard): the role is granted this topic only")
	}
	if p.Name != "" && !nameRE.MatchString(p.Name) {
		pr.Add("Name", p.Name, "1 to 120 letters, digits and -, starting with a letter or digit")
	}
	checkPlugin(pr, p)
	if v := p.KafkaConnectVersion; v != "" && !slices.Contains(KafkaConnectVersions, v) {
		pr.Add("KafkaConnectVersion", v, "one of "+strings.Join(KafkaConnectVersions, ", ")+" (the versions MSK Connect runs)")
	}
	if v := p.TasksMax; v != nil && (*v < 1 || *v != float64(int(*v))) {
		pr.Add("TasksMax", *v, "a whole number of tasks, at least 1")
	}
	checkDestination(pr, p)
	checkCapacity(pr, p.Capacity)
	switch p.AuthenticationType {
	case "", "IAM":
	default:
		pr.Add("AuthenticationType", p.AuthenticationType, "IAM: an unauthenticated connector (NONE) could read and write every topic")
	}
	switch p.EncryptionInTransit {
	case "", "TLS":
	default:
		pr.Add("EncryptionInTransit", p.EncryptionInTransit, "TLS: plaintext client-broker traffic is not allowed (and IAM authentication needs TLS)")
	}
	if p.Cluster != nil && p.VpcSubnets != nil {
		if _, err := trySelect(p.Cluster, p.VpcSubnets); err != nil {
			pr.Add("VpcSubnets", err.Error(), "a selection of subnets of the cluster's VPC")
		}
	}
	if p.S3PrefixListId != "" && !strings.HasPrefix(p.S3PrefixListId, "pl-") {
		pr.Add("S3PrefixListId", p.S3PrefixListId, "the id of the region's S3 prefix list (pl-...)")
	}
	pr.FiniteRetention(p.LogRetention)
	return pr
}

func checkPlugin(pr *propcheck.Problems, p *Props) {
	fromFile, fromS3 := p.PluginPath != "", p.PluginBucket != nil || p.PluginKey != ""
	switch {
	case fromFile && fromS3:
		pr.Add("PluginPath", p.PluginPath, "either a local plugin file or PluginBucket/PluginKey, not both")
	case !fromFile && !fromS3:
		pr.Add("PluginPath", `""`, "the connector plugin: a local .zip/.jar (PluginPath) or an S3 object (PluginBucket and PluginKey); see docs/patterns/mskconnect.md for where to get the S3 sink")
	case fromFile:
		if contentType(p.PluginPath) == "" {
			pr.Add("PluginPath", p.PluginPath, "a .zip or .jar file")
		}
		if p.PluginObjectVersion != "" {
			pr.Add("PluginObjectVersion", p.PluginObjectVersion, "only with PluginBucket/PluginKey")
		}
	default:
		if p.PluginBucket == nil {
			pr.Add("PluginBucket", "nil", "the bucket holding PluginKey")
		}
		if p.PluginKey == "" || contentType(p.PluginKey) == "" {
			pr.Add("PluginKey", p.PluginKey, "the key of a .zip or .jar object in PluginBucket")
		}
	}
}

// contentType is ZIP or JAR from a file name's extension, else "".
func contentType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".zip":
		return "ZIP"
	case ".jar":
		return "JAR"
	}
	return ""
}

func checkDestination(pr *propcheck.Problems, p *Props) {
	if p.BucketKey != nil && p.Bucket == nil {
		pr.Add("BucketKey", "set", "only with Bucket (the new bucket uses EncryptionKey)")
	}
	if p.Prefix != "" && !prefixRE.MatchString(p.Prefix) {
		pr.Add("Prefix", p.Prefix, `a key prefix without leading or trailing slash, e.g. "kafka" or "raw/kafka"`)
	}
	switch p.Format {
	case "", JSON:
	case Parquet:
		w := workerProperties(p)
		if w["value.converter"] == DefaultWorkerProperties["value.converter"] && w["value.converter.schemas.enable"] != "true" {
			pr.Add("WorkerProperties[value.converter.schemas.enable]", w["value.converter.schemas.enable"], "true with Format PARQUET: Parquet needs records with a schema")
		}
	default:
		pr.Add("Format", p.Format, "JSON or PARQUET")
	}
	if v := p.FlushSize; v != nil && (*v < 1 || *v != float64(int(*v))) {
		pr.Add("FlushSize", *v, "a whole number of records, at least 1")
	}
	if d := p.RotateInterval; d != nil {
		if ms := *d.ToMilliseconds(nil); ms < 1000 {
			pr.Add("RotateInterval", *d.ToHumanString(), "at least 1 second")
		}
	}
	var owned []string
	for k := range p.ConnectorConfiguration {
		if slices.Contains(OwnedConnectorKeys, k) {
			owned = append(owned, k)
		}
	}
	slices.Sort(owned)
	for _, k := range owned {
		pr.Add("ConnectorConfiguration["+k+"]", p.ConnectorConfiguration[k], "a key the construct sets from its props (Topic, Bucket, Prefix, Format, FlushSize, RotateInterval, Locale, Timezone, TasksMax, ConnectorClass); server-side encryption is the bucket's default")
	}
}

func checkCapacity(pr *propcheck.Problems, c *Capacity) {
	if c == nil {
		return
	}
	whole := func(prop string, v *float64, lo, hi float64) bool {
		if v != nil && (*v < lo || *v > hi || *v != float64(int(*v))) {
			pr.Add(prop, *v, "a whole number from "+ftoa(lo)+" to "+ftoa(hi))
			return false
		}
		return true
	}
	if c.McuCount != nil && !slices.Contains(McuCounts, *c.McuCount) {
		pr.Add("Capacity.McuCount", *c.McuCount, "1, 2, 4 or 8 MSK Connect units per worker")
	}
	if c.ProvisionedWorkers != nil {
		whole("Capacity.ProvisionedWorkers", c.ProvisionedWorkers, 1, 10)
		if c.MinWorkers != nil || c.MaxWorkers != nil || c.ScaleInPercent != nil || c.ScaleOutPercent != nil {
			pr.Add("Capacity.ProvisionedWorkers", *c.ProvisionedWorkers, "not with MinWorkers, MaxWorkers, ScaleInPercent or ScaleOutPercent (those are auto scaling)")
		}
		return
	}
	okMin := whole("Capacity.MinWorkers", c.MinWorkers, 1, 10)
	okMax := whole("Capacity.MaxWorkers", c.MaxWorkers, 1, 10)
	lo, hi := orF(c.MinWorkers, 1), orF(c.MaxWorkers, 2)
	if okMin && okMax && lo > hi {
		pr.Addf("Capacity.MinWorkers = %v, Capacity.MaxWorkers = %v: MinWorkers must not exceed MaxWorkers (MaxWorkers defaults to 2)", lo, hi)
	}
	okIn := whole("Capacity.ScaleInPercent", c.ScaleInPercent, 1, 100)
	okOut := whole("Capacity.ScaleOutPercent", c.ScaleOutPercent, 1, 100)
	if in, out := orF(c.ScaleInPercent, 20), orF(c.ScaleOutPercent, 80); okIn && okOut && in >= out {
		pr.Addf("Capacity.ScaleInPercent = %v, Capacity.ScaleOutPercent = %v: scale in below a lower CPU utilization than scale out", in, out)
	}
}

func orF(v *float64, d float64) float64 {
	if v != nil {
		return *v
	}
	return d
}
