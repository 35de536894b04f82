package tokenvault

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/constructs-go/constructs/v10"

	netpkg "github.com/cdk-data-patterns/patterns/constructs/internal/network"
	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
	"github.com/cdk-data-patterns/patterns/constructs/internal/sandbox"
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("tokenvault", scope, id)
	checkTable(pr, scope, p)
	for _, k := range []struct {
		prop string
		key  awskms.IKey
	}{{"EncryptionKey", p.EncryptionKey}, {"StorageKey", p.StorageKey}} {
		if k.key == nil {
			continue
		}
		if name := awsManagedAlias(k.key); name != "" {
			pr.Add(k.prop, name, "a customer managed key: an AWS managed key's policy (alias/aws/...) cannot restrict who generates or decrypts data keys, nor require the vault's encryption context")
		}
	}
	if p.EncryptionKey != nil && p.StorageKey != nil && p.EncryptionKey == p.StorageKey {
		pr.Add("EncryptionKey/StorageKey", *p.EncryptionKey.Node().Path(), "two different keys: the envelope key must be usable by the vault's two roles only, while the storage key also serves DynamoDB, CloudWatch Logs and Secrets Manager")
	}
	if d := p.DataKeyMaxAge; d != nil {
		s := propcheck.Seconds(d)
		if s < 1 || s > 3600 || s != float64(int(s)) {
			pr.Add("DataKeyMaxAge", *d.ToHumanString(), "whole seconds from 1 second to 1 hour: a cached plaintext data key must expire, and soon")
		}
	}
	if u := p.DataKeyMaxUses; u != 0 && (u < 1 || u > MaxDataKeyMaxUses || u != float64(int(u))) {
		pr.Add("DataKeyMaxUses", u, "a whole number from 1 to 1000000 (0 for the default, 1000)")
	}
	if m := p.MemorySize; m != 0 && (m < 128 || m > 10240 || m != float64(int(m))) {
		pr.Add("MemorySize", m, "whole MB from 128 to 10240")
	}
	if r := p.ReservedConcurrency; r < 0 || r != float64(int(r)) {
		pr.Add("ReservedConcurrency", r, "a whole number, 0 for none")
	}
	pr.FiniteRetention(p.LogRetention)
	checkNetwork(pr, p)
	return pr
}

func checkTable(pr *propcheck.Problems, scope constructs.Construct, p *Props) {
	tp := p.TableProps
	if p.Table != nil && tp != nil {
		pr.Add("Table/TableProps", *p.Table.Node().Path(), "one of them: TableProps configure a new table, Table is an existing one")
		return
	}
	if tp == nil {
		return
	}
	if k := tp.PartitionKey; k != nil && (k.Name == nil || *k.Name != PartitionKey || k.Type != awsdynamodb.AttributeType_STRING) {
		name := ""
		if k.Name != nil {
			name = *k.Name
		}
		pr.Add("TableProps.PartitionKey", name+" ("+string(k.Type)+")", `"token" (STRING): the function reads and writes items by it`)
	}
	if tp.SortKey != nil {
		pr.Add("TableProps.SortKey", *tp.SortKey.Name, "none: an item is found by its token alone")
	}
	if e := tp.Encryption; e != "" && e != awsdynamodb.TableEncryption_CUSTOMER_MANAGED {
		pr.Add("TableProps.Encryption", e, "CUSTOMER_MANAGED (the default, with StorageKey): the vault's key policy must be yours to audit")
	}
	if tp.EncryptionKey != nil {
		pr.Add("TableProps.EncryptionKey", *tp.EncryptionKey.Node().Path(), "nil: set StorageKey, which also encrypts the logs and the secret")
	}
	if tp.PointInTimeRecovery != nil && !*tp.PointInTimeRecovery ||
		tp.PointInTimeRecoverySpecification != nil && tp.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled != nil && !*tp.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled {
		pr.Add("TableProps.PointInTimeRecovery", false, "enabled: the vault holds the only copy of the values")
	}
	if tp.TimeToLiveAttribute != nil {
		pr.Add("TableProps.TimeToLiveAttribute", *tp.TimeToLiveAttribute, "none: the function writes no expiry, and an expired item is a token that no longer detokenizes")
	}
	sandbox.CheckOverride(pr, scope, "TableProps", tp.RemovalPolicy, nil)
}

func checkNetwork(pr *propcheck.Problems, p *Props) {
	if p.Vpc == nil {
		if p.VpcSubnets != nil {
			pr.Add("VpcSubnets", "set", "only with Vpc")
		}
		if p.Endpoints != nil {
			pr.Add("Endpoints", *p.Endpoints, "only with Vpc")
		}
		return
	}
	sel := netpkg.PrivateOr(p.Vpc, p.VpcSubnets)
	subnets, err := netpkg.TrySelect(p.Vpc, sel)
	if err != nil || len(subnets) == 0 {
		msg := "no subnets"
		if err != nil {
			msg = firstLine(err.Error())
		}
		pr.Add("VpcSubnets", describe(p), "a selection of at least one subnet of Vpc ("+msg+")")
	}
}

func describe(p *Props) string {
	if p.VpcSubnets == nil {
		return "nil (isolated, else private subnets with egress)"
	}
	s := p.VpcSubnets
	var parts []string
	if s.SubnetType != "" {
		parts = append(parts, "SubnetType "+string(s.SubnetType))
	}
	if s.SubnetGroupName != nil {
		parts = append(parts, "SubnetGroupName "+*s.SubnetGroupName)
	}
	if s.Subnets != nil {
		parts = append(parts, "Subnets []")
	}
	if len(parts) == 0 {
		return "{}"
	}
	return strings.Join(parts, ", ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// awsManagedAlias is the alias name of an imported AWS managed key alias
// (alias/aws/...), or "".
func awsManagedAlias(k awskms.IKey) string {
	if a, ok := k.(awskms.IAlias); ok {
		if n := a.AliasName(); n != nil && !unresolved(n) && strings.HasPrefix(*n, "alias/aws/") {
			return *n
		}
	}
	arn := k.KeyArn()
	if arn != nil && !unresolved(arn) && strings.Contains(*arn, ":alias/aws/") {
		return *arn
	}
	return ""
}

// unresolved reports whether s is a CDK token.
func unresolved(s *string) bool { return *awscdk.Token_IsUnresolved(s) }
