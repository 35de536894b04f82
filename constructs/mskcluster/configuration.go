package mskcluster

import (
	"fmt"
	"sort"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsmsk"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// serverProperties are the broker settings of the configuration: safe
// defaults for a cluster of brokers nodes, MessageMaxBytes, then the
// caller's ServerProperties.
func serverProperties(p *Props, brokers int) map[string]string {
	rf := min(3, max(brokers, 1))
	isr := 2
	if rf < 3 {
		isr = 1
	}
	out := map[string]string{
		// Topics are created on purpose (CreateTopic permission), not by a
		// typo in a producer's topic name.
		"auto.create.topics.enable":  "false",
		"default.replication.factor": fmt.Sprint(rf),
		"min.insync.replicas":        fmt.Sprint(isr),
	}
	if p.MessageMaxBytes != nil {
		v := fmt.Sprintf("%.0f", *p.MessageMaxBytes)
		out["message.max.bytes"] = v
		out["replica.fetch.max.bytes"] = v
	}
	for k, v := range p.ServerProperties {
		out[k] = v
	}
	return out
}

// propertiesText is server.properties: one key=value per line, sorted.
func propertiesText(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + m[k] + "\n")
	}
	return b.String()
}

// newConfiguration creates the AWS::MSK::Configuration of the cluster,
// named like the cluster (configuration names are unique per account and
// region).
func newConfiguration(c constructs.Construct, cl *Cluster, p *Props) awsmsk.CfnConfiguration {
	return awsmsk.NewCfnConfiguration(c, jsii.String("Configuration"), &awsmsk.CfnConfigurationProps{
		Name:             jsii.String(cl.Name),
		Description:      jsii.String("Broker settings of " + *c.Node().Path()),
		ServerProperties: jsii.String(propertiesText(serverProperties(p, cl.Brokers))),
	})
}
