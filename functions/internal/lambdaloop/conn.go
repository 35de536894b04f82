package lambdaloop

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
)

// conn is the one keep-alive HTTP/1.1 connection to the Runtime API,
// without net/http's client: a request's head and body leave in one
// vectored write, and a response is read by http.ReadResponse (status,
// headers, a body of known length or chunked) from a buffered reader kept
// with the connection, so a large body is read straight into the caller's
// buffer.
//
// Why: net/http's client copies a request body through a 32 KiB buffer,
// one write each, and on this path that was most of an invocation's fixed
// cost. Through test/bench's loopback Runtime API, a runtime that echoes a
// 1 MB event went from about 700-800 MB/s to 1,700-2,800 (docs/performance.md).
//
// Before a request, an idle connection that the API has closed is
// replaced (peerOpen). A request on a reused connection that closes anyway
// is sent again once, on a new one, when nothing of it can have been
// handled: its write failed, or it is the GET of the next invocation and
// the connection closed before any byte of the response. net/http's client
// does the same.
type conn struct {
	addr string
	c    net.Conn
	br   *bufio.Reader
	used bool   // c has carried a request already
	head []byte // the request head, reused
}

// readBufferSize is the reader's buffer: response heads, and the start of
// a body; a larger read goes straight to the caller's buffer.
const readBufferSize = 64 << 10

// do sends a request (body nil for a GET) and returns the response, whose
// body the caller reads to its end or closes before the next request.
func (k *conn) do(method, path string, body []byte, errorType string) (*http.Response, error) {
	resp, err, retry := k.try(method, path, body, errorType)
	if retry {
		resp, err, _ = k.try(method, path, body, errorType)
	}
	return resp, err
}

func (k *conn) try(method, path string, body []byte, errorType string) (resp *http.Response, err error, retry bool) {
	if k.c != nil && (k.br.Buffered() > 0 || !peerOpen(k.c)) {
		k.close() // closed by the API while idle (or it sent what was not asked)
	}
	if k.c == nil {
		if k.c, err = net.Dial("tcp", k.addr); err != nil {
			return nil, err, false
		}
		if k.br == nil {
			k.br = bufio.NewReaderSize(k.c, readBufferSize)
		} else {
			k.br.Reset(k.c)
		}
		k.used = false
	}
	reused := k.used
	k.used = true
	h := append(k.head[:0], method...)
	h = append(h, ' ')
	h = append(h, path...)
	h = append(h, " HTTP/1.1\r\nHost: "...)
	h = append(h, k.addr...)
	h = append(h, "\r\nUser-Agent: lambdaloop\r\n"...)
	if method == http.MethodPost {
		h = append(h, "Content-Type: application/json\r\nContent-Length: "...)
		h = strconv.AppendInt(h, int64(len(body)), 10)
		h = append(h, "\r\n"...)
	}
	if errorType != "" {
		h = append(h, "Lambda-Runtime-Function-Error-Type: "...)
		h = append(h, errorType...)
		h = append(h, "\r\n"...)
	}
	h = append(h, "\r\n"...)
	k.head = h
	bufs := net.Buffers{h, body}
	if _, err = bufs.WriteTo(k.c); err != nil {
		k.close()
		return nil, err, reused
	}
	if _, err = k.br.Peek(1); err != nil { // the answer's first byte
		k.close()
		return nil, err, reused && method == http.MethodGet && closedBeforeAnswer(err)
	}
	if resp, err = http.ReadResponse(k.br, nil); err != nil {
		k.close()
		return nil, err, false
	}
	if resp.Close {
		// The API closes the connection after this response: the body
		// ends with it, and the next request dials again.
		resp.Body = closeAfter{resp.Body, k}
	}
	return resp, nil, false
}

// closedBeforeAnswer tells an error of a connection closed before the
// response began.
func closedBeforeAnswer(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

func (k *conn) close() {
	if k.c != nil {
		k.c.Close()
		k.c = nil
	}
}

// closeAfter is a body after which the connection is closed.
type closeAfter struct {
	io.ReadCloser
	k *conn
}

func (c closeAfter) Close() error {
	err := c.ReadCloser.Close()
	c.k.close()
	return err
}

// readBody reads resp's body to its end into buf (reset first) and closes
// it; after an error, the connection is closed.
func (k *conn) readBody(resp *http.Response, buf *bytes.Buffer) error {
	buf.Reset()
	if n := resp.ContentLength; n > 0 && n < 1<<30 {
		buf.Grow(int(n))
	}
	_, err := buf.ReadFrom(resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		k.close()
	}
	return err
}
