// Command ldk-compute-subprocess is ldk's default compute backend: it runs
// each Lambda function as worker processes on this machine, which speak the
// Lambda Runtime API to the plugin on 127.0.0.1.
//
// # Runtimes
//
// nodejs18.x to nodejs24.x run with the machine's node, and
// python3.9 to python3.14 with its python3, through the runtime clients of
// package bootstrap; when the machine's version is not the one a function
// asks for, the backend warns once per runtime and runs it anyway.
// provided.al2 and provided.al2023 run the code's own bootstrap executable,
// so a Go or Rust function built for Lambda runs unchanged. Container image
// functions are refused (the docker backend runs them).
//
// # Workers
//
// A worker is one process with its own Runtime API endpoint (package
// compute/runtimeapi) and serves one invocation at a time. It stays warm
// between invocations, so module state survives; parallel invocations get
// parallel workers (the host caps how many); an idle worker stops after the
// function's IdleTTL, 5 minutes by default. Workers start on the first
// invocation, not at Start. Each runs in its own process group, so a
// timeout kills everything it started, and on Linux the kernel kills it if
// the plugin dies. What a worker started dies with the plugin too: the
// plugin runs a guard process (this binary again, see guard.go) that holds
// the process group of every live worker and kills those groups as soon
// as the plugin is gone, SIGKILL included. A worker that exits takes its
// group with it. Starting a function again replaces it: idle workers stop
// at once, busy ones when their invocation ends.
//
// Environment: the function's own (the host resolves the AWS_* variables),
// plus AWS_LAMBDA_RUNTIME_API, NODE_PATH or PYTHONPATH with the layers'
// directories, layers' bin directories on PATH, and defaults for PATH,
// LAMBDA_TASK_ROOT, _HANDLER, LAMBDA_RUNTIME_DIR, TZ and LANG when the
// host did not set them. Python byte code is cached outside the code, in
// ldk/pycache under the user's cache directory (~/.cache/ldk/pycache on
// Linux), shared by every run: the standard library is compiled once, not
// at each run's first python cold start.
//
// # Results and failures
//
// A handler's answer is the payload; a handler error is ErrorType
// "Unhandled" with the runtime's error document. Failures of the sandbox
// carry their own ErrorType, and their documents are shaped as Lambda's:
//
//   - an init failure: the runtime's type (Runtime.ImportModuleError,
//     Runtime.HandlerNotFound, Runtime.UserCodeSyntaxError, …); the
//     worker is dropped and the next invocation tries a fresh one;
//   - the deadline passing: the process group is killed and the answer is
//     Sandbox.Timedout, "RequestId: <id> Error: Task timed out after N.NN
//     seconds", N.NN being the function's timeout;
//   - the worker exiting or being killed: Runtime.ExitError, "RequestId:
//     <id> Error: Runtime exited with error: exit status 1" (or "signal:
//     killed");
//   - the worker's processes holding more than the memory ceiling: the
//     worker is killed and the answer is Runtime.OutOfMemory, "RequestId:
//     <id> Error: Runtime exited with error: signal: killed". The ceiling
//     is not the function's memory size (using more than that only earns
//     a warning, once per function) but a guard for the machine: half its
//     memory, or LDK_SUBPROCESS_MEMORY_CEILING_MB (0 turns it off).
//
// The invocation's deadline counts from when the host sent it, so a cold
// start's init time counts against it. A warm worker that died while idle
// is replaced without the caller noticing: the invocation runs on a fresh
// worker.
//
// # Logs
//
// A worker's stdout and stderr are read line by line and never mix with the
// result. Each line goes to the host as a compute.LogRecord tagged with the
// function and the request it was written during, and into the
// invocation's log tail, of which InvokeResult.LogTail keeps the last 4 KB.
// Lambda's lines frame each invocation: START when the worker takes it (so
// a cold start's init output comes first), then END and a tab-separated
// REPORT with duration, billed duration, memory size, max memory used
// (the peak resident memory of the worker's process tree, package
// compute/procstat) and init duration on a cold start. Output written
// between invocations keeps the previous request's id.
//
// A host that reads records slower than functions write them slows the
// functions down (their writes block) instead of losing lines; one record
// waits at most a second, after which the host counts as stalled and
// records are dropped until it reads again. An invocation that lost lines
// says how many in a platform line before its END line.
package main
