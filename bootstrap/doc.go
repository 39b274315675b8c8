// Package bootstrap holds ldk's runtime clients for node and python and
// lays them out on disk for a compute backend.
//
// The clients are small programs, embedded in the Go binary, that play the
// part of Lambda's managed runtimes inside a worker: they load the handler
// named by _HANDLER from LAMBDA_TASK_ROOT and loop on the Lambda Runtime API
// at AWS_LAMBDA_RUNTIME_API (see package compute/runtimeapi). A backend
// calls Layout once, then starts each worker as
//
//	node <Paths.Node>       # nodejs18.x … nodejs24.x
//	python3 <Paths.Python>  # python3.9 … python3.14
//
// with the function's environment plus NODE_PATH or PYTHONPATH from
// NodePath and PythonPath.
//
// Node handlers may be CommonJS or ES modules (.mjs, .cjs, or .js under a
// package.json with "type": "module", loaded with import()), in nested
// directories ("api/items.list"), async, promise-returning or callback
// style. ES modules ignore NODE_PATH, so when layers are present the node
// client registers a module resolution hook (module.register) that retries
// unresolved bare specifiers from each layer's node_modules directory, in
// layer order. Python handlers are "package.module.function", with "/"
// accepted in the module path.
//
// Both clients report failures in the shapes of the real runtimes: node
// {"errorType","errorMessage","trace"}, python
// {"errorType","errorMessage","requestId","stackTrace"}; init failures as
// Runtime.ImportModuleError, Runtime.HandlerNotFound,
// Runtime.UserCodeSyntaxError or Runtime.MalformedHandlerName; a result
// that cannot be serialised as Runtime.JSONStringifyError (node) or
// Runtime.MarshalError (python).
package bootstrap
