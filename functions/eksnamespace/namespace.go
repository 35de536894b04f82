package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// Properties are the custom resource's properties (constructs/emreks).
type Properties struct {
	ClusterName string `json:"ClusterName"`
	// Endpoint is the cluster's API server URL (https://...).
	Endpoint string `json:"Endpoint"`
	// CertificateAuthority is the base64 of the cluster CA's PEM
	// (CertificateAuthorityData).
	CertificateAuthority string            `json:"CertificateAuthority"`
	Namespace            string            `json:"Namespace"`
	Labels               map[string]string `json:"Labels,omitempty"`
}

var (
	clusterNameRE = regexp.MustCompile(`^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$`)
	namespaceRE   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)
)

// Manager answers the requests.
type Manager struct {
	Credentials aws.CredentialsProvider
	Region      string
	Now         func() time.Time
	// Sleep waits between attempts (tests replace it); nil is wait.Sleep.
	Sleep wait.Func
	// Attempts bounds the tries of one API call; 0 is 30 (with the
	// backoff, about 3 minutes, inside the function's timeout).
	Attempts int
}

// Run serves one request.
func (m *Manager) Run(ctx context.Context, ev customresource.Event) (customresource.Response, error) {
	var props Properties
	if err := ev.Decode(&props); err != nil {
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, err
	}
	if ev.RequestType == "Delete" {
		return customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}, m.delete(ctx, ev.PhysicalResourceID, props)
	}
	res := customresource.Response{PhysicalResourceID: props.ClusterName + "/" + props.Namespace}
	if err := props.check(); err != nil {
		if ev.RequestType == "Create" {
			// No namespace was made: an id CloudFormation's rollback
			// Delete recognises as nothing to delete.
			res.PhysicalResourceID = ev.RequestID
		} else {
			res.PhysicalResourceID = ev.PhysicalResourceID
		}
		return res, err
	}
	api, err := newAPI(props)
	if err != nil {
		return res, err
	}
	body, _ := json.Marshal(map[string]any{
		"apiVersion": "v1", "kind": "Namespace",
		"metadata": map[string]any{"name": props.Namespace, "labels": props.Labels},
	})
	status, msg, err := m.call(ctx, api, props.ClusterName, http.MethodPost, "/api/v1/namespaces", "application/json", body)
	switch {
	case err != nil:
		return res, fmt.Errorf("create namespace %s in %s: %w", props.Namespace, props.ClusterName, err)
	case status == http.StatusConflict:
		// It exists (made by hand, or a retried Create): adopt it, and
		// give it the labels.
		if len(props.Labels) > 0 {
			patch, _ := json.Marshal(map[string]any{"metadata": map[string]any{"labels": props.Labels}})
			status, msg, err = m.call(ctx, api, props.ClusterName, http.MethodPatch, "/api/v1/namespaces/"+props.Namespace, "application/merge-patch+json", patch)
			if err != nil {
				return res, fmt.Errorf("label namespace %s in %s: %w", props.Namespace, props.ClusterName, err)
			}
			if status/100 != 2 {
				return res, fmt.Errorf("label namespace %s in %s: %s", props.Namespace, props.ClusterName, msg)
			}
		}
	case status/100 != 2:
		return res, fmt.Errorf("create namespace %s in %s: %s", props.Namespace, props.ClusterName, msg)
	}
	res.Data = map[string]string{"Namespace": props.Namespace}
	return res, nil
}

// delete removes the namespace named by the physical id, in the cluster
// the properties describe.
func (m *Manager) delete(ctx context.Context, physicalID string, props Properties) error {
	cluster, ns, ok := strings.Cut(physicalID, "/")
	if !ok || ns == "" || !namespaceRE.MatchString(ns) {
		return nil // a Create that failed before naming a namespace
	}
	if cluster != props.ClusterName {
		return nil // the old cluster was replaced; it goes with its namespaces
	}
	props.Namespace = ns
	if err := props.check(); err != nil {
		return err
	}
	api, err := newAPI(props)
	if err != nil {
		return err
	}
	status, msg, err := m.call(ctx, api, cluster, http.MethodDelete, "/api/v1/namespaces/"+ns, "", nil)
	switch {
	case err != nil:
		return fmt.Errorf("delete namespace %s in %s: %w", ns, cluster, err)
	case status == http.StatusNotFound || status/100 == 2:
		return nil
	}
	return fmt.Errorf("delete namespace %s in %s: %s", ns, cluster, msg)
}

func (props Properties) check() error {
	var bad []string
	if !clusterNameRE.MatchString(props.ClusterName) {
		bad = append(bad, fmt.Sprintf("ClusterName=%q is not an EKS cluster name", props.ClusterName))
	}
	if u, err := url.Parse(props.Endpoint); err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") {
		bad = append(bad, fmt.Sprintf("Endpoint=%q is not an https:// API server URL", props.Endpoint))
	}
	if _, err := certPool(props.CertificateAuthority); err != nil {
		bad = append(bad, "CertificateAuthority: "+err.Error())
	}
	if !namespaceRE.MatchString(props.Namespace) {
		bad = append(bad, fmt.Sprintf("Namespace=%q is not a DNS-1123 label", props.Namespace))
	}
	keys := make([]string, 0, len(props.Labels))
	for k := range props.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || len(k) > 317 || len(props.Labels[k]) > 63 {
			bad = append(bad, fmt.Sprintf("Labels[%q]=%q is not a Kubernetes label", k, props.Labels[k]))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("invalid properties: %s", strings.Join(bad, "; "))
	}
	return nil
}

// certPool decodes the base64 PEM and keeps its certificates only.
func certPool(b64 string) (*x509.CertPool, error) {
	pem, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, fmt.Errorf("not base64: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no PEM certificate in it")
	}
	return pool, nil
}

// api is the cluster's endpoint with a client that trusts its CA only.
type api struct {
	base   string
	client *http.Client
}

func newAPI(props Properties) (*api, error) {
	pool, err := certPool(props.CertificateAuthority)
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		Proxy:               nil,
		TLSHandshakeTimeout: 10 * time.Second,
	}
	return &api{base: strings.TrimSuffix(props.Endpoint, "/"), client: &http.Client{Transport: tr, Timeout: 20 * time.Second}}, nil
}

// call makes one API request with a fresh token, retrying what a new
// cluster or access entry answers for a while (connection errors, 401,
// 403, 429, 5xx). It returns the final status and the API's message.
func (m *Manager) call(ctx context.Context, a *api, cluster, method, path, contentType string, body []byte) (int, string, error) {
	attempts := m.Attempts
	if attempts == 0 {
		attempts = 30
	}
	sleep := wait.Or(m.Sleep)
	now := m.Now
	if now == nil {
		now = time.Now
	}
	delay := time.Second
	var status int
	var msg string
	var err error
	for i := 1; ; i++ {
		var final bool
		status, msg, final, err = m.once(ctx, a, cluster, method, path, contentType, body, now())
		if final || !retryable(status, err) || i >= attempts || !timeLeft(ctx, delay+25*time.Second) {
			return status, msg, err
		}
		if serr := sleep(ctx, delay); serr != nil {
			return status, msg, err
		}
		delay = min(2*delay, 8*time.Second)
	}
}

// once makes one request; final says an error is not worth retrying (no
// credentials, a certificate the CA does not vouch for).
func (m *Manager) once(ctx context.Context, a *api, cluster, method, path, contentType string, body []byte, now time.Time) (status int, msg string, final bool, err error) {
	token, err := Token(ctx, m.Credentials, m.Region, cluster, now)
	if err != nil {
		return 0, "", true, err
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, bytes.NewReader(body))
	if err != nil {
		return 0, "", true, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		var verr *tls.CertificateVerificationError
		return 0, "", errors.As(err, &verr), err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, statusMessage(resp.StatusCode, raw), false, nil
}

// statusMessage is the API's own explanation: a Kubernetes Status's
// reason and message, else the body.
func statusMessage(code int, raw []byte) string {
	var st struct {
		Kind    string `json:"kind"`
		Reason  string `json:"reason"`
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &st) == nil && st.Kind == "Status" && st.Message != "" {
		return fmt.Sprintf("%d %s: %s", code, st.Reason, st.Message)
	}
	text := strings.TrimSpace(string(raw))
	if len(text) > 512 {
		text = text[:512] + "…"
	}
	return fmt.Sprintf("%d %s: %s", code, http.StatusText(code), text)
}

func retryable(status int, err error) bool {
	if err != nil {
		return true
	}
	return status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusTooManyRequests || status >= 500
}

func timeLeft(ctx context.Context, need time.Duration) bool {
	d, ok := ctx.Deadline()
	return !ok || time.Until(d) > need
}
