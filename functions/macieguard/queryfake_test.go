package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/cdk-data-patterns/patterns/functions/internal/awsfake"
)

// fakeSNS is a fake of SNS's AWS Query protocol (form-encoded POST /,
// Action and Version, SigV4 for "sns", XML replies), which awsfake does not
// cover. It records each Publish and can fail them.
type fakeSNS struct {
	client *sns.Client
	mu     sync.Mutex
	sent   []url.Values
	fail   int // the next fail calls answer a 500 InternalError
}

func newFakeSNS(t testing.TB) *fakeSNS {
	f := &fakeSNS{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, err := url.ParseQuery(string(body))
		switch {
		case err != nil:
		case r.Method != http.MethodPost || r.URL.Path != "/":
			err = fmt.Errorf("%s %s, want POST /", r.Method, r.URL.Path)
		case r.Header.Get("Content-Type") != "application/x-www-form-urlencoded":
			err = fmt.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
		case form.Get("Version") != "2010-03-31" || form.Get("Action") != "Publish":
			err = fmt.Errorf("Action %q Version %q, want Publish 2010-03-31", form.Get("Action"), form.Get("Version"))
		default:
			err = awsfake.CheckSigned(r, "eu-west-1", "sns")
		}
		if err != nil {
			t.Errorf("fake SNS: not a query-protocol Publish: %v", err)
			queryError(w, 400, "InvalidParameter", err.Error())
			return
		}
		f.mu.Lock()
		failing := f.fail > 0
		if failing {
			f.fail--
		} else {
			f.sent = append(f.sent, form)
		}
		n := len(f.sent)
		f.mu.Unlock()
		if failing {
			queryError(w, 500, "InternalError", "injected")
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>msg-%d</MessageId></PublishResult><ResponseMetadata><RequestId>req-%d</RequestId></ResponseMetadata></PublishResponse>`, n, n)
	}))
	t.Cleanup(srv.Close)
	f.client = sns.NewFromConfig(aws.Config{Region: "eu-west-1", Credentials: awsfake.Credentials(), BaseEndpoint: aws.String(srv.URL),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }})
	return f
}

func queryError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	var b struct {
		XMLName xml.Name `xml:"ErrorResponse"`
		Type    string   `xml:"Error>Type"`
		Code    string   `xml:"Error>Code"`
		Message string   `xml:"Error>Message"`
		ID      string   `xml:"RequestId"`
	}
	b.Type, b.Code, b.Message, b.ID = "Sender", code, msg, "req"
	out, _ := xml.Marshal(b)
	w.Write(out)
}

func (f *fakeSNS) published() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.sent...)
}
