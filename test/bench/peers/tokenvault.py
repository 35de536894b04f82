"""Python peer of functions/tokenize (catalogue SEC-10, tokenization-vault), named tokenvault.py
because a tokenize.py on PYTHONPATH would shadow the standard library's tokenize module. The notes (seed 004)
describe the design (a tokenization layer that draws a random token, gets a KMS data key,
encrypts the value client-side and stores the ciphertext in a DynamoDB vault) but give no code,
so this is an idiomatic Python equivalent of the Go handler's documented behaviour
(functions/tokenize/doc.go), with boto3 and the `cryptography` package's AESGCM: the same event
({"op", "values" | "tokens", "context"}) and limits, the same tokens ("tok_" + 18 random bytes,
base64url), the same item (token, ciphertext = 0x01 | 12-byte nonce | AES-256-GCM, dataKey,
keyId, context, created) and additional data, data keys from kms.generate_data_key (AES_256,
encryption context {"tokenvault:table": table}) cached for DATA_KEY_MAX_USES values and
DATA_KEY_MAX_AGE_SECONDS, and one conditional put_item (attribute_not_exists(#t)) per value, WRITERS
(16) at a time from a thread pool, as the Go handler keeps 16 PutItem calls in flight. Random
tokens only (no HMAC_SECRET_ARN). The canonical context is json.dumps(sort_keys=True) without
spaces, which is Go's json.Marshal of the map for contexts without <, > or &.

MODE=detokenize is served too (batch_get_item with ConsistentRead, kms.decrypt with the same
context, AESGCM decrypt), for completeness; the bench times MODE=tokenize."""
import base64
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MODE = os.environ["MODE"]
TABLE = os.environ["TABLE_NAME"]
KEY_ARN = os.environ["KEY_ARN"]
MAX_AGE = int(os.environ.get("DATA_KEY_MAX_AGE_SECONDS", "300"))
MAX_USES = int(os.environ.get("DATA_KEY_MAX_USES", "1000"))
WRITERS = int(os.environ.get("WRITERS", "16"))
MAX_VALUES, MAX_VALUE_BYTES = 100, 4096  # the values' limits bound the event (1 MiB in Go)
KMS_CONTEXT = {"tokenvault:table": TABLE}

kms = boto3.client("kms")
ddb = boto3.client("dynamodb", config=Config(max_pool_connections=WRITERS))
pool = ThreadPoolExecutor(max_workers=WRITERS)
lock = threading.Lock()
enc_key = None  # [aead, blob, key_id, created, uses]
dec_keys = {}   # blob -> (aead, created)


class RequestError(Exception):
    pass


def uvarint(n):
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def aad(token, cctx):
    b = b"tokenvault/v1\x00"
    for part in (TABLE.encode(), token.encode(), cctx):
        b += uvarint(len(part)) + part
    return b


def encryption_key():
    global enc_key
    with lock:
        now = time.monotonic()
        if enc_key is None or now - enc_key[3] >= MAX_AGE or enc_key[4] >= MAX_USES:
            out = kms.generate_data_key(KeyId=KEY_ARN, KeySpec="AES_256", EncryptionContext=KMS_CONTEXT)
            enc_key = [AESGCM(out["Plaintext"]), out["CiphertextBlob"], out["KeyId"], now, 0]
        enc_key[4] += 1
        return enc_key


def new_token():
    return "tok_" + base64.urlsafe_b64encode(os.urandom(18)).decode()


def seal(token, value, cctx):
    aead, blob, key_id, _, _ = encryption_key()
    nonce = os.urandom(12)
    ct = b"\x01" + nonce + aead.encrypt(nonce, value.encode(), aad(token, cctx))
    return {"token": {"S": token}, "ciphertext": {"B": ct}, "dataKey": {"B": blob}, "keyId": {"S": key_id},
            "context": {"S": cctx.decode()},
            "created": {"S": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}}


def put(token, value, item, cctx):
    for attempt in range(1, 4):
        try:
            ddb.put_item(TableName=TABLE, Item=item, ConditionExpression="attribute_not_exists(#t)",
                         ExpressionAttributeNames={"#t": "token"})
            return token
        except ClientError as e:
            if e.response["Error"]["Code"] != "ConditionalCheckFailedException" or attempt == 3:
                raise
        token = new_token()  # a random token that exists: draw again, seal again
        item = seal(token, value, cctx)
    raise RuntimeError("random token collided 3 times")


def parse(event):
    if not isinstance(event, dict) or set(event) - {"op", "values", "tokens", "context"}:
        raise RequestError("not a request object")
    ctx = event.get("context") or {}
    if not isinstance(ctx, dict) or len(ctx) > 8 or not all(
            isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= 64 and len(v.encode()) <= 256
            for k, v in ctx.items()):
        raise RequestError("context: at most 8 string entries")
    op = event.get("op")
    if op != MODE:
        raise RequestError(f"this function only does {MODE!r}")
    items = event.get("values" if op == "tokenize" else "tokens")
    if not isinstance(items, list) or not 0 < len(items) <= MAX_VALUES:
        raise RequestError(f"1 to {MAX_VALUES} elements")
    for i, v in enumerate(items):
        if not isinstance(v, str) or not 0 < len(v.encode()) <= MAX_VALUE_BYTES:
            raise RequestError(f"element {i}: 1 to {MAX_VALUE_BYTES} bytes of UTF-8")
    cctx = json.dumps(ctx, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() if ctx else b"{}"
    return op, items, cctx


def tokenize(values, cctx):
    sealed = []
    for v in values:
        t = new_token()
        sealed.append((t, v, seal(t, v, cctx)))
    return list(pool.map(lambda s: put(s[0], s[1], s[2], cctx), sealed))


def detokenize(tokens, cctx):
    keys = [{"token": {"S": t}} for t in dict.fromkeys(tokens)]
    req = {TABLE: {"Keys": keys, "ConsistentRead": True, "ProjectionExpression": "#t, #c, #k, #x",
                   "ExpressionAttributeNames": {"#t": "token", "#c": "ciphertext", "#k": "dataKey", "#x": "context"}}}
    found = {}
    for attempt in range(6):
        out = ddb.batch_get_item(RequestItems=req)
        for it in out["Responses"].get(TABLE, []):
            found[it["token"]["S"]] = it
        req = out.get("UnprocessedKeys") or {}
        if not req:
            break
        time.sleep(0.02 * 2 ** attempt)
    values, not_found = [], []
    for i, t in enumerate(tokens):
        it = found.get(t)
        if it is None or it["context"]["S"] != cctx.decode():
            values.append(None)
            not_found.append(i)
            continue
        blob = it["dataKey"]["B"]
        with lock:
            hit = dec_keys.get(blob)
            if hit is None or time.monotonic() - hit[1] >= MAX_AGE:
                out = kms.decrypt(CiphertextBlob=blob, KeyId=KEY_ARN, EncryptionContext=KMS_CONTEXT)
                hit = dec_keys[blob] = (AESGCM(out["Plaintext"]), time.monotonic())
        ct = it["ciphertext"]["B"]
        if len(ct) < 29 or ct[0] != 1:
            raise ValueError("vault item failed authentication")
        values.append(hit[0].decrypt(ct[1:13], ct[13:], aad(t, cctx)).decode())
    out = {"values": values}
    if not_found:
        out["notFound"] = not_found
    return out


def lambda_handler(event, context):
    op, items, cctx = parse(event)
    start = time.monotonic()
    res = {"tokens": tokenize(items, cctx)} if op == "tokenize" else detokenize(items, cctx)
    print(json.dumps({"level": "INFO", "msg": op, "count": len(items),
                      "ms": int((time.monotonic() - start) * 1000)}))
    return res
