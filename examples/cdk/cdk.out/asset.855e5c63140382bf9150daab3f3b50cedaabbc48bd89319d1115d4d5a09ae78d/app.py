"""GET /status on the REST API: answers with the stage, the resource, the
function's own name and memory, and a header sent twice."""

import json
import os


def handler(event, context):
    body = {
        "status": "ok",
        "stage": event["requestContext"]["stage"],
        "resource": event["resource"],
        "path": event["path"],
        "function": context.function_name,
        "memory": os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"],
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "multiValueHeaders": {"x-ldk-check": ["a", "b"]},
        "body": json.dumps(body, separators=(",", ":"), sort_keys=True),
    }
