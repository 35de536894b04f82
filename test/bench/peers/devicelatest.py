"""Python peer of functions/devicelatest (catalogue ING-12, kds-lambda-consumer-esm). The notes
(seed 001) give only the handler's loop:

    def lambda_handler(event, context):
        for record in event['Records']:
            payload = base64.b64decode(record['kinesis']['data'])
            process_immediately(payload)

so this is that loop with process_immediately written as an idiomatic Python equivalent of the Go
handler's documented behaviour (functions/devicelatest/doc.go): the shard from eventID, the
sequence number checked to be Kinesis's decimal form, the payload decoded as a producer reading
(id, device, sent_unix_nano), and one boto3 update_item per reading with the same update and
condition expressions (the reading replaces the stored one only if it is later in the stream), a
ConditionalCheckFailedException counting as a stale or duplicate reading. Invalid records are
logged and skipped (INVALID_RECORDS=skip); any other write error reports that record as the only
batch item failure. KPL aggregates are not expanded (the aws-kinesis-agg library is not installed
here; the bench events have none). Same environment variables; the endpoint comes from
AWS_ENDPOINT_URL_DYNAMODB, as for the Go handler."""
import base64
import json
import os
import re
from datetime import datetime, timezone

import boto3
from botocore.exceptions import ClientError

TABLE = os.environ["TABLE_NAME"]
FAIL_INVALID = os.environ.get("INVALID_RECORDS", "skip").strip().lower() == "fail"
SEQUENCE = re.compile(r"0|[1-9][0-9]{0,128}")

UPDATE = "SET #id = :id, #sentAt = :sentAt, #shardId = :shardId, #seq = :seq, #sub = :sub, #updatedAt = :updatedAt"
CONDITION = ("attribute_not_exists(#device)"
             " OR (#shardId = :shardId AND (size(#seq) < :seqLen OR (size(#seq) = :seqLen AND #seq < :seq)"
             " OR (#seq = :seq AND #sub < :sub)))"
             " OR (#shardId <> :shardId AND #sentAt < :sentAt)")
NAMES = {"#device": "device", "#id": "id", "#sentAt": "sentAt", "#shardId": "shardId",
         "#seq": "sequenceNumber", "#sub": "subSequence", "#updatedAt": "updatedAt"}

ddb = boto3.client("dynamodb")


class Invalid(Exception):
    pass


def reading(payload):
    if not payload:
        raise Invalid("user record is empty")
    try:
        r = json.loads(payload)
    except ValueError as e:
        raise Invalid(f"not a JSON reading: {e}")
    device = r.get("device") if isinstance(r, dict) else None
    if not isinstance(device, str) or not device:
        raise Invalid("reading has no device")
    if len(device.encode()) > 256:
        raise Invalid("device is too long")
    return str(r.get("id", "")), device, int(r.get("sent_unix_nano", 0))


def write(rid, device, sent_at, shard, seq, now):
    try:
        ddb.update_item(
            TableName=TABLE, Key={"device": {"S": device}}, UpdateExpression=UPDATE,
            ConditionExpression=CONDITION, ExpressionAttributeNames=NAMES,
            ExpressionAttributeValues={
                ":id": {"S": rid}, ":sentAt": {"N": str(sent_at)}, ":shardId": {"S": shard},
                ":seq": {"S": seq}, ":seqLen": {"N": str(len(seq))}, ":sub": {"N": "0"},
                ":updatedAt": {"S": now},
            })
        return True
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return False
        raise


def lambda_handler(event, context):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    counts = {"records": len(event["Records"]), "written": 0, "stale_or_duplicate": 0, "invalid": 0}
    for record in event["Records"]:
        seq = record["kinesis"]["sequenceNumber"]
        try:
            shard, sep, _ = record["eventID"].partition(":")
            if not sep or not shard or not SEQUENCE.fullmatch(seq):
                raise Invalid("bad eventID or sequence number")
            payload = base64.b64decode(record["kinesis"]["data"])
            rid, device, sent_at = reading(payload)
        except Invalid as e:
            counts["invalid"] += 1
            print(json.dumps({"level": "WARN", "msg": "invalid record", "reason": str(e), "sequence_number": seq}))
            if FAIL_INVALID:
                return {"batchItemFailures": [{"itemIdentifier": seq}]}
            continue
        try:
            written = write(rid, device, sent_at, shard, seq, now)
        except Exception as e:  # throttling after retries, access: report and stop
            print(json.dumps({"level": "ERROR", "msg": "batch", "failed_at": seq, "error": str(e), **counts}))
            return {"batchItemFailures": [{"itemIdentifier": seq}]}
        counts["written" if written else "stale_or_duplicate"] += 1
    print(json.dumps({"level": "INFO", "msg": "batch", **counts}))
    return {"batchItemFailures": []}
