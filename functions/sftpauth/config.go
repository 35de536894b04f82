package main

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Config is the function's configuration, from its environment.
type Config struct {
	// SecretPrefix: a user's record is the secret SecretPrefix/<username>.
	SecretPrefix string
	// Bucket and BucketArn are the lake bucket; LakePrefix is the key prefix
	// under which every user's home lies (no leading or trailing slash).
	Bucket, BucketArn, LakePrefix string
	// RoleArn is the role Transfer assumes for a user whose record names
	// none.
	RoleArn string
	// KeyArn is the bucket's KMS key ("" for none).
	KeyArn string
	// KeyAndPassword: the server asks for both (PUBLIC_KEY_AND_PASSWORD),
	// so a password login's response carries the user's public keys for
	// Transfer to check as well.
	KeyAndPassword bool
}

var (
	secretPrefixRE = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]{1,400}$`)
	bucketRE       = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)
	prefixRE       = regexp.MustCompile(`^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$`)
	roleArnRE      = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	keyArnRE       = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)
)

// ConfigFromEnv reads the configuration (see the package doc).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		SecretPrefix: strings.TrimSuffix(getenv("SECRET_PREFIX"), "/"),
		Bucket:       getenv("BUCKET"),
		BucketArn:    getenv("BUCKET_ARN"),
		LakePrefix:   strings.Trim(getenv("LAKE_PREFIX"), "/"),
		RoleArn:      getenv("ROLE_ARN"),
		KeyArn:       getenv("KEY_ARN"),
	}
	var errs []error
	switch m := getenv("AUTHENTICATION_METHODS"); m {
	case "", "PUBLIC_KEY_OR_PASSWORD", "PUBLIC_KEY", "PASSWORD":
	case "PUBLIC_KEY_AND_PASSWORD":
		c.KeyAndPassword = true
	default:
		errs = append(errs, fmt.Errorf("AUTHENTICATION_METHODS = %q: one of PUBLIC_KEY_OR_PASSWORD, PUBLIC_KEY, PASSWORD, PUBLIC_KEY_AND_PASSWORD", m))
	}
	if !secretPrefixRE.MatchString(c.SecretPrefix) {
		errs = append(errs, fmt.Errorf("SECRET_PREFIX = %q: a secret name prefix (letters, digits, /_+=.@-)", c.SecretPrefix))
	}
	if !bucketRE.MatchString(c.Bucket) {
		errs = append(errs, fmt.Errorf("BUCKET = %q: a bucket name", c.Bucket))
	}
	if !strings.HasPrefix(c.BucketArn, "arn:") || !strings.HasSuffix(c.BucketArn, ":s3:::"+c.Bucket) {
		errs = append(errs, fmt.Errorf("BUCKET_ARN = %q: the ARN of bucket %q", c.BucketArn, c.Bucket))
	}
	if !prefixRE.MatchString(c.LakePrefix) {
		errs = append(errs, fmt.Errorf("LAKE_PREFIX = %q: a key prefix of safe characters", c.LakePrefix))
	}
	if !roleArnRE.MatchString(c.RoleArn) {
		errs = append(errs, fmt.Errorf("ROLE_ARN = %q: an IAM role ARN", c.RoleArn))
	}
	if c.KeyArn != "" && !keyArnRE.MatchString(c.KeyArn) {
		errs = append(errs, fmt.Errorf("KEY_ARN = %q: a KMS key ARN or empty", c.KeyArn))
	}
	return c, errors.Join(errs...)
}

// home is the default home target of user: /bucket/lake-prefix/user.
func (c Config) home(user string) string {
	return "/" + c.Bucket + "/" + c.LakePrefix + "/" + user
}

// keyPrefix is the object key prefix of a target under the lake prefix
// ("/bucket/sftp/alice" → "sftp/alice"), ok false for a target outside it.
func (c Config) keyPrefix(target string) (string, bool) {
	root := "/" + c.Bucket + "/" + c.LakePrefix + "/"
	rest, ok := strings.CutPrefix(target, root)
	if !ok || rest == "" {
		return "", false
	}
	rest = strings.TrimSuffix(rest, "/")
	if !prefixRE.MatchString(rest) {
		return "", false
	}
	for _, seg := range strings.Split(rest, "/") {
		if seg == "." || seg == ".." {
			return "", false
		}
	}
	return c.LakePrefix + "/" + rest, true
}
