package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes (seeded with the Macie finding samples of
// testdata/) to Parse: it must never panic, and what it accepts must be a
// usable target (bucket without a slash, a key, a finding id).
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"source":"aws.macie","detail-type":"Macie Finding","detail":{"id":"x","type":"SensitiveData:S3Object/Custom","resourcesAffected":{"s3Object":{"bucketArn":"arn:aws:s3:::b","key":"k"}}}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tg, err := Parse(raw)
		if err != nil {
			if errors.Is(err, ErrIgnored) && tg.Key != "" {
				t.Fatal("ignored finding with a target")
			}
			return
		}
		if tg.FindingID == "" || tg.Key == "" || tg.Bucket == "" || strings.Contains(tg.Bucket, "/") || tg.Detections == nil {
			t.Fatalf("accepted an unusable target %+v", tg)
		}
		_ = tg.TypeNames()
		_ = sanitize(strings.Join(tg.TypeNames(), " "))
	})
}
