package ttltable

import (
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

// maxCapacity is the default per-table quota of read or write capacity
// units (40000).
const maxCapacity = 40000

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("ttltable", scope, id)
	if p.TimeToLiveAttribute != "" {
		if msg := CheckAttributeName(p.TimeToLiveAttribute); msg != "" {
			pr.Add("TimeToLiveAttribute", p.TimeToLiveAttribute, msg)
		}
	}
	for _, pk := range []struct {
		prop string
		k    *awsdynamodb.Attribute
	}{{"PartitionKey", p.PartitionKey}, {"SortKey", p.SortKey}} {
		prop, k := pk.prop, pk.k
		if k == nil {
			continue
		}
		if k.Name == nil || k.Type == "" {
			pr.Add(prop, "incomplete", "a Name and a Type")
			continue
		}
		if CheckAttributeName(*k.Name) != "" {
			pr.Add(prop+".Name", *k.Name, "a plain attribute name of 1 to 255 bytes, without '.', '[' or ']' and not starting with '#' or ':' (expressions could not name it without placeholders)")
		}
	}
	if n := len(p.GlobalSecondaryIndexes); n > 20 {
		pr.Add("GlobalSecondaryIndexes", n, "at most 20 global secondary indexes per table")
	}
	for i, g := range p.GlobalSecondaryIndexes {
		if g.IndexName == nil || g.PartitionKey == nil {
			pr.Addf("GlobalSecondaryIndexes[%d]: an IndexName and a PartitionKey are required", i)
		}
		if g.ReadCapacity != nil || g.WriteCapacity != nil {
			pr.Addf("GlobalSecondaryIndexes[%d].ReadCapacity/WriteCapacity: set by Provisioned (each index gets the table's bounds and auto scaling)", i)
		}
	}
	checkProvisioned(pr, p.Provisioned)
	checkKey(pr, p.EncryptionKey)
	checkTableProps(pr, scope, p.TableProps)
	checkStream(pr, p)
	pr.UnusedAlarmTopic(p.CreateAlarms, p.AlarmTopic)
	return pr
}

// CheckAttributeName returns "" when name is a top-level DynamoDB attribute
// name that can hold an item's TTL or key, or says what is wrong: 1 to 255
// bytes of UTF-8, not a document path (no '.', '[' or ']': "a.b" would be
// the literal attribute named a.b, never the nested b, and TTL reads only
// top-level attributes), not an expression placeholder ('#' or ':' first).
func CheckAttributeName(name string) string {
	switch {
	case len(name) == 0 || len(name) > 255:
		return "a top-level attribute name of 1 to 255 bytes"
	case strings.ContainsAny(name, ".[]"):
		return "a top-level attribute name, not a document path: TTL reads only top-level Number attributes, so a nested value (a.b, a[0]) cannot expire an item; store the expiry time in its own attribute"
	case strings.HasPrefix(name, "#") || strings.HasPrefix(name, ":"):
		return "the attribute's name, not an expression placeholder (#name, :value)"
	case strings.ContainsAny(name, "\x00"):
		return "a name without NUL characters"
	}
	return ""
}

func checkProvisioned(pr *propcheck.Problems, q *Provisioned) {
	if q == nil {
		return
	}
	for _, b := range []struct {
		what     string
		min, max float64
	}{
		{"Read", q.MinReadCapacity, q.MaxReadCapacity},
		{"Write", q.MinWriteCapacity, q.MaxWriteCapacity},
	} {
		for _, v := range []struct {
			prop string
			n    float64
		}{{"Provisioned.Min" + b.what + "Capacity", b.min}, {"Provisioned.Max" + b.what + "Capacity", b.max}} {
			if v.n < 1 || v.n > maxCapacity || v.n != math.Trunc(v.n) {
				pr.Add(v.prop, v.n, "whole capacity units from 1 to 40000 (the default table quota); use Capacity to size a workload")
			}
		}
		if b.min > b.max {
			pr.Addf("Provisioned.Min%sCapacity = %v, Provisioned.Max%sCapacity = %v: the minimum must not exceed the maximum", b.what, b.min, b.what, b.max)
		}
	}
	if u := q.TargetUtilizationPercent; u != 0 && (u < 20 || u > 90) {
		pr.Add("Provisioned.TargetUtilizationPercent", u, "20 to 90 percent (Application Auto Scaling's range for DynamoDB; 0 for 70)")
	}
}

func checkKey(pr *propcheck.Problems, k awskms.IKey) {
	if k == nil {
		return
	}
	if a, ok := k.(awskms.IAlias); ok {
		if n := a.AliasName(); n != nil && !unresolved(n) && strings.HasPrefix(*n, "alias/aws/") {
			pr.Add("EncryptionKey", *n, "a customer managed key: an AWS managed key's policy cannot be audited or restricted")
		}
	}
}

func checkTableProps(pr *propcheck.Problems, scope constructs.Construct, tp *awsdynamodb.TableProps) {
	if tp == nil {
		return
	}
	own := map[string]bool{
		"PartitionKey (use PartitionKey)":               tp.PartitionKey != nil,
		"SortKey (use SortKey)":                         tp.SortKey != nil,
		"TimeToLiveAttribute (use TimeToLiveAttribute)": tp.TimeToLiveAttribute != nil,
		"BillingMode (use Provisioned)":                 tp.BillingMode != "",
		"ReadCapacity/WriteCapacity (use Provisioned)":  tp.ReadCapacity != nil || tp.WriteCapacity != nil,
		"Encryption/EncryptionKey (use EncryptionKey)":  tp.Encryption != "" || tp.EncryptionKey != nil,
		"KinesisStream (use StreamToLake)":              tp.KinesisStream != nil || tp.KinesisPrecisionTimestamp != "",
		"TableName (two instances must not collide)":    tp.TableName != nil,
	}
	for _, what := range sortedTrue(own) {
		prop, help, _ := strings.Cut(what, " ")
		pr.Add("TableProps."+prop, "set", "nil: "+strings.Trim(help, "()"))
	}
	if tp.PointInTimeRecovery != nil && !*tp.PointInTimeRecovery ||
		tp.PointInTimeRecoverySpecification != nil && tp.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled != nil && !*tp.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled {
		pr.Add("TableProps.PointInTimeRecovery", false, "enabled: a table without point-in-time recovery cannot be restored after a bad write or delete")
	}
	if tp.DeletionProtection != nil && !*tp.DeletionProtection && !sandbox.Enabled(scope) {
		pr.Add("TableProps.DeletionProtection", false, "true outside the sandbox (the construct turns it off with sandbox=true)")
	}
	sandbox.CheckOverride(pr, scope, "TableProps", tp.RemovalPolicy, nil)
}

func checkStream(pr *propcheck.Problems, p *Props) {
	streaming := p.StreamToLake == nil || *p.StreamToLake
	if !streaming {
		if p.StreamShardCount != 0 || p.StreamRetention != nil || p.Lake != nil {
			pr.Add("StreamShardCount/StreamRetention/Lake", "set", "only with StreamToLake (the default); drop them or turn streaming on")
		}
		return
	}
	if n := p.StreamShardCount; n < 0 || n > 500 || n != math.Trunc(n) {
		pr.Add("StreamShardCount", n, "0 (on-demand) or a whole number of shards from 1 to 500")
	}
	if r := p.StreamRetention; r != nil {
		if h := propcheck.Seconds(r) / 3600; h < 24 || h > 8760 || h != math.Trunc(h) {
			pr.Add("StreamRetention", *r.ToHumanString(), "whole hours from 24 hours to 365 days")
		}
	}
	if p.Lake != nil && p.Lake.SourceStream != nil {
		pr.Add("Lake.SourceStream", *p.Lake.SourceStream.Node().Path(), "nil: the source is the table's own stream")
	}
}

func sortedTrue(m map[string]bool) []string {
	var out []string
	for k, v := range m {
		if v {
			out = append(out, k)
		}
	}
	slices.Sort(out) // a stable message
	return out
}

// unresolved reports whether s is a CDK token.
func unresolved(s *string) bool { return *awscdk.Token_IsUnresolved(s) }
