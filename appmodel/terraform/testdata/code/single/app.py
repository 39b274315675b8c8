def handler(e, c): return "single"
