package sql

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A kind is what a placeholder's value may be. No kind admits a quote, a
// backslash, a semicolon, white space, "--", "/*" or "$$": a value can
// neither end a string literal, a quoted identifier or a dollar-quoted body,
// nor start a comment or end a statement, wherever a file puts it, so it can
// never change the shape of the SQL around it.
type kind struct {
	want  string // what is allowed, for error messages
	valid func(string) bool
}

var (
	identifierRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]{0,126}$`)
	// IAM role ARN, partition-aware (aws, aws-cn, aws-us-gov, aws-iso-b, ...).
	// Role path and name use IAM's character set without the comma, which
	// IAM_ROLE reads as a role chain separator.
	roleARNRE     = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([A-Za-z0-9_+=.@-]+/)*[A-Za-z0-9_+=.@-]{1,64}$`)
	namespaceRE   = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	glueNameRE    = regexp.MustCompile(`^[a-z0-9_][a-z0-9_-]{0,254}$`)
	dateRE        = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	keepMonthsRE  = regexp.MustCompile(`^[1-9][0-9]?$`)
	placeholderRE = regexp.MustCompile(`\{\{([a-z_]+)\}\}`)
	// cdkTokenRE is the string form of an unresolved CDK token, e.g. a
	// role's RoleArn() in the stack that creates the role. The CDK turns it
	// into a reference CloudFormation resolves to the role's ARN, a value
	// roleARNRE accepts, so it cannot change the SQL either.
	cdkTokenRE = regexp.MustCompile(`^\$\{Token\[[A-Za-z0-9._-]{1,64}\]\}$`)
)

// maxKeepMonths bounds keep_months: the docs advise against many tables in
// a UNION ALL view, and with 36 the file stays under 40 statements (one
// BatchExecuteStatement call).
const maxKeepMonths = 36

var (
	identifier = kind{
		want: "a lowercase unquoted identifier matching ^[a-z_][a-z0-9_$]{0,126}$, without \"$$\", not a reserved word",
		valid: func(v string) bool {
			return identifierRE.MatchString(v) && !strings.Contains(v, "$$") && !reserved[v]
		},
	}
	// tableBase leaves room for the _YYYY_MM suffix within 127 bytes.
	tableBase = kind{
		want: "a lowercase unquoted identifier of at most 119 bytes (room for _YYYY_MM) matching ^[a-z_][a-z0-9_$]*$, without \"$$\", not a reserved word",
		valid: func(v string) bool {
			return len(v) <= 119 && identifier.valid(v)
		},
	}
	roleARN = kind{
		want: "an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/[path/]name, one role, no commas, no \"--\"), or the CDK token of a role's RoleArn()",
		valid: func(v string) bool {
			return cdkTokenRE.MatchString(v) || len(v) <= 2048 && roleARNRE.MatchString(v) && !strings.Contains(v, "--")
		},
	}
	namespaceID = kind{
		want:  "a Redshift namespace id: a lowercase UUID like 86b5169f-01dc-4a6f-9fbb-e2e24359e9a8",
		valid: namespaceRE.MatchString,
	}
	glueDatabase = kind{
		want:  "a Glue database name matching ^[a-z0-9_][a-z0-9_-]{0,254}$ without \"--\"",
		valid: func(v string) bool { return glueNameRE.MatchString(v) && !strings.Contains(v, "--") },
	}
	date = kind{
		want: "a date YYYY-MM-DD between 2000-01-01 and 9998-12-31",
		valid: func(v string) bool {
			if !dateRE.MatchString(v) {
				return false
			}
			t, err := time.Parse(time.DateOnly, v)
			return err == nil && t.Year() >= 2000 && t.Year() <= 9998
		},
	}
	keepMonths = kind{
		want: fmt.Sprintf("a whole number of months from 1 to %d", maxKeepMonths),
		valid: func(v string) bool {
			if !keepMonthsRE.MatchString(v) {
				return false
			}
			k, err := strconv.Atoi(v)
			return err == nil && k <= maxKeepMonths
		},
	}
)

// reserved are Redshift's reserved words (r_pg_keywords), which cannot be
// unquoted identifiers; rejecting them gives a clear error before Redshift's
// syntax error.
var reserved = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`aes128 aes256 all allowoverwrite analyse analyze and any array as asc
		authorization az64 backup between binary blanksasnull both bytedict bzip2 case cast check
		collate column constraint create credentials cross current_date current_time
		current_timestamp current_user current_user_id default deferrable deflate defrag delta
		delta32k desc disable distinct do else emptyasnull enable encode encrypt encryption end
		except explicit false for foreign freeze from full globaldict256 globaldict64k grant group
		gzip having identity ignore ilike in initially inner intersect interval into is isnull join
		language leading left like limit localtime localtimestamp lun luns lzo lzop minus mostly13
		mostly16 mostly32 mostly8 natural new not notnull null nulls off offline offset oid old on
		only open or order outer overlaps parallel partition percent permissions pivot placing
		primary raw readratio recover references rejectlog resort respect restore right select
		session_user similar snapshot some sysdate system table tag tdes text255 text32k then
		timestamp to top trailing true truncatecolumns union unique unnest unpivot user using
		verbose wallet when where with without`) {
		m[w] = true
	}
	return m
}()

// kinds maps every placeholder name a caller can give to its kind. A file
// may use no other name (a test checks), so each value a file takes is
// validated.
var kinds = map[string]kind{
	"schema":             identifier,
	"base":               tableBase,
	"glue_database":      glueDatabase,
	"spectrum_role_arn":  roleARN,
	"consumer_namespace": namespaceID,
	"today":              date,
	"keep_months":        keepMonths,
}

// monthParams are the vars a file with month blocks takes instead of
// placeholders: they choose the months, which fill the derived placeholders.
var monthParams = []string{"keep_months", "today"}

// derived are the placeholders filled by the month blocks, never by callers.
var derived = map[string]bool{"month": true, "month_start": true, "month_end": true}

// render replaces every {{name}} in stmt with vars[name]. The values must
// have been validated; render only refuses names without a value and text
// that looks like a broken placeholder.
func render(stmt string, vars map[string]string) (string, error) {
	var missing []string
	out := placeholderRE.ReplaceAllStringFunc(stmt, func(m string) string {
		name := m[2 : len(m)-2]
		v, ok := vars[name]
		if !ok {
			missing = append(missing, name)
			return m
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("placeholder {{%s}} has no value", missing[0])
	}
	if err := checkBraces(out); err != nil {
		return "", err
	}
	return out, nil
}

// checkBraces refuses text still holding "{{" or "}}": a placeholder that is
// malformed ({{ schema }}, {{Schema}}) or unknown would otherwise reach
// Redshift as is.
func checkBraces(s string) error {
	for _, b := range []string{"{{", "}}"} {
		if i := strings.Index(s, b); i >= 0 {
			end := min(len(s), i+40)
			return fmt.Errorf("malformed placeholder near %q", s[i:end])
		}
	}
	return nil
}
