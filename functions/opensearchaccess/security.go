package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/internal/sigv4"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// API is the part of the domain's REST API the provisioner needs: one
// request (a path relative to /_plugins/_security/api/, or an absolute one
// starting with / such as /_plugins/_ism/policies/x; body marshalled to
// JSON when not nil), retried while the domain is not ready. It returns the
// final status and body; transport failures after the retries are errors.
type API interface {
	Do(ctx context.Context, endpoint, method, path string, body any) (status int, respBody []byte, err error)
}

// Call is one logical request as it is logged: never headers, so never
// credentials or signatures.
type Call struct {
	Method   string `json:"method"`
	Path     string `json:"path"`
	Status   int    `json:"status"` // 0: no answer
	Attempts int    `json:"attempts"`
}

// Retry is the backoff for a domain that is not ready yet (502, 503, 504,
// 429 or no connection, typical in the minutes after the domain is created).
type Retry struct {
	First      time.Duration // first backoff, doubled after each attempt
	Max        time.Duration // cap on one backoff
	Total      time.Duration // cap on the time spent on one request
	PerAttempt time.Duration // timeout of one attempt
}

// DefaultRetry gives up after about three minutes.
var DefaultRetry = Retry{First: time.Second, Max: 20 * time.Second, Total: 3 * time.Minute, PerAttempt: 30 * time.Second}

// Client is the signed HTTPS client of the Security REST API.
type Client struct {
	HTTP    sigv4.Doer
	Signer  sigv4.RequestSigner
	Retry   Retry
	BaseURL string // tests only: replaces https://<endpoint>
	Sleep   wait.Func

	mu    sync.Mutex
	calls []Call
}

// Calls returns the requests made so far and forgets them.
func (c *Client) Calls() []Call {
	c.mu.Lock()
	defer c.mu.Unlock()
	calls := c.calls
	c.calls = nil
	return calls
}

const apiPrefix = "/_plugins/_security/api/"

// Do implements API.
func (c *Client) Do(ctx context.Context, endpoint, method, path string, body any) (int, []byte, error) {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return 0, nil, err
		}
	}
	base := "https://" + endpoint
	if c.BaseURL != "" {
		base = strings.TrimSuffix(c.BaseURL, "/")
	}
	url := base + apiPrefix + path
	if strings.HasPrefix(path, "/") {
		url = base + path
	}
	call := Call{Method: method, Path: path}
	defer func() {
		c.mu.Lock()
		c.calls = append(c.calls, call)
		c.mu.Unlock()
	}()

	start := time.Now()
	backoff := c.Retry.First
	for {
		call.Attempts++
		status, resp, err := c.once(ctx, method, url, payload)
		call.Status = status
		retryable := err != nil || status == http.StatusTooManyRequests ||
			status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
		if !retryable {
			return status, resp, nil
		}
		if ctx.Err() != nil {
			return status, resp, fmt.Errorf("%s %s: %w (after %d attempts; last: %s)", method, path, ctx.Err(), call.Attempts, describe(status, resp, err))
		}
		if backoff > c.Retry.Max {
			backoff = c.Retry.Max
		}
		if time.Since(start)+backoff > c.Retry.Total {
			return status, resp, fmt.Errorf("%s %s: domain not ready after %d attempts in %s: %s", method, path, call.Attempts, time.Since(start).Round(time.Millisecond), describe(status, resp, err))
		}
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(backoff).After(dl) {
			return status, resp, fmt.Errorf("%s %s: no time left before the invocation deadline after %d attempts: %s", method, path, call.Attempts, describe(status, resp, err))
		}
		if err := wait.Or(c.Sleep)(ctx, backoff); err != nil {
			return status, resp, fmt.Errorf("%s %s: %w (after %d attempts; last: %s)", method, path, err, call.Attempts, describe(status, resp, err))
		}
		backoff *= 2
	}
}

// once makes one signed attempt.
func (c *Client) once(ctx context.Context, method, url string, payload []byte) (int, []byte, error) {
	if c.Retry.PerAttempt > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.Retry.PerAttempt)
		defer cancel()
	}
	return sigv4.Send(ctx, c.HTTP, c.Signer, method, url, "application/json", payload, 1<<20)
}

// describe says what the last attempt got, with an excerpt of the body.
func describe(status int, body []byte, err error) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("HTTP %d %s", status, sigv4.Excerpt(body))
}
