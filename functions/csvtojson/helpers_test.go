package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// sensorColumns is the schema of the tests and benchmarks: a sensor
// reading with one column of most types.
const sensorColumns = `[
	{"name":"device_id","type":"string"},
	{"name":"seq","type":"bigint"},
	{"name":"event_time","type":"timestamp"},
	{"name":"temperature","type":"double"},
	{"name":"humidity","type":"float"},
	{"name":"battery_pct","type":"tinyint"},
	{"name":"rssi","type":"smallint"},
	{"name":"site","type":"string"},
	{"name":"calibrated","type":"boolean"},
	{"name":"energy_kwh","type":"decimal(12,4)"}
]`

// converter builds a converter from COLUMNS=sensorColumns (unless given)
// and the other variables of vars.
func converter(t testing.TB, vars map[string]string) *Converter {
	t.Helper()
	m := map[string]string{"COLUMNS": sensorColumns}
	for k, v := range vars {
		m[k] = v
	}
	cfg, err := ConfigFromEnv(env(m))
	require.NoError(t, err)
	return NewConverter(cfg)
}

// sensorRow is the i-th row of realistic sensor data, about 100 bytes.
func sensorRow(i int) string {
	sites := []string{`"hall 3, rack 12"`, "roof-north", `"lab ""B"", bench 4"`, "cold-store-2"}
	return fmt.Sprintf("sensor-%04d,%d,2026-03-01T%02d:%02d:%02d.%03dZ,%.3f,%.1f,%d,%d,%s,%t,%d.%04d\n",
		i%5000, 1_000_000+i, i/3600%24, i/60%60, i%60, i%1000,
		18+float64(i%1000)/97, 30+float64(i%600)/10, i%101, -40-i%60,
		sites[i%len(sites)], i%7 != 0, i%100000, i%10000)
}

// sensorCSV returns rows from first on until n bytes are reached.
func sensorCSV(first, n int) (string, int) {
	var b strings.Builder
	rows := 0
	for b.Len() < n {
		b.WriteString(sensorRow(first + rows))
		rows++
	}
	return b.String(), rows
}
