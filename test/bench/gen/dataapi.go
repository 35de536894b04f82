package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
)

// The data API of the bench: one Athena query, GET /orders, as
// constructs/dataapi hands it to the function in SPEC (its default page
// sizes: 100, at most 999).
const (
	OrdersCustomer = "C-1042"
	OrdersRows     = 2500 // rows of the result: more than a page, so every answer has a next-page token
	DataAPIWG      = "data-api"
	DataAPIDB      = "sales"
	macKeyARN      = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-0000000000ac" // fakekms.MACKeyARN
	callerARN      = "arn:aws:sts::123456789012:assumed-role/Analyst/analyst"
)

// OrdersSpec is the SPEC of the bench's data API. The note_length parameter
// is the bench's knob: the fake Athena answers rows whose note is that
// long, which sets the bytes of a page.
func OrdersSpec() query.Spec {
	lo, hi := int64(0), int64(10_000)
	return query.Spec{Backend: query.Athena, DefaultPageSize: 100, MaxPageSize: query.MaxPageSize, TokenTTLSeconds: 3600,
		Queries: []query.Query{{
			Name: "orders",
			SQL: "SELECT order_id, customer_id, order_date, amount, status, note FROM orders" +
				" WHERE customer_id = :customer_id AND order_date BETWEEN :from AND :to AND length(note) = :note_length ORDER BY order_id",
			Params: []query.Param{
				{Name: "customer_id", Type: query.String, Pattern: `C-[0-9]{1,8}`},
				{Name: "from", Type: query.Date},
				{Name: "to", Type: query.Date},
				{Name: "note_length", Type: query.Int, Min: &lo, Max: &hi, Default: "40"},
			},
		}}}
}

// OrdersColumns are the result's columns and Athena types.
var OrdersColumns = [][2]string{{"order_id", "bigint"}, {"customer_id", "varchar"}, {"order_date", "date"},
	{"amount", "double"}, {"status", "varchar"}, {"note", "varchar"}}

const noteText = "Leave the parcel at the door, ring twice; fragile: glassware inside. Invoice to the billing address on file. "

// OrderRow is row i (1-based) of the result for customer with notes of
// noteLen bytes, as Athena's text (nil for NULL: every 50th amount).
func OrderRow(customer string, noteLen, i int) []*string {
	s := func(v string) *string { return &v }
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%90)
	var amount *string
	if i%50 != 0 {
		amount = s(strconv.FormatFloat(float64(i*7919%100000)/100, 'g', -1, 64))
	}
	notes := strings.Repeat(noteText, noteLen/len(noteText)+2)
	off := i % len(noteText)
	return []*string{s(strconv.Itoa(100000 + i)), s(customer), s(day.Format(time.DateOnly)), amount,
		s([]string{"placed", "paid", "shipped", "delivered", "returned"}[i%5]), s(notes[off : off+noteLen])}
}

func init() { Register("dataapi", dataAPI) }

// dataAPI is a first-page request (no page_token) of GET /orders through
// API Gateway's REST proxy integration, signed by an IAM caller: the
// function checks and binds the parameters, starts the Athena query, polls
// it once (the fake answers SUCCEEDED), reads one page of page_size rows
// (GetQueryResults) and signs the next-page token (KMS GenerateMac). MB/s
// counts the response body (the JSON of the page), which is what the API
// serves; the event itself is about 2 KB. The body is sized with the page
// (999 rows, the most a page may hold) and the note column's length; at 6
// MB the rows are 6 KB each and the proxy response (the body as a JSON
// string) still fits Lambda's 6 MB response.
func dataAPI(rng *rand.Rand, size int) (Case, error) {
	spec, err := json.Marshal(OrdersSpec())
	if err != nil {
		return Case{}, err
	}
	c := Case{
		Fakes:     []string{"fakeathena", "fakekms"},
		Check:     "dataapi",
		PyModules: []string{"boto3"},
		Env: []string{"SPEC=" + string(spec), "MAC_KEY_ID=" + macKeyARN, "ATHENA_WORKGROUP=" + DataAPIWG,
			"ATHENA_CATALOG=AwsDataCatalog", "DATABASE=" + DataAPIDB,
			"AWS_ACCESS_KEY_ID=AKIDBENCH", "AWS_SECRET_ACCESS_KEY=bench", "AWS_EC2_METADATA_DISABLED=true"},
		Unit: "response body (one page of rows)",
	}
	// The body for a page of n rows with notes of l bytes, as the handler
	// renders it (encoding/json; the token as long as the real one).
	body := func(n, l int) int {
		rows := make([][]any, n)
		for i := range rows {
			cells := OrderRow(OrdersCustomer, l, i+1)
			row := make([]any, len(cells))
			for j, v := range cells {
				switch {
				case v == nil:
				case j == 0:
					row[j], _ = strconv.ParseInt(*v, 10, 64)
				case j == 3:
					row[j], _ = strconv.ParseFloat(*v, 64)
				default:
					row[j] = *v
				}
			}
			rows[i] = row
		}
		cols := make([]string, len(OrdersColumns))
		for i, c := range OrdersColumns {
			cols[i] = c[0]
		}
		b, _ := json.Marshal(map[string]any{"query": "orders", "columns": cols, "rows": rows, "nextPageToken": strings.Repeat("t", 330)})
		return len(b)
	}
	pageSize, noteLen := query.MaxPageSize, 0
	if base := body(pageSize, 0); base > size {
		noteLen = 20
		pageSize = max(1, size/(body(100, noteLen)/100))
		for pageSize > 1 && body(pageSize, noteLen) > size {
			pageSize--
		}
	} else {
		noteLen = (size - base) / pageSize
		for noteLen > 0 && body(pageSize, noteLen) > size {
			noteLen--
		}
	}
	c.Bytes, c.Records = body(pageSize, noteLen), pageSize
	q := map[string]string{"customer_id": OrdersCustomer, "from": "2026-01-01", "to": "2026-03-31",
		"note_length": strconv.Itoa(noteLen), "page_size": strconv.Itoa(pageSize)}
	mq := map[string][]string{}
	for k, v := range q {
		mq[k] = []string{v}
	}
	ev := map[string]any{
		"resource": "/orders", "path": "/orders", "httpMethod": "GET",
		"headers": map[string]string{"Host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "X-Amz-Date": "20261206T040000Z",
			"Authorization": "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261206/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000"},
		"multiValueHeaders":     map[string][]string{"Host": {"a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"}},
		"queryStringParameters": q, "multiValueQueryStringParameters": mq,
		"pathParameters": nil, "stageVariables": nil,
		"requestContext": map[string]any{
			"resourceId": "abc123", "resourcePath": "/orders", "httpMethod": "GET", "requestTime": "06/Dec/2026:04:00:00 +0000",
			"path": "/v1/orders", "accountId": "123456789012", "protocol": "HTTP/1.1", "stage": "v1",
			"requestTimeEpoch": 1796529600000, "requestId": fmt.Sprintf("c6af9ac6-7b61-11e6-9a41-%012x", rng.Uint64()>>16),
			"identity": map[string]any{"accountId": "123456789012", "caller": "AROAEXAMPLE:analyst", "sourceIp": "203.0.113.10",
				"accessKey": "ASIAEXAMPLE", "userArn": callerARN, "userAgent": "aws-sdk-go-v2/1.47.8", "user": "AROAEXAMPLE:analyst"},
			"domainName": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "apiId": "a1b2c3d4e5",
		},
		"body": nil, "isBase64Encoded": false,
	}
	if c.Event, err = json.Marshal(ev); err != nil {
		return Case{}, err
	}
	return c, nil
}
