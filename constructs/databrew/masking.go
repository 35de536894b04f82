package databrew

import (
	"strconv"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
)

// The PII recipe actions of DataBrew (catalogue ETL-10), with the
// operation and parameter names of the DataBrew recipe action reference.
// Column lists, date parts and entity types are JSON arrays in a string,
// booleans "true"/"false", numbers and dates plain strings, as DataBrew
// reads them.

// DateLayout is the form of REPLACE_WITH_RANDOM_DATE_BETWEEN's startDate and
// endDate ("2020-12-12 12:12:12").
const DateLayout = "2006-01-02 15:04:05"

// DatePart is a component of a date that MaskDate redacts.
type DatePart string

// The date parts DataBrew's MASK_DATE accepts.
const (
	Year        DatePart = "YEAR"
	Month       DatePart = "MONTH"
	Day         DatePart = "DAY"
	Hour        DatePart = "HOUR"
	Minute      DatePart = "MINUTE"
	Second      DatePart = "SECOND"
	Millisecond DatePart = "MILLISECOND"
)

// MaskPII replaces every character of the columns with symbol
// (MASK_CUSTOM with the regular expression "."), catalogue ETL-10.
func MaskPII(symbol string, cols ...string) Step {
	return MaskCustom(symbol, ".", true, cols...)
}

// MaskCustom replaces every occurrence of value (a regular expression when
// regex is true) in the columns with symbol (MASK_CUSTOM).
func MaskCustom(symbol, value string, regex bool, cols ...string) Step {
	return Step{Operation: "MASK_CUSTOM", Parameters: map[string]string{
		"sourceColumns": columns(cols), "maskSymbol": symbol, "regex": strconv.FormatBool(regex), "customValue": value,
	}}
}

// MaskDate replaces the given parts of the dates in the columns with
// symbol (MASK_DATE): MaskDate("#", []DatePart{Day, Month}, "birthday")
// keeps the year of a birthday.
func MaskDate(symbol string, parts []DatePart, cols ...string) Step {
	redact := make([]string, len(parts))
	for i, p := range parts {
		redact[i] = string(p)
	}
	return Step{Operation: "MASK_DATE", Parameters: map[string]string{
		"sourceColumns": columns(cols), "maskSymbol": symbol, "redact": columns(redact),
	}}
}

// MaskDelimiter replaces the characters between start and end (one
// character each; "" for the start or the end of the value) with symbol,
// keeping the delimiters themselves (MASK_DELIMITER):
// MaskDelimiter("#", "@", "", "email") hides an address's domain.
func MaskDelimiter(symbol, start, end string, cols ...string) Step {
	p := map[string]string{"sourceColumns": columns(cols), "maskSymbol": symbol, "preserveDelimiters": "true"}
	if start != "" {
		p["startDelimiter"] = start
	}
	if end != "" {
		p["endDelimiter"] = end
	}
	return Step{Operation: "MASK_DELIMITER", Parameters: p}
}

// MaskRange replaces the characters from position start (inclusive) to
// stop (exclusive) with symbol; positions count from 0, negative ones from
// the end (MASK_RANGE): MaskRange("#", 0, -4, "card") keeps the last four
// digits.
func MaskRange(symbol string, start, stop int, cols ...string) Step {
	return Step{Operation: "MASK_RANGE", Parameters: map[string]string{
		"sourceColumns": columns(cols), "maskSymbol": symbol,
		"start": strconv.Itoa(start), "stop": strconv.Itoa(stop),
	}}
}

// ReplaceWithRandomBetween replaces the values of the columns with random
// numbers from lower to upper (REPLACE_WITH_RANDOM_BETWEEN): test data that
// looks real and identifies nobody.
func ReplaceWithRandomBetween(lower, upper float64, cols ...string) Step {
	return Step{Operation: "REPLACE_WITH_RANDOM_BETWEEN", Parameters: map[string]string{
		"sourceColumns": columns(cols),
		"lowerBound":    strconv.FormatFloat(lower, 'f', -1, 64),
		"upperBound":    strconv.FormatFloat(upper, 'f', -1, 64),
	}}
}

// ReplaceWithRandomDateBetween replaces the values of the columns with
// random dates from start to end (REPLACE_WITH_RANDOM_DATE_BETWEEN), written
// in DateLayout.
func ReplaceWithRandomDateBetween(start, end time.Time, cols ...string) Step {
	return Step{Operation: "REPLACE_WITH_RANDOM_DATE_BETWEEN", Parameters: map[string]string{
		"sourceColumns": columns(cols),
		"startDate":     start.UTC().Format(DateLayout),
		"endDate":       end.UTC().Format(DateLayout),
	}}
}

// ShuffleRows shuffles the values of the columns across rows, within groups
// of equal groupBy values when given (SHUFFLE_ROWS): the distribution stays,
// the link to the person is gone.
func ShuffleRows(groupBy []string, cols ...string) Step {
	p := map[string]string{"sourceColumns": columns(cols)}
	if len(groupBy) > 0 {
		p["groupByColumns"] = columns(groupBy)
	}
	return Step{Operation: "SHUFFLE_ROWS", Parameters: p}
}

// DeleteColumn removes a column from the output (DELETE): data
// minimisation for a field nobody downstream needs.
func DeleteColumn(column string) Step {
	return Step{Operation: "DELETE", Parameters: map[string]string{"sourceColumn": column}}
}

// HashPII replaces the columns with an HMAC-SHA256 of their value keyed by
// the secret (CRYPTOGRAPHIC_HASH): equal inputs still join, the originals
// are not recoverable. The job's role is granted read access to the secret.
func HashPII(secret awssecretsmanager.ISecret, cols ...string) Step {
	return Step{Operation: "CRYPTOGRAPHIC_HASH", Parameters: map[string]string{
		"sourceColumns": columns(cols), "secretId": *secret.SecretArn(), "algorithm": "HMAC_SHA256",
	}, secret: secret}
}

// DeterministicEncrypt encrypts the columns with AES-GCM-SIV under the
// secret's 256-bit key (DETERMINISTIC_ENCRYPT): equal values give equal
// ciphertexts, so the column still joins and groups, and
// DeterministicDecrypt with the same secret recovers it inside DataBrew.
// The job's role is granted read access to the secret.
func DeterministicEncrypt(secret awssecretsmanager.ISecret, cols ...string) Step {
	return Step{Operation: "DETERMINISTIC_ENCRYPT", Parameters: map[string]string{
		"sourceColumns": columns(cols), "secretId": *secret.SecretArn(),
	}, secret: secret}
}

// DeterministicDecrypt decrypts columns written by DeterministicEncrypt
// with the same secret (DETERMINISTIC_DECRYPT).
func DeterministicDecrypt(secret awssecretsmanager.ISecret, cols ...string) Step {
	return Step{Operation: "DETERMINISTIC_DECRYPT", Parameters: map[string]string{
		"sourceColumns": columns(cols), "secretId": *secret.SecretArn(),
	}, secret: secret}
}

// Encrypt encrypts the columns with the AWS Encryption SDK under the KMS
// key (ENCRYPT): a different ciphertext every time (no joins on the
// column), decryptable by Decrypt or by anyone the key policy allows. The
// job's role is granted encryption with the key.
func Encrypt(key awskms.IKey, cols ...string) Step {
	return Step{Operation: "ENCRYPT", Parameters: map[string]string{
		"sourceColumns": columns(cols), "kmsKeyArn": *key.KeyArn(),
	}, key: key, keyUse: "encrypt"}
}

// Decrypt decrypts columns written by Encrypt with the same key (DECRYPT).
// The job's role is granted decryption with the key.
func Decrypt(key awskms.IKey, cols ...string) Step {
	return Step{Operation: "DECRYPT", Parameters: map[string]string{
		"sourceColumns": columns(cols), "kmsKeyArn": *key.KeyArn(),
	}, key: key, keyUse: "decrypt"}
}

// OnlyEntities limits a masking, hashing or encrypting step to the parts of
// free-text values that DataBrew detects as the given entity types
// (entityTypeFilter: EntityTypes such as EMAIL, PHONE_NUMBER, USA_ALL).
func (s Step) OnlyEntities(types ...string) Step {
	p := make(map[string]string, len(s.Parameters)+1)
	for k, v := range s.Parameters {
		p[k] = v
	}
	p["entityTypeFilter"] = columns(types)
	s.Parameters = p
	return s
}
