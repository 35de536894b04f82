package main

import (
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Action is what a run did.
type Action string

const (
	Ignored       Action = "ignored"        // not an ALARM of SCALE_OUT_ALARM or SCALE_IN_ALARM
	OnDemand      Action = "on-demand"      // the stream is ON_DEMAND
	NotActive     Action = "not-active"     // the stream is UPDATING (or CREATING, DELETING)
	AtBound       Action = "at-bound"       // the target equals the current count
	WouldScale    Action = "would-scale"    // DRY_RUN
	Scaled        Action = "scaled"         // UpdateShardCount accepted
	LimitExceeded Action = "limit-exceeded" // UpdateShardCount: LimitExceededException
	InUse         Action = "in-use"         // UpdateShardCount: ResourceInUseException
)

// Result is what a run returns and logs.
type Result struct {
	Action        Action    `json:"action"`
	Reason        string    `json:"reason,omitempty"` // why ignored, or the service's message
	EventID       string    `json:"eventId,omitempty"`
	Alarm         string    `json:"alarm,omitempty"`
	State         string    `json:"state,omitempty"`
	Direction     Direction `json:"direction,omitempty"`
	Stream        string    `json:"stream"`
	StreamMode    string    `json:"streamMode,omitempty"`
	StreamStatus  string    `json:"streamStatus,omitempty"`
	CurrentShards int32     `json:"currentShards,omitempty"`
	TargetShards  int32     `json:"targetShards,omitempty"`
	DryRun        bool      `json:"dryRun,omitempty"`
}

// Message is the log message for the result.
func (r Result) Message() string {
	switch r.Action {
	case Ignored:
		return "event ignored"
	case OnDemand:
		return "on-demand stream scales itself"
	case NotActive:
		if r.StreamStatus == string(types.StreamStatusUpdating) {
			return "resharding in progress"
		}
		return "stream is not ACTIVE"
	case AtBound:
		return "shard count at its bound, nothing to do"
	case WouldScale:
		return "dry run: shard count not updated"
	case Scaled:
		return "shard count update started"
	case LimitExceeded:
		return "shard count not updated: limit exceeded"
	case InUse:
		return "shard count not updated: stream in use by another update"
	}
	return string(r.Action)
}

// Level is the log level for the result: a warning when UpdateShardCount
// refused the scaling the alarm asked for.
func (r Result) Level() slog.Level {
	if r.Action == LimitExceeded || r.Action == InUse {
		return slog.LevelWarn
	}
	return slog.LevelInfo
}
