package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// fakeCloudFront is CloudFront's REST-XML API for field-level encryption
// profiles and configurations, as the service checks requests: SigV4 for
// "cloudfront" in us-east-1, XML bodies in the API's namespace, If-Match
// equal to the current ETag on DELETE, no deletion of a profile a
// configuration uses, and unique profile names.
type fakeCloudFront struct {
	t        *testing.T
	mu       sync.Mutex
	n        int
	profiles map[string]*fakeItem
	configs  map[string]*fakeItem
	calls    []string // "METHOD /path [If-Match]"
	bodies   []string
	// failNext answers the next requests whose "METHOD /path-prefix"
	// matches with this status and code, once each.
	failNext map[string]fakeFailure
}

type fakeFailure struct {
	Status int
	Code   string
	Times  int
}

type fakeItem struct {
	etag    string
	profile ProfileConfig
	config  Config
}

func newFakeCloudFront(t *testing.T) (*fakeCloudFront, *Client) {
	f := &fakeCloudFront{t: t, profiles: map[string]*fakeItem{}, configs: map[string]*fakeItem{}, failNext: map[string]fakeFailure{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, &Client{Endpoint: srv.URL, SigningRegion: "us-east-1", Credentials: awsfake.Credentials(), HTTP: srv.Client(), Sleep: noSleep}
}

func (f *fakeCloudFront) fail(w http.ResponseWriter, status int, code, msg string) {
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0"?><ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>r</RequestId></ErrorResponse>`, xmlns, code, msg)
}

func (f *fakeCloudFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/"+apiVersion)
	call := r.Method + " " + path
	if m := r.Header.Get("If-Match"); m != "" {
		call += " " + m
	}
	f.calls = append(f.calls, call)
	f.bodies = append(f.bodies, string(body))
	if err := awsfake.CheckSigned(r, "us-east-1", "cloudfront"); err != nil {
		f.t.Errorf("%s: %v", call, err)
		f.fail(w, 403, "SignatureDoesNotMatch", err.Error())
		return
	}
	for prefix, e := range f.failNext {
		if strings.HasPrefix(r.Method+" "+path, prefix) && e.Times > 0 {
			e.Times--
			f.failNext[prefix] = e
			f.fail(w, e.Status, e.Code, "injected")
			return
		}
	}
	if len(body) > 0 && !strings.Contains(string(body), `xmlns="`+xmlns+`"`) {
		f.t.Errorf("%s: body not in namespace %s: %s", call, xmlns, body)
	}
	f.n++
	newID := fmt.Sprintf("E%05dFAKE", f.n)
	etag := fmt.Sprintf("ETAG%d", f.n)
	switch {
	case r.Method == "POST" && path == "/field-level-encryption-profile":
		var cfg ProfileConfig
		if err := xml.Unmarshal(body, &cfg); err != nil {
			f.fail(w, 400, "MalformedXML", err.Error())
			return
		}
		for _, p := range f.profiles {
			if p.profile.Name == cfg.Name {
				f.fail(w, 409, "FieldLevelEncryptionProfileAlreadyExists", cfg.Name)
				return
			}
		}
		f.profiles[newID] = &fakeItem{etag: etag, profile: cfg}
		w.Header().Set("ETag", etag)
		w.WriteHeader(201)
		fmt.Fprintf(w, `<FieldLevelEncryptionProfile xmlns="%s"><Id>%s</Id><LastModifiedTime>2026-12-06T00:00:00Z</LastModifiedTime>%s</FieldLevelEncryptionProfile>`, xmlns, newID, strings.TrimPrefix(string(body), xml.Header))
	case r.Method == "POST" && path == "/field-level-encryption":
		var cfg Config
		if err := xml.Unmarshal(body, &cfg); err != nil {
			f.fail(w, 400, "MalformedXML", err.Error())
			return
		}
		for _, p := range cfg.ContentTypeProfileConfig.ContentTypeProfiles.Items {
			if f.profiles[p.ProfileID] == nil {
				f.fail(w, 404, "NoSuchFieldLevelEncryptionProfile", p.ProfileID)
				return
			}
		}
		f.configs[newID] = &fakeItem{etag: etag, config: cfg}
		w.Header().Set("ETag", etag)
		w.WriteHeader(201)
		fmt.Fprintf(w, `<FieldLevelEncryption xmlns="%s"><Id>%s</Id><LastModifiedTime>2026-12-06T00:00:00Z</LastModifiedTime>%s</FieldLevelEncryption>`, xmlns, newID, strings.TrimPrefix(string(body), xml.Header))
	case strings.HasPrefix(path, "/field-level-encryption-profile/"):
		id := strings.TrimPrefix(path, "/field-level-encryption-profile/")
		p := f.profiles[id]
		if p == nil {
			f.fail(w, 404, "NoSuchFieldLevelEncryptionProfile", id)
			return
		}
		switch r.Method {
		case "GET":
			w.Header().Set("ETag", p.etag)
			b, _ := xml.Marshal(p.profile)
			fmt.Fprintf(w, `<FieldLevelEncryptionProfile xmlns="%s"><Id>%s</Id>%s</FieldLevelEncryptionProfile>`, xmlns, id, b)
		case "DELETE":
			if r.Header.Get("If-Match") != p.etag {
				f.fail(w, 412, "PreconditionFailed", "If-Match "+r.Header.Get("If-Match"))
				return
			}
			for _, c := range f.configs {
				for _, ctp := range c.config.ContentTypeProfileConfig.ContentTypeProfiles.Items {
					if ctp.ProfileID == id {
						f.fail(w, 409, "FieldLevelEncryptionProfileInUse", id)
						return
					}
				}
			}
			delete(f.profiles, id)
			w.WriteHeader(204)
		default:
			f.fail(w, 405, "MethodNotAllowed", r.Method)
		}
	case strings.HasPrefix(path, "/field-level-encryption/"):
		id := strings.TrimPrefix(path, "/field-level-encryption/")
		c := f.configs[id]
		if c == nil {
			f.fail(w, 404, "NoSuchFieldLevelEncryptionConfig", id)
			return
		}
		switch r.Method {
		case "GET":
			w.Header().Set("ETag", c.etag)
			b, _ := xml.Marshal(c.config)
			fmt.Fprintf(w, `<FieldLevelEncryption xmlns="%s"><Id>%s</Id>%s</FieldLevelEncryption>`, xmlns, id, b)
		case "DELETE":
			if r.Header.Get("If-Match") != c.etag {
				f.fail(w, 412, "PreconditionFailed", "If-Match "+r.Header.Get("If-Match"))
				return
			}
			delete(f.configs, id)
			w.WriteHeader(204)
		default:
			f.fail(w, 405, "MethodNotAllowed", r.Method)
		}
	default:
		f.fail(w, 404, "NotFound", call)
	}
}
