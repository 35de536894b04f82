// Package gen builds the events test/bench times each handler on: a Firehose
// data-transformation event of about a given size (the bytes of the event
// JSON, base64 data included), deterministic, identical for the Go handler
// and its Python peer, with the environment both need.
package gen

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
)

// order is the table order of every data-path handler issue 21 names; the
// ones with a builder (Build's own or registered with Register) are Names.
var order = []string{"csvtojson", "piiredact", "eventshaper", "logenrich",
	"devicelatest", "logstoopensearch", "manifestcopy", "csvvalidate", "tokenize", "dataapi"}

// firehose are the Firehose transformation handlers Build makes events for
// itself.
var firehose = []string{"csvtojson", "piiredact", "eventshaper", "logenrich"}

// A Builder makes a handler's case of about size bytes from a deterministic
// source of randomness.
type Builder func(rng *rand.Rand, size int) (Case, error)

var builders = map[string]Builder{}

// Register adds the builder of handler, from an init function of the file
// that holds its events.
func Register(handler string, b Builder) {
	if !slices.Contains(order, handler) {
		panic("gen: " + handler + " is not a handler of issue 21")
	}
	builders[handler] = b
}

// Names are the handlers that have events, in table order.
func Names() []string {
	var out []string
	for _, h := range order {
		if slices.Contains(firehose, h) || builders[h] != nil {
			out = append(out, h)
		}
	}
	return out
}

// Case is one handler on one event.
type Case struct {
	Handler string
	Event   []byte   // the event JSON served on every /next
	Records int      // records (or values, rows, files) in it
	Env     []string // KEY=value for both runtimes (the harness adds its fakes' endpoints)
	Peer    string   // the peer's _HANDLER
	// Fakes are the loopback services (harness.RegisterFake names) both
	// runtimes call; their Env is added to both.
	Fakes []string
	// Check names the harness.RegisterCheck comparison of the two
	// responses; "" is the Firehose response comparison.
	Check string
	// Bytes is what MB/s counts, when not the event (the object a
	// csvvalidate run streams, say); Unit says what it is.
	Bytes int
	Unit  string
	// PyModules must be importable by the interpreter for the peer to run
	// (boto3, cryptography).
	PyModules []string
	// Floor is how the harness measures the least a Firehose transform
	// must do with this event (functions/internal/firehoseproc/floor):
	// FloorEnvelope (the envelope and base64 both ways), FloorGunzip (and
	// every record inflated), FloorJSON (and every record read once as
	// JSON), or "" for no floor.
	Floor string
}

// Floors of a Firehose case.
const (
	FloorEnvelope = "envelope"
	FloorGunzip   = "gunzip"
	FloorJSON     = "json"
)

// Table, Key and the key field of logenrich's fake DynamoDB table.
const (
	Table    = "app-users"
	TableKey = "user_id"
)

type record struct {
	RecordID    string `json:"recordId"`
	ArrivalTime int64  `json:"approximateArrivalTimestamp"`
	Data        []byte `json:"data"`
}

type event struct {
	InvocationID      string   `json:"invocationId"`
	DeliveryStreamArn string   `json:"deliveryStreamArn"`
	Region            string   `json:"region"`
	Records           []record `json:"records"`
}

// fill appends records made by next until the event would pass size bytes.
func fill(size int, next func(i int) []byte) ([]byte, int) {
	ev := event{InvocationID: "00000000-0000-4000-8000-000000000021",
		DeliveryStreamArn: "arn:aws:firehose:us-east-1:123456789012:deliverystream/bench", Region: "us-east-1"}
	total := 200
	for i := 0; ; i++ {
		data := next(i)
		r := record{RecordID: fmt.Sprintf("49659123456789012345678901234567890123456789012345%020d", i),
			ArrivalTime: 1795600800400 + int64(i), Data: data}
		cost := len(r.RecordID) + base64.StdEncoding.EncodedLen(len(data)) + 70 // {"recordId":"","approximateArrivalTimestamp":N,"data":""},
		if total+cost > size && i > 0 {
			break
		}
		total += cost
		ev.Records = append(ev.Records, r)
	}
	b, err := json.Marshal(ev)
	if err != nil {
		panic(err)
	}
	return b, len(ev.Records)
}

// Build makes the event of handler of about size bytes.
func Build(handler string, size int) (Case, error) {
	rng := rand.New(rand.NewPCG(21, uint64(size)))
	if b := builders[handler]; b != nil {
		c, err := b(rng, size)
		if err != nil {
			return Case{}, err
		}
		c.Handler = handler
		if c.Peer == "" {
			c.Peer = handler + ".lambda_handler"
		}
		return c, nil
	}
	c := Case{Handler: handler, Peer: handler + ".lambda_handler", Floor: FloorEnvelope}
	switch handler {
	case "csvtojson":
		// 100 rows a record with the header line first: the notes' handler
		// (csv.DictReader) needs it, the Go handler skips it (HEADER=auto).
		c.Env = []string{`COLUMNS=[{"name":"device_id","type":"string"},{"name":"ts","type":"timestamp"},{"name":"temperature","type":"double"},{"name":"humidity","type":"double"},{"name":"status","type":"string"}]`}
		c.Event, c.Records = fill(size, func(i int) []byte {
			var b bytes.Buffer
			b.WriteString("device_id,ts,temperature,humidity,status\n")
			for j := range 100 {
				status := "active"
				if rng.IntN(2) == 0 {
					status = "inactive"
				}
				fmt.Fprintf(&b, "sensor-%03d,2026-11-23T12:%02d:%02dZ,%.2f,%.1f,%s\n",
					1+rng.IntN(999), j%60, i%60, -20+65*rng.Float64(), 100*rng.Float64(), status)
			}
			return b.Bytes()
		})
	case "piiredact":
		// The IoT messages of functions/piiredact's benchmark: owner and
		// location in every one; a phone number in the note of one in
		// five, a card number and an e-mail address in one in ten.
		c.Env = []string{"REDACT_FIELDS=owner.email,owner.phone,location.lat,location.lon,ssn", "MODE=mask", "DETECT=true"}
		c.Floor = FloorJSON // a record is answered Ok only once read whole as JSON
		c.Event, c.Records = fill(size, func(i int) []byte {
			note := "heartbeat ok, firmware 4.2.17"
			switch {
			case i%10 == 0:
				note = fmt.Sprintf("paid with 4111 1111 1111 1111, receipt to user%d@example.com", i)
			case i%5 == 0:
				note = "call 010-9876-5432 if offline"
			}
			return fmt.Appendf(nil, `{"device":"th-%05d","ts":"2026-11-25T10:%02d:%02dZ","owner":{"name":"Kim Minji","email":"minji%d@example.kr","phone":"+82 10-1234-%04d"},`+
				`"location":{"lat":37.%04d,"lon":126.%04d,"site":"Seoul-3"},"ssn":"900101-1234567","metrics":{"temp_c":21.5,"humidity":40,"battery_mv":3712},"note":%q}`+"\n",
				i, i/60%60, i%60, i, i%10000, i%10000, i%10000, note)
		})
	case "eventshaper":
		// functions/eventshaper's benchmark events: nine complete in ten,
		// one with unknown fields and no occurred_at.
		c.Floor = FloorJSON
		c.Event, c.Records = fill(size, func(i int) []byte {
			if i%10 == 9 {
				return fmt.Appendf(nil, `{"event_id":"e-%08d","event_type":"skip","artist":{"id":"a-%d","name":"Daft Punk","genre":"electronic"},"track":{"id":"t-%d","title":"One More Time","duration_ms":320357},"user":{"id":"u-%d","country":"FR","device":"web"},"context":{"playlist_id":"p-1","position_ms":12000,"shuffle":true},"app_version":"8.4.1","experiments":["eq-v2","home-v7"]}`, i, i%500, i%2000, i%10000)
			}
			return fmt.Appendf(nil, `{"event_id":"e-%08d","event_type":"play","occurred_at":"2026-11-25T19:00:%02d.250+09:00","artist":{"id":"a-%d","name":"NewJeans"},"track":{"id":"t-%d","title":"Ditto","duration_ms":185000},"user":{"id":"u-%d","country":"KR","device":"ios"},"context":{"playlist_id":"p-9","position_ms":1000}}`+"\n", i, i%60, i%500, i%2000, i%10000)
		})
	case "logenrich":
		// One gzip-compressed CloudWatch Logs envelope a record, 20 JSON log
		// events each from 2,000 users (one in ten not in the table), with a
		// random trace id so that they compress about as real logs do.
		c.Fakes, c.PyModules, c.Floor = []string{"users-table"}, []string{"boto3"}, FloorGunzip
		c.Env = []string{"TABLE_NAME=" + Table, "TABLE_KEY=" + TableKey, "KEY_FIELD=user_id", "CACHE_TTL=60",
			"AWS_ACCESS_KEY_ID=AKIDBENCH", "AWS_SECRET_ACCESS_KEY=bench", "AWS_EC2_METADATA_DISABLED=true"}
		c.Event, c.Records = fill(size, func(i int) []byte {
			var msgs []map[string]any
			for j := range 20 {
				msg := fmt.Sprintf(`{"level":"INFO","msg":"payment accepted","user_id":"u-%d","order_id":"o-%d","amount":%d.%02d,"trace_id":"%016x%016x"}`,
					rng.IntN(2000), i*20+j, rng.IntN(500), rng.IntN(100), rng.Uint64(), rng.Uint64())
				msgs = append(msgs, map[string]any{"id": strconv.Itoa(38610093390000000 + i*20 + j),
					"timestamp": 1795600800000 + int64(i*1000+j), "message": msg})
			}
			env, _ := json.Marshal(map[string]any{"messageType": "DATA_MESSAGE", "owner": "123456789012",
				"logGroup": "/aws/lambda/checkout-api", "logStream": "2026/11/25/[$LATEST]7f3c0a9d",
				"subscriptionFilters": []string{"to-firehose"}, "logEvents": msgs})
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(env)
			zw.Close()
			return b.Bytes()
		})
	default:
		return Case{}, fmt.Errorf("no events for handler %q (have %v)", handler, Names())
	}
	return c, nil
}

// Items is logenrich's table: users u-0 to u-1999 except every tenth, in
// DynamoDB JSON.
func Items() map[string]map[string]any {
	items := map[string]map[string]any{}
	plans := []string{"free", "standard", "premium"}
	for i := range 2000 {
		if i%10 == 0 {
			continue
		}
		k := fmt.Sprintf("u-%d", i)
		items[k] = map[string]any{TableKey: map[string]string{"S": k}, "plan": map[string]string{"S": plans[i%3]},
			"since": map[string]string{"N": strconv.Itoa(2015 + i%10)}, "tenant": map[string]string{"S": fmt.Sprintf("t-%d", i%50)}}
	}
	return items
}
