"""Handlers that exercise the python runtime client and the backend."""
import os
import sys
import time

count = 0


def counter(event, context):
    global count
    count += 1
    return {"count": count, "pid": os.getpid()}


def sleep(event, context):
    time.sleep(event["ms"] / 1000)
    return {"pid": os.getpid()}


def exit(event, context):
    if event.get("crash"):
        print("about to exit")
        sys.exit(3)
    return {"pid": os.getpid()}


def raises(event, context):
    raise ValueError("bad value")


def unserializable(event, context):
    return {"s": {1, 2}} if event.get("bad") else {"ok": True}


def ctx(event, context):
    return {
        "aws_request_id": context.aws_request_id,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "invoked_function_arn": context.invoked_function_arn,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining_ok": 0 < context.get_remaining_time_in_millis() <= 60000,
        "client_custom": context.client_context.custom if context.client_context else None,
        "cognito_identity_id": context.identity.cognito_identity_id,
        "cwd_is_task_root": os.getcwd() == os.environ["LAMBDA_TASK_ROOT"],
        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
    }


def huge(event, context):
    return "h" * (event["mb"] << 20) if event.get("mb") else {"pid": os.getpid()}
