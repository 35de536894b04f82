package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// apiVersion is the CloudFront API version in every path and namespace.
const apiVersion = "2020-05-31"

const xmlns = "http://cloudfront.amazonaws.com/doc/" + apiVersion + "/"

// Endpoint is CloudFront's global endpoint and signing region for the
// partition of region (the function's AWS_REGION).
func Endpoint(region string) (endpoint, signingRegion string) {
	if strings.HasPrefix(region, "cn-") {
		return "https://cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"
	}
	return "https://cloudfront.amazonaws.com", "us-east-1"
}

// Client calls the field-level encryption operations of the CloudFront API.
type Client struct {
	Endpoint      string // https://cloudfront.amazonaws.com
	SigningRegion string // us-east-1
	Credentials   aws.CredentialsProvider
	HTTP          interface {
		Do(*http.Request) (*http.Response, error)
	}
	// Attempts per call (throttling and 5xx are retried); 4 when 0.
	Attempts int
	// Sleep waits between attempts (time.Sleep honouring ctx when nil).
	Sleep  func(context.Context, time.Duration) error
	signer *v4.Signer
}

// APIError is an error answer of CloudFront.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("CloudFront %d %s: %s", e.Status, e.Code, e.Message)
}

// notFound reports whether err says the resource does not exist.
func notFound(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Status == http.StatusNotFound || strings.HasPrefix(e.Code, "NoSuch"))
}

type errorResponse struct {
	Error struct {
		Code    string `xml:"Code"`
		Message string `xml:"Message"`
	} `xml:"Error"`
}

// call sends one request and decodes a 2xx XML answer into out (when not
// nil); it returns the answer's ETag.
func (c *Client) call(ctx context.Context, method, path, ifMatch string, in, out any) (string, error) {
	var body []byte
	if in != nil {
		b, err := xml.Marshal(in)
		if err != nil {
			return "", err
		}
		body = append([]byte(xml.Header), b...)
	}
	attempts := c.Attempts
	if attempts == 0 {
		attempts = 4
	}
	var last error
	for attempt := range attempts {
		if attempt > 0 {
			if err := c.sleep(ctx, time.Duration(1<<attempt)*250*time.Millisecond); err != nil {
				return "", err
			}
		}
		etag, retry, err := c.once(ctx, method, path, ifMatch, body, out)
		if err == nil || !retry {
			return etag, err
		}
		last = err
	}
	return "", last
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (c *Client) once(ctx context.Context, method, path, ifMatch string, body []byte, out any) (etag string, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, method, c.Endpoint+"/"+apiVersion+path, bytes.NewReader(body))
	if err != nil {
		return "", false, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "text/xml")
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	if c.signer == nil {
		c.signer = v4.NewSigner()
	}
	creds, err := c.Credentials.Retrieve(ctx)
	if err != nil {
		return "", false, fmt.Errorf("retrieve credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "cloudfront", c.SigningRegion, time.Now().UTC()); err != nil {
		return "", false, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return "", true, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", true, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		var er errorResponse
		_ = xml.Unmarshal(data, &er)
		e := &APIError{Status: resp.StatusCode, Code: er.Error.Code, Message: er.Error.Message}
		if e.Code == "" {
			e.Message = strings.Join(strings.Fields(string(data)), " ")
			if len(e.Message) > 300 {
				e.Message = e.Message[:300] + "…"
			}
		}
		retry = resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests || e.Code == "Throttling"
		return "", retry, fmt.Errorf("%s %s: %w", method, path, e)
	}
	if out != nil {
		if err := xml.Unmarshal(data, out); err != nil {
			return "", false, fmt.Errorf("%s %s: answer: %w", method, path, err)
		}
	}
	return resp.Header.Get("ETag"), false, nil
}

// Wire shapes of the API (only the fields this function uses).

type fieldPatterns struct {
	Quantity int      `xml:"Quantity"`
	Items    []string `xml:"Items>FieldPattern"`
}

type encryptionEntity struct {
	PublicKeyID   string        `xml:"PublicKeyId"`
	ProviderID    string        `xml:"ProviderId"`
	FieldPatterns fieldPatterns `xml:"FieldPatterns"`
}

type encryptionEntities struct {
	Quantity int                `xml:"Quantity"`
	Items    []encryptionEntity `xml:"Items>EncryptionEntity"`
}

// ProfileConfig is FieldLevelEncryptionProfileConfig.
type ProfileConfig struct {
	XMLName            xml.Name           `xml:"FieldLevelEncryptionProfileConfig"`
	Xmlns              string             `xml:"xmlns,attr,omitempty"`
	Name               string             `xml:"Name"`
	CallerReference    string             `xml:"CallerReference"`
	Comment            string             `xml:"Comment"`
	EncryptionEntities encryptionEntities `xml:"EncryptionEntities"`
}

type profile struct {
	ID     string        `xml:"Id"`
	Config ProfileConfig `xml:"FieldLevelEncryptionProfileConfig"`
}

type contentTypeProfile struct {
	Format      string `xml:"Format"`
	ProfileID   string `xml:"ProfileId,omitempty"`
	ContentType string `xml:"ContentType"`
}

type contentTypeProfiles struct {
	Quantity int                  `xml:"Quantity"`
	Items    []contentTypeProfile `xml:"Items>ContentTypeProfile"`
}

type contentTypeProfileConfig struct {
	ForwardWhenContentTypeIsUnknown bool                `xml:"ForwardWhenContentTypeIsUnknown"`
	ContentTypeProfiles             contentTypeProfiles `xml:"ContentTypeProfiles"`
}

type queryArgProfileConfig struct {
	ForwardWhenQueryArgProfileIsUnknown bool `xml:"ForwardWhenQueryArgProfileIsUnknown"`
	QueryArgProfiles                    struct {
		Quantity int `xml:"Quantity"`
	} `xml:"QueryArgProfiles"`
}

// Config is FieldLevelEncryptionConfig.
type Config struct {
	XMLName                  xml.Name                 `xml:"FieldLevelEncryptionConfig"`
	Xmlns                    string                   `xml:"xmlns,attr,omitempty"`
	CallerReference          string                   `xml:"CallerReference"`
	Comment                  string                   `xml:"Comment"`
	QueryArgProfileConfig    queryArgProfileConfig    `xml:"QueryArgProfileConfig"`
	ContentTypeProfileConfig contentTypeProfileConfig `xml:"ContentTypeProfileConfig"`
}

type fle struct {
	ID     string `xml:"Id"`
	Config Config `xml:"FieldLevelEncryptionConfig"`
}

// CreateProfile is CreateFieldLevelEncryptionProfile; it returns the id.
func (c *Client) CreateProfile(ctx context.Context, cfg ProfileConfig) (string, error) {
	cfg.Xmlns = xmlns
	var out profile
	_, err := c.call(ctx, http.MethodPost, "/field-level-encryption-profile", "", cfg, &out)
	return out.ID, err
}

// GetProfile is GetFieldLevelEncryptionProfile; it returns the ETag.
func (c *Client) GetProfile(ctx context.Context, id string) (string, error) {
	var out profile
	return c.call(ctx, http.MethodGet, "/field-level-encryption-profile/"+url.PathEscape(id), "", nil, &out)
}

// DeleteProfile is DeleteFieldLevelEncryptionProfile.
func (c *Client) DeleteProfile(ctx context.Context, id, etag string) error {
	_, err := c.call(ctx, http.MethodDelete, "/field-level-encryption-profile/"+url.PathEscape(id), etag, nil, nil)
	return err
}

// CreateConfig is CreateFieldLevelEncryptionConfig; it returns the id.
func (c *Client) CreateConfig(ctx context.Context, cfg Config) (string, error) {
	cfg.Xmlns = xmlns
	var out fle
	_, err := c.call(ctx, http.MethodPost, "/field-level-encryption", "", cfg, &out)
	return out.ID, err
}

// GetConfig is GetFieldLevelEncryptionConfig; it returns the configuration
// and its ETag.
func (c *Client) GetConfig(ctx context.Context, id string) (Config, string, error) {
	var out fle
	etag, err := c.call(ctx, http.MethodGet, "/field-level-encryption/"+url.PathEscape(id), "", nil, &out)
	return out.Config, etag, err
}

// DeleteConfig is DeleteFieldLevelEncryptionConfig.
func (c *Client) DeleteConfig(ctx context.Context, id, etag string) error {
	_, err := c.call(ctx, http.MethodDelete, "/field-level-encryption/"+url.PathEscape(id), etag, nil, nil)
	return err
}
