package main

import (
	"encoding/json"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// Event is what the CDK Provider framework passes to onEvent.
type Event = customresource.Event

// Response is onEvent's answer.
type Response = customresource.Response

func parseEvent(raw json.RawMessage) (Event, error) { return customresource.Parse(raw) }
