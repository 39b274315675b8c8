"""GET /search on the REST API: echoes the query string as API Gateway passes
it, once with the last value of each key and once with every value."""

import json


def handler(event, context):
    body = {
        "single": event["queryStringParameters"],
        "multi": event["multiValueQueryStringParameters"],
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body, separators=(",", ":"), sort_keys=True),
    }
