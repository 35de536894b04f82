package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	testRole = "arn:aws:iam::111111111111:role/export"
	testKey  = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func env(m map[string]string) func(string) string {
	base := map[string]string{
		"SOURCE_KIND": "instance", "SOURCE_ID": "orders-db", "BUCKET": "staging-bucket", "PREFIX": "archive/",
		"EXPORT_ROLE_ARN": testRole, "KMS_KEY_ID": testKey, "TASK_PREFIX": "orders-db-archive",
	}
	for k, v := range m {
		base[k] = v
	}
	return func(k string) string { return base[k] }
}

func TestConfigFromEnv(t *testing.T) {
	c, err := ConfigFromEnv(env(map[string]string{"EXPORT_ONLY": "plm_db.orders, plm_db.customers"}))
	require.NoError(t, err)
	require.Equal(t, Config{SourceKind: Instance, SourceID: "orders-db", Bucket: "staging-bucket", Prefix: "archive/",
		RoleARN: testRole, KMSKeyID: testKey, TaskPrefix: "orders-db-archive",
		ExportOnly: []string{"plm_db.orders", "plm_db.customers"}}, c)

	c, err = ConfigFromEnv(env(map[string]string{"SOURCE_KIND": "cluster", "PREFIX": ""}))
	require.NoError(t, err)
	require.Equal(t, Cluster, c.SourceKind)
	require.Nil(t, c.ExportOnly)
}

func TestConfigFromEnvRejects(t *testing.T) {
	_, err := ConfigFromEnv(env(map[string]string{
		"SOURCE_KIND": "db", "SOURCE_ID": "1db", "BUCKET": "B", "PREFIX": "archive",
		"EXPORT_ROLE_ARN": "role", "KMS_KEY_ID": "alias/x", "EXPORT_ONLY": "a.b.c.d", "TASK_PREFIX": "Bad--prefix",
	}))
	require.Error(t, err)
	for _, v := range []string{"SOURCE_KIND", "SOURCE_ID", "BUCKET", "PREFIX", "EXPORT_ROLE_ARN", "KMS_KEY_ID", "EXPORT_ONLY", "TASK_PREFIX"} {
		require.Contains(t, err.Error(), v+"=")
	}
	_, err = ConfigFromEnv(env(map[string]string{"EXPORT_ONLY": "a.t1,a.t2,a.t3,a.t4,a.t5,a.t6"}))
	require.ErrorContains(t, err, "at most 5 tables")
}

func TestTaskID(t *testing.T) {
	day := time.Date(2026, 12, 2, 23, 59, 0, 0, time.FixedZone("x", -3600)) // 2026-12-03 UTC
	id, err := TaskID("Orders-DB-archive", day, 0)
	require.NoError(t, err)
	require.Equal(t, "orders-db-archive-20261203", id)
	id, err = TaskID("a", day, 5)
	require.NoError(t, err)
	require.Equal(t, "a-20261203-t5", id)

	long := "a" + strings.Repeat("b", MaxPrefixLength-1)
	id, err = TaskID(long, day, 5)
	require.NoError(t, err)
	require.Len(t, id, MaxTaskIDLength)
	for _, bad := range []string{"", long + "c", "1abc", "a--b", "a-", "a_b", "a.b"} {
		_, err := TaskID(bad, day, 0)
		require.Error(t, err, bad)
	}
}
