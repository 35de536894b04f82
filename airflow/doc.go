// Package airflow holds the Apache Airflow DAGs this library ships for
// Amazon MWAA (catalogue ORC-09) and their tests; it has no Go code of its
// own.
//
//	dags/lake_nightly.py  ORC-09  Glue workflow of the lake -> wait -> Redshift Data API statement
//
// The mwaa construct uploads dags/ to the environment's DAG bucket
// (mwaa.Props.DagsDirectory) together with dag_config.json
// (mwaa.Props.DagConfig), from which the DAG reads the names of what it
// runs; an Airflow Variable lake_<key> overrides each. The DAG runs on
// Airflow 3.0.6 (the mwaa default) and 2.11.0: it imports the Airflow 3
// task SDK and standard provider first and falls back to the Airflow 2
// modules; it needs no requirements.txt (the Amazon provider is bundled).
//
// tests/ imports the DAG under Python's unittest against small stand-ins of
// the Airflow modules it uses (tests/stubs: they take the real
// constructors' keyword arguments and record tasks, dependencies and
// template fields), then checks the DAG's structure (task ids, order,
// retries, schedule, catchup off) and its callables against a fake Glue
// client. airflow_test.go compiles every DAG and runs that suite, so
// `go test ./airflow/` covers them; it needs python3.
package airflow
