"""Echo handler: returns the event unchanged. Through runtime.py it measures the Python
runtime loop's own ceiling (json.loads of the event, json.dumps of the result, HTTP)."""


def lambda_handler(event, context):
    return event
