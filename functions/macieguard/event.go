package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Event is the EventBridge envelope of a Macie finding.
type Event struct {
	ID         string  `json:"id"`
	DetailType string  `json:"detail-type"`
	Source     string  `json:"source"`
	Account    string  `json:"account"`
	Region     string  `json:"region"`
	Detail     Finding `json:"detail"`
}

// Finding is the part of a Macie finding (schema version 1.0) the function
// reads.
type Finding struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Category string `json:"category"`
	Severity struct {
		Score       float64 `json:"score"`
		Description string  `json:"description"`
	} `json:"severity"`
	Archived          bool `json:"archived"`
	Sample            bool `json:"sample"`
	ResourcesAffected struct {
		S3Bucket struct {
			Name string `json:"name"`
		} `json:"s3Bucket"`
		S3Object *struct {
			BucketArn string `json:"bucketArn"`
			Key       string `json:"key"`
			VersionID string `json:"versionId"`
			ETag      string `json:"eTag"`
			Size      int64  `json:"size"`
		} `json:"s3Object"`
	} `json:"resourcesAffected"`
	ClassificationDetails *struct {
		JobID  string `json:"jobId"`
		Result struct {
			SensitiveData []struct {
				Category   string      `json:"category"`
				Detections []detection `json:"detections"`
			} `json:"sensitiveData"`
			CustomDataIdentifiers struct {
				Detections []detection `json:"detections"`
			} `json:"customDataIdentifiers"`
		} `json:"result"`
	} `json:"classificationDetails"`
}

type detection struct {
	Type  string `json:"type"`
	Name  string `json:"name"` // custom data identifiers have a name, not a type
	Count int64  `json:"count"`
}

// Target is what a sensitive-data finding is about, checked.
type Target struct {
	FindingID string
	Type      string
	Severity  string
	Bucket    string
	Key       string
	VersionID string
	ETag      string
	// Detections maps the detection type (managed identifier type, or
	// custom identifier name) to its count.
	Detections map[string]int64
}

// ErrIgnored marks a finding the function does not act on (policy finding,
// sample, archived): logged, not retried.
var ErrIgnored = errors.New("ignored")

// Parse decodes an EventBridge event and returns the finding's target, or
// an error wrapping ErrIgnored for findings that are not sensitive-data
// findings about an object, or another error for malformed events.
func Parse(raw []byte) (Target, error) {
	var ev Event
	if err := json.Unmarshal(raw, &ev); err != nil {
		return Target{}, fmt.Errorf("not an EventBridge event: %w", err)
	}
	if ev.Source != "aws.macie" || ev.DetailType != "Macie Finding" {
		return Target{}, fmt.Errorf("source %q, detail-type %q: want aws.macie, Macie Finding", ev.Source, ev.DetailType)
	}
	f := ev.Detail
	if f.ID == "" {
		return Target{}, errors.New("finding without id")
	}
	switch {
	case !strings.HasPrefix(f.Type, "SensitiveData:"):
		return Target{}, fmt.Errorf("%w: finding type %q is not a sensitive-data finding", ErrIgnored, f.Type)
	case f.Sample:
		return Target{}, fmt.Errorf("%w: sample finding", ErrIgnored)
	case f.Archived:
		return Target{}, fmt.Errorf("%w: archived finding", ErrIgnored)
	}
	o := f.ResourcesAffected.S3Object
	if o == nil || o.Key == "" {
		return Target{}, errors.New("sensitive-data finding without resourcesAffected.s3Object.key")
	}
	bucket := f.ResourcesAffected.S3Bucket.Name
	if bucket == "" {
		if _, name, ok := strings.Cut(o.BucketArn, ":::"); ok {
			bucket = name
		}
	}
	if bucket == "" || strings.Contains(bucket, "/") {
		return Target{}, fmt.Errorf("bucket name %q", bucket)
	}
	t := Target{FindingID: f.ID, Type: f.Type, Severity: f.Severity.Description, Bucket: bucket, Key: o.Key,
		VersionID: o.VersionID, ETag: o.ETag, Detections: map[string]int64{}}
	if cd := f.ClassificationDetails; cd != nil {
		for _, s := range cd.Result.SensitiveData {
			for _, d := range s.Detections {
				if d.Type != "" {
					t.Detections[d.Type] += d.Count
				}
			}
		}
		for _, d := range cd.Result.CustomDataIdentifiers.Detections {
			if d.Name != "" {
				t.Detections[d.Name] += d.Count
			}
		}
	}
	return t, nil
}

// TypeNames returns the detection types sorted.
func (t Target) TypeNames() []string {
	names := make([]string, 0, len(t.Detections))
	for n := range t.Detections {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
