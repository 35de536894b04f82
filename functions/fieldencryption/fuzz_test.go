package main

import (
	"encoding/json"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/fieldencryption/fieldpattern"
	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// FuzzParse feeds arbitrary requests through the event and property
// parsing: it never panics, and a spec it accepts satisfies the API's
// limits.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"RequestType":"Create","ResourceProperties":{"NamePrefix":"a","PublicKeyId":"K1","ProviderId":"p","FieldPatterns":"[\"a\",\"b*\"]"}}`))
	f.Add([]byte(`{"RequestType":"Delete","PhysicalResourceId":"E1","ResourceProperties":{"FieldPatterns":"[\"a*\",\"ab\"]"}}`))
	f.Add([]byte(`{"RequestType":"Update","ResourceProperties":{"FieldPatterns":7}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ev, err := customresource.Parse(json.RawMessage(raw))
		if err != nil {
			return
		}
		s, err := ParseSpec(ev.ResourceProperties)
		if err != nil {
			return
		}
		if len(s.FieldPatterns) < 1 || len(s.FieldPatterns) > fieldpattern.Max || s.ProviderID == "" {
			t.Fatalf("accepted %+v", s)
		}
		for i := range s.FieldPatterns {
			for j := range i {
				if fieldpattern.Overlap(s.FieldPatterns[i], s.FieldPatterns[j]) {
					t.Fatalf("accepted overlapping %q and %q", s.FieldPatterns[i], s.FieldPatterns[j])
				}
			}
		}
		if n := s.ProfileName(); len(n) > maxProfileName || n == "" {
			t.Fatalf("profile name %q", n)
		}
	})
}
