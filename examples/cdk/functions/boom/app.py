"""GET /boom on the HTTP API: fails on demand. An event without "fail" (any
HTTP request) raises; invoking it with {"fail": false} returns {"ok": true}."""


def handler(event, context):
    if event.get("fail", True):
        raise RuntimeError("boom on demand")
    return {"ok": True}
