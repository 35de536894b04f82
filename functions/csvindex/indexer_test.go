package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const ordersCSV = "\ufeff Order ID ,Amount,Paid, orderedAt ,Customer Name\n" +
	"1, 12.50 ,yes,2026-12-01 10:00:00, Ana \n" +
	" , , , , \n" +
	"2,\"1,234.5\",no,2026-12-01T11:00:00Z,Bo\n" +
	"3,abc,maybe,tomorrow,Cy\n" +
	"4,1,y,12/02/2026,Di,extra\n"

func run(t *testing.T, x *Indexer) Stats {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	x.Margin = time.Second
	st, err := x.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestIndexesNewObjectsCleaned(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/2026-12-01/orders.csv", ordersCSV)
	f.put(t, "exports/readme.txt", "not a csv")
	f.put(t, "other/orders.csv", ordersCSV)
	x := newIndexer(t, f, srv, nil)

	st := run(t, x)
	if st.Listed != 1 || st.Objects != 1 || st.Rows != 5 || st.Indexed != 3 || st.Empty != 1 || st.Malformed != 1 || st.InvalidFields != 3 {
		t.Errorf("stats %+v", st)
	}
	docs := d.docs["exports"]
	if len(docs) != 3 {
		t.Fatalf("indexed %d documents, want 3: %v", len(docs), docs)
	}
	one := docs[DocID("exports/2026-12-01/orders.csv", 2)]
	want := map[string]any{"order_id": 1.0, "amount": 12.5, "paid": true, "ordered_at": "2026-12-01T10:00:00Z", "customer_name": "Ana",
		"source_key": "exports/2026-12-01/orders.csv", "source_line": 2.0, "source_modified": "2026-12-05T08:00:00Z"}
	for k, v := range want {
		if one[k] != v {
			t.Errorf("line 2 %s = %v (%T), want %v", k, one[k], one[k], v)
		}
	}
	if two := docs[DocID("exports/2026-12-01/orders.csv", 4)]; two["amount"] != 1234.5 || two["paid"] != false {
		t.Errorf("line 4 = %v", two)
	}
	// Values that do not parse as their type are dropped, the row kept.
	if bad := docs[DocID("exports/2026-12-01/orders.csv", 5)]; len(bad) != 5 || bad["order_id"] != 3.0 || bad["customer_name"] != "Cy" {
		t.Errorf("line 5 = %v", bad)
	}
	if d.paths[0] != "/exports/_bulk" {
		t.Errorf("path %s", d.paths[0])
	}
	cp := f.checkpoint(t, "state/csvindex.json")
	if !cp.Watermark.Equal(t0) || len(cp.Done) != 1 || cp.Resume != nil {
		t.Errorf("checkpoint %+v", cp)
	}

	// Nothing new: nothing read, nothing sent.
	reqs := d.requests
	if st := run(t, x); st.Objects != 0 || st.Rows != 0 || d.requests != reqs {
		t.Errorf("second run %+v, %d requests", st, d.requests-reqs)
	}
	// A new object: only it.
	f.put(t, "exports/2026-12-02/orders.csv", "order_id,amount\n10,1\n11,2\n")
	if st := run(t, x); st.Objects != 1 || st.Indexed != 2 {
		t.Errorf("third run %+v", st)
	}
	if n := d.count("exports"); n != 5 {
		t.Errorf("%d documents, want 5", n)
	}
}

func TestRerunOverwritesInsteadOfDuplicating(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/a.csv", ordersCSV)
	x := newIndexer(t, f, srv, nil)
	run(t, x)
	// The checkpoint is lost: everything is indexed again, under the same ids.
	if _, err := f.client.DeleteObject(context.Background(), &s3.DeleteObjectInput{Bucket: aws.String(bucket), Key: aws.String("state/csvindex.json")}); err != nil {
		t.Fatal(err)
	}
	if st := run(t, x); st.Indexed != 3 {
		t.Errorf("rerun %+v", st)
	}
	if n := d.count("exports"); n != 3 {
		t.Errorf("%d documents after a rerun, want 3", n)
	}
}

func TestLateObjectWithinLookback(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/b.csv", "id\n1\n")
	x := newIndexer(t, f, srv, map[string]string{"LOOKBACK": "30m"})
	run(t, x)
	// An upload that started before the last run finishes after it: its
	// LastModified is older than the watermark.
	f.clock.Advance(-10 * time.Minute)
	f.put(t, "exports/a.csv", "id\n2\n")
	f.clock.Advance(-time.Hour)
	f.put(t, "exports/old.csv", "id\n3\n") // older than the lookback: not read
	if st := run(t, x); st.Objects != 1 || st.Indexed != 1 {
		t.Errorf("run %+v", st)
	}
	if n := d.count("exports"); n != 2 {
		t.Errorf("%d documents, want 2", n)
	}
}

func TestDailyIndexFollowsTheObjectDate(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/a.csv", "id\n1\n")
	x := newIndexer(t, f, srv, map[string]string{"INDEX_ROTATION": "daily", "SUFFIX": "*"})
	run(t, x)
	if d.count("exports-2026.12.05") != 1 || d.paths[0] != "/exports-2026.12.05/_bulk" {
		t.Errorf("docs %v paths %v", d.docs, d.paths)
	}
}

func TestRetriesThrottledItemsAndRequests(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/a.csv", ordersCSV)
	throttled := DocID("exports/a.csv", 4)
	d.status = func(n int) int {
		if n == 1 {
			return 503
		}
		return 0
	}
	d.item = func(n int, id string) (int, string) {
		if id == throttled && n < 4 {
			return 429, "es_rejected_execution_exception"
		}
		return 0, ""
	}
	x := newIndexer(t, f, srv, nil)
	var waits []time.Duration
	x.Sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
	st := run(t, x)
	if st.Indexed != 3 || st.Requests != 4 || st.Retried != 3+1+1 || st.Refused != 0 {
		t.Errorf("stats %+v", st)
	}
	if len(waits) != 3 || waits[0] != time.Second || waits[1] != 2*time.Second || waits[2] != 4*time.Second {
		t.Errorf("waits %v", waits)
	}
	if d.count("exports") != 3 {
		t.Errorf("docs %v", d.docs)
	}
}

func TestGivesUpAfterMaxRoundsAndKeepsItsPlace(t *testing.T) {
	f := newFakeS3(t)
	f.put(t, "exports/a.csv", ordersCSV)
	d2, srv2 := newFakeDomain(t)
	d2.status = func(int) int { return 429 }
	x := newIndexer(t, f, srv2, nil)
	x.MaxRounds = 3
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := x.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "after 3 attempts") {
		t.Fatalf("err = %v", err)
	}
	if cp := f.checkpoint(t, "state/csvindex.json"); len(cp.Done) != 0 {
		t.Errorf("checkpoint %+v: the object is not done", cp)
	}
}

func TestReportsRefusedDocuments(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	f.put(t, "exports/a.csv", ordersCSV)
	refused := DocID("exports/a.csv", 2)
	d.item = func(_ int, id string) (int, string) {
		if id == refused {
			return 400, "mapper_parsing_exception"
		}
		return 0, ""
	}
	x := newIndexer(t, f, srv, nil)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := x.Run(ctx)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "mapper_parsing_exception") || st.Refused != 1 || st.Indexed != 2 {
		t.Fatalf("stats %+v err %v", st, err)
	}
	// The rest stands: the object is done and not read again.
	if cp := f.checkpoint(t, "state/csvindex.json"); len(cp.Done) != 1 {
		t.Errorf("checkpoint %+v", cp)
	}
}

func TestStopsBeforeTheDeadlineAndContinues(t *testing.T) {
	f := newFakeS3(t)
	d, srv := newFakeDomain(t)
	var b strings.Builder
	b.WriteString("id,name\n")
	for i := 0; i < 100; i++ {
		b.WriteString("1,abcdefghijklmnopqrstuvwxyz\n")
	}
	f.put(t, "exports/a.csv", b.String())
	f.put(t, "exports/b.csv", "id\n1\n")
	x := newIndexer(t, f, srv, nil)
	x.MaxBulkBytes = 1000
	calls := 0
	// The deadline comes after the third check.
	x.Until = func(time.Time) time.Duration {
		calls++
		if calls > 3 {
			return 0
		}
		return time.Hour
	}
	st := run(t, x)
	if !st.More || st.Objects != 0 || st.Indexed == 0 || st.Indexed >= 100 {
		t.Fatalf("first run %+v", st)
	}
	first := st.Indexed
	cp := f.checkpoint(t, "state/csvindex.json")
	if cp.Resume == nil || cp.Resume.Key != "exports/a.csv" || cp.Resume.Line != first+1 {
		t.Fatalf("checkpoint %+v", cp)
	}
	x.Until = nil
	st = run(t, x)
	if st.More || st.Objects != 2 || st.Indexed != 100-first+1 {
		t.Errorf("second run %+v (first indexed %d)", st, first)
	}
	if n := d.count("exports"); n != 101 {
		t.Errorf("%d documents, want 101", n)
	}
	if cp := f.checkpoint(t, "state/csvindex.json"); cp.Resume != nil || len(cp.Done) != 2 {
		t.Errorf("checkpoint %+v", cp)
	}
}

func TestFromEnv(t *testing.T) {
	_, err := fromEnv(func(k string) string {
		return map[string]string{"INDEX_ROTATION": "hourly", "SCHEMA": "a:int,b:money,:int", "LOOKBACK": "soon"}[k]
	})
	for _, want := range []string{"BUCKET is empty", "CHECKPOINT_KEY is empty", "DOMAIN_ENDPOINT is empty", "INDEX is empty",
		"INDEX_ROTATION hourly", `type "money"`, `":int"`, "LOOKBACK soon"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not say %q", err, want)
		}
	}
	x, err := fromEnv(func(k string) string {
		return map[string]string{"BUCKET": "b", "CHECKPOINT_KEY": "c", "DOMAIN_ENDPOINT": "d", "INDEX": "i", "SUFFIX": "*", "INDEX_ROTATION": "Monthly", "MARGIN": "2m"}[k]
	})
	if err != nil || x.Suffix != "" || x.Rotation != Monthly || x.Margin != 2*time.Minute || x.Lookback != time.Hour {
		t.Errorf("%+v %v", x, err)
	}
}
