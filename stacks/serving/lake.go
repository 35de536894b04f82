package serving

import (
	"github.com/cdk-data-patterns/patterns/constructs/datasynctask"
	"github.com/cdk-data-patterns/patterns/constructs/firehosetos3"
	"github.com/cdk-data-patterns/patterns/constructs/ttltable"
)

// sessions adds STO-02: the web sessions table, whose items expire by TTL
// (expiresAt), with every change (TTL deletions included, told apart by
// userIdentity) streamed through Kinesis and Firehose into the lake under
// dynamodb-changes/.
func (s *Stack) sessions(cfg SessionsConfig, lake *Lake) {
	p := &ttltable.Props{Lake: &firehosetos3.Props{ExistingBucket: lake.Bucket}}
	if cfg.MaxReadCapacity > 0 {
		p.Provisioned = &ttltable.Provisioned{
			MinReadCapacity: 1, MaxReadCapacity: cfg.MaxReadCapacity,
			MinWriteCapacity: 1, MaxWriteCapacity: cfg.MaxWriteCapacity,
		}
	}
	s.Sessions = ttltable.New(s.Stack, "Sessions", p)
}

// dataSync adds ING-23: the NFS export, read through the agents, copied
// into the lake under raw/datasync/ every night with verification of the
// files transferred and the bandwidth cap.
func (s *Stack) dataSync(cfg DataSyncConfig, lake *Lake) {
	s.DataSync = datasynctask.New(s.Stack, "DataSync", &datasynctask.Props{
		AgentArns:      cfg.AgentArns,
		NFS:            &datasynctask.NFS{ServerHostname: cfg.NfsServer, Subdirectory: cfg.Subdirectory},
		LakeBucket:     lake.Bucket,
		BytesPerSecond: cfg.BytesPerSecond,
	})
}
