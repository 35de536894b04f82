// Command redshiftsql is the onEvent handler of the warehouse's SQL custom
// resource: at deployment it applies the warehouse's SQL (tables, the daily
// procedure, users, grants, masking policies, the Spectrum schema) through
// the Redshift Data API and waits for it, so that a failing statement fails
// the deployment with Redshift's message instead of surfacing later in a
// load or a schedule.
//
// Properties: Target {ClusterIdentifier | WorkgroupName, SecretArn,
// Database} and Sets, a list of statement lists. Each set runs as one
// BatchExecuteStatement (one transaction), in order; a set of one
// statement runs with ExecuteStatement, outside a transaction block, which
// statements such as CREATE EXTERNAL SCHEMA need. Create and Update apply every set (the SQL is written to be
// re-runnable: IF NOT EXISTS, CREATE OR REPLACE); Delete does nothing — the
// warehouse keeps its objects and data. The physical id is a hash of the
// SQL, so changing the SQL applies it again — unless Once is "true": then
// the SQL runs at creation only (statements such as CREATE ROLE cannot run
// twice) and an update keeps the resource without running anything.
package main
