package emrcluster

import (
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsemr"
	"github.com/aws/jsii-runtime-go"
)

// SkewDefaults are the spark-defaults the construct sets (ETL-23's
// configuration half): adaptive query execution and its skew-join
// handling, which split oversized shuffle partitions of a join at run time.
// Both are on by default since Spark 3.2; they are written out so the
// cluster's configuration says so and a release or a user change cannot
// silently turn them off.
var SkewDefaults = map[string]string{
	"spark.sql.adaptive.enabled":          "true",
	"spark.sql.adaptive.skewJoin.enabled": "true",
}

// configurations builds the cluster's classifications: the Glue Data
// Catalog as metastore of Hive (hive-site) and Spark SQL (spark-hive-site),
// spark-defaults with SkewDefaults and SparkDefaults, then the user's
// Configurations merged in (a classification already present gets its
// properties merged, user values winning; others are appended in order).
func configurations(p *Props) []Configuration {
	var out []Configuration
	if p.GlueCatalog == nil || *p.GlueCatalog {
		factory := map[string]string{"hive.metastore.client.factory.class": GlueMetastoreFactory}
		out = append(out,
			Configuration{Classification: "hive-site", Properties: copyMap(factory)},
			Configuration{Classification: "spark-hive-site", Properties: copyMap(factory)},
		)
	}
	spark := copyMap(SkewDefaults)
	for k, v := range p.SparkDefaults {
		spark[k] = v
	}
	out = append(out, Configuration{Classification: "spark-defaults", Properties: spark})
	for _, uc := range p.Configurations {
		merged := false
		for i := range out {
			if out[i].Classification == uc.Classification {
				for k, v := range uc.Properties {
					out[i].Properties[k] = v
				}
				out[i].Configurations = append(out[i].Configurations, uc.Configurations...)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, uc)
		}
	}
	return out
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// cfnConfigurations converts to the L1's shape (properties sorted for a
// stable template).
func cfnConfigurations(cs []Configuration) *[]*awsemr.CfnCluster_ConfigurationProperty {
	if len(cs) == 0 {
		return nil
	}
	out := make([]*awsemr.CfnCluster_ConfigurationProperty, 0, len(cs))
	for _, c := range cs {
		cp := &awsemr.CfnCluster_ConfigurationProperty{Classification: jsii.String(c.Classification)}
		if len(c.Properties) > 0 {
			keys := make([]string, 0, len(c.Properties))
			for k := range c.Properties {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			props := make(map[string]*string, len(keys))
			for _, k := range keys {
				props[k] = jsii.String(c.Properties[k])
			}
			cp.ConfigurationProperties = &props
		}
		if nested := cfnConfigurations(c.Configurations); nested != nil {
			cp.Configurations = nested
		}
		out = append(out, cp)
	}
	return &out
}
