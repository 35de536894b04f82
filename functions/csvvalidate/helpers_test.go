package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// ordersSchema is the schema of the tests and the benchmark.
func ordersSchema() Schema {
	return Schema{
		Columns: []Column{
			{Name: "order_id", Type: Int},
			{Name: "customer", Type: String},
			{Name: "email", Type: String, Nullable: true},
			{Name: "amount", Type: Decimal},
			{Name: "quantity", Type: Int},
			{Name: "order_date", Type: Date},
			{Name: "created_at", Type: Timestamp},
			{Name: "paid", Type: Bool},
			{Name: "note", Type: String, Nullable: true},
		},
		Delimiter: ",", MaxErrors: DefaultMaxErrors,
	}
}

const ordersHeader = "order_id,customer,email,amount,quantity,order_date,created_at,paid,note\n"

func schemaJSON(t testing.TB, s Schema) string {
	b, err := json.Marshal(s)
	require.NoError(t, err)
	return string(b)
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
