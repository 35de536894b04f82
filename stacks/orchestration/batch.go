package orchestration

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/manifestbatch"
)

// BatchIncoming and BatchOutput are the lake prefixes of ORC-12's batches:
// producers put files, then <batch>.manifest, under BatchIncoming; the
// merged Parquet file lands under BatchOutput/batch=<batch>/.
const (
	BatchIncoming = "incoming/batches/"
	BatchOutput   = "raw/batches/"
)

// batches is ORC-12 on the lake bucket: a batch starts only when its
// manifest arrives, and never twice for one manifest.
func (s *Stack) batches(lake *Lake) {
	s.Batches = manifestbatch.New(s.Stack, "Batches", &manifestbatch.Props{
		ExistingBucket: lake.Bucket,
		IncomingPrefix: jsii.String(BatchIncoming),
		OutputPrefix:   jsii.String(BatchOutput),
		AlarmTopic:     s.Notices.Topic, AlarmTopicKey: s.Notices.Key,
	})
}
