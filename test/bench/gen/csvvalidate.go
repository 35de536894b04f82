package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// CSVBucket is the bucket of csvvalidate's and manifestcopy's fake S3.
const CSVBucket = "bench-lake"

// CSVSchema is csvvalidate's SCHEMA: functions/csvvalidate's benchmark
// schema (ordersSchema).
const CSVSchema = `{"columns":[{"name":"order_id","type":"int"},{"name":"customer","type":"string"},` +
	`{"name":"email","type":"string","nullable":true},{"name":"amount","type":"decimal"},{"name":"quantity","type":"int"},` +
	`{"name":"order_date","type":"date"},{"name":"created_at","type":"timestamp"},{"name":"paid","type":"bool"},` +
	`{"name":"note","type":"string","nullable":true}],"delimiter":",","maxErrors":100}`

// CSVKey is the key of csvvalidate's object of about size bytes.
func CSVKey(size int) string { return fmt.Sprintf("incoming/orders-%d.csv", size) }

// CSVFile is csvvalidate's object of at most size bytes and its data rows:
// the rows of functions/csvvalidate's benchmark file (the same generator
// and seed, so the same bytes as far as they go), every one valid, with
// quoted notes holding commas, doubled quotes and line breaks.
func CSVFile(size int) ([]byte, int) {
	r := rand.New(rand.NewPCG(25, 2026))
	names := []string{"Ann", "Bob", "Chloé Martin", "Dmitri", "Eve", "Farah Al-Sayed", "Gus", "Hana"}
	notes := []string{"", "", "", "gift wrap", `"leave at door, ring twice"`, `"said ""fragile"""`, "\"two\nlines\""}
	var b bytes.Buffer
	b.WriteString("order_id,customer,email,amount,quantity,order_date,created_at,paid,note\n")
	var row []byte
	rows := 0
	for i := 1; ; i++ {
		name := names[r.IntN(len(names))]
		email := ""
		if r.IntN(10) != 0 {
			email = strings.ToLower(strings.Fields(name)[0]) + fmt.Sprintf("%d@example.com", r.IntN(10000))
		}
		day := 1 + r.IntN(28)
		row = fmt.Appendf(row[:0], "%d,%s,%s,%d.%02d,%d,2026-%02d-%02d,2026-%02d-%02d %02d:%02d:%02d.%03d,%s,%s\n",
			i, name, email, r.IntN(100000), r.IntN(100), 1+r.IntN(20), 1+r.IntN(12), day,
			1+r.IntN(12), day, r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000),
			[]string{"true", "false"}[r.IntN(2)], notes[r.IntN(len(notes))])
		if b.Len()+len(row) > size {
			return b.Bytes(), rows
		}
		b.Write(row)
		rows++
	}
}

func init() {
	Register("csvvalidate", func(_ *rand.Rand, size int) (Case, error) {
		// One S3 event notification for one object: the handler's data is
		// the CSV object it streams from the fake S3 (which keeps it there
		// for every invocation), so MB/s counts the object. A CSV file has
		// no Lambda payload limit; the 6 MB case is simply a 6 MB file.
		data, rows := CSVFile(size)
		key := CSVKey(size)
		ev := map[string]any{"Records": []any{map[string]any{
			"eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
			"eventTime": "2026-11-25T10:00:00.000Z", "eventName": "ObjectCreated:Put",
			"s3": map[string]any{"s3SchemaVersion": "1.0", "configurationId": "csv-arrivals",
				"bucket": map[string]any{"name": CSVBucket, "arn": "arn:aws:s3:::" + CSVBucket},
				"object": map[string]any{"key": key, "size": len(data), "sequencer": "0065A1B2C3D4E5F607"}},
		}}}
		b, err := json.Marshal(ev)
		if err != nil {
			return Case{}, err
		}
		return Case{Event: b, Records: rows, Bytes: len(data), Unit: "CSV object streamed from S3",
			Env: []string{"SCHEMA=" + CSVSchema, "INCOMING_PREFIX=incoming/", "VALID_PREFIX=valid/",
				"QUARANTINE_PREFIX=quarantine/", "REPORT_PREFIX=reports/"},
			Fakes: []string{"csvvalidate-s3"}, Check: "csvvalidate", PyModules: []string{"boto3"}}, nil
	})
}
