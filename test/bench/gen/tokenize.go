package gen

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
)

// VaultTable is tokenize's vault table (fakeddb.Table, key "token"), and
// VaultContext the purpose binding of its requests.
const (
	VaultTable    = "token-vault"
	VaultKey      = "token"
	VaultPurpose  = "billing"
	vaultKeyARN   = "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000021" // fakekms.KeyARN
	maxVaultBytes = 4096                                                                          // functions/tokenize MaxValueBytes
	maxVaultVals  = 100                                                                           // functions/tokenize MaxValues
)

func init() { Register("tokenize", tokenize) }

// tokenize is a synchronous tokenize request at the function's limits:
// 100 values (MaxValues) of size/100 bytes, at most 4,096 bytes each
// (MaxValueBytes), so a request carries at most 409,600 bytes of values
// whatever size asks for: at 1 MB and 6 MB the case is capped there (Unit
// says so). MB/s counts the values' bytes. Each value is a free-text
// record (a customer's name, address and note, mostly ASCII with Hangul),
// which is what a 4 KB value of a vault looks like. Environment as
// constructs/tokenvault sets it for MODE=tokenize (no HMAC secret: random
// tokens), on the fake KMS key.
func tokenize(rng *rand.Rand, size int) (Case, error) {
	per := min(maxVaultBytes, size/maxVaultVals-4) // "...", per value
	words := []string{"Kim", "Minji", "Seoul", "Gangnam-gu", "Teheran-ro", "apt", "101-1203", "서울특별시", "강남구",
		"테헤란로", "note:", "deliver", "after", "6pm", "call", "010-9876-5432", "card", "4111-1111-1111-1111"}
	c := Case{
		Fakes: []string{"vault-table", "fakekms"},
		Check: "tokenize",
		// Not tokenize.py: on PYTHONPATH that would shadow the standard
		// library's tokenize module, which logging imports.
		Peer:      "tokenvault.lambda_handler",
		PyModules: []string{"boto3", "cryptography"},
		Env: []string{"MODE=tokenize", "TABLE_NAME=" + VaultTable, "KEY_ARN=" + vaultKeyARN,
			"DATA_KEY_MAX_AGE_SECONDS=300", "DATA_KEY_MAX_USES=1000",
			"AWS_ACCESS_KEY_ID=AKIDBENCH", "AWS_SECRET_ACCESS_KEY=bench", "AWS_EC2_METADATA_DISABLED=true"},
		Unit: "values tokenized",
	}
	if per == maxVaultBytes {
		c.Unit += " (capped at 100 values of 4,096 B, the handler's MaxValues × MaxValueBytes)"
	}
	values := make([]string, maxVaultVals)
	for i := range values {
		var b strings.Builder
		for b.Len() < per {
			w := words[rng.IntN(len(words))]
			if b.Len()+len(w)+1 > per {
				w = strings.Repeat("x", per-b.Len()-1)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		values[i] = b.String()
		c.Bytes += len(values[i])
	}
	ev, err := json.Marshal(map[string]any{"op": "tokenize", "values": values, "context": map[string]string{"purpose": VaultPurpose}})
	if err != nil {
		return Case{}, err
	}
	c.Event, c.Records = ev, len(values)
	return c, nil
}
