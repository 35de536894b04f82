package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"Order ID": "order_id", "orderId": "order_id", " \ufeffCustomer-Name ": "customer_name", "HTTPStatus": "http_status",
		"e-mail": "e_mail", "Total (EUR)": "total_eur", "already_snake": "already_snake", "a__b": "a_b", "Col1": "col1",
		"!!": "", "Größe": "größe", "userID2x": "user_id2x",
	} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaders(t *testing.T) {
	got := Headers([]string{"a_2", "A", "a", "", "Name", "name"})
	want := []string{"a_2", "a", "a_3", "column_4", "name", "name_2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Headers = %v, want %v", got, want)
	}
}

func TestRowsCleans(t *testing.T) {
	c := Cleaner{Schema: Schema{"n": Integer, "x": Float, "at": Timestamp}, Extra: `"k":"v"`}
	var rows []Row
	headers, err := c.Rows(strings.NewReader("N, X ,At,Note\n\n 1_000 , 2.5e3 ,2026-12-05,\" hi \"\n,,,\n1,2,3,4,5\n"), func(r Row) bool {
		rows = append(rows, r)
		return true
	})
	if err != nil || !reflect.DeepEqual(headers, []string{"n", "x", "at", "note"}) {
		t.Fatalf("headers %v err %v", headers, err)
	}
	if len(rows) != 3 {
		t.Fatalf("rows %+v", rows)
	}
	var doc map[string]any
	if err := json.Unmarshal(rows[0].Doc, &doc); err != nil || rows[0].Line != 3 {
		t.Fatalf("%s line %d: %v", rows[0].Doc, rows[0].Line, err)
	}
	want := map[string]any{"n": 1000.0, "x": 2500.0, "at": "2026-12-05T00:00:00Z", "note": "hi", "k": "v"}
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("doc %v, want %v", doc, want)
	}
	if rows[1].Dropped != "empty" || !strings.HasPrefix(rows[2].Dropped, "malformed") {
		t.Errorf("rows %+v", rows[1:])
	}
}

func TestGroupingAndNumbers(t *testing.T) {
	for in, want := range map[string]string{"1,234": "1234", "12,34": "12,34", "-1,000.5": "-1000.5", "1_000_000": "1000000", "1,2345": "1,2345", ",100": ",100"} {
		if got := stripGrouping(in); got != want {
			t.Errorf("stripGrouping(%q) = %q, want %q", in, got, want)
		}
	}
	for _, v := range []string{"NaN", "Inf", "1e999"} {
		if _, ok := appendValue(nil, Float, v); ok {
			t.Errorf("float %q accepted", v)
		}
	}
}

func TestParseSchema(t *testing.T) {
	s, err := ParseSchema(" Order ID : INT , amount:float,,")
	if err != nil || !reflect.DeepEqual(s, Schema{"order_id": Integer, "amount": Float}) {
		t.Errorf("%v %v", s, err)
	}
	if _, err := ParseSchema("a,b:date"); err == nil || !strings.Contains(err.Error(), `"a"`) || !strings.Contains(err.Error(), `"date"`) {
		t.Errorf("err %v", err)
	}
}
