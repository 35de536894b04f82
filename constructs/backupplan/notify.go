package backupplan

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/internal/keys"
)

// DefaultNotificationEvents are the vault events sent to the topic: the
// events AWS Backup still emits that can report a failure. BACKUP_JOB_FAILED
// (which the notes and many examples name) is deprecated and never sent: a
// failed backup job arrives as BACKUP_JOB_COMPLETED with the message
// attribute State = FAILED (or ABORTED, EXPIRED); subscribe with
// FailedJobsFilter to receive only those.
var DefaultNotificationEvents = []string{
	"BACKUP_JOB_COMPLETED",
	"COPY_JOB_FAILED",
	"RESTORE_JOB_COMPLETED",
	"S3_BACKUP_OBJECT_FAILED",
	"S3_RESTORE_OBJECT_FAILED",
}

// FailedJobsFilter is a subscription filter policy that drops the
// notifications of jobs whose State attribute is COMPLETED (successful
// backups and restores) and keeps the others (FAILED, ABORTED, EXPIRED, and
// the copy and S3 object failures, which carry no COMPLETED state). Use it
// as awssns.SubscriptionProps.FilterPolicy or in a subscription's props.
func FailedJobsFilter() *map[string]awssns.SubscriptionFilter {
	return &map[string]awssns.SubscriptionFilter{
		"State": awssns.SubscriptionFilter_StringFilter(&awssns.StringConditions{
			Denylist: jsii.Strings("COMPLETED"),
		}),
	}
}

// notifications creates the encrypted topic unless one is given. The vault
// (BackupVault's NotificationTopic) grants backup.amazonaws.com sns:Publish
// on the topic and, for a key of this app, kms:Decrypt and
// kms:GenerateDataKey* on its key.
func (plan *Plan) notifications(p *Props) {
	if p.NotificationTopic != nil {
		plan.Topic = p.NotificationTopic
		return
	}
	key := keys.New(plan.Construct, "TopicKey", "Encrypts the AWS Backup notifications topic "+*plan.Node().Path()+"/Topic", nil)
	plan.TopicKey = key
	plan.Topic = awssns.NewTopic(plan.Construct, jsii.String("Topic"), &awssns.TopicProps{
		MasterKey:  key,
		EnforceSSL: jsii.Bool(true),
	})
}
