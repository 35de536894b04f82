"""Minimal stand-in for Apache Airflow, enough to import and inspect DAG files.

Only what the shipped DAGs use exists here (the Airflow 3 task SDK names, the
standard provider's Python operator and sensor, the Amazon provider's
AwsBaseHook and RedshiftDataOperator), with the real constructors' keyword
arguments: a DAG that passes an argument the real class does not take fails
here too. Operators record their arguments; ">>" records dependencies.
"""
