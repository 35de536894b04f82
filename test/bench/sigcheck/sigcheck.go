// Package sigcheck verifies AWS Signature Version 4 on requests received by
// test/bench's loopback fakes, with the secret both runtimes are given
// (AccessKeyID, SecretKey): a fake answers a request whose signature does
// not match with 403, so a client that signs wrongly (or not at all) fails
// the benchmark instead of passing unnoticed. It recomputes the signature
// from the request as received (the headers named in SignedHeaders, the
// query, the path as sent and the payload hash), as the services do.
package sigcheck

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// The credentials of every benchmark runtime (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY).
const (
	AccessKeyID = "AKIDBENCH"
	SecretKey   = "bench"
)

// Env is the credentials' environment for both runtimes.
func Env() []string {
	return []string{"AWS_ACCESS_KEY_ID=" + AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + SecretKey,
		"AWS_EC2_METADATA_DISABLED=true"}
}

// Verify checks r's Authorization header for service. body is the payload
// as received (nil when the caller did not read it: then the
// X-Amz-Content-Sha256 header is trusted).
func Verify(r *http.Request, service string, body []byte) error {
	auth := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, "AWS4-HMAC-SHA256 ")
	if !ok {
		return fmt.Errorf("not a SigV4 Authorization header: %.60q", auth)
	}
	var cred, signed, sig string
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			cred = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			sig = v
		}
	}
	// AKID/date/region/service/aws4_request
	cp := strings.Split(cred, "/")
	if len(cp) != 5 || cp[0] != AccessKeyID || cp[3] != service || cp[4] != "aws4_request" {
		return fmt.Errorf("credential %q is not %s's for %s", cred, AccessKeyID, service)
	}
	date := r.Header.Get("X-Amz-Date")
	if len(date) != 16 || date[:8] != cp[1] {
		return fmt.Errorf("X-Amz-Date %q does not match the credential date %s", date, cp[1])
	}
	hash := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case hash == "" && body != nil:
		sum := sha256.Sum256(body)
		hash = hex.EncodeToString(sum[:])
	case hash == "":
		return errors.New("no X-Amz-Content-Sha256 and no body to hash")
	case len(hash) == 64 && body != nil:
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != hash {
			return errors.New("X-Amz-Content-Sha256 is not the SHA-256 of the body")
		}
	}
	path, rawQuery, _ := strings.Cut(r.RequestURI, "?")
	var cr strings.Builder
	cr.WriteString(r.Method + "\n" + path + "\n" + canonicalQuery(rawQuery) + "\n")
	names := strings.Split(signed, ";")
	for _, n := range names {
		var v string
		switch n {
		case "host":
			v = r.Host
		case "content-length":
			v = r.Header.Get("Content-Length")
			if v == "" {
				v = strconv.FormatInt(r.ContentLength, 10)
			}
		default:
			v = strings.Join(r.Header.Values(n), ",")
		}
		cr.WriteString(n + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	cr.WriteString("\n" + signed + "\n" + hash)
	crHash := sha256.Sum256([]byte(cr.String()))
	sts := "AWS4-HMAC-SHA256\n" + date + "\n" + strings.Join(cp[1:], "/") + "\n" + hex.EncodeToString(crHash[:])
	key := []byte("AWS4" + SecretKey)
	for _, p := range cp[1:] {
		key = mac(key, p)
	}
	if want := hex.EncodeToString(mac(key, sts)); !hmac.Equal([]byte(want), []byte(sig)) {
		return fmt.Errorf("signature does not match (canonical request %q)", cr.String())
	}
	return nil
}

func mac(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}

// canonicalQuery sorts the parameters and encodes them as SigV4 does.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kv []string
	for _, p := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(p, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		kv = append(kv, encode(k)+"="+encode(v))
	}
	sort.Strings(kv)
	return strings.Join(kv, "&")
}

func encode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
