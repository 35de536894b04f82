package main

import (
	"encoding/json"
	"fmt"
)

// DetailType is the detail-type of the EventBridge events the function acts
// on (source aws.cloudwatch).
const DetailType = "CloudWatch Alarm State Change"

// StateAlarm is the only alarm state that scales the stream.
const StateAlarm = "ALARM"

// AlarmChange is the detail of a "CloudWatch Alarm State Change" event: the
// fields the function reads (the event also carries reasonData and the
// alarm's configuration).
type AlarmChange struct {
	AlarmName     string     `json:"alarmName"`
	State         AlarmState `json:"state"`
	PreviousState AlarmState `json:"previousState"`
}

// AlarmState is one side of the change: OK, ALARM or INSUFFICIENT_DATA.
type AlarmState struct {
	Value     string `json:"value"`
	Reason    string `json:"reason"`
	Timestamp string `json:"timestamp"`
}

// parseAlarmChange decodes an event's detail.
func parseAlarmChange(detail json.RawMessage) (AlarmChange, error) {
	var a AlarmChange
	if err := json.Unmarshal(detail, &a); err != nil {
		return a, fmt.Errorf("detail of a %q event is not an alarm state change: %w", DetailType, err)
	}
	return a, nil
}

// direction maps an alarm name to the direction it scales in; false for an
// alarm the function does not handle.
func (c Config) direction(alarm string) (Direction, bool) {
	switch alarm {
	case c.ScaleOutAlarm:
		return Out, true
	case c.ScaleInAlarm:
		return In, true
	}
	return "", false
}
