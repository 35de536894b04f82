// Command echoruntime is the smallest Lambda runtime loop: it gets the next
// event from the Runtime API and posts its bytes back as the response,
// without decoding them. Run through test/bench/runtimeapi it measures the
// harness's own ceiling (HTTP on loopback, one copy each way).
package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
)

func main() {
	base := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	c := &http.Client{}
	var buf bytes.Buffer
	for {
		resp, err := c.Get(base + "next")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		buf.Reset()
		if resp.ContentLength > 0 {
			buf.Grow(int(resp.ContentLength))
		}
		_, err = buf.ReadFrom(resp.Body)
		resp.Body.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		post, err := c.Post(base+id+"/response", "application/json", bytes.NewReader(buf.Bytes()))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		_, _ = io.Copy(io.Discard, post.Body)
		post.Body.Close()
	}
}
