package iotredact

import (
	"fmt"
	"strings"

	"github.com/aws/constructs-go/constructs/v10"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// check lists every problem of p before anything is created.
func check(scope constructs.Construct, id string, p *Props) *propcheck.Problems {
	pr := propcheck.For("iotredact", scope, id)
	if len(p.RedactFields) == 0 {
		pr.Add("RedactFields", "none", "at least one JSON path to redact, e.g. owner.email")
	}
	for i, f := range p.RedactFields {
		if f == "" || strings.Contains(f, ",") || strings.HasPrefix(f, ".") || strings.HasSuffix(f, ".") || strings.Contains(f, "..") || strings.TrimSpace(f) != f {
			pr.Add(fmt.Sprintf("RedactFields[%d]", i), f, "keys joined by dots, none empty, no commas or surrounding spaces")
		}
	}
	switch p.Mode {
	case "", Mask, Remove:
		if p.HashKeySecret != nil {
			pr.Add("HashKeySecret", *p.HashKeySecret.Node().Path(), "only with Mode iotredact.Hash")
		}
	case Hash:
		if p.HashKeySecret == nil {
			pr.Add("HashKeySecret", nil, `required with Hash: a secret holding {"key": "<at least 32 bytes>"}`)
		}
	default:
		pr.Add("Mode", p.Mode, "iotredact.Mask, iotredact.Remove or iotredact.Hash")
	}
	if f := p.IotTopicFilter; f != nil && (*f == "" || strings.ContainsAny(*f, "'\"") || len(*f) > 256) {
		pr.Add("IotTopicFilter", *f, "an MQTT topic filter such as sensors/+/telemetry, without quotes")
	}
	if d := p.Delivery; d != nil && d.Processor != nil {
		pr.Add("Delivery.Processor", "set", "the redactor is the processor; chain other transformations inside it")
	}
	return pr
}
