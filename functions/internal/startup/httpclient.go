package startup

import (
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// bodyClient is the SDK's HTTP client with one change: net/http sees each
// request body as a plain io.ReadCloser, without the io.WriterTo of the
// SDK's wrapper.
//
// Why: smithy-go closes a request's body as soon as Do returns, that is when
// the response headers have arrived, and its closed body answers WriteTo
// with io.EOF. net/http's connection writer may not have finished with the
// body by then: after sending Content-Length bytes it copies the rest to
// io.Discard to check that nothing is left, and through WriteTo that copy
// fails with the io.EOF. The writer then closes the connection under the
// response that is being read, the SDK reports "use of closed network
// connection" and retries the call after a back-off (about a second). A
// fast answer (a loopback endpoint, or a function whose fraction of a vCPU
// delays the writer goroutine) makes this likely: the bench harness saw
// Athena's GetQueryResults retried in one run of ten. Through Read, a
// closed body ends the copy with a clean io.EOF.
type bodyClient struct{ next aws.HTTPClient }

// readOnly hides every method of the body but Read and Close.
type readOnly struct{ io.ReadCloser }

func (c bodyClient) Do(r *http.Request) (*http.Response, error) {
	if _, ok := r.Body.(io.WriterTo); ok {
		r = r.WithContext(r.Context()) // a shallow copy: the caller keeps its body
		r.Body = readOnly{r.Body}
	}
	return c.next.Do(r)
}
