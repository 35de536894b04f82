package main

import (
	"encoding/json"
	"fmt"
)

// Event is what the CDK Provider framework passes to onEvent: the
// CloudFormation custom resource request without the ResponseURL (the
// framework answers CloudFormation itself).
type Event struct {
	RequestType           string         `json:"RequestType"` // Create, Update or Delete
	RequestID             string         `json:"RequestId,omitempty"`
	StackID               string         `json:"StackId,omitempty"`
	LogicalResourceID     string         `json:"LogicalResourceId,omitempty"`
	ResourceType          string         `json:"ResourceType,omitempty"`
	PhysicalResourceID    string         `json:"PhysicalResourceId,omitempty"` // Update and Delete
	ResourceProperties    map[string]any `json:"ResourceProperties"`
	OldResourceProperties map[string]any `json:"OldResourceProperties,omitempty"` // Update
}

// Response is onEvent's answer; the framework passes it on to CloudFormation.
type Response struct {
	PhysicalResourceID string            `json:"PhysicalResourceId"`
	Data               map[string]string `json:"Data,omitempty"`
}

func parseEvent(raw json.RawMessage) (Event, error) {
	var ev Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return Event{}, fmt.Errorf("event is not a custom resource request: %w", err)
	}
	switch ev.RequestType {
	case "Create", "Update", "Delete":
		return ev, nil
	}
	return Event{}, fmt.Errorf("RequestType=%q: Create, Update or Delete", ev.RequestType)
}
