package harness

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
	"github.com/cdk-data-patterns/patterns/test/bench/fakeathena"
	"github.com/cdk-data-patterns/patterns/test/bench/fakekms"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

type athenaFake struct{ *fakeathena.Server }

func (f athenaFake) Env() []string { return []string{"AWS_ENDPOINT_URL_ATHENA=" + f.URL} }

var athenaServer struct {
	sync.Mutex
	s *fakeathena.Server
}

var dateParam = regexp.MustCompile(`^CAST\('\d{4}-\d\d-\d\d' AS DATE\)$`)

// resolveOrders is the fake Athena's database: the bench's one query, sent
// exactly as compiled (the text with positional parameters), in the
// workgroup, catalog and database of the environment, with its four
// parameters as Athena literals; anything else is refused.
func resolveOrders(e fakeathena.Execution) (*fakeathena.Result, error) {
	spec := gen.OrdersSpec()
	q, err := query.Compile(spec.Queries[0], query.Athena)
	if err != nil {
		return nil, err
	}
	switch {
	case e.Query != q.Text:
		return nil, fmt.Errorf("unknown query %.100q", e.Query)
	case e.WorkGroup != gen.DataAPIWG || e.Database != gen.DataAPIDB || e.Catalog != "AwsDataCatalog":
		return nil, fmt.Errorf("workgroup %q catalog %q database %q", e.WorkGroup, e.Catalog, e.Database)
	case len(e.Parameters) != 4 || e.Parameters[0] != "'"+gen.OrdersCustomer+"'" ||
		!dateParam.MatchString(e.Parameters[1]) || !dateParam.MatchString(e.Parameters[2]):
		return nil, fmt.Errorf("execution parameters %q", e.Parameters)
	}
	n, err := strconv.Atoi(e.Parameters[3])
	if err != nil || n < 0 || n > 10_000 {
		return nil, fmt.Errorf("note_length %q", e.Parameters[3])
	}
	r := &fakeathena.Result{Rows: gen.OrdersRows, Row: func(i int) []*string { return gen.OrderRow(gen.OrdersCustomer, n, i) }}
	for _, c := range gen.OrdersColumns {
		r.Columns = append(r.Columns, fakeathena.Column{Name: c[0], Type: c[1]})
	}
	return r, nil
}

func init() {
	RegisterFake("fakeathena", func() (Fake, error) {
		s, err := fakeathena.Start(resolveOrders)
		if err != nil {
			return nil, err
		}
		athenaServer.Lock()
		athenaServer.s = s
		athenaServer.Unlock()
		return athenaFake{s}, nil
	})
	RegisterCheck("dataapi", checkDataAPI)
}

type proxyResponse struct {
	StatusCode int               `json:"statusCode"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
}

type pageBody struct {
	Query         string   `json:"query"`
	Columns       []string `json:"columns"`
	Rows          [][]any  `json:"rows"`
	NextPageToken string   `json:"nextPageToken"`
}

type cursor struct {
	Q string `json:"q"`
	E string `json:"e"`
	N string `json:"n"`
	O int    `json:"o"`
	B string `json:"b"`
	X int64  `json:"x"`
}

// openPage decodes a proxy response and verifies its next-page token with
// the fake KMS's HMAC key, as the function's VerifyMac would.
func openPage(who string, raw []byte) (pageBody, cursor, error) {
	var r proxyResponse
	var p pageBody
	var c cursor
	if err := json.Unmarshal(raw, &r); err != nil || r.StatusCode != 200 {
		return p, c, fmt.Errorf("%s: not a 200 proxy response: %.300s", who, raw)
	}
	if r.Headers["Content-Type"] != "application/json" || r.Headers["Cache-Control"] != "no-store" {
		return p, c, fmt.Errorf("%s: headers %v", who, r.Headers)
	}
	if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
		return p, c, fmt.Errorf("%s: body is not a page: %v", who, err)
	}
	want := make([]string, len(gen.OrdersColumns))
	for i, col := range gen.OrdersColumns {
		want[i] = col[0]
	}
	if p.Query != "orders" || !reflect.DeepEqual(p.Columns, want) || len(p.Rows) == 0 {
		return p, c, fmt.Errorf("%s: query %q, columns %v, %d rows", who, p.Query, p.Columns, len(p.Rows))
	}
	payload, sig, ok := strings.Cut(p.NextPageToken, ".")
	mac, err := base64.RawURLEncoding.DecodeString(sig)
	d := sha256.Sum256([]byte(payload))
	if !ok || err != nil || !hmac.Equal(mac, fakekms.MAC(d[:])) {
		return p, c, fmt.Errorf("%s: nextPageToken %.60q is not signed by the MAC key", who, p.NextPageToken)
	}
	cj, err := base64.RawURLEncoding.DecodeString(payload)
	if err == nil {
		err = json.Unmarshal(cj, &c)
	}
	if err != nil || c.Q != "orders" || c.E == "" || c.N != strconv.Itoa(len(p.Rows)+1) || c.O != 0 || len(c.B) != 32 ||
		c.X < time.Now().Unix()+3000 {
		return p, c, fmt.Errorf("%s: cursor %s", who, cj)
	}
	return p, c, nil
}

// checkDataAPI: both answered 200 with the same page (the same rows, as
// JSON values), each with a next-page token signed by the fake KMS key
// whose cursor names the query, the next Athena row and the same binding
// (caller, page size, values); the fake Athena saw no refused call and KMS
// signed.
func checkDataAPI(goLast, pyLast []byte) Verdict {
	gp, gc, err := openPage("Go", goLast)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	athenaServer.Lock()
	a := athenaServer.s
	athenaServer.Unlock()
	kmsServer.Lock()
	k := kmsServer.s
	kmsServer.Unlock()
	ga, gk := a.Counts(), k.Counts()
	if pyLast != nil {
		ga, gk = a.Previous(), k.Previous()
	}
	counts := func(who string, ac fakeathena.Counts, kc fakekms.Counts) string {
		if ac.Errors > 0 || ac.Start == 0 || ac.Results != ac.Start || kc.GenerateMac != ac.Start || kc.Errors > 0 {
			return fmt.Sprintf("%s: Athena %+v, KMS %+v", who, ac, kc)
		}
		return ""
	}
	if msg := counts("Go", ga, gk); msg != "" {
		return Verdict{Summary: msg}
	}
	sum := fmt.Sprintf("same: 200, %d rows, next-page token verified; %d queries, %d rows read (Go)", len(gp.Rows), ga.Start, ga.RowsServed)
	if pyLast == nil {
		return Verdict{Summary: sum, Match: true, GoOK: len(gp.Rows)}
	}
	pp, pc, err := openPage("Python", pyLast)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	if msg := counts("Python", a.Counts(), k.Counts()); msg != "" {
		return Verdict{Summary: msg}
	}
	if !reflect.DeepEqual(gp.Rows, pp.Rows) {
		for i := range min(len(gp.Rows), len(pp.Rows)) {
			if !reflect.DeepEqual(gp.Rows[i], pp.Rows[i]) {
				return Verdict{Summary: fmt.Sprintf("differ: row %d: Go %v, Python %v", i, gp.Rows[i], pp.Rows[i])}
			}
		}
		return Verdict{Summary: fmt.Sprintf("differ: Go %d rows, Python %d", len(gp.Rows), len(pp.Rows))}
	}
	if gc.B != pc.B || gc.N != pc.N {
		return Verdict{Summary: fmt.Sprintf("differ: cursors Go %+v, Python %+v", gc, pc)}
	}
	return Verdict{Summary: sum, Match: true, GoOK: len(gp.Rows)}
}
