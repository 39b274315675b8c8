"""The classic way to run a handler: one fresh python3 process per
invocation, the event as JSON on stdin, the result as JSON on stdout.

With "--own N" it instead calls the handler N times with the event and
prints the median time of one call in nanoseconds: the handler's own time,
measured inside the process."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from index import handler  # noqa: E402


class Context:
    function_name = "classic"
    aws_request_id = "classic"


def main():
    raw = sys.stdin.read()
    event = json.loads(raw) if raw else {}
    if len(sys.argv) == 3 and sys.argv[1] == "--own":
        n = int(sys.argv[2])
        times = []
        for _ in range(n):
            t0 = time.perf_counter_ns()
            handler(event, Context())
            times.append(time.perf_counter_ns() - t0)
        times.sort()
        sys.stdout.write(str(times[n // 2]) + "\n")
        return
    sys.stdout.write(json.dumps(handler(event, Context())))


main()
