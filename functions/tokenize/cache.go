package main

import (
	"context"
	"crypto/cipher"
	"sync"
	"time"
)

// CacheLimits bound how long and how often a plaintext data key is reused,
// like the AWS Encryption SDK's caching cryptographic materials manager:
// an encryption key serves at most MaxUses values and lives at most MaxAge;
// a decryption key (found by its encrypted blob) lives at most MaxAge, and
// at most MaxEntries of them are kept (the oldest goes first).
type CacheLimits struct {
	MaxAge     time.Duration
	MaxUses    int
	MaxEntries int
}

// DefaultCacheLimits: five minutes, 1,000 values per data key, 1,000
// decryption keys. A value encrypted with a cached key costs no KMS call;
// a KMS request per 1,000 values keeps KMS out of the request path and
// under its request quotas, while the five-minute bound limits how long a
// revoked key grant goes unnoticed and how much one leaked data key
// exposes. GCM with random nonces stays far below its 2^32-messages bound.
var DefaultCacheLimits = CacheLimits{MaxAge: 5 * time.Minute, MaxUses: 1000, MaxEntries: 1000}

// dataKey is a plaintext data key ready to use.
type dataKey struct {
	aead    cipher.AEAD
	plain   []byte // zeroed when the key leaves the cache
	blob    []byte // the encrypted data key, stored with each item
	keyID   string // the KMS key ARN that encrypted it
	created time.Time
	uses    int
}

func (k *dataKey) wipe() { clear(k.plain) }

// keyCache holds the current encryption key and recent decryption keys.
type keyCache struct {
	limits CacheLimits
	now    func() time.Time

	mu    sync.Mutex
	enc   *dataKey
	dec   map[string]*dataKey
	order []string // decryption keys, oldest first
	// Counters of KMS calls, for logs and tests.
	generated, decrypted int
}

func newKeyCache(l CacheLimits, now func() time.Time) *keyCache {
	if now == nil {
		now = time.Now
	}
	return &keyCache{limits: l, now: now, dec: map[string]*dataKey{}}
}

func (c *keyCache) fresh(k *dataKey, t time.Time) bool {
	return t.Sub(k.created) < c.limits.MaxAge
}

// encryptionKey returns a data key for one more value, asking gen for a new
// one when the current key is too old or used up. The lock is held across
// gen, so concurrent requests of a warm function share one KMS call.
func (c *keyCache) encryptionKey(ctx context.Context, gen func(context.Context) (*dataKey, error)) (*dataKey, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.now()
	if c.enc != nil && (!c.fresh(c.enc, t) || c.enc.uses >= c.limits.MaxUses) {
		c.enc.wipe()
		c.enc = nil
	}
	if c.enc == nil {
		k, err := gen(ctx)
		if err != nil {
			return nil, err
		}
		k.created = t
		c.enc = k
		c.generated++
	}
	c.enc.uses++
	return c.enc, nil
}

// decryptionKey returns the plaintext key of blob, asking dec (KMS Decrypt)
// when it is not cached or too old.
func (c *keyCache) decryptionKey(ctx context.Context, blob []byte, dec func(context.Context, []byte) (*dataKey, error)) (*dataKey, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.now()
	id := string(blob)
	if k, ok := c.dec[id]; ok {
		if c.fresh(k, t) {
			k.uses++
			return k, nil
		}
		c.drop(id)
	}
	k, err := dec(ctx, blob)
	if err != nil {
		return nil, err
	}
	c.decrypted++
	k.created, k.uses = t, 1
	for len(c.order) >= c.limits.MaxEntries {
		c.drop(c.order[0])
	}
	c.dec[id] = k
	c.order = append(c.order, id)
	return k, nil
}

func (c *keyCache) drop(id string) {
	if k, ok := c.dec[id]; ok {
		k.wipe()
		delete(c.dec, id)
	}
	for i, o := range c.order {
		if o == id {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
}

// size is the number of cached decryption keys.
func (c *keyCache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.dec)
}

// calls returns how many data keys were generated and decrypted by KMS.
func (c *keyCache) calls() (generated, decrypted int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.generated, c.decrypted
}
