"""An HTTP API authorizer answering with an IAM policy, for payload format
1.0 and 2.0: the X-Token header "allow" is allowed, any other denied."""


def handler(event, context):
    arn = event.get("routeArn") or event.get("methodArn")
    token = (event.get("headers") or {}).get("x-token")
    effect = "Allow" if token == "allow" else "Deny"
    return {
        "principalId": "user-cy",
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Action": "execute-api:Invoke", "Effect": effect, "Resource": arn}],
        },
        "context": {
            "user": "cy",
            "version": event.get("version"),
            "type": event["type"],
            "arn": arn,
            "identitySource": event["identitySource"],
        },
    }
