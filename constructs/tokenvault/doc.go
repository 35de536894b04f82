// Package tokenvault replaces sensitive values with tokens and keeps the
// values in an encrypted vault (catalogue SEC-10, tokenization-vault).
//
// Scenario: an order application must store and show customers' card
// numbers, national ids and names, yet its databases, logs, analytics and
// most of its staff should never see them. The application sends the values
// to the vault and stores the tokens it gets back; the few services that
// really need a value (payment, a support screen) detokenize. Only the vault
// can turn a token back into a value, so the PII exposure shrinks to the
// vault and the detokenize permission.
//
//	application (GrantTokenize) ──invoke──▶ Tokenize function (role: dynamodb:PutItem,
//	   {"op":"tokenize","values":[…]}          kms:GenerateDataKey with context tokenvault:table=<table>)
//	                                            │ token = "tok_"+random 144 bits (or "tokd_"+HMAC, Deterministic)
//	                                            │ AES-256-GCM under a cached KMS data key, AAD = table+token+context
//	                                            ▼
//	   vault table (DynamoDB, on-demand, PITR, StorageKey, retained): token → ciphertext,
//	   encrypted data key, key ARN, context, created
//	                                            ▲
//	payment service (GrantDetokenize) ─invoke─▶ Detokenize function (role: dynamodb:BatchGetItem/GetItem,
//	   {"op":"detokenize","tokens":[…]}         kms:Decrypt with the same context)
//
//	envelope Key (customer managed, rotating, retained): key policy denies data-key
//	generation to all but the tokenize role, decryption to all but the detokenize role,
//	re-encryption to everyone; CloudTrail records every use with the table in its context.
//
// New creates, by default: the envelope key and a storage key (table, logs,
// secret), both rotating and retained; the table (partition key "token",
// on-demand, point-in-time recovery, deletion protection, retained); and the
// two functions from one Go binary (functions/tokenize, arm64, 256 MB, 30 s,
// logs kept one year, encrypted), each with its own role. Tokenizing and
// detokenizing are separate permissions: GrantTokenize and GrantDetokenize
// give lambda:InvokeFunction on one function each, and the key policy makes
// sure that no other principal of the account generates or decrypts the
// vault's data keys, whatever its IAM policies say. Props add deterministic
// tokens (an HMAC key generated into Secrets Manager), a VPC with an
// HTTPS-only security group, and optionally the vault's own DynamoDB
// gateway and KMS / Secrets Manager interface endpoints with policies that
// allow only the vault's table, key and secret.
//
// Why this design: a token is random (nothing about the value can be
// learned or brute-forced from it) unless the caller asks for deterministic
// tokens, which reveal equality (needed for joins and counts) but nothing
// else without the HMAC key. The deterministic token is itself the table's
// key, so concurrent requests for a new value agree through one conditional
// put; the notes' alternative, a lookup index on a keyed hash, is eventually
// consistent and would let two requests create two tokens for one value.
// The encryption context binds each data key to the vault table in KMS (and
// in CloudTrail), and the GCM additional data binds each ciphertext to its
// table, token and purpose context, so items cannot be swapped or replayed
// under another token or purpose. Data keys are cached (at most
// DataKeyMaxUses values and DataKeyMaxAge, like the AWS Encryption SDK's
// caching materials manager), so KMS is called about once per thousand
// values, not per value, and stays within its request quotas. The
// functions are invoked synchronously by the application, which handles an
// error itself: there is no retry and no dead-letter queue.
//
// What the notes got wrong, and what is done instead: the notes encrypt with
// the "DynamoDB client-side encryption library" inside a Lambda layer. That
// library is now the AWS Database Encryption SDK for DynamoDB, and it has no
// Go implementation, so the function does
// the same envelope encryption itself: AES-256-GCM from the Go standard
// library under KMS data keys (GenerateDataKey with an encryption context),
// the encrypted data key stored with the item, a bounded data-key cache. A
// layer is not needed either: the Go binary carries its code. The notes'
// Cognito, API Gateway and order Lambda are the application's side and not
// part of this construct (the vault is invoked with lambda:InvokeFunction;
// put an API in front of it when callers are outside AWS). The notes'
// "salting" (random salt stored with a hash) does not make a token that can
// be detokenized; random tokens replace it.
//
// In a VPC (Props.Vpc): both functions run in the chosen subnets (isolated
// ones by default) behind one security group without inbound rules and with
// HTTPS out only. The subnets need a DynamoDB gateway endpoint and KMS (and,
// with Deterministic, Secrets Manager) interface endpoints, which
// Props.Endpoints creates. Those endpoints are the VPC's: the gateway
// endpoint's policy applies to all DynamoDB traffic of the subnets' route
// tables and the private DNS of the interface endpoints to the whole VPC, so
// use Endpoints for subnets (a VPC) dedicated to the vault; in a shared VPC
// that already has endpoints, leave it off (constructs/datavpc makes such a
// VPC).
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): Table with TableProps; AWS managed keys (alias/aws/...) as
// EncryptionKey or StorageKey; one key for both; TableProps with another
// partition key, a sort key, non customer managed encryption, an encryption
// key (use StorageKey), point-in-time recovery off, a TTL attribute, or
// RemovalPolicy DESTROY without the sandbox switch; DataKeyMaxAge outside
// 1 s to 1 h or not whole seconds; DataKeyMaxUses outside 1 to 1,000,000;
// MemorySize outside 128 to 10240; negative ReservedConcurrency; INFINITE
// log retention; VpcSubnets or Endpoints without Vpc; a Vpc whose subnet
// selection resolves to no subnet.
//
// Not covered: rotating the HMAC key (a new key means new tokens: a data
// migration), re-encrypting items under a new KMS key (KMS key rotation
// keeps old key material, so items stay readable), deleting tokens (right to
// erasure: delete the item with a principal you grant dynamodb:DeleteItem),
// and cross-account callers (add a resource policy with the function's
// AddPermission).
//
// Retention: the table, both keys and the secret are retained; with the
// sandbox switch they are DESTROY and the table has no deletion protection.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on both roles' policies in a VPC
// only (Resource::*, the EC2 network-interface actions Lambda needs to
// attach to a VPC, which have no resource-level form); AwsSolutions-SMG4 on
// the HMAC secret (rotation would change every deterministic token).
// Control Tower: outside a VPC the functions are covered by the
// CT.LAMBDA.PR.3 exemption for "Function/Resource" (functions that only call
// AWS APIs); with Props.Vpc they satisfy it.
package tokenvault
