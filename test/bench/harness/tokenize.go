package harness

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"regexp"
	"sync"

	"github.com/cdk-data-patterns/patterns/test/bench/fakeddb"
	"github.com/cdk-data-patterns/patterns/test/bench/fakekms"
	"github.com/cdk-data-patterns/patterns/test/bench/gen"
)

// kmsFake is the fake KMS as a harness Fake.
type kmsFake struct{ *fakekms.Server }

func (f kmsFake) Env() []string { return []string{"AWS_ENDPOINT_URL_KMS=" + f.URL} }

var kmsServer struct {
	sync.Mutex
	s *fakekms.Server
}

func init() {
	RegisterFake("vault-table", startWriteTable("vault-table", gen.VaultTable, gen.VaultKey))
	RegisterFake("fakekms", func() (Fake, error) {
		s, err := fakekms.Start()
		if err != nil {
			return nil, err
		}
		kmsServer.Lock()
		kmsServer.s = s
		kmsServer.Unlock()
		return kmsFake{s}, nil
	})
	RegisterCheck("tokenize", checkTokenize)
}

var randomToken = regexp.MustCompile(`^tok_[A-Za-z0-9_-]{24}$`)

// vaultAAD is functions/tokenize's additional data of an item (envelope.go).
func vaultAAD(table, token string, ctx []byte) []byte {
	b := []byte("tokenvault/v1\x00")
	for _, p := range [][]byte{[]byte(table), []byte(token), ctx} {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// openItems decrypts the item of each token as functions/tokenize's
// detokenize would: the data key through the fake KMS (with the vault's
// encryption context), then AES-256-GCM under the item's additional data.
func openItems(who string, tokens []string, items map[string]map[string]any) ([]string, error) {
	kmsServer.Lock()
	k := kmsServer.s
	kmsServer.Unlock()
	ectx := map[string]string{"tokenvault:table": gen.VaultTable}
	cctx := []byte(`{"purpose":"` + gen.VaultPurpose + `"}`)
	out := make([]string, len(tokens))
	seen := map[string]bool{}
	for i, t := range tokens {
		if !randomToken.MatchString(t) || seen[t] {
			return nil, fmt.Errorf("%s token %d %q: not a new random token", who, i, t)
		}
		seen[t] = true
		it := items[t]
		if len(it) != 6 {
			return nil, fmt.Errorf("%s token %d: item of %d attributes, want 6 (token, ciphertext, dataKey, keyId, context, created)", who, i, len(it))
		}
		attr := func(name, typ string) string {
			m, _ := it[name].(map[string]any)
			s, _ := m[typ].(string)
			return s
		}
		if attr("context", "S") != string(cctx) || attr("keyId", "S") != fakekms.KeyARN || attr("created", "S") == "" {
			return nil, fmt.Errorf("%s token %d: context %q keyId %q created %q", who, i, attr("context", "S"), attr("keyId", "S"), attr("created", "S"))
		}
		blob, err1 := base64.StdEncoding.DecodeString(attr("dataKey", "B"))
		ct, err2 := base64.StdEncoding.DecodeString(attr("ciphertext", "B"))
		if err1 != nil || err2 != nil || len(ct) < 1+12+16 || ct[0] != 1 {
			return nil, fmt.Errorf("%s token %d: dataKey or ciphertext malformed", who, i)
		}
		key, err := k.DataKey(blob, ectx)
		if err != nil {
			return nil, fmt.Errorf("%s token %d: the data key does not decrypt under the vault's encryption context", who, i)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("%s token %d: data key: %v", who, i, err)
		}
		aead, _ := cipher.NewGCM(block)
		plain, err := aead.Open(nil, ct[1:13], ct[13:], vaultAAD(gen.VaultTable, t, cctx))
		if err != nil {
			return nil, fmt.Errorf("%s token %d: the ciphertext fails authentication under (table, token, context)", who, i)
		}
		out[i] = string(plain)
	}
	return out, nil
}

// checkTokenize: both returned one distinct random token per value; each
// token's vault item holds the value sealed as functions/tokenize seals it
// (the check decrypts it through the fake KMS and AES-GCM with the item's
// additional data), and the i-th value under Go's i-th token equals the
// i-th under the peer's; no DynamoDB or KMS error, no Decrypt, and each
// put wrote a new item.
func checkTokenize(goLast, pyLast []byte) Verdict {
	var g, p struct{ Tokens []string }
	if err := json.Unmarshal(goLast, &g); err != nil || len(g.Tokens) == 0 {
		return Verdict{Summary: fmt.Sprintf("Go response is not {\"tokens\": [...]}: %.200s", goLast)}
	}
	gi, pi, gs, ps, err := runTables("vault-table", pyLast != nil)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	stats := func(who string, s fakeddb.Stats) string {
		if s.Errors > 0 || s.ConditionFailed > 0 || s.Updates > 0 || s.Written != s.Puts || s.Puts == 0 {
			return fmt.Sprintf("%s: %d PutItem, %d written, %d refused, %d UpdateItem, %d errors (last %s)", who, s.Puts, s.Written, s.ConditionFailed, s.Updates, s.Errors, s.LastError)
		}
		return ""
	}
	if msg := stats("Go", gs); msg != "" {
		return Verdict{Summary: msg}
	}
	kmsServer.Lock()
	k := kmsServer.s
	kmsServer.Unlock()
	gk, pk := k.Counts(), fakekms.Counts{}
	if pyLast != nil {
		gk, pk = k.Previous(), k.Counts()
	}
	if gk.GenerateDataKey == 0 || gk.Decrypt > 0 || gk.Errors > 0 {
		return Verdict{Summary: fmt.Sprintf("Go KMS calls: %+v", gk)}
	}
	gv, err := openItems("Go", g.Tokens, gi)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	sum := fmt.Sprintf("same: %d tokens, the values decrypt from the vault items; %d PutItem, %d GenerateDataKey (Go)", len(g.Tokens), gs.Puts, gk.GenerateDataKey)
	if pyLast == nil {
		return Verdict{Summary: sum, Match: true, GoOK: len(g.Tokens)}
	}
	if err := json.Unmarshal(pyLast, &p); err != nil || len(p.Tokens) == 0 {
		return Verdict{Summary: fmt.Sprintf("Python response is not {\"tokens\": [...]}: %.200s", pyLast)}
	}
	if msg := stats("Python", ps); msg != "" {
		return Verdict{Summary: msg}
	}
	if pk.GenerateDataKey == 0 || pk.Decrypt > 0 || pk.Errors > 0 {
		return Verdict{Summary: fmt.Sprintf("Python KMS calls: %+v", pk)}
	}
	pv, err := openItems("Python", p.Tokens, pi)
	if err != nil {
		return Verdict{Summary: err.Error()}
	}
	if len(gv) != len(pv) {
		return Verdict{Summary: fmt.Sprintf("differ: Go %d tokens, Python %d", len(gv), len(pv))}
	}
	for i := range gv {
		if gv[i] != pv[i] {
			return Verdict{Summary: fmt.Sprintf("differ: value %d under Go's token is not the one under Python's", i)}
		}
	}
	return Verdict{Summary: sum, Match: true, GoOK: len(g.Tokens)}
}
