package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	writerARN = "arn:aws:iam::123456789012:role/firehose-delivery"
	adminARN  = "arn:aws:iam::123456789012:role/Admin"
	otherARN  = "arn:aws:iam::123456789012:role/SomeoneElse"
	endpoint  = "vpc-search-abc123.eu-west-1.es.amazonaws.com"
)

func props(over map[string]any) map[string]any {
	p := map[string]any{
		"ServiceToken":       "arn:aws:lambda:eu-west-1:123456789012:function:x",
		"DomainEndpoint":     endpoint,
		"RoleName":           "firehose_writer",
		"IndexPatterns":      "music-events-*",
		"WriterBackendRoles": writerARN,
		"AdminBackendRoles":  adminARN,
	}
	for k, v := range over {
		p[k] = v
	}
	return p
}

func TestParseProperties(t *testing.T) {
	for _, tc := range []struct {
		name  string
		over  map[string]any
		wants []string // substrings of the error; none: valid
	}{
		{"valid", nil, nil},
		{"lists trimmed, deduplicated, admins empty", map[string]any{
			"IndexPatterns": " a-* , b ,a-*", "AdminBackendRoles": "",
			"WriterBackendRoles": writerARN + ", arn:aws-cn:iam::123456789012:role/path/to/r",
		}, nil},
		{"scheme", map[string]any{"DomainEndpoint": "https://" + endpoint}, []string{`DomainEndpoint="https://vpc-search`, "without scheme"}},
		{"path", map[string]any{"DomainEndpoint": endpoint + "/x"}, []string{"DomainEndpoint="}},
		{"port", map[string]any{"DomainEndpoint": endpoint + ":443"}, []string{"DomainEndpoint="}},
		{"missing endpoint", map[string]any{"DomainEndpoint": nil}, []string{`DomainEndpoint=""`}},
		{"not a string", map[string]any{"RoleName": 7.0}, []string{`RoleName="7": a string`}},
		{"role chars", map[string]any{"RoleName": "firehose writer"}, []string{`RoleName="firehose writer"`, "A-Z a-z 0-9 _ . -"}},
		{"role too long", map[string]any{"RoleName": strings.Repeat("r", 129)}, []string{"RoleName=", "1 to 128"}},
		{"reserved role", map[string]any{"RoleName": "all_access"}, []string{`RoleName="all_access"`, "predefined"}},
		{"no index pattern", map[string]any{"IndexPatterns": " , "}, []string{`IndexPatterns=","`, "at least one"}},
		{"index with space", map[string]any{"IndexPatterns": "a-*,b c"}, []string{`IndexPatterns="b c"`, "without spaces"}},
		{"system index", map[string]any{"IndexPatterns": "_internal*"}, []string{`IndexPatterns="_internal*"`, "not starting with _"}},
		{"no writer", map[string]any{"WriterBackendRoles": ""}, []string{`WriterBackendRoles=""`, "at least one IAM role ARN"}},
		{"writer is a user", map[string]any{"WriterBackendRoles": "arn:aws:iam::123456789012:user/bob"}, []string{`WriterBackendRoles="arn:aws:iam::123456789012:user/bob"`}},
		{"admin short account", map[string]any{"AdminBackendRoles": "arn:aws:iam::1234:role/Admin"}, []string{`AdminBackendRoles="arn:aws:iam::1234:role/Admin"`, "12-digit account"}},
		{"every error at once", map[string]any{"DomainEndpoint": "", "RoleName": "", "IndexPatterns": ""}, []string{"DomainEndpoint=", "RoleName=", "IndexPatterns="}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseProperties(props(tc.over))
			if len(tc.wants) == 0 {
				require.NoError(t, err)
				require.Equal(t, endpoint+"/"+p.RoleName, p.PhysicalID())
				return
			}
			require.Error(t, err)
			for _, w := range tc.wants {
				require.Contains(t, err.Error(), w)
			}
		})
	}
	p, err := ParseProperties(props(map[string]any{"IndexPatterns": " a-* , b ,a-*", "AdminBackendRoles": ""}))
	require.NoError(t, err)
	require.Equal(t, []string{"a-*", "b"}, p.IndexPatterns)
	require.Empty(t, p.AdminBackendRoles)
}
