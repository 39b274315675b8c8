"""ldk's runtime client for python.

Loads the handler named by _HANDLER ("package.module.function", "/" allowed
in the module path) from LAMBDA_TASK_ROOT and loops on the Lambda Runtime
API at AWS_LAMBDA_RUNTIME_API, one invocation at a time.
"""

import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

from ldk_context import LambdaContext


class RuntimeFault(Exception):
    """An error the runtime reports under one of Lambda's Runtime.* types."""

    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


class RuntimeAPI:
    """A keep-alive client of the Runtime API."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port))

    def call(self, method, path, body=None, headers=None):
        hdrs = {"Content-Type": "application/json"}
        hdrs.update(headers or {})
        try:
            self.conn.request(method, "/2018-06-01/runtime" + path, body=body, headers=hdrs)
            resp = self.conn.getresponse()
            return resp, resp.read()
        except (http.client.HTTPException, OSError):
            # A connection the backend dropped (after refusing an
            # oversized answer, say) is opened again for the next call.
            self.conn.close()
            if method == "GET":
                raise
            return None, b""

    def post_error(self, path, doc):
        self.call("POST", path, json.dumps(doc).encode(),
                  {"Lambda-Runtime-Function-Error-Type": doc["errorType"]})


def error_doc(err, request_id, tb=None):
    """Renders an exception as the python runtime does."""
    error_type = getattr(err, "error_type", None) or type(err).__name__
    trace = traceback.format_list(traceback.extract_tb(tb)) if tb is not None else []
    return {"errorMessage": str(err), "errorType": error_type,
            "requestId": request_id, "stackTrace": trace}


def log_error(doc):
    lines = ["[ERROR] %s: %s" % (doc["errorType"], doc["errorMessage"])]
    if doc["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(s.rstrip("\n") for s in doc["stackTrace"])
    print("\n".join(lines), flush=True)


def load_handler(handler):
    """Imports the module of handler and returns its function."""
    try:
        module_name, func_name = handler.rsplit(".", 1)
    except ValueError as err:
        raise RuntimeFault("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler, err))
    module_name = module_name.replace("/", ".")

    try:
        module = importlib.import_module(module_name)
    except ImportError as err:
        raise RuntimeFault("Runtime.ImportModuleError",
                           "Unable to import module '%s': %s" % (module_name, err))
    except SyntaxError as err:
        raise RuntimeFault("Runtime.UserCodeSyntaxError",
                           "Syntax error in module '%s': %s" % (module_name, err))

    func = getattr(module, func_name, None)
    if not callable(func):
        raise RuntimeFault("Runtime.HandlerNotFound",
                           "Handler '%s' missing on module '%s'" % (func_name, module_name))
    return func


class RequestIdFilter(logging.Filter):
    """Adds the current request id to log records."""

    request_id = ""

    def filter(self, record):
        record.aws_request_id = RequestIdFilter.request_id
        return True


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
        "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


def invoke_once(api, func):
    resp, body = api.call("GET", "/invocation/next")
    request_id = resp.getheader("Lambda-Runtime-Aws-Request-Id")
    RequestIdFilter.request_id = request_id
    trace = resp.getheader("Lambda-Runtime-Trace-Id")
    if trace:
        os.environ["_X_AMZN_TRACE_ID"] = trace
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    try:
        event = json.loads(body) if body else None
        result = func(event, LambdaContext(resp.getheader))
    except Exception as err:
        doc = error_doc(err, request_id, err.__traceback__.tb_next)
        log_error(doc)
        api.post_error("/invocation/%s/error" % request_id, doc)
        return

    try:
        payload = json.dumps(result).encode()
    except (TypeError, ValueError) as err:
        doc = error_doc(RuntimeFault("Runtime.MarshalError", "Unable to marshal response: %s" % err),
                        request_id)
        log_error(doc)
        api.post_error("/invocation/%s/error" % request_id, doc)
        return
    api.call("POST", "/invocation/%s/response" % request_id, payload)


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    # The shim's own directory must not shadow user modules.
    sys.path[0] = task_root
    os.chdir(task_root)
    setup_logging()

    api = RuntimeAPI(os.environ["AWS_LAMBDA_RUNTIME_API"])
    try:
        func = load_handler(os.environ.get("_HANDLER", ""))
    except Exception as err:
        doc = error_doc(err, "")
        log_error(doc)
        api.post_error("/init/error", doc)
        sys.exit(1)

    while True:
        invoke_once(api, func)


if __name__ == "__main__":
    main()
