"""The context object handed to python handlers."""

import json
import os
import time


class CognitoIdentity:
    """The caller's Amazon Cognito identity, from Lambda-Runtime-Cognito-Identity."""

    def __init__(self, doc):
        doc = doc or {}
        self.cognito_identity_id = doc.get("cognitoIdentityId")
        self.cognito_identity_pool_id = doc.get("cognitoIdentityPoolId")


class Client:
    """The mobile client of a client context."""

    def __init__(self, doc):
        self.installation_id = doc.get("installation_id")
        self.app_title = doc.get("app_title")
        self.app_version_name = doc.get("app_version_name")
        self.app_version_code = doc.get("app_version_code")
        self.app_package_name = doc.get("app_package_name")


class ClientContext:
    """The client context, from Lambda-Runtime-Client-Context."""

    def __init__(self, doc):
        self.client = Client(doc["client"]) if doc.get("client") else None
        self.custom = doc.get("custom")
        self.env = doc.get("env")


def _json(text):
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class LambdaContext:
    """What python handlers receive as their second argument."""

    def __init__(self, header):
        self._deadline_ms = int(header("Lambda-Runtime-Deadline-Ms") or 0)
        self.aws_request_id = header("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = header("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") or 0)
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        client_context = _json(header("Lambda-Runtime-Client-Context"))
        self.client_context = ClientContext(client_context) if client_context else None
        self.identity = CognitoIdentity(_json(header("Lambda-Runtime-Cognito-Identity")))

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)
