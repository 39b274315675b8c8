def handler(event, context):
    return {"where": __name__}
