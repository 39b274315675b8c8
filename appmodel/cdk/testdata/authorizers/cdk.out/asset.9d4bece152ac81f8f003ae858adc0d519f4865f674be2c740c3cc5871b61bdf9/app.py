"""A REST REQUEST authorizer: query key "let-me-in" is allowed, any other
is denied. The context carries what the authorizer's event held."""


def handler(event, context):
    key = (event.get("queryStringParameters") or {}).get("key")
    user = (event.get("headers") or {}).get("X-User")
    effect = "Allow" if key == "let-me-in" else "Deny"
    return {
        "principalId": user,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": event["methodArn"]}],
        },
        "context": {
            "type": event["type"],
            "methodArn": event["methodArn"],
            "resource": event["resource"],
            "path": event["path"],
            "stage": event["requestContext"]["stage"],
            "hasBody": "body" in event,
            "user": user,
        },
    }
