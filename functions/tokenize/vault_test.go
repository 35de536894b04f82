package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/stretchr/testify/require"
)

var purpose = map[string]string{"purpose": "billing"}

func TestRoundTripRandomTokens(t *testing.T) {
	v, k, d := testVault(nil)
	values := []string{"4111 1111 1111 1111", "Kim Minji", "4111 1111 1111 1111", "ü€𝄞"}
	tokens := mustTokenize(t, v, values, purpose)
	require.Len(t, tokens, 4)
	for _, tok := range tokens {
		require.True(t, ValidToken(tok), tok)
		require.True(t, strings.HasPrefix(tok, RandomPrefix))
	}
	require.NotEqual(t, tokens[0], tokens[2], "random tokens of the same value differ")
	require.Equal(t, 4, d.puts)
	require.Equal(t, 1, k.generates, "one data key for the batch")

	got, notFound, err := v.Detokenize(context.Background(), tokens, purpose)
	require.NoError(t, err)
	require.Empty(t, notFound)
	for i := range values {
		require.Equal(t, values[i], *got[i])
	}
	require.Equal(t, 1, k.decrypts, "one KMS Decrypt for the batch")

	// The stored item: no plaintext anywhere, the encrypted data key, the
	// key ARN, the context and the creation time.
	it := d.items[tokens[1]]
	for name, a := range it {
		if b, ok := a.(*ddbtypes.AttributeValueMemberB); ok {
			require.False(t, bytes.Contains(b.Value, []byte("Kim")), name)
		} else {
			require.NotContains(t, str(a), "Kim", name)
		}
	}
	require.Equal(t, "blob-1", string(bin(it[attrDataKey])))
	require.Equal(t, testKey, str(it[attrKeyID]))
	require.Equal(t, `{"purpose":"billing"}`, str(it[attrContext]))
	require.Equal(t, "2026-12-06T03:00:00Z", str(it[attrCreated]))
	require.Len(t, bin(it[attrCiphertext]), 1+12+len("Kim Minji")+16)
}

func TestDeterministicTokens(t *testing.T) {
	key := bytes.Repeat([]byte("k"), 64)
	v, _, d := testVault(key)
	a := mustTokenize(t, v, []string{"Kim Minji", "Lee Jun", "Kim Minji"}, purpose)
	require.Equal(t, a[0], a[2])
	require.NotEqual(t, a[0], a[1])
	require.True(t, strings.HasPrefix(a[0], DeterministicPrefix))
	require.Equal(t, 2, d.puts, "the repeated value is written once")

	// Again (a warm function, or another one): same tokens, the existing
	// items are kept (the put's condition fails and is not an error).
	before := bin(d.items[a[0]][attrCiphertext])
	b := mustTokenize(t, v, []string{"Lee Jun", "Kim Minji"}, purpose)
	require.Equal(t, []string{a[1], a[0]}, b)
	require.Equal(t, before, bin(d.items[a[0]][attrCiphertext]))

	// Another context or another key: other tokens.
	other := mustTokenize(t, v, []string{"Kim Minji"}, map[string]string{"purpose": "marketing"})
	require.NotEqual(t, a[0], other[0])
	v2, _, _ := testVault(bytes.Repeat([]byte("j"), 64))
	require.NotEqual(t, a[0], mustTokenize(t, v2, []string{"Kim Minji"}, purpose)[0])

	got, notFound, err := v.Detokenize(context.Background(), []string{a[0], other[0]}, purpose)
	require.NoError(t, err)
	require.Equal(t, "Kim Minji", *got[0])
	require.Nil(t, got[1])
	require.Equal(t, []int{1}, notFound, "a token of another purpose is not found")
}

func TestDetokenizeNotFoundAndContext(t *testing.T) {
	v, _, _ := testVault(nil)
	tokens := mustTokenize(t, v, []string{"a", "b"}, purpose)
	unknown := RandomPrefix + strings.Repeat("A", tokenChars)
	got, notFound, err := v.Detokenize(context.Background(), []string{unknown, tokens[1], tokens[0], tokens[1]}, purpose)
	require.NoError(t, err)
	require.Equal(t, []int{0}, notFound)
	require.Nil(t, got[0])
	require.Equal(t, "b", *got[1])
	require.Equal(t, "a", *got[2])
	require.Equal(t, "b", *got[3])

	// Without the context (or with another) nothing is found.
	got, notFound, err = v.Detokenize(context.Background(), tokens, nil)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1}, notFound)
	require.Equal(t, []*string{nil, nil}, got)
}

func TestTamperedItemsFailAuthentication(t *testing.T) {
	v, _, d := testVault(nil)
	tokens := mustTokenize(t, v, []string{"secret-1", "secret-2"}, purpose)

	// A ciphertext moved to another token: the token is in the AAD.
	d.items[tokens[0]][attrCiphertext] = d.items[tokens[1]][attrCiphertext]
	_, _, err := v.Detokenize(context.Background(), tokens[:1], purpose)
	require.ErrorIs(t, err, ErrIntegrity)

	// A flipped bit.
	ct := bytes.Clone(bin(d.items[tokens[1]][attrCiphertext]))
	ct[len(ct)-1] ^= 1
	d.items[tokens[1]][attrCiphertext] = &ddbtypes.AttributeValueMemberB{Value: ct}
	_, _, err = v.Detokenize(context.Background(), tokens[1:], purpose)
	require.ErrorIs(t, err, ErrIntegrity)

	// A stored context changed to the caller's: the AAD still holds the
	// original one.
	v3, _, d3 := testVault(nil)
	tok := mustTokenize(t, v3, []string{"x"}, purpose)
	d3.items[tok[0]][attrContext] = &ddbtypes.AttributeValueMemberS{Value: `{"purpose":"marketing"}`}
	_, _, err = v3.Detokenize(context.Background(), tok, map[string]string{"purpose": "marketing"})
	require.ErrorIs(t, err, ErrIntegrity)

	// Another table's vault cannot read the item (AAD and KMS context).
	v4, _, d4 := testVault(nil)
	tok = mustTokenize(t, v4, []string{"y"}, nil)
	v4.Table = "other-table"
	_, err = v4.decryptKey(context.Background(), bin(d4.items[tok[0]][attrDataKey]))
	require.ErrorContains(t, err, "invalid ciphertext")
}

func TestDataKeyCacheLimits(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	v, k, _ := testVault(nil)
	v.Cache = newKeyCache(CacheLimits{MaxAge: time.Minute, MaxUses: 3, MaxEntries: 2}, func() time.Time { return now })

	// Seven values, three per key: three data keys.
	tokens := mustTokenize(t, v, []string{"1", "2", "3", "4", "5", "6", "7"}, nil)
	require.Equal(t, 3, k.generates)
	// An old key is not used again however few uses it had.
	now = now.Add(time.Minute)
	mustTokenize(t, v, []string{"8"}, nil)
	require.Equal(t, 4, k.generates)

	// Decryption: three distinct data keys, at most two cached.
	_, _, err := v.Detokenize(context.Background(), tokens, nil)
	require.NoError(t, err)
	require.Equal(t, 3, k.decrypts)
	require.Equal(t, 2, v.Cache.size())
	_, _, err = v.Detokenize(context.Background(), tokens[6:], nil)
	require.NoError(t, err)
	require.Equal(t, 3, k.decrypts, "the newest key is cached")
	now = now.Add(time.Minute)
	_, _, err = v.Detokenize(context.Background(), tokens[6:], nil)
	require.NoError(t, err)
	require.Equal(t, 4, k.decrypts, "an expired key is decrypted again")

	// MaxUses 1: a KMS call per value.
	v.Cache = newKeyCache(CacheLimits{MaxAge: time.Minute, MaxUses: 1, MaxEntries: 10}, func() time.Time { return now })
	mustTokenize(t, v, []string{"a", "b"}, nil)
	require.Equal(t, 6, k.generates)
}

// repeatReader returns the same bytes forever: every random token is the
// same, so each put after the first collides.
type repeatReader struct{ b byte }

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.b
	}
	return len(p), nil
}

// seqReader returns 0x00..., then 0x01..., one byte value per Read.
type seqReader struct{ n byte }

func (r *seqReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = r.n
	}
	r.n++
	return len(p), nil
}

func TestRandomTokenCollision(t *testing.T) {
	v, _, d := testVault(nil)
	v.Writers = 1
	v.Rand = repeatReader{7}
	mustTokenize(t, v, []string{"first"}, nil)
	_, err := v.Tokenize(context.Background(), []string{"second"}, nil)
	require.ErrorContains(t, err, "random token collided 3 times")
	require.Len(t, d.items, 1)

	// A collision that a second draw resolves: the new token is returned
	// and its item decrypts (the value was sealed again for it).
	v2, _, d2 := testVault(nil)
	v2.Rand = &seqReader{}
	first := mustTokenize(t, v2, []string{"first"}, nil) // token bytes 0x00, nonce 0x01
	v2.Rand = &seqReader{}
	second := mustTokenize(t, v2, []string{"second"}, nil) // 0x00 collides, then 0x02
	require.NotEqual(t, first, second)
	require.Len(t, d2.items, 2)
	got, _, err := v2.Detokenize(context.Background(), second, nil)
	require.NoError(t, err)
	require.Equal(t, "second", *got[0])
}

func TestUnprocessedKeysAreRetried(t *testing.T) {
	v, _, d := testVault(nil)
	tokens := mustTokenize(t, v, []string{"a", "b", "c"}, nil)
	d.unprocessed = 2
	got, notFound, err := v.Detokenize(context.Background(), tokens, nil)
	require.NoError(t, err)
	require.Empty(t, notFound)
	require.Equal(t, "c", *got[2])
	require.Equal(t, 3, d.batchGets)

	d.unprocessed, d.batchGets = 100, 0
	_, _, err = v.Detokenize(context.Background(), tokens, nil)
	require.ErrorContains(t, err, "still unprocessed after 6 rounds")
	require.Equal(t, maxBatchGetRounds, d.batchGets)
}

func TestKMSErrorsFailTheRequest(t *testing.T) {
	v, k, _ := testVault(nil)
	k.failWith = errors.New("AccessDeniedException")
	_, err := v.Tokenize(context.Background(), []string{"a"}, nil)
	require.ErrorContains(t, err, "kms GenerateDataKey: AccessDeniedException")
	k.failWith = nil
	tokens := mustTokenize(t, v, []string{"a"}, nil)
	v.Cache = newKeyCache(DefaultCacheLimits, nil)
	k.failWith = errors.New("AccessDeniedException")
	_, _, err = v.Detokenize(context.Background(), tokens, nil)
	require.ErrorContains(t, err, "kms Decrypt: AccessDeniedException")
}

func TestBatchOfMaxValues(t *testing.T) {
	v, _, d := testVault(nil)
	values := make([]string, MaxValues)
	for i := range values {
		values[i] = fmt.Sprintf("value-%03d", i)
	}
	tokens := mustTokenize(t, v, values, nil)
	require.Len(t, d.items, MaxValues)
	got, _, err := v.Detokenize(context.Background(), tokens, nil)
	require.NoError(t, err)
	for i := range values {
		require.Equal(t, values[i], *got[i])
	}
	require.Equal(t, 1, d.batchGets)
}
