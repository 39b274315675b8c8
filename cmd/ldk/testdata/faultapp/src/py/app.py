"""Misbehaves as the event asks, like the node twin."""
import os
import sys
import time


def _action(event):
    q = event.get("queryStringParameters") or {}
    return q.get("do") or event.get("do") or "ok"


def handler(event, context):
    what = _action(event)
    if what == "exit":
        sys.exit(1)
    if what == "alloc":
        mb = int(event.get("mb") or (event.get("queryStringParameters") or {}).get("mb") or 1536)
        blocks = [b"\x01" * (1 << 20) for _ in range(mb)]
        return {"allocatedMB": len(blocks)}
    if what == "sleep":
        time.sleep(0.05)
        return {"slept": True}
    if what == "fail":
        raise ValueError("asked to fail")
    if what == "pid":
        return {"pid": os.getpid()}
    if event.get("requestContext"):
        return {"statusCode": 200, "body": '{"ok": true, "py": true}'}
    return {"ok": True, "greeting": os.environ.get("GREETING")}
