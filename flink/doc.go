// Package flink holds the runtime code of the Managed Service for Apache
// Flink applications (constructs/flinkapp): PyFlink jobs in jobs/, zipped
// whole into each application (one entry file per application), their
// unittest suite in tests/ against the PyFlink fakes of tests/stubs (PyPI
// is not reachable here), and connectors/, the Maven build of the shaded
// connector jar the Python applications load (jobs/lib/flink-connectors.jar,
// not in the repository).
//
//   - jobs/weblogs.py (catalogue ING-19): Kinesis web-server logs -> parse
//     -> one-minute windows per host and status -> OpenSearch.
//   - jobs/anomaly.py and jobs/rcf.py (catalogue ETL-19): a Random Cut
//     Forest per sensor in keyed state -> anomalies to a Kinesis stream.
//
// `go test ./flink/` compiles every script and runs the suite.
package flink
