package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// Config is the function's environment.
type Config struct {
	Spec     query.Spec
	MACKeyID string
	// Athena
	WorkGroup, Catalog, Database string
	ReuseMinutes                 int32
	// Redshift
	ClusterIdentifier, RedshiftWorkgroup, DbUser, SecretARN string
}

// ConfigFromEnv reads SPEC (the queries, JSON), MAC_KEY_ID and the
// backend's target: ATHENA_WORKGROUP, ATHENA_CATALOG, DATABASE,
// ATHENA_REUSE_MINUTES; or CLUSTER_IDENTIFIER / REDSHIFT_WORKGROUP,
// DATABASE, DB_USER, SECRET_ARN.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		MACKeyID: getenv("MAC_KEY_ID"), WorkGroup: getenv("ATHENA_WORKGROUP"), Catalog: getenv("ATHENA_CATALOG"),
		Database: getenv("DATABASE"), ClusterIdentifier: getenv("CLUSTER_IDENTIFIER"),
		RedshiftWorkgroup: getenv("REDSHIFT_WORKGROUP"), DbUser: getenv("DB_USER"), SecretARN: getenv("SECRET_ARN"),
	}
	if err := json.Unmarshal([]byte(getenv("SPEC")), &c.Spec); err != nil {
		return c, fmt.Errorf("SPEC: %w", err)
	}
	if c.MACKeyID == "" {
		return c, fmt.Errorf("MAC_KEY_ID is empty")
	}
	if c.Database == "" {
		return c, fmt.Errorf("DATABASE is empty")
	}
	switch c.Spec.Backend {
	case query.Athena:
		if c.WorkGroup == "" {
			return c, fmt.Errorf("ATHENA_WORKGROUP is empty")
		}
		if c.Catalog == "" {
			c.Catalog = "AwsDataCatalog"
		}
		if v := getenv("ATHENA_REUSE_MINUTES"); v != "" {
			n, err := strconv.ParseInt(v, 10, 32)
			if err != nil || n < 0 {
				return c, fmt.Errorf("ATHENA_REUSE_MINUTES %q: minutes", v)
			}
			c.ReuseMinutes = int32(n)
		}
	case query.Redshift:
		if (c.ClusterIdentifier == "") == (c.RedshiftWorkgroup == "") {
			return c, fmt.Errorf("one of CLUSTER_IDENTIFIER and REDSHIFT_WORKGROUP")
		}
	default:
		return c, fmt.Errorf("SPEC backend %q: athena or redshift", c.Spec.Backend)
	}
	return c, nil
}
