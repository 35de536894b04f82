package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Table is the part of the DynamoDB API the function calls.
type Table interface {
	BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
}

// Limits of the lookups.
const (
	// BatchKeys is BatchGetItem's limit of keys per request.
	BatchKeys = 100
	// MaxKeyBytes is DynamoDB's limit for a partition key value; a longer
	// value is not looked up.
	MaxKeyBytes = 2048
	// MaxAttempts bounds the requests for one batch of keys: DynamoDB
	// returns keys it did not get to (throttling, or a response over 16 MB)
	// as UnprocessedKeys, which are asked again after a backoff.
	MaxAttempts = 5
	// CacheMaxEntries and CacheMaxBytes bound the cache kept across
	// invocations (oldest entries go first).
	CacheMaxEntries = 20_000
	CacheMaxBytes   = 16 << 20
)

// errSkipped fails the keys of the batches left after one failed, so that
// an unavailable table costs one failed request per invocation, not one
// per batch of keys.
var errSkipped = errors.New("not looked up after an earlier DynamoDB failure")

// Lookup reads items by partition key with BatchGetItem, and keeps them
// (and the keys without an item) for TTL across invocations.
type Lookup struct {
	Table     Table
	TableName string
	KeyName   string
	TTL       time.Duration // 0: no cache across invocations

	// Backoff gives the pause before the n-th retry of unprocessed keys
	// (n from 1); nil is 50 ms doubling up to 1 s, with jitter.
	Backoff func(n int) time.Duration

	mu    sync.Mutex
	cache map[string]cacheEntry
	order []cacheRef // insertion order, for eviction
	bytes int
	gen   uint64
}

type cacheEntry struct {
	item    []byte // the item as JSON; nil: no item
	expires time.Time
	gen     uint64
}

type cacheRef struct {
	key string
	gen uint64
}

// result is what a key's lookup gave within one invocation.
type result struct {
	item []byte // nil: no item
	err  error  // the lookup failed
}

// LookupStats count an invocation's lookups.
type LookupStats struct {
	Keys       int // distinct keys needed
	CacheHits  int // of them, found in the cache across invocations
	Requests   int // BatchGetItem requests
	Retries    int // of them, retries of unprocessed keys
	FailedKeys int // keys whose lookup failed
	FirstError string
}

// invocation is one invocation's view: every key is looked up once.
type invocation struct {
	l       *Lookup
	now     time.Time
	results map[string]result
	stats   LookupStats
	failed  bool // a request failed: send no more
}

func (l *Lookup) begin(now time.Time) *invocation {
	return &invocation{l: l, now: now, results: map[string]result{}}
}

func defaultBackoff(n int) time.Duration {
	d := 50 * time.Millisecond << (n - 1)
	if d > time.Second || d <= 0 {
		d = time.Second
	}
	return d/2 + rand.N(d/2+1) // between half and all of d
}

// get returns what is known of key; ok is false when it was not looked up.
func (inv *invocation) get(key string) (result, bool) {
	r, ok := inv.results[key]
	return r, ok
}

// fetch makes sure every key has a result: from this invocation, from the
// cache, or from DynamoDB, in requests of up to BatchKeys keys.
func (inv *invocation) fetch(ctx context.Context, keys []string) {
	var missing []string
	for _, k := range keys {
		if _, done := inv.results[k]; done {
			continue
		}
		inv.stats.Keys++
		if item, ok := inv.l.cached(k, inv.now); ok {
			inv.results[k] = result{item: item}
			inv.stats.CacheHits++
			continue
		}
		inv.results[k] = result{err: errSkipped} // until looked up; also dedupes keys
		missing = append(missing, k)
	}
	for len(missing) > 0 {
		n := min(len(missing), BatchKeys)
		inv.batch(ctx, missing[:n])
		missing = missing[n:]
	}
}

// batch looks up at most BatchKeys distinct keys.
func (inv *invocation) batch(ctx context.Context, keys []string) {
	fail := func(keys []string, err error) {
		for _, k := range keys {
			inv.results[k] = result{err: err}
		}
		inv.stats.FailedKeys += len(keys)
		if inv.stats.FirstError == "" {
			inv.stats.FirstError = err.Error()
		}
	}
	if inv.failed {
		fail(keys, errSkipped)
		return
	}
	l := inv.l
	backoff := l.Backoff
	if backoff == nil {
		backoff = defaultBackoff
	}
	pending := make([]map[string]types.AttributeValue, len(keys))
	for i, k := range keys {
		pending[i] = map[string]types.AttributeValue{l.KeyName: &types.AttributeValueMemberS{Value: k}}
	}
	for attempt := 1; ; attempt++ {
		inv.stats.Requests++
		out, err := l.Table.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
			RequestItems: map[string]types.KeysAndAttributes{l.TableName: {Keys: pending}},
		})
		if err != nil {
			inv.failed = true
			fail(keyValues(pending, l.KeyName), fmt.Errorf("BatchGetItem: %w", err))
			return
		}
		for _, item := range out.Responses[l.TableName] {
			k, ok := item[l.KeyName].(*types.AttributeValueMemberS)
			if !ok {
				continue
			}
			json := appendItem(nil, item)
			inv.results[k.Value] = result{item: json}
			l.store(k.Value, json, inv.now)
		}
		next := out.UnprocessedKeys[l.TableName].Keys
		// Requested, not returned, not unprocessed: there is no item.
		unprocessed := make(map[string]bool, len(next))
		for _, k := range keyValues(next, l.KeyName) {
			unprocessed[k] = true
		}
		for _, k := range keyValues(pending, l.KeyName) {
			if r := inv.results[k]; r.err != nil && !unprocessed[k] {
				inv.results[k] = result{}
				l.store(k, nil, inv.now)
			}
		}
		if len(next) == 0 {
			return
		}
		if attempt == MaxAttempts {
			fail(keyValues(next, l.KeyName), fmt.Errorf("BatchGetItem: %d keys still unprocessed after %d attempts", len(next), MaxAttempts))
			return
		}
		inv.stats.Retries++
		t := time.NewTimer(backoff(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			inv.failed = true
			fail(keyValues(next, l.KeyName), fmt.Errorf("BatchGetItem: %d keys unprocessed: %w", len(next), ctx.Err()))
			return
		case <-t.C:
		}
		pending = next
	}
}

func keyValues(keys []map[string]types.AttributeValue, name string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if s, ok := k[name].(*types.AttributeValueMemberS); ok {
			out = append(out, s.Value)
		}
	}
	return out
}

// cached returns the cached item (nil: no item) of key.
func (l *Lookup) cached(key string, now time.Time) ([]byte, bool) {
	if l.TTL <= 0 {
		return nil, false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.cache[key]
	if !ok || !now.Before(e.expires) {
		return nil, false
	}
	return e.item, true
}

// store keeps key's item (nil: no item) until now+TTL, evicting the oldest
// entries beyond CacheMaxEntries or CacheMaxBytes.
func (l *Lookup) store(key string, item []byte, now time.Time) {
	if l.TTL <= 0 || len(item) > CacheMaxBytes/100 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cache == nil {
		l.cache = map[string]cacheEntry{}
	}
	if old, ok := l.cache[key]; ok {
		l.bytes -= len(key) + len(old.item)
	}
	l.gen++
	l.cache[key] = cacheEntry{item: item, expires: now.Add(l.TTL), gen: l.gen}
	l.order = append(l.order, cacheRef{key, l.gen})
	l.bytes += len(key) + len(item)
	for len(l.order) > 0 {
		ref := l.order[0]
		e, ok := l.cache[ref.key]
		current := ok && e.gen == ref.gen
		if current && len(l.cache) <= CacheMaxEntries && l.bytes <= CacheMaxBytes && now.Before(e.expires) {
			break
		}
		l.order = l.order[1:]
		if current {
			delete(l.cache, ref.key)
			l.bytes -= len(ref.key) + len(e.item)
		}
	}
}

// cacheLen is for tests.
func (l *Lookup) cacheLen() (int, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.cache), l.bytes
}

var _ Table = (*dynamodb.Client)(nil)
