// Package customresource is the request and answer of a CloudFormation
// custom resource as the CDK Provider framework passes them to an onEvent
// function: the framework answers CloudFormation itself, so the function
// only returns a Response (or an error, which fails the deployment).
package customresource

import (
	"encoding/json"
	"fmt"
)

// Event is the custom resource request without the ResponseURL.
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

// Parse reads a request and checks its type.
func Parse(raw json.RawMessage) (Event, error) {
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

// Decode decodes the resource properties into v (a pointer to a struct
// with json tags).
func (e Event) Decode(v any) error {
	b, err := json.Marshal(e.ResourceProperties)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return fmt.Errorf("ResourceProperties: %w", err)
	}
	return nil
}
