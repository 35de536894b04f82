package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestConfigProvisioned(t *testing.T) {
	c, err := ConfigFromEnv(env(baseEnv()))
	require.NoError(t, err)
	require.Equal(t, Config{
		Bucket: testBucket, SourcePrefix: "incoming/", ManifestPrefix: "manifests/",
		Table: Table{"analytics", "events"}, IAMRoleARN: testRole, Format: "CSV", Compression: "GZIP",
		ClusterIdentifier: "dwh", Database: "dev", SecretARN: testSecret, MaxFilesPerManifest: 1000,
	}, c)
	require.Equal(t, 1000, c.BatchSize())
	require.False(t, c.Serverless())
}

func TestConfigServerlessAndOptions(t *testing.T) {
	m := baseEnv()
	delete(m, "CLUSTER_IDENTIFIER")
	delete(m, "SECRET_ARN")
	m["WORKGROUP_NAME"] = "analytics-wg"
	m["FORMAT"] = " json "
	m["COMPRESSION"] = "none"
	m["MAX_ERROR"] = "250"
	m["SLICES"] = "16"
	m["MAX_FILES_PER_MANIFEST"] = "1000"
	c, err := ConfigFromEnv(env(m))
	require.NoError(t, err)
	require.True(t, c.Serverless())
	require.Equal(t, "JSON", c.Format)
	require.Empty(t, c.Compression)
	require.Equal(t, 250, c.MaxError)
	require.Equal(t, 16, c.Slices)
	require.Equal(t, 992, c.BatchSize(), "largest multiple of 16 up to 1000")

	m["WORKGROUP_NAME"] = "arn:aws:redshift-serverless:eu-west-1:111111111111:workgroup/0f3a9b2c-1d2e-4f5a-9b8c-7d6e5f4a3b2c"
	m["SECRET_ARN"] = testSecret
	_, err = ConfigFromEnv(env(m))
	require.NoError(t, err, "a workgroup ARN and an optional secret")
}

func TestBatchSize(t *testing.T) {
	for _, c := range []struct{ slices, max, want int }{
		{0, 1000, 1000}, {1, 7, 7}, {4, 10, 8}, {32, 1000, 992}, {10, 10, 10}, {3, 1000, 999},
	} {
		require.Equal(t, c.want, Config{Slices: c.slices, MaxFilesPerManifest: c.max}.BatchSize(), "%+v", c)
	}
}

func TestConfigRejects(t *testing.T) {
	cases := map[string]struct {
		set   map[string]string // "" removes
		wants []string
	}{
		"nothing set": {map[string]string{"SOURCE_BUCKET": "", "SOURCE_PREFIX": "", "MANIFEST_PREFIX": "", "TARGET_TABLE": "",
			"IAM_ROLE_ARN": "", "FORMAT": "", "COMPRESSION": "", "CLUSTER_IDENTIFIER": "", "DATABASE": "", "SECRET_ARN": ""},
			[]string{`SOURCE_BUCKET="": an S3 bucket name`, `SOURCE_PREFIX="": the key prefix of the data files: must not be empty`,
				`MANIFEST_PREFIX=""`, `TARGET_TABLE="": schema.table`, `IAM_ROLE_ARN="": the ARN of the role`, `FORMAT="": one of CSV, JSON, PARQUET, AVRO, ORC`,
				`CLUSTER_IDENTIFIER="": set CLUSTER_IDENTIFIER, DATABASE and SECRET_ARN (provisioned) or WORKGROUP_NAME and DATABASE (serverless)`,
				`DATABASE="": the database name`}},
		"bucket":                  {map[string]string{"SOURCE_BUCKET": "Lake_Bucket"}, []string{`SOURCE_BUCKET="Lake_Bucket"`}},
		"bucket dots":             {map[string]string{"SOURCE_BUCKET": "a..b"}, []string{`SOURCE_BUCKET="a..b"`}},
		"source prefix slash":     {map[string]string{"SOURCE_PREFIX": "/incoming/"}, []string{`SOURCE_PREFIX="/incoming/": the key prefix of the data files: must not start with '/'`}},
		"manifest prefix no /":    {map[string]string{"MANIFEST_PREFIX": "manifests"}, []string{`MANIFEST_PREFIX="manifests": a key prefix ending in '/'`}},
		"manifest prefix quote":   {map[string]string{"MANIFEST_PREFIX": "m'/"}, []string{`MANIFEST_PREFIX="m'/": a key prefix ending in '/'`}},
		"manifest inside source":  {map[string]string{"MANIFEST_PREFIX": "incoming/manifests/"}, []string{`must not overlap SOURCE_PREFIX "incoming/"`}},
		"source inside manifests": {map[string]string{"SOURCE_PREFIX": "manifests/data/"}, []string{`must not overlap SOURCE_PREFIX`}},
		"table no schema":         {map[string]string{"TARGET_TABLE": "events"}, []string{`TARGET_TABLE="events": schema.table`}},
		"table injection":         {map[string]string{"TARGET_TABLE": "analytics.events;drop table x"}, []string{`TARGET_TABLE="analytics.events;drop table x"`}},
		"role":                    {map[string]string{"IAM_ROLE_ARN": "arn:aws:iam::111111111111:user/bob"}, []string{`IAM_ROLE_ARN="arn:aws:iam::111111111111:user/bob"`}},
		"role quote":              {map[string]string{"IAM_ROLE_ARN": testRole + "'"}, []string{`IAM_ROLE_ARN=`}},
		"format":                  {map[string]string{"FORMAT": "XML"}, []string{`FORMAT="XML": one of CSV, JSON, PARQUET, AVRO, ORC`}},
		"compression":             {map[string]string{"COMPRESSION": "LZOP"}, []string{`COMPRESSION="LZOP": empty, NONE, GZIP, BZIP2, ZSTD`}},
		"compression parquet":     {map[string]string{"FORMAT": "PARQUET", "COMPRESSION": "GZIP"}, []string{`COMPRESSION="GZIP": empty or NONE with PARQUET`}},
		"compression orc":         {map[string]string{"FORMAT": "ORC", "COMPRESSION": "ZSTD"}, []string{`COMPRESSION="ZSTD": empty or NONE with ORC`}},
		"max error high":          {map[string]string{"MAX_ERROR": "100001"}, []string{`MAX_ERROR="100001": empty (0) or a whole number from 0 to 100000`}},
		"max error text":          {map[string]string{"MAX_ERROR": "ten"}, []string{`MAX_ERROR="ten"`}},
		"max error parquet":       {map[string]string{"FORMAT": "PARQUET", "COMPRESSION": "", "MAX_ERROR": "5"}, []string{`MAX_ERROR="5": empty or 0 with PARQUET`}},
		"both targets":            {map[string]string{"WORKGROUP_NAME": "wg-1"}, []string{`WORKGROUP_NAME="wg-1": empty when CLUSTER_IDENTIFIER is set`}},
		"cluster without secret":  {map[string]string{"SECRET_ARN": ""}, []string{`SECRET_ARN="": the ARN of the Secrets Manager secret`}},
		"bad secret":              {map[string]string{"SECRET_ARN": "dwh-loader"}, []string{`SECRET_ARN="dwh-loader": a Secrets Manager secret ARN`}},
		"bad cluster":             {map[string]string{"CLUSTER_IDENTIFIER": "1dwh"}, []string{`CLUSTER_IDENTIFIER="1dwh"`}},
		"bad workgroup": {map[string]string{"CLUSTER_IDENTIFIER": "", "SECRET_ARN": "", "WORKGROUP_NAME": "WG"},
			[]string{`WORKGROUP_NAME="WG": a workgroup name`}},
		"serverless without database": {map[string]string{"CLUSTER_IDENTIFIER": "", "SECRET_ARN": "", "WORKGROUP_NAME": "wg-1", "DATABASE": ""},
			[]string{`DATABASE="": the database name`}},
		"slices zero":       {map[string]string{"SLICES": "0"}, []string{`SLICES="0": empty or a positive whole number`}},
		"slices text":       {map[string]string{"SLICES": "many"}, []string{`SLICES="many"`}},
		"slices above max":  {map[string]string{"SLICES": "16", "MAX_FILES_PER_MANIFEST": "10"}, []string{`SLICES="16": at most MAX_FILES_PER_MANIFEST (10)`}},
		"max files zero":    {map[string]string{"MAX_FILES_PER_MANIFEST": "0"}, []string{`MAX_FILES_PER_MANIFEST="0": empty (1000) or a whole number from 1 to 100000`}},
		"max files too big": {map[string]string{"MAX_FILES_PER_MANIFEST": "100001"}, []string{`MAX_FILES_PER_MANIFEST="100001"`}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m := baseEnv()
			for k, v := range c.set {
				if v == "" {
					delete(m, k)
				} else {
					m[k] = v
				}
			}
			_, err := ConfigFromEnv(env(m))
			require.Error(t, err)
			require.True(t, strings.HasPrefix(err.Error(), "invalid environment: "), err.Error())
			for _, w := range c.wants {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}
