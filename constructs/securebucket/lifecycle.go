package securebucket

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"
)

// lifecycleRules returns the user's own BucketProps rules followed by the
// rules from l: one rule that aborts incomplete uploads (and expires
// noncurrent versions when asked), and one rule, limited to l.Prefix, that
// holds every transition and the expiration.
func lifecycleRules(l *Lifecycle, own *[]*awss3.LifecycleRule) *[]*awss3.LifecycleRule {
	var rules []*awss3.LifecycleRule
	if own != nil {
		rules = append(rules, *own...)
	}
	if l == nil {
		l = &Lifecycle{}
	}
	abort := l.AbortIncompleteUploadsAfter
	if abort == nil {
		abort = awscdk.Duration_Days(jsii.Number(7))
	}
	rules = append(rules, &awss3.LifecycleRule{
		Id:                                  jsii.String("abort-incomplete-uploads"),
		Enabled:                             jsii.Bool(true),
		AbortIncompleteMultipartUploadAfter: abort,
		NoncurrentVersionExpiration:         l.NoncurrentVersionExpiration,
	})
	var transitions []*awss3.Transition
	add := func(after awscdk.Duration, class awss3.StorageClass) {
		if after != nil {
			transitions = append(transitions, &awss3.Transition{StorageClass: class, TransitionAfter: after})
		}
	}
	add(l.InfrequentAccessAfter, awss3.StorageClass_INFREQUENT_ACCESS())
	add(l.GlacierAfter, awss3.StorageClass_GLACIER())
	add(l.DeepArchiveAfter, awss3.StorageClass_DEEP_ARCHIVE())
	if len(transitions) > 0 || l.Expiration != nil {
		r := &awss3.LifecycleRule{
			Id:         jsii.String("tiering"),
			Enabled:    jsii.Bool(true),
			Prefix:     l.Prefix,
			Expiration: l.Expiration,
		}
		if len(transitions) > 0 {
			r.Transitions = &transitions
		}
		rules = append(rules, r)
	}
	return &rules
}
