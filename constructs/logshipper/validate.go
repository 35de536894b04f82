package logshipper

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("logshipper", scope, id)
	switch {
	case p.Stream != nil && p.DeliveryStream != nil:
		pr.Add("Stream/DeliveryStream", "both set", "one destination: a Kinesis data stream or a Firehose stream")
	case p.Stream == nil && p.DeliveryStream == nil:
		pr.Add("Stream/DeliveryStream", "neither set", "one destination: a Kinesis data stream (Stream) or a Firehose stream (DeliveryStream)")
	}
	switch p.Agent {
	case "", FluentBit, KinesisAgent:
	default:
		pr.Add("Agent", p.Agent, "logshipper.FluentBit or logshipper.KinesisAgent")
	}
	for i, f := range p.Flows {
		checkFlow(pr, fmt.Sprintf("Flows[%d]", i), f, p.Agent)
	}
	if p.VpcSubnets != nil && p.Vpc == nil {
		pr.Add("VpcSubnets", "set", "only with Vpc")
	}
	if p.VpcSubnets != nil && p.VpcSubnets.SubnetType == awsec2.SubnetType_PUBLIC {
		pr.Add("VpcSubnets", "PUBLIC", "a private subnet: the web server is reached through Session Manager and a load balancer, never directly")
	}
	return pr
}

func checkFlow(pr *propcheck.Problems, prop string, f Flow, agent Agent) {
	fp := f.FilePattern
	switch {
	case !strings.HasPrefix(fp, "/"):
		pr.Add(prop+".FilePattern", fmt.Sprintf("%q", fp), `an absolute path such as "/var/log/httpd/access_log*"`)
	case strings.HasSuffix(fp, "/"):
		pr.Add(prop+".FilePattern", fp, "a file pattern, not a directory")
	case strings.ContainsAny(fp, " \t\n'\"\\$`;"):
		pr.Add(prop+".FilePattern", fmt.Sprintf("%q", fp), "a path without spaces, quotes or shell characters")
	}
	for j, p := range f.Processing {
		at := fmt.Sprintf("%s.Processing[%d]", prop, j)
		switch p.Option {
		case SingleLine:
		case LogToJSON:
			if _, ok := LogFormats[p.LogFormat]; !ok {
				pr.Add(at+".LogFormat", fmt.Sprintf("%q", p.LogFormat), "COMMONAPACHELOG, COMBINEDAPACHELOG, APACHEERRORLOG, SYSLOG or RFC3339SYSLOG")
			}
		case CSVToJSON:
			if len(p.CustomFieldNames) == 0 {
				pr.Add(at+".CustomFieldNames", "none", "the column names of the CSV lines")
			}
			if agent != KinesisAgent {
				pr.Add(at+".Option", CSVToJSON, "only with Agent KinesisAgent (Fluent Bit has no CSV parser in its stock parsers)")
			}
		default:
			pr.Add(at+".Option", fmt.Sprintf("%q", p.Option), "SINGLELINE, CSVTOJSON or LOGTOJSON")
		}
		if p.LogFormat != "" && p.Option != LogToJSON {
			pr.Add(at+".LogFormat", p.LogFormat, "only with LOGTOJSON")
		}
	}
}
