import time

# Module-level work that takes longer than the function's 1 s timeout.
time.sleep(1.5)


def handler(event, context):
    return {"ok": True, "remaining_positive": context.get_remaining_time_in_millis() > 0}
