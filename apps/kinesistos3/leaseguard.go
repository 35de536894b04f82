package main

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/vmware/vmware-go-kcl-v2/clientlibrary/checkpoint"
)

// leaseGuard wraps the lease table client used by the KCL so that a
// checkpoint is written only while this worker holds the shard's lease.
//
// The KCL writes a checkpoint as an unconditional PutItem of the whole lease
// item. A worker whose lease expired (a long GC pause, a slow S3 retry) would
// then overwrite the item a new owner has taken: the checkpoint could move
// backwards and AssignedTo would name a worker that no longer reads the
// shard. With the guard, such a write fails with ConditionalCheckFailed,
// which the processor reports as lease loss.
type leaseGuard struct {
	checkpoint.DynamoDBAPI
}

func (g leaseGuard) PutItem(ctx context.Context, in *dynamodb.PutItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	if in.ConditionExpression == nil {
		if owner, ok := in.Item[checkpoint.LeaseOwnerKey].(*types.AttributeValueMemberS); ok {
			if _, isCheckpoint := in.Item[checkpoint.SequenceNumberKey]; isCheckpoint {
				guarded := *in
				cond := "#owner = :owner"
				guarded.ConditionExpression = &cond
				guarded.ExpressionAttributeNames = map[string]string{"#owner": checkpoint.LeaseOwnerKey}
				guarded.ExpressionAttributeValues = map[string]types.AttributeValue{":owner": &types.AttributeValueMemberS{Value: owner.Value}}
				in = &guarded
			}
		}
	}
	return g.DynamoDBAPI.PutItem(ctx, in, optFns...)
}

// isLeaseLost tells whether a checkpoint error means another worker owns the shard.
func isLeaseLost(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}
