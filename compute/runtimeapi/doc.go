// Package runtimeapi serves the Lambda Runtime API to one worker process.
//
// Every Lambda runtime, from the node and python shims in package bootstrap
// to a provided.al2023 bootstrap binary written in Go or Rust, talks to its
// host through the Runtime API: it polls GET /2018-06-01/runtime/invocation/next
// for an event, then posts the result to .../invocation/{id}/response or
// .../invocation/{id}/error, or reports a failed start to .../init/error.
//
// An Endpoint is that API for exactly one worker. Each Endpoint listens on
// its own loopback port, so a worker's AWS_LAMBDA_RUNTIME_API is a plain
// "127.0.0.1:port" as on Lambda (runtime clients that build URLs from the
// host and port alone keep working; a path prefix would break them). A
// backend starts a worker with Addr in its environment and hands it
// invocations with Invoke, which returns when the worker answers:
//
//	ep, err := runtimeapi.Listen()
//	// start the worker with AWS_LAMBDA_RUNTIME_API=ep.Addr()
//	resp, err := ep.Invoke(ctx, runtimeapi.Invocation{RequestID: id, Payload: event, Deadline: d})
//
// Invoke never decides about timeouts or crashes: the caller owns the
// worker process and cancels ctx when the deadline passes or the process
// exits, then maps that to Sandbox.Timedout or Runtime.ExitError. Status
// codes and error bodies returned to the worker follow the real Runtime
// API (202 {"status":"OK"}, 400 InvalidRequestID, 403
// InvalidStateTransition, 413 RequestEntityTooLarge).
//
// The package is public so that third-party compute backends can run
// Lambda runtimes the way the built-in ones do.
package runtimeapi
