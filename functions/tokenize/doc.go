// Command tokenize is the Lambda function of constructs/tokenvault
// (catalogue SEC-10, tokenization-vault): it replaces sensitive values
// (card numbers, national ids, names) with tokens and keeps the values
// encrypted in a DynamoDB vault table, so that the application's own
// databases, logs and analytics hold only tokens.
//
// One binary, two deployed functions: MODE=tokenize and MODE=detokenize,
// each with its own role. The tokenize role may generate KMS data keys and
// put new items, never decrypt; the detokenize role may read items and
// decrypt data keys, never write. A caller allowed to invoke one function
// is not thereby allowed to invoke the other.
//
// Events (synchronous invoke; at most MaxValues values or tokens, values of
// 1 to MaxValueBytes bytes of UTF-8, events of at most MaxEventBytes):
//
//	{"op":"tokenize","values":["4111 1111 1111 1111"],"context":{"purpose":"billing"}}
//	→ {"tokens":["tok_3q2-7wAAAQEBAgICAwMDBAQE"]}
//	{"op":"detokenize","tokens":["tok_3q2-7wAAAQEBAgICAwMDBAQE","tok_…"],"context":{"purpose":"billing"}}
//	→ {"values":["4111 1111 1111 1111",null],"notFound":[1]}
//
// A refused request fails the invocation with errorType RequestError and a
// message naming the problem, never a value. The context (up to 8 keys) is
// the purpose binding: it is stored with the item and authenticated with
// the ciphertext, and detokenize must present the same context; a token
// stored under another purpose is reported as not found.
//
// Tokens: "tok_" and 18 random bytes (crypto/rand) as base64url, with no
// relation to the value. With HMAC_SECRET_ARN (deterministic mode) the token
// is "tokd_" and the first 18 bytes of HMAC-SHA256 under a secret key of
// the context and value, so equal values give equal tokens (joins and
// counts on tokens work) and nobody without the key can compute one. The
// deterministic token is the item's key, so two concurrent requests for a
// new value race on one conditional put and agree on the token, which a
// lookup index (eventually consistent) could not guarantee.
//
// Envelope encryption: each value is sealed with AES-256-GCM under a KMS
// data key (GenerateDataKey, AES_256, encryption context
// {"tokenvault:table": <table>}); the item keeps the encrypted data key, the
// KMS key ARN, the context and the creation time. The GCM additional data
// binds the ciphertext to the table, the token and the context, so a
// ciphertext copied to another item fails authentication (ErrIntegrity).
// Plaintext data keys are cached like the AWS Encryption SDK's caching
// materials manager: an encryption key for at most DATA_KEY_MAX_USES values
// and DATA_KEY_MAX_AGE_SECONDS, decryption keys for the same age and at
// most DATA_KEY_CACHE_ENTRIES of them (DefaultCacheLimits: 1,000 values,
// 5 minutes, 1,000 keys). Dropped keys are zeroed, which is best effort in
// Go (the cipher keeps its own key schedule until collected).
//
// The AWS Database Encryption SDK for DynamoDB (formerly the DynamoDB
// Encryption Client, the notes' "client-side encryption library") has no
// Go implementation, so this function does the same envelope encryption
// itself with the standard library's AES-GCM and the KMS API.
//
// Configuration (environment): MODE, TABLE_NAME, KEY_ARN, HMAC_SECRET_ARN
// (tokenize only, optional), DATA_KEY_MAX_AGE_SECONDS, DATA_KEY_MAX_USES,
// DATA_KEY_CACHE_ENTRIES, WRITERS (PutItem calls in flight, 16).
package main
