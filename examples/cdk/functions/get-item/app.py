"""GET /items/{id} on the HTTP API: echoes the path parameter and the table
name the stack put in the environment."""

import json
import os


def handler(event, context):
    body = {"id": event["pathParameters"]["id"], "table": os.environ["TABLE_NAME"]}
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body, separators=(",", ":"), sort_keys=True),
    }
