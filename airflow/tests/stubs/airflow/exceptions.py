class AirflowException(Exception):
    """Task failure that Airflow retries."""


class AirflowFailException(AirflowException):
    """Task failure that Airflow does not retry."""
