package fakeddb

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"maps"
	"math/big"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Table is a loopback DynamoDB table with a string partition key that takes
// writes, for the handlers that write (functions/devicelatest's conditional
// UpdateItem, functions/tokenize's conditional PutItem) and their Python
// peers: PutItem and UpdateItem with condition expressions (OR, AND, NOT,
// parentheses, = <> < <= > >=, attribute_exists, attribute_not_exists,
// size(), over S, N and B attributes), "SET a = :v, ..." updates, and
// BatchGetItem with a ProjectionExpression. It answers as DynamoDB does
// (JSON 1.0, X-Amz-Target DynamoDB_20120810.<Operation>, a
// ConditionalCheckFailedException for a condition that does not hold, a
// ValidationException for placeholders defined and not used), so the Go
// SDK and boto3 both decode its answers as they would the service's.
//
// Reset keeps the table of the run that just ended as Previous and starts
// an empty one, so that a harness comparing two runtimes can look at both.
type Table struct {
	URL  string
	Name string
	Key  string

	mu         sync.Mutex
	items      map[string]map[string]any
	prev       map[string]map[string]any
	stats      Stats
	prevStats  Stats
	srv        *http.Server
	maxRequest int
}

// Stats counts what the clients of one run asked for.
type Stats struct {
	Requests        int
	Puts, Updates   int // PutItem and UpdateItem calls
	Written         int // writes whose condition held
	ConditionFailed int
	BatchGets       int
	Errors          int // answered with an error other than ConditionalCheckFailed
	LastError       string
}

// StartTable serves an empty table name with partition key key (type S).
func StartTable(name, key string) (*Table, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	t := &Table{URL: "http://" + ln.Addr().String(), Name: name, Key: key, items: map[string]map[string]any{}}
	t.srv = &http.Server{Handler: t}
	go t.srv.Serve(ln)
	return t, nil
}

// Close stops the server.
func (t *Table) Close() error { return t.srv.Close() }

// Reset keeps the current items and stats as Previous and empties the table.
func (t *Table) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.prev, t.prevStats = t.items, t.stats
	t.items, t.stats = map[string]map[string]any{}, Stats{}
}

// Items returns a copy of the items (DynamoDB JSON) by key value, and the
// stats, of the current run.
func (t *Table) Items() (map[string]map[string]any, Stats) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return clone(t.items), t.stats
}

// Previous returns the items and stats of the run before the last Reset.
func (t *Table) Previous() (map[string]map[string]any, Stats) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return clone(t.prev), t.prevStats
}

func clone(m map[string]map[string]any) map[string]map[string]any {
	out := make(map[string]map[string]any, len(m))
	for k, v := range m {
		out[k] = maps.Clone(v)
	}
	return out
}

// apiError is an error answer: its type (without the service prefix) and
// message.
type apiError struct{ typ, msg string }

func (e *apiError) Error() string { return e.typ + ": " + e.msg }

func validation(format string, a ...any) error {
	return &apiError{"ValidationException", fmt.Sprintf(format, a...)}
}

var errCondition = &apiError{"ConditionalCheckFailedException", "The conditional request failed"}

func (t *Table) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	target := r.Header.Get("X-Amz-Target")
	op, ok := strings.CutPrefix(target, "DynamoDB_20120810.")
	var body bytes.Buffer
	_, _ = body.ReadFrom(r.Body)
	t.mu.Lock()
	t.stats.Requests++
	var out any
	var err error
	switch {
	case !ok || r.Method != http.MethodPost:
		err = &apiError{"UnknownOperationException", "not a DynamoDB request: " + target}
	case op == "PutItem":
		t.stats.Puts++
		err = t.putItem(body.Bytes())
		out = struct{}{}
	case op == "UpdateItem":
		t.stats.Updates++
		err = t.updateItem(body.Bytes())
		out = struct{}{}
	case op == "BatchGetItem":
		t.stats.BatchGets++
		out, err = t.batchGetItem(body.Bytes())
	default:
		err = &apiError{"UnknownOperationException", op + " is not served by this fake"}
	}
	switch {
	case err == errCondition:
		t.stats.ConditionFailed++
	case err != nil:
		t.stats.Errors++
		t.stats.LastError = err.Error()
	}
	t.mu.Unlock()
	if err != nil {
		e, ok := err.(*apiError)
		if !ok {
			e = &apiError{"ValidationException", err.Error()}
		}
		writeCRC(w, http.StatusBadRequest, fmt.Appendf(nil, `{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":%q}`, e.typ, e.msg))
		return
	}
	b, _ := json.Marshal(out)
	writeCRC(w, http.StatusOK, b)
}

// writeCRC answers with DynamoDB's X-Amz-Crc32 header: the Go SDK checks
// it, and without it logs a warning and drops the connection after every
// response (a new TCP connection per request).
func writeCRC(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("X-Amz-Crc32", strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

type writeRequest struct {
	TableName                 string
	Item                      map[string]map[string]any
	Key                       map[string]map[string]any
	UpdateExpression          string
	ConditionExpression       string
	ExpressionAttributeNames  map[string]string
	ExpressionAttributeValues map[string]map[string]any
	ReturnValues              string
}

func (t *Table) decodeWrite(body []byte) (*writeRequest, *exprContext, error) {
	var in writeRequest
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, nil, &apiError{"SerializationException", err.Error()}
	}
	if in.TableName != t.Name {
		return nil, nil, &apiError{"ResourceNotFoundException", "Requested resource not found: " + in.TableName}
	}
	if in.ReturnValues != "" && in.ReturnValues != "NONE" {
		return nil, nil, validation("fake: ReturnValues %s not supported", in.ReturnValues)
	}
	values := map[string]map[string]any{}
	for k, v := range in.ExpressionAttributeValues {
		values[k] = v
	}
	return &in, &exprContext{names: in.ExpressionAttributeNames, values: values, used: map[string]bool{}}, nil
}

func (t *Table) keyOf(item map[string]map[string]any, exact bool) (string, error) {
	k, ok := item[t.Key]["S"].(string)
	if !ok || k == "" || (exact && len(item) != 1) {
		return "", validation("The provided key element does not match the schema")
	}
	return k, nil
}

func (t *Table) putItem(body []byte) error {
	in, ctx, err := t.decodeWrite(body)
	if err != nil {
		return err
	}
	if in.Item == nil || in.UpdateExpression != "" {
		return validation("PutItem needs an Item and takes no UpdateExpression")
	}
	key, err := t.keyOf(in.Item, false)
	if err != nil {
		return err
	}
	if err := checkValues(in.Item); err != nil {
		return err
	}
	pass := true
	if in.ConditionExpression != "" {
		if pass, err = evalCondition(in.ConditionExpression, t.items[key], ctx); err != nil {
			return err
		}
	}
	if err := ctx.unused(); err != nil {
		return err
	}
	if !pass {
		return errCondition
	}
	item := make(map[string]any, len(in.Item))
	for k, v := range in.Item {
		item[k] = v
	}
	t.items[key] = item
	t.stats.Written++
	return nil
}

func (t *Table) updateItem(body []byte) error {
	in, ctx, err := t.decodeWrite(body)
	if err != nil {
		return err
	}
	key, err := t.keyOf(in.Key, true)
	if err != nil {
		return err
	}
	old := t.items[key]
	pass := true
	if in.ConditionExpression != "" {
		if pass, err = evalCondition(in.ConditionExpression, old, ctx); err != nil {
			return err
		}
	}
	updated := maps.Clone(old)
	if updated == nil {
		updated = map[string]any{t.Key: in.Key[t.Key]}
	}
	if err := applySet(in.UpdateExpression, updated, t.Key, ctx); err != nil {
		return err
	}
	if err := ctx.unused(); err != nil {
		return err
	}
	if !pass {
		return errCondition
	}
	t.items[key] = updated
	t.stats.Written++
	return nil
}

func (t *Table) batchGetItem(body []byte) (any, error) {
	var in struct {
		RequestItems map[string]struct {
			Keys                     []map[string]map[string]any
			ConsistentRead           *bool
			ProjectionExpression     string
			ExpressionAttributeNames map[string]string
		}
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, &apiError{"SerializationException", err.Error()}
	}
	ka, ok := in.RequestItems[t.Name]
	if len(in.RequestItems) != 1 || !ok {
		return nil, &apiError{"ResourceNotFoundException", "Requested resource not found"}
	}
	if len(ka.Keys) == 0 || len(ka.Keys) > 100 {
		return nil, validation("1 to 100 keys")
	}
	var project []string
	if ka.ProjectionExpression != "" {
		ctx := &exprContext{names: ka.ExpressionAttributeNames, used: map[string]bool{}}
		for _, p := range strings.Split(ka.ProjectionExpression, ",") {
			p = strings.TrimSpace(p)
			if strings.HasPrefix(p, "#") {
				n, err := ctx.name(p)
				if err != nil {
					return nil, err
				}
				p = n
			}
			project = append(project, p)
		}
		if err := ctx.unused(); err != nil {
			return nil, err
		}
	}
	seen := map[string]bool{}
	found := make([]map[string]any, 0, len(ka.Keys))
	for _, k := range ka.Keys {
		key, err := t.keyOf(k, true)
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, validation("Provided list of item keys contains duplicates")
		}
		seen[key] = true
		it, ok := t.items[key]
		if !ok {
			continue
		}
		if project != nil {
			p := map[string]any{}
			for _, a := range project {
				if v, ok := it[a]; ok {
					p[a] = v
				}
			}
			it = p
		}
		found = append(found, it)
	}
	return map[string]any{"Responses": map[string]any{t.Name: found}, "UnprocessedKeys": map[string]any{}}, nil
}

// checkValues refuses attribute values that are not one of the scalar
// types this fake compares, or not well formed.
func checkValues(item map[string]map[string]any) error {
	for name, v := range item {
		if len(v) != 1 {
			return validation("attribute %s: one type per value", name)
		}
		for typ, x := range v {
			switch typ {
			case "S", "N":
				if _, ok := x.(string); !ok {
					return validation("attribute %s: %s must be a string", name, typ)
				}
			case "B":
				s, ok := x.(string)
				if _, err := base64.StdEncoding.DecodeString(s); !ok || err != nil {
					return validation("attribute %s: B must be base64", name)
				}
			case "BOOL", "NULL", "M", "L", "SS", "NS", "BS":
			default:
				return validation("attribute %s: unknown type %s", name, typ)
			}
		}
	}
	return nil
}

// The expressions: the grammar of functions/devicelatest's fake table
// (expression_test.go) over DynamoDB JSON values.

type exprContext struct {
	names  map[string]string
	values map[string]map[string]any
	used   map[string]bool
}

func (c *exprContext) name(tok string) (string, error) {
	n, ok := c.names[tok]
	if !ok {
		return "", validation("An expression attribute name used in the document path is not defined; attribute name: %s", tok)
	}
	c.used[tok] = true
	return n, nil
}

func (c *exprContext) value(tok string) (map[string]any, error) {
	v, ok := c.values[tok]
	if !ok {
		return nil, validation("An expression attribute value used in expression is not defined; attribute value: %s", tok)
	}
	c.used[tok] = true
	return v, nil
}

func (c *exprContext) unused() error {
	for k := range c.names {
		if !c.used[k] {
			return validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {%s}", k)
		}
	}
	for k := range c.values {
		if !c.used[k] {
			return validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {%s}", k)
		}
	}
	return nil
}

func tokenize(expr string) []string {
	var toks []string
	for i := 0; i < len(expr); {
		c := rune(expr[i])
		switch {
		case unicode.IsSpace(c):
			i++
		case strings.ContainsRune("(),", c):
			toks = append(toks, string(c))
			i++
		case strings.ContainsRune("<>=", c):
			j := i + 1
			if j < len(expr) && strings.ContainsRune("<>=", rune(expr[j])) {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		default:
			j := i
			for j < len(expr) && !unicode.IsSpace(rune(expr[j])) && !strings.ContainsRune("(),<>=", rune(expr[j])) {
				j++
			}
			toks = append(toks, expr[i:j])
			i = j
		}
	}
	return toks
}

type condParser struct {
	toks []string
	pos  int
	item map[string]any
	ctx  *exprContext
}

func (p *condParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *condParser) next() string { t := p.peek(); p.pos++; return t }

func (p *condParser) expect(tok string) error {
	if got := p.next(); got != tok {
		return validation("Invalid ConditionExpression: expected %q, got %q", tok, got)
	}
	return nil
}

func evalCondition(expr string, item map[string]any, ctx *exprContext) (bool, error) {
	p := &condParser{toks: tokenize(expr), item: item, ctx: ctx}
	ok, err := p.or()
	if err == nil && p.pos != len(p.toks) {
		err = validation("Invalid ConditionExpression: unexpected %q", p.peek())
	}
	return ok, err
}

func (p *condParser) or() (bool, error) {
	v, err := p.and()
	for err == nil && strings.EqualFold(p.peek(), "OR") {
		p.next()
		var w bool
		w, err = p.and()
		v = v || w
	}
	return v, err
}

func (p *condParser) and() (bool, error) {
	v, err := p.not()
	for err == nil && strings.EqualFold(p.peek(), "AND") {
		p.next()
		var w bool
		w, err = p.not()
		v = v && w
	}
	return v, err
}

func (p *condParser) not() (bool, error) {
	if strings.EqualFold(p.peek(), "NOT") {
		p.next()
		v, err := p.not()
		return !v, err
	}
	return p.primary()
}

func (p *condParser) primary() (bool, error) {
	switch tok := p.peek(); tok {
	case "(":
		p.next()
		v, err := p.or()
		if err == nil {
			err = p.expect(")")
		}
		return v, err
	case "attribute_exists", "attribute_not_exists":
		p.next()
		if err := p.expect("("); err != nil {
			return false, err
		}
		name, err := p.path(p.next())
		if err != nil {
			return false, err
		}
		if err := p.expect(")"); err != nil {
			return false, err
		}
		_, exists := p.item[name]
		return exists == (tok == "attribute_exists"), nil
	}
	left, err := p.operand()
	if err != nil {
		return false, err
	}
	op := p.next()
	right, err := p.operand()
	if err != nil {
		return false, err
	}
	return compare(left, op, right)
}

// path resolves a #name placeholder or a plain attribute name.
func (p *condParser) path(tok string) (string, error) {
	if strings.HasPrefix(tok, "#") {
		return p.ctx.name(tok)
	}
	if tok == "" || strings.ContainsAny(tok, ":()") {
		return "", validation("Invalid ConditionExpression: unexpected %q", tok)
	}
	return tok, nil
}

// operand returns nil for a missing attribute.
func (p *condParser) operand() (map[string]any, error) {
	tok := p.next()
	switch {
	case tok == "size":
		if err := p.expect("("); err != nil {
			return nil, err
		}
		v, err := p.operand()
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		if v == nil {
			return nil, nil
		}
		if s, ok := v["S"].(string); ok {
			return map[string]any{"N": fmt.Sprint(len(s))}, nil
		}
		if s, ok := v["B"].(string); ok {
			b, _ := base64.StdEncoding.DecodeString(s)
			return map[string]any{"N": fmt.Sprint(len(b))}, nil
		}
		return nil, validation("fake: size() of %v not supported", v)
	case strings.HasPrefix(tok, ":"):
		return p.ctx.value(tok)
	}
	name, err := p.path(tok)
	if err != nil {
		return nil, err
	}
	v, _ := p.item[name].(map[string]any)
	return v, nil
}

// compare follows DynamoDB: a missing attribute or operands of different
// types make any comparison false; S and B compare by bytes, N by value.
func compare(a map[string]any, op string, b map[string]any) (bool, error) {
	if a == nil || b == nil {
		return false, nil
	}
	var c int
	switch {
	case a["S"] != nil:
		bs, ok := b["S"].(string)
		if !ok {
			return false, nil
		}
		c = strings.Compare(a["S"].(string), bs)
	case a["B"] != nil:
		bs, ok := b["B"].(string)
		if !ok {
			return false, nil
		}
		x, _ := base64.StdEncoding.DecodeString(a["B"].(string))
		y, _ := base64.StdEncoding.DecodeString(bs)
		c = bytes.Compare(x, y)
	case a["N"] != nil:
		bn, ok := b["N"].(string)
		if !ok {
			return false, nil
		}
		x, okx := new(big.Rat).SetString(fmt.Sprint(a["N"]))
		y, oky := new(big.Rat).SetString(bn)
		if !okx || !oky {
			return false, validation("invalid number %v or %q", a["N"], bn)
		}
		c = x.Cmp(y)
	default:
		return false, validation("fake: comparing %v not supported", a)
	}
	switch op {
	case "=":
		return c == 0, nil
	case "<>":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return false, validation("Invalid ConditionExpression: unknown comparator %q", op)
}

// applySet applies "SET #a = :a, #b = :b" to item; setting the key is
// refused, as DynamoDB does.
func applySet(expr string, item map[string]any, key string, ctx *exprContext) error {
	rest, ok := strings.CutPrefix(strings.TrimSpace(expr), "SET ")
	if !ok {
		return validation("fake: only SET updates are supported, got %q", expr)
	}
	for _, assignment := range strings.Split(rest, ",") {
		left, right, ok := strings.Cut(assignment, "=")
		if !ok {
			return validation("Invalid UpdateExpression: %q", assignment)
		}
		l := strings.TrimSpace(left)
		name := l
		if strings.HasPrefix(l, "#") {
			var err error
			if name, err = ctx.name(l); err != nil {
				return err
			}
		}
		if name == key {
			return validation("Cannot update attribute %s. This attribute is part of the key", name)
		}
		v, err := ctx.value(strings.TrimSpace(right))
		if err != nil {
			return err
		}
		item[name] = v
	}
	return nil
}
