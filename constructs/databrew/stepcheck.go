package databrew

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/propcheck"
)

// param checks one parameter value: "" when it is good, otherwise what is
// allowed.
type param func(v string) string

// stepParams are the parameters of the operations this package has helpers
// for (the DataBrew recipe action reference): required ones first. A step
// of one of these operations with a missing required parameter, an unknown
// parameter or a bad value fails synthesis, whoever wrote it.
var stepParams = map[string]struct {
	required map[string]param
	optional map[string]param
}{
	"MASK_CUSTOM": {
		required: map[string]param{"sourceColumns": columnList, "maskSymbol": oneChar, "customValue": nonEmpty},
		optional: map[string]param{"regex": boolean, "entityTypeFilter": entityList},
	},
	"MASK_DATE": {
		required: map[string]param{"sourceColumns": columnList, "maskSymbol": oneChar, "redact": dateParts},
		optional: map[string]param{"locale": locale},
	},
	"MASK_DELIMITER": {
		required: map[string]param{"sourceColumns": columnList, "maskSymbol": oneChar},
		optional: map[string]param{"startDelimiter": oneChar, "endDelimiter": oneChar, "preserveDelimiters": boolean,
			"alphabet": alphabet, "entityTypeFilter": entityList},
	},
	"MASK_RANGE": {
		required: map[string]param{"sourceColumns": columnList, "maskSymbol": oneChar},
		optional: map[string]param{"start": integer, "stop": integer, "alphabet": alphabet, "entityTypeFilter": entityList},
	},
	"REPLACE_WITH_RANDOM_BETWEEN": {
		required: map[string]param{"sourceColumns": columnList, "lowerBound": number, "upperBound": number},
	},
	"REPLACE_WITH_RANDOM_DATE_BETWEEN": {
		required: map[string]param{"sourceColumns": columnList, "startDate": date, "endDate": date},
	},
	"SHUFFLE_ROWS": {
		required: map[string]param{"sourceColumns": columnList},
		optional: map[string]param{"groupByColumns": columnList},
	},
	"DELETE": {
		required: map[string]param{"sourceColumn": nonEmpty},
	},
	"CRYPTOGRAPHIC_HASH": {
		required: map[string]param{"sourceColumns": columnList},
		optional: map[string]param{"secretId": secretID, "secretVersion": nonEmpty, "algorithm": hashAlgorithm, "entityTypeFilter": entityList},
	},
	"DETERMINISTIC_ENCRYPT": {
		required: map[string]param{"sourceColumns": columnList, "secretId": secretID},
		optional: map[string]param{"secretVersion": nonEmpty, "entityTypeFilter": entityList},
	},
	"DETERMINISTIC_DECRYPT": {
		required: map[string]param{"sourceColumns": columnList, "secretId": secretID},
		optional: map[string]param{"secretVersion": nonEmpty},
	},
	"ENCRYPT": {
		required: map[string]param{"sourceColumns": columnList, "kmsKeyArn": kmsKeyArn},
		optional: map[string]param{"entityTypeFilter": entityList, "preserveDataType": boolean},
	},
	"DECRYPT": {
		required: map[string]param{"sourceColumns": columnList, "kmsKeyArn": kmsKeyArn},
	},
}

var (
	localeRE = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	kmsRE    = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$`)
)

func unresolved(v string) bool { return *awscdk.Token_IsUnresolved(jsii.String(v)) }

// list parses a JSON array of strings.
func list(v string) ([]string, bool) {
	var out []string
	if err := json.Unmarshal([]byte(v), &out); err != nil {
		return nil, false
	}
	return out, true
}

func columnList(v string) string {
	cols, ok := list(v)
	if !ok || len(cols) == 0 || slices.Contains(cols, "") || len(slices.Compact(slices.Sorted(slices.Values(cols)))) != len(cols) {
		return `a JSON array of one or more distinct column names ("[\"phone\"]")`
	}
	return ""
}

func subset(v string, allowed []string, what string) string {
	items, ok := list(v)
	if !ok || len(items) == 0 {
		return "a JSON array of one or more of " + strings.Join(allowed, ", ") + " (" + what + ")"
	}
	for _, i := range items {
		if !slices.Contains(allowed, i) {
			return "a JSON array of one or more of " + strings.Join(allowed, ", ") + " (" + what + ")"
		}
	}
	return ""
}

func entityList(v string) string { return subset(v, EntityTypes, "DataBrew's PII entity types") }

func dateParts(v string) string {
	return subset(v, []string{"YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"}, "the date parts to mask")
}

func alphabet(v string) string {
	return subset(v, []string{"SYMBOLS", "WHITESPACE"}, "the character sets kept unmasked")
}

func nonEmpty(v string) string {
	if strings.TrimSpace(v) == "" {
		return "a non-empty value"
	}
	return ""
}

func oneChar(v string) string {
	if utf8.RuneCountInString(v) != 1 {
		return "exactly one character"
	}
	return ""
}

func boolean(v string) string {
	if v != "true" && v != "false" {
		return `"true" or "false"`
	}
	return ""
}

func number(v string) string {
	if _, err := strconv.ParseFloat(v, 64); err != nil {
		return "a number"
	}
	return ""
}

func integer(v string) string {
	if _, err := strconv.Atoi(v); err != nil {
		return "a whole number of characters (negative counts from the end)"
	}
	return ""
}

func date(v string) string {
	if _, err := time.Parse(DateLayout, v); err != nil {
		return "a date and time written " + DateLayout
	}
	return ""
}

func locale(v string) string {
	if !localeRE.MatchString(v) {
		return "an IETF BCP 47 language tag (en, en-GB, de-CH)"
	}
	return ""
}

func secretID(v string) string {
	if v == "databrew!default" {
		return "your own Secrets Manager secret (the helpers take an ISecret): DataBrew's default secret is shared by everyone with AwsGlueDataBrewFullAccessPolicy"
	}
	return nonEmpty(v)
}

func kmsKeyArn(v string) string {
	if unresolved(v) || kmsRE.MatchString(v) {
		return ""
	}
	return "the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>)"
}

var hashAlgorithms = []string{"MD5", "SHA1", "SHA256", "SHA512", "HMAC_MD5", "HMAC_SHA1", "HMAC_SHA256", "HMAC_SHA512"}

func hashAlgorithm(v string) string {
	if !slices.Contains(hashAlgorithms, v) {
		return strings.Join(hashAlgorithms, ", ")
	}
	return ""
}

// checkStep checks the parameters of a step whose operation is in
// stepParams, and what relates two of them.
func checkStep(pr *propcheck.Problems, at string, s Step) {
	spec, known := stepParams[s.Operation]
	if !known {
		return
	}
	for name, check := range spec.required {
		v, ok := s.Parameters[name]
		switch {
		case !ok:
			pr.Add(at+".Parameters["+name+"]", "missing", s.Operation+" needs it")
		case !unresolved(v):
			if allowed := check(v); allowed != "" {
				pr.Add(at+".Parameters["+name+"]", v, allowed)
			}
		}
	}
	for name, v := range s.Parameters {
		if _, ok := spec.required[name]; ok {
			continue
		}
		check, ok := spec.optional[name]
		if !ok {
			pr.Add(at+".Parameters["+name+"]", v, "a parameter of "+s.Operation+": "+strings.Join(paramNames(spec.required, spec.optional), ", "))
			continue
		}
		if !unresolved(v) {
			if allowed := check(v); allowed != "" {
				pr.Add(at+".Parameters["+name+"]", v, allowed)
			}
		}
	}
	p := s.Parameters
	switch s.Operation {
	case "REPLACE_WITH_RANDOM_BETWEEN":
		lo, e1 := strconv.ParseFloat(p["lowerBound"], 64)
		hi, e2 := strconv.ParseFloat(p["upperBound"], 64)
		if e1 == nil && e2 == nil && lo >= hi {
			pr.Add(at+".Parameters[lowerBound, upperBound]", p["lowerBound"]+", "+p["upperBound"], "a lower bound below the upper bound")
		}
	case "REPLACE_WITH_RANDOM_DATE_BETWEEN":
		start, e1 := time.Parse(DateLayout, p["startDate"])
		end, e2 := time.Parse(DateLayout, p["endDate"])
		if e1 == nil && e2 == nil && !start.Before(end) {
			pr.Add(at+".Parameters[startDate, endDate]", p["startDate"]+", "+p["endDate"], "a start date before the end date")
		}
	case "SHUFFLE_ROWS":
		src, _ := list(p["sourceColumns"])
		groups, _ := list(p["groupByColumns"])
		for _, g := range groups {
			if slices.Contains(src, g) {
				pr.Add(at+".Parameters[groupByColumns]", p["groupByColumns"], "columns other than the shuffled ones (a column cannot be shuffled within groups of itself)")
				break
			}
		}
	case "MASK_RANGE":
		start, e1 := strconv.Atoi(p["start"])
		stop, e2 := strconv.Atoi(p["stop"])
		if e1 == nil && e2 == nil && (start >= 0) == (stop >= 0) && start >= stop {
			pr.Add(at+".Parameters[start, stop]", p["start"]+", "+p["stop"], "a start before the stop (the range masked is start inclusive to stop exclusive)")
		}
	case "CRYPTOGRAPHIC_HASH":
		// DataBrew's default algorithm is HMAC_SHA256.
		if algorithm, set := p["algorithm"]; set && !strings.HasPrefix(algorithm, "HMAC_") {
			pr.Add(at+".Parameters[algorithm]", algorithm, "an HMAC_ algorithm (HMAC_SHA256, HMAC_SHA512, ...): a plain hash of personal data is not pseudonymous, since every candidate value can be hashed and compared")
		} else if _, secret := p["secretId"]; !secret {
			pr.Add(at+".Parameters[secretId]", "missing", "the secret that keys the HMAC (HashPII takes it)")
		}
	}
}

func paramNames(sets ...map[string]param) []string {
	var out []string
	for _, s := range sets {
		for k := range s {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
