package mskconnect

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// OwnedConnectorKeys are the connector configuration keys the construct
// sets from its props; ConnectorConfiguration may not set them. The
// s3.ssea.name / s3.sse.* keys stay unset on purpose: the connector then
// sends no x-amz-server-side-encryption header and the bucket's default
// encryption (DSSE-KMS for a securebucket) applies; a securebucket denies
// writes whose header names another encryption or key.
var OwnedConnectorKeys = []string{
	"connector.class", "tasks.max", "topics", "topics.regex",
	"s3.bucket.name", "s3.region", "topics.dir", "storage.class", "format.class",
	"partitioner.class", "path.format", "partition.duration.ms", "locale", "timezone",
	"timestamp.extractor", "flush.size", "rotate.interval.ms",
	"s3.ssea.name", "s3.sse.kms.key.id", "s3.sse.customer.key",
}

// DefaultWorkerProperties are the worker configuration's defaults: string
// keys, JSON values without schema envelopes, offsets committed every 10 s.
// With Parquet the values need schemas (value.converter.schemas.enable=true
// is then the default).
var DefaultWorkerProperties = map[string]string{
	"key.converter":                  "org.apache.kafka.connect.storage.StringConverter",
	"value.converter":                "org.apache.kafka.connect.json.JsonConverter",
	"value.converter.schemas.enable": "false",
	"offset.flush.interval.ms":       "10000",
}

// HourlyPathFormat is the TimeBasedPartitioner's path: Hive-style hourly folders.
const HourlyPathFormat = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH"

var formatClasses = map[Format]string{
	JSON:    "io.confluent.connect.s3.format.json.JsonFormat",
	Parquet: "io.confluent.connect.s3.format.parquet.ParquetFormat",
}

// workerProperties merges the defaults and the user's keys.
func workerProperties(p *Props) map[string]string {
	w := map[string]string{}
	for k, v := range DefaultWorkerProperties {
		w[k] = v
	}
	if p.Format == Parquet {
		w["value.converter.schemas.enable"] = "true"
	}
	for k, v := range p.WorkerProperties {
		w[k] = v
	}
	return w
}

// PropertiesFile renders properties in connect-distributed.properties form,
// sorted by key.
func PropertiesFile(properties map[string]string) string {
	keys := make([]string, 0, len(properties))
	for k := range properties {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, properties[k])
	}
	return b.String()
}

func base64Of(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// connectorConfiguration is the S3 sink's configuration; bucket and region
// may be tokens.
func connectorConfiguration(p *Props, bucket, region *string) map[string]*string {
	s := func(v string) *string { return &v }
	num := func(v *float64, d float64) *string {
		if v != nil {
			d = *v
		}
		return s(strconv.FormatFloat(d, 'f', -1, 64))
	}
	format := p.Format
	if format == "" {
		format = JSON
	}
	rotate := 600000.0
	if p.RotateInterval != nil {
		rotate = *p.RotateInterval.ToMilliseconds(nil)
	}
	c := map[string]*string{
		"connector.class":       s(orString(p.ConnectorClass, DefaultConnectorClass)),
		"tasks.max":             num(p.TasksMax, 2),
		"topics":                s(p.Topic),
		"s3.bucket.name":        bucket,
		"s3.region":             region,
		"topics.dir":            s(orString(p.Prefix, "kafka")),
		"storage.class":         s("io.confluent.connect.s3.storage.S3Storage"),
		"format.class":          s(formatClasses[format]),
		"partitioner.class":     s("io.confluent.connect.storage.partitioner.TimeBasedPartitioner"),
		"path.format":           s(HourlyPathFormat),
		"partition.duration.ms": s("3600000"),
		"locale":                s(orString(p.Locale, "en-US")),
		"timezone":              s(orString(p.Timezone, "UTC")),
		"timestamp.extractor":   s("Record"),
		"flush.size":            num(p.FlushSize, 1000),
		"rotate.interval.ms":    num(&rotate, 0),
	}
	for k, v := range p.ConnectorConfiguration {
		c[k] = s(v)
	}
	return c
}

func orString(v, d string) string {
	if v != "" {
		return v
	}
	return d
}
