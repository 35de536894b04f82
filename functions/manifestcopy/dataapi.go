package main

import (
	"github.com/cdk-data-patterns/patterns/functions/internal/redshiftdata"
)

// The Data API runner is shared with the other Redshift functions.
type (
	// DataAPI is the part of the Redshift Data API the function calls.
	DataAPI = redshiftdata.API
	// Warehouse runs statements and waits for them.
	Warehouse = redshiftdata.Runner
	// StatementError is a statement that ended FAILED or ABORTED.
	StatementError = redshiftdata.StatementError
)

// ErrStillRunning: the invocation's time ran out before the statement ended.
var ErrStillRunning = redshiftdata.ErrStillRunning

// Target is where the configuration says statements run.
func (c Config) Target() redshiftdata.Target {
	return redshiftdata.Target{ClusterIdentifier: c.ClusterIdentifier, WorkgroupName: c.WorkgroupName, SecretARN: c.SecretARN, Database: c.Database}
}
