def handler(event, context):
    return {"doubled": event["n"] * 2, "by": context.function_name}
