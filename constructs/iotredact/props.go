package iotredact

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"

	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
)

// Mode is what happens to a value at a configured path.
type Mode string

const (
	// Mask replaces strings by "***" and other values by null (the default).
	Mask Mode = "mask"
	// Remove deletes the member.
	Remove Mode = "remove"
	// Hash replaces the value by its HMAC-SHA256 under the HashKeySecret, so
	// records of one person can still be joined without revealing them.
	Hash Mode = "hash"
)

// Props configures an IotRedact. RedactFields is required.
type Props struct {
	// RedactFields are JSON paths (keys joined by dots; arrays are
	// transparent), e.g. "owner.email", "location.lat".
	RedactFields []string
	// Mode of the redaction.
	// @default Mask
	Mode Mode
	// HashKeySecret holds the HMAC key (at least 32 bytes) under the JSON
	// field "key"; required with Hash.
	HashKeySecret awssecretsmanager.ISecret
	// Detect runs the built-in detectors on every string value.
	// @default true
	Detect *bool
	// IotTopicFilter creates an IoT Core rule sending the messages of these
	// topics (e.g. "sensors/+/telemetry") to the delivery stream.
	// @default no rule: producers call PutRecordBatch
	IotTopicFilter *string
	// Delivery configures the delivery stream and bucket (see firehosetos3);
	// its Processor is the redactor.
	Delivery *firehosetos3.Props
}
