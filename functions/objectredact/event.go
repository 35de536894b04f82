package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/internal/s3event"
)

// Kind is the shape of an event, which chooses the entry point.
type Kind int

const (
	// ObjectLambda is an S3 Object Lambda GetObject request.
	ObjectLambda Kind = iota + 1
	// ObjectCreated is an EventBridge "Object Created" event of S3.
	ObjectCreated
	// ObjectDeleted is an EventBridge "Object Deleted" event of S3.
	ObjectDeleted
)

// detailTypeDeleted is the detail-type of S3's deletion events (a delete
// marker created, or a version permanently deleted).
const detailTypeDeleted = "Object Deleted"

// Event is a parsed event: one of its parts is set, as Kind says.
type Event struct {
	Kind   Kind
	Lambda events.S3ObjectLambdaEvent
	// Created is the detail of an Object Created or Object Deleted event
	// (both have bucket.name and object.key).
	Created s3event.Detail
	// Options is configuration.payload of an Object Lambda event.
	Options Options
}

// Options come from the Object Lambda access point's FunctionPayload: a
// JSON object, or empty.
type Options struct {
	// MaxObjectBytes lowers (never raises) the function's limit for this
	// access point.
	MaxObjectBytes int64 `json:"maxObjectBytes"`
}

// ErrUnknownEvent is an event of neither shape.
var ErrUnknownEvent = errors.New("not an S3 Object Lambda GetObject event nor an S3 Object Created or Object Deleted event")

// probe holds the members that tell the two shapes apart.
type probe struct {
	GetObjectContext json.RawMessage `json:"getObjectContext"`
	Source           string          `json:"source"`
	DetailType       string          `json:"detail-type"`
	Detail           json.RawMessage `json:"detail"`
}

// Parse reads an event and says which entry point it is for. Object Lambda
// events without a complete getObjectContext (HeadObject, ListObjects:
// the access point is configured for GetObject only) are refused.
func Parse(raw []byte) (Event, error) {
	var p probe
	if err := json.Unmarshal(raw, &p); err != nil {
		return Event{}, fmt.Errorf("event is not a JSON object: %w", err)
	}
	switch {
	case p.GetObjectContext != nil && string(p.GetObjectContext) != "null":
		ev := Event{Kind: ObjectLambda}
		if err := json.Unmarshal(raw, &ev.Lambda); err != nil {
			return Event{}, fmt.Errorf("object lambda event: %w", err)
		}
		g := ev.Lambda.GetObjectContext
		if g == nil || g.OutputRoute == "" || g.OutputToken == "" {
			return Event{}, errors.New("object lambda event: getObjectContext lacks outputRoute or outputToken")
		}
		if !strings.HasPrefix(g.InputS3URL, "https://") && !strings.HasPrefix(g.InputS3URL, "http://") {
			// Answered with an error response (route and token are known).
			return ev, fmt.Errorf("object lambda event: inputS3Url %q is not an HTTP(S) URL", truncate(g.InputS3URL))
		}
		if pl := strings.TrimSpace(ev.Lambda.Configuration.Payload); pl != "" {
			if err := json.Unmarshal([]byte(pl), &ev.Options); err != nil || ev.Options.MaxObjectBytes < 0 {
				return ev, fmt.Errorf("object lambda event: configuration.payload %q is not {\"maxObjectBytes\": <bytes>}", truncate(pl))
			}
		}
		return ev, nil
	case p.Source == s3event.Source && (p.DetailType == s3event.DetailType || p.DetailType == detailTypeDeleted):
		ev := Event{Kind: ObjectCreated}
		if p.DetailType == detailTypeDeleted {
			ev.Kind = ObjectDeleted
		}
		if err := json.Unmarshal(p.Detail, &ev.Created); err != nil {
			return Event{}, fmt.Errorf("%s event: %w", strings.ToLower(p.DetailType), err)
		}
		if ev.Created.Bucket.Name == "" || ev.Created.Object.Key == "" {
			return Event{}, fmt.Errorf("%s event: detail lacks bucket.name or object.key", strings.ToLower(p.DetailType))
		}
		return ev, nil
	}
	return Event{}, ErrUnknownEvent
}

func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
