package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
)

// Triggers the function knows (the Invocation's Trigger).
const (
	TriggerS3Notification = "s3-notification"
	TriggerEventBridge    = "eventbridge"
)

// Invocation is what the function is invoked with, decoded by UnmarshalJSON
// from either shape:
//
//   - an S3 event notification ({"Records": [{"eventSource": "aws:s3", …}]}),
//     whose object keys are URL-encoded (a space is "+", a plus "%2B");
//   - an EventBridge event from S3 ({"source": "aws.s3", "detail-type":
//     "Object Created", "detail": {"bucket": {"name"}, "object": {"key",
//     "size", "etag", …}}}), whose key is NOT URL-encoded.
//
// Both become the records of an S3 event notification: an EventBridge event
// becomes one record whose key is URL-encoded the way S3 notifications are,
// so that Process decodes every key the same way and gets the real one back.
// Anything else is an error.
type Invocation struct {
	Trigger string
	Records []events.S3EventRecord
}

// eventBridgeEvent is the part of an EventBridge event from S3 the function
// reads. The key is a plain string here: events.S3Object would URL-decode it.
type eventBridgeEvent struct {
	Source     string         `json:"source"`
	DetailType string         `json:"detail-type"`
	Region     string         `json:"region"`
	Time       time.Time      `json:"time"`
	Detail     s3event.Detail `json:"detail"`
}

// UnmarshalJSON detects the shape of the invocation and turns it into
// records.
func (in *Invocation) UnmarshalJSON(b []byte) error {
	var probe struct {
		Records    json.RawMessage `json:"Records"`
		Source     *string         `json:"source"`
		DetailType *string         `json:"detail-type"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return fmt.Errorf("the invocation is not a JSON object: %w", err)
	}
	switch {
	case len(probe.Records) > 0 && !bytes.Equal(probe.Records, []byte("null")):
		var ev events.S3Event
		if err := json.Unmarshal(b, &ev); err != nil {
			return fmt.Errorf("S3 event notification: %w", err)
		}
		if len(ev.Records) == 0 {
			return fmt.Errorf("S3 event notification without records")
		}
		for i, r := range ev.Records {
			if r.EventSource != "aws:s3" || r.S3.Bucket.Name == "" || r.S3.Object.Key == "" {
				return fmt.Errorf("record %d is not an S3 object event (eventSource %q, bucket %q, key %q)", i, r.EventSource, r.S3.Bucket.Name, r.S3.Object.Key)
			}
		}
		*in = Invocation{Trigger: TriggerS3Notification, Records: ev.Records}
		return nil
	case probe.Source != nil || probe.DetailType != nil:
		var ev eventBridgeEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			return fmt.Errorf("EventBridge event: %w", err)
		}
		if ev.Source != s3event.Source || ev.DetailType != s3event.DetailType {
			return fmt.Errorf("EventBridge event from %q of type %q: the function takes only S3's \"Object Created\" events (source aws.s3)", ev.Source, ev.DetailType)
		}
		if ev.Detail.Bucket.Name == "" || ev.Detail.Object.Key == "" {
			return fmt.Errorf("S3 Object Created event without detail.bucket.name or detail.object.key")
		}
		var r events.S3EventRecord
		r.EventSource, r.EventName, r.AWSRegion, r.EventTime = "aws:s3", "ObjectCreated:"+ev.Detail.Reason, ev.Region, ev.Time
		r.S3.Bucket.Name = ev.Detail.Bucket.Name
		r.S3.Object = events.S3Object{
			Key:           encodeKey(ev.Detail.Object.Key),
			URLDecodedKey: ev.Detail.Object.Key,
			Size:          ev.Detail.Object.Size,
			ETag:          ev.Detail.Object.ETag,
			VersionID:     ev.Detail.Object.VersionID,
			Sequencer:     ev.Detail.Object.Sequencer,
		}
		*in = Invocation{Trigger: TriggerEventBridge, Records: []events.S3EventRecord{r}}
		return nil
	}
	return fmt.Errorf("unknown invocation: neither an S3 event notification (Records) nor an EventBridge event (source, detail-type)")
}

// encodeKey URL-encodes a key the way S3 event notifications carry it
// ("+" for a space, "/" kept); url.QueryUnescape gives the key back exactly.
func encodeKey(key string) string {
	return strings.ReplaceAll(url.QueryEscape(key), "%2F", "/")
}
