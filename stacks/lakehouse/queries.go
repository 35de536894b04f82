package lakehouse

import (
	"embed"
	"sort"
	"strings"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// NamedQueries are the analysts' saved queries (ANA-08, ANA-09, ANA-10),
// file name (without .sql) to SQL, over the lakehouse database: sampling,
// a moving average, a rollup, a pivot, validation counts and the TSV
// reviews. Each file is one SELECT statement in Athena's (Trino) dialect.
func NamedQueries() map[string]string {
	out := map[string]string{}
	entries, _ := queryFiles.ReadDir("queries")
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".sql")
		if name == mergeQuery {
			continue
		}
		b, _ := queryFiles.ReadFile("queries/" + e.Name())
		out[name] = strings.TrimSpace(string(b))
	}
	return out
}

// namedQueryNames are NamedQueries' names in order.
func namedQueryNames() []string {
	var names []string
	for n := range NamedQueries() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// mergeQuery upserts GlueEtl's published orders into the Iceberg table.
const mergeQuery = "merge_orders_iceberg"

// MergeOrdersSQL is the MERGE of the curated orders (newest row per
// order_id) into database.orders_iceberg: re-runnable, it updates changed
// orders and inserts new ones.
func MergeOrdersSQL(database, curated, table string) string {
	b, _ := queryFiles.ReadFile("queries/" + mergeQuery + ".sql")
	return strings.TrimSpace(strings.NewReplacer("{{database}}", database, "{{curated}}", curated, "{{table}}", table).Replace(string(b)))
}
