package main

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Table is the part of the DynamoDB API the function calls.
type Table interface {
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
}

// updateExpression writes every attribute but the key (UpdateItem creates
// the item with its key when it does not exist).
const updateExpression = "SET #id = :id, #sentAt = :sentAt, #shardId = :shardId, #seq = :seq, #sub = :sub, #updatedAt = :updatedAt"

// conditionExpression lets a reading replace the stored one only when it is
// later in the stream (see doc.go):
//
//   - no item yet;
//   - same shard: a greater (sequence number, sub-sequence) pair. Sequence
//     numbers are decimal strings without leading zeros, so "greater" is a
//     longer string, or one as long and greater as text (DynamoDB compares
//     strings by their UTF-8 bytes, the digits' order);
//   - another shard (after a reshard, sequence numbers are not comparable
//     across shards): a later producer timestamp.
//
// An equal position is not later: a redelivered record fails the condition.
const conditionExpression = "attribute_not_exists(#device)" +
	" OR (#shardId = :shardId AND (size(#seq) < :seqLen OR (size(#seq) = :seqLen AND #seq < :seq) OR (#seq = :seq AND #sub < :sub)))" +
	" OR (#shardId <> :shardId AND #sentAt < :sentAt)"

// attributeNames maps the expressions' placeholders to the item's
// attributes. It is shared by every request and never modified.
var attributeNames = map[string]string{
	"#device":    "device",
	"#id":        "id",
	"#sentAt":    "sentAt",
	"#shardId":   "shardId",
	"#seq":       "sequenceNumber",
	"#sub":       "subSequence",
	"#updatedAt": "updatedAt",
}

// updatedAtLayout is RFC 3339 in UTC with milliseconds, fixed width.
const updatedAtLayout = "2006-01-02T15:04:05.000Z07:00"

// writeLatest stores r at pos as the device's latest reading unless the
// table already holds a reading at or after pos. It returns false, with no
// error, when the condition kept the stored reading.
func writeLatest(ctx context.Context, t Table, table string, r Reading, pos Position, now time.Time) (bool, error) {
	_, err := t.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(table),
		Key:                      map[string]types.AttributeValue{"device": &types.AttributeValueMemberS{Value: r.Device}},
		UpdateExpression:         aws.String(updateExpression),
		ConditionExpression:      aws.String(conditionExpression),
		ExpressionAttributeNames: attributeNames,
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":id":        &types.AttributeValueMemberS{Value: r.ID},
			":sentAt":    &types.AttributeValueMemberN{Value: strconv.FormatInt(r.SentAt, 10)},
			":shardId":   &types.AttributeValueMemberS{Value: pos.ShardID},
			":seq":       &types.AttributeValueMemberS{Value: pos.SequenceNumber},
			":seqLen":    &types.AttributeValueMemberN{Value: strconv.Itoa(len(pos.SequenceNumber))},
			":sub":       &types.AttributeValueMemberN{Value: strconv.Itoa(pos.SubSequence)},
			":updatedAt": &types.AttributeValueMemberS{Value: now.UTC().Format(updatedAtLayout)},
		},
	})
	var stale *types.ConditionalCheckFailedException
	if errors.As(err, &stale) {
		return false, nil
	}
	return err == nil, err
}
