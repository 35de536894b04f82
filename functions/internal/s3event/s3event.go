// Package s3event is the detail of the "Object Created" events that Amazon
// S3 sends to EventBridge (source aws.s3), as the functions of this
// project read it. Unlike an S3 event notification's, its object key is a
// plain string, not URL-encoded.
package s3event

// Source and DetailType identify an S3 Object Created event.
const (
	Source     = "aws.s3"
	DetailType = "Object Created"
)

// Detail is the "detail" of an Object Created event.
type Detail struct {
	Bucket Bucket `json:"bucket"`
	Object Object `json:"object"`
	// Reason is the API call that created the object (PutObject,
	// CopyObject, CompleteMultipartUpload, ...).
	Reason string `json:"reason"`
}

// Bucket names the event's bucket.
type Bucket struct {
	Name string `json:"name"`
}

// Object is the created object.
type Object struct {
	Key       string `json:"key"`
	Size      int64  `json:"size"`
	ETag      string `json:"etag"`
	VersionID string `json:"version-id"`
	Sequencer string `json:"sequencer"`
}
